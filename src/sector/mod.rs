//! The sector view: what a member shares with its sector body, and what the sector
//! body sees when it rolls many members together.
//!
//! - [`share`]: the anonymous share file `paraat share` writes, built from codes,
//!   counts, scores, day counts and catalogue ids only;
//! - [`report`]: `paraat sector` rolls share files into a report, suppressing every
//!   group of fewer than five members while it is built;
//! - [`html`]: the report as one offline HTML page with SVG charts;
//! - [`compare`]: `paraat status --compare`, a member against the sector.
//!
//! All pure but [`files`], which reads share files through `store::outside` (or
//! loads a workbook folder); the CLI writes the results. The JSON structures are documented in `docs/json.md`.

pub mod compare;
pub mod files;
pub mod html;
pub mod report;
pub mod share;
