//! paraat: a terminal workbook that keeps a cultural organisation ready for a cyber incident.
//!
//! The layers depend downward only: [`model`] (types and the workbook operations as
//! edits, no I/O) ← [`store`] (the folder on disk) ← [`review`] (pure findings) ←
//! [`export`], [`import`], [`response`] (the incident response, pure), [`cli`] and
//! `tui`. Teamwork in git sits beside the review: [`merge`] (pure: files merged by
//! record) and [`changes`] (pure: what changed between two versions), and [`git`],
//! which runs the `git` binary. See `docs/architecture.md` for the picture and the
//! reasons.

pub mod changes;
pub mod cli;
pub mod export;
pub mod find;
pub mod git;
pub mod import;
pub mod merge;
pub mod model;
pub mod response;
pub mod review;
pub mod sanitize;
pub mod sector;
pub mod store;
pub mod tui;
