//! The tabs: a list of one register on each (the findings on the Overview), with
//! the pane beside it. One component for all nine, since they share their shape;
//! what differs per tab is a column set (`lists::rows`), a side pane (`widgets`)
//! and a few keys.

mod draw;
mod keys;
mod state;
mod submit;

pub use state::RecordsScreen;
