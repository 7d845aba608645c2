//! Reusable pieces of the screen, each a function that draws from what it is
//! given (and the read-only context): the frame around every screen (tab bar,
//! banner, status lines), a list as a table, the detail pane, the heat map, the
//! crisis roles, the self-check result, the overview pane, a question box.

pub mod bar;
pub mod chrome;
pub mod detail;
pub mod dialog;
pub mod heat_map;
pub mod overview;
pub mod roles;
pub mod selfcheck;
pub mod table;
