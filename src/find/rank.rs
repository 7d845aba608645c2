//! How well a text matches what someone typed, so the best match comes first.
//!
//! People type the start of a name ("hanz"), a whole id ("C-012") or a code
//! ("NOTIFIER"), and expect that record at the top. A fuzzy matcher alone ranks
//! by letter gaps and happily puts a long message that holds the letters in
//! order above the record whose name *is* the word. So the rank is, in order:
//!
//! 1. the tier of the best match in any of the record's texts: the whole text
//!    (`Exact`), its start (`Prefix`), the start of a word in it (`WordPrefix`),
//!    anywhere in it (`Inside`), or only as a fuzzy match (`Fuzzy`);
//! 2. which text it was found in (the first texts are the names);
//! 3. the fuzzy matcher's score, higher first.
//!
//! Case and accents do not count ("Zelftest" finds "zelftest", "e" finds "é").
//! `paraat find`, the find of the terminal UI and the filter of its lists all
//! rank through [`Query::rank`], so they agree.

use std::cmp::{Ordering, Reverse};

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// How a query met a text, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// The whole text is the query.
    Exact,
    /// The text starts with the query.
    Prefix,
    /// A word of the text starts with the query.
    WordPrefix,
    /// The query is somewhere in the text.
    Inside,
    /// The letters of the query are in the text, in order.
    Fuzzy,
}

/// The rank of a match: smaller is better (see the module's documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rank {
    pub tier: Tier,
    /// The index of the text the best match was in.
    pub text: usize,
    score: Reverse<u32>,
}

/// What someone typed, ready to rank texts against.
pub struct Query {
    folded: String,
    pattern: Pattern,
    matcher: Matcher,
}

impl std::fmt::Debug for Query {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Query")
            .field("folded", &self.folded)
            .finish_non_exhaustive()
    }
}

impl Query {
    pub fn new(typed: &str) -> Query {
        Query {
            folded: fold(typed.trim()),
            pattern: Pattern::parse(typed, CaseMatching::Ignore, Normalization::Smart),
            matcher: Matcher::new(Config::DEFAULT),
        }
    }

    /// Nothing was typed: everything matches equally.
    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// The rank of the best match of the query in `texts` (in order of
    /// importance), or `None` when none matches.
    pub fn rank<'t>(&mut self, texts: impl IntoIterator<Item = &'t str>) -> Option<Rank> {
        let mut best: Option<Rank> = None;
        let mut buffer = Vec::new();
        for (index, text) in texts.into_iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let Some(rank) = self.rank_one(text, index, &mut buffer) else {
                continue;
            };
            if best.is_none_or(|b| rank < b) {
                best = Some(rank);
            }
        }
        best
    }

    /// Like [`Query::rank`] for texts already folded with [`fold`] (the lists keep
    /// their cells folded, so typing does not fold them again).
    pub fn rank_folded<'t>(
        &mut self,
        texts: impl IntoIterator<Item = (&'t str, &'t str)>,
    ) -> Option<Rank> {
        let mut best: Option<Rank> = None;
        let mut buffer = Vec::new();
        for (index, (text, folded)) in texts.into_iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let Some(rank) = self.rank_with(text, folded, index, &mut buffer) else {
                continue;
            };
            if best.is_none_or(|b| rank < b) {
                best = Some(rank);
            }
        }
        best
    }

    fn rank_one(&mut self, text: &str, index: usize, buffer: &mut Vec<char>) -> Option<Rank> {
        let folded = fold(text);
        self.rank_with(text, &folded, index, buffer)
    }

    fn rank_with(
        &mut self,
        text: &str,
        folded: &str,
        index: usize,
        buffer: &mut Vec<char>,
    ) -> Option<Rank> {
        if self.folded.is_empty() {
            return Some(Rank {
                tier: Tier::Exact,
                text: 0,
                score: Reverse(0),
            });
        }
        let score = self
            .pattern
            .score(Utf32Str::new(text, buffer), &mut self.matcher);
        let tier = if folded == self.folded {
            Tier::Exact
        } else if folded.starts_with(&self.folded) {
            Tier::Prefix
        } else if word_starts(folded).any(|at| folded[at..].starts_with(&self.folded)) {
            Tier::WordPrefix
        } else if folded.contains(&self.folded) {
            Tier::Inside
        } else if score.is_some() {
            Tier::Fuzzy
        } else {
            return None;
        };
        Some(Rank {
            tier,
            text: index,
            score: Reverse(score.unwrap_or(0)),
        })
    }
}

/// Where the words of `text` start (after a space or a punctuation mark).
fn word_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut previous_letter = false;
    text.char_indices().filter_map(move |(at, c)| {
        let letter = c.is_alphanumeric();
        let starts = letter && !previous_letter;
        previous_letter = letter;
        starts.then_some(at)
    })
}

/// Lower case without accents, for comparing what was typed with what is written.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(|c| nucleo_matcher::chars::to_lower_case(nucleo_matcher::chars::normalize(c)))
        .collect()
}

/// Orders two ranked items: by rank, then as they were (`a` and `b`'s places).
pub fn by_rank(a: (Option<Rank>, usize), b: (Option<Rank>, usize)) -> Ordering {
    match (a.0, b.0) {
        (Some(x), Some(y)) => x.cmp(&y).then(a.1.cmp(&b.1)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.1.cmp(&b.1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tier(query: &str, text: &str) -> Option<Tier> {
        Query::new(query).rank([text]).map(|r| r.tier)
    }

    #[test]
    fn whole_texts_beat_starts_beat_words_beat_insides_beat_fuzzy_matches() {
        assert_eq!(tier("C-012", "C-012"), Some(Tier::Exact));
        assert_eq!(tier("hanz", "Hanzeborg ICT"), Some(Tier::Prefix));
        assert_eq!(tier("ict", "Hanzeborg ICT"), Some(Tier::WordPrefix));
        assert_eq!(tier("zebo", "Hanzeborg ICT"), Some(Tier::Inside));
        assert_eq!(tier("hzb", "Hanzeborg ICT"), Some(Tier::Fuzzy));
        assert_eq!(tier("xyz", "Hanzeborg ICT"), None);
    }

    #[test]
    fn case_and_accents_do_not_count() {
        assert_eq!(tier("zelftest", "Zelftest"), Some(Tier::Exact));
        assert_eq!(tier("continuiteit", "Continuïteit"), Some(Tier::Exact));
        assert_eq!(tier("NOTIFIER", "NOTIFIER_MISSING"), Some(Tier::Prefix));
    }

    #[test]
    fn a_code_that_starts_with_the_query_ranks_above_a_sentence_that_mentions_it() {
        let mut q = Query::new("NOTIFIER");
        let code = q.rank([
            "warning",
            "",
            "paraat.ron names no notifier",
            "NOTIFIER_MISSING",
        ]);
        let sentence = q.rank([
            "warning",
            "",
            "the notifier C-005 has no phone; add one",
            "CONTACT_UNVERIFIED",
        ]);
        assert!(code < sentence, "{code:?} {sentence:?}");
    }

    #[test]
    fn the_earlier_text_wins_within_a_tier() {
        let mut q = Query::new("hanz");
        let name = q.rank(["Hanzeborg", "notes"]).unwrap();
        let notes = q.rank(["Other", "Hanzeborg helps"]).unwrap();
        assert!(name < notes);
    }
}
