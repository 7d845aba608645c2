//! A text progress bar: `[████░░░░░░]`.

/// A text progress bar: `[████░░░░░░]`.
pub fn bar(done: usize, total: usize, width: usize) -> String {
    let filled = (done * width).checked_div(total).unwrap_or(0);
    format!(
        "[{}{}]",
        "█".repeat(filled),
        "░".repeat(width - filled.min(width))
    )
}
