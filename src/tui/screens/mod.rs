//! The screens: the tabs with their lists ([`records`]), the incident screen
//! ([`incident`]), and the export form ([`export`]), which belongs to no tab.

pub mod export;
pub mod incident;
pub mod records;
