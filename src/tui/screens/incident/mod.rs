//! The incident screen: "what now?" without hunting, for one incident or
//! exercise. One file per concept: its state, the layout (a pure function of
//! the size and the state, which also sets the scroll limits), the text of each
//! part, drawing, what the keys do, its forms, and what it says once a change
//! was written.

mod content;
mod draw;
mod forms;
mod keys;
mod layout;
mod state;
mod written;

pub use draw::draw;
pub use forms::{declare as declare_from, declare_form};
pub use state::{IncidentScreen, Pane, shown_now};
pub use written::{declared, write_error};
