//! Words for people, in English and Dutch: the one way every layer writes them.
//!
//! A text is a pair of literals, English first, with `{…}` placeholders for the
//! values. `say!` picks and fills one pair where it is used; `texts!` makes a
//! table of named pairs for text used in several places (the screens' sentences,
//! the names of commands), filled with [`fill`]. Both check, when the program is
//! compiled, that the two languages name the same placeholders the same number of
//! times, so a translation can neither drop a value nor invent one; the tables
//! also list their entries for the test that checks it once more. [`pick`] chooses
//! between two values that hold no placeholders.
//!
//! The tables with a shape of their own are made the same way, pairs of literals
//! held to [`same_placeholders`] when compiling: the labels of choices
//! (`model::labels`), the fields of records (`model::fields`), the export's words
//! and the key map's commands.

use super::Language;

/// Formats the English or the Dutch text, as `lang` asks. Both are `format!`
/// strings with the same placeholders (checked when compiling).
macro_rules! say {
    ($lang:expr, $en:literal, $nl:literal $(,)?) => {{
        const _: () = assert!(
            $crate::model::bilingual::same_placeholders($en, $nl),
            "the English and Dutch texts name different placeholders"
        );
        match $lang {
            $crate::model::Language::En => $crate::model::bilingual::sentence(format_args!($en)),
            $crate::model::Language::Nl => $crate::model::bilingual::sentence(format_args!($nl)),
        }
    }};
    ($lang:expr, $en:literal, $nl:literal, $($args:tt)+) => {{
        const _: () = assert!(
            $crate::model::bilingual::same_placeholders($en, $nl),
            "the English and Dutch texts name different placeholders"
        );
        match $lang {
            $crate::model::Language::En => {
                $crate::model::bilingual::sentence(format_args!($en, $($args)+))
            }
            $crate::model::Language::Nl => {
                $crate::model::bilingual::sentence(format_args!($nl, $($args)+))
            }
        }
    }};
}
pub(crate) use say;

/// A table of named texts: an enum whose variants each hold an English and a
/// Dutch literal. `get(lang)` gives one; `ALL` lists every entry.
macro_rules! texts {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($variant:ident => ($en:literal, $nl:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        $vis enum $name { $($variant),+ }

        impl $name {
            /// Every entry, for the test that both languages fill the same places.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn get(self, lang: $crate::model::Language) -> &'static str {
                let (en, nl) = self.pair();
                match lang {
                    $crate::model::Language::En => en,
                    $crate::model::Language::Nl => nl,
                }
            }

            /// The English and the Dutch text.
            pub const fn pair(self) -> (&'static str, &'static str) {
                match self { $($name::$variant => ($en, $nl)),+ }
            }
        }

        const _: () = {
            $(assert!(
                $crate::model::bilingual::same_placeholders($en, $nl),
                concat!(stringify!($name), "::", stringify!($variant), ": the English and Dutch texts name different placeholders")
            );)+
        };
    };
}
pub(crate) use texts;

/// Writes a formatted text into a string sized for a typical sentence, so
/// building thousands of messages does not grow each string several times.
pub fn sentence(args: std::fmt::Arguments<'_>) -> String {
    use std::fmt::Write;
    let mut text = String::with_capacity(args.as_str().map_or(384, str::len));
    let _ = text.write_fmt(args);
    text
}

/// Puts `values` into the `{}` places of `template`, in order.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut values = values.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(values.next().copied().unwrap_or(""));
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

/// `n` of something, with the noun for one when there is one: "1 error",
/// "2 errors", "1 fout", "0 fouten". Each pair is (one, several).
pub fn counted(lang: Language, n: usize, en: (&str, &str), nl: (&str, &str)) -> String {
    let (one, several) = pick(lang, en, nl);
    format!("{n} {}", if n == 1 { one } else { several })
}

/// Picks `en` or `nl`, for texts without placeholders that are not worth a table
/// entry.
pub fn pick<T>(lang: Language, en: T, nl: T) -> T {
    match lang {
        Language::En => en,
        Language::Nl => nl,
    }
}

/// Whether `a` and `b` hold the same placeholders (`{}`, `{name}`, `{0:>5}`), each
/// as often. Escaped braces (`{{`, `}}`) are text, not placeholders.
pub const fn same_placeholders(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut at = 0;
    while let Some((start, end)) = next_placeholder(a, at) {
        if count(a, a, start, end) != count(b, a, start, end) {
            return false;
        }
        at = end;
    }
    let mut at = 0;
    while let Some((start, end)) = next_placeholder(b, at) {
        if count(a, b, start, end) != count(b, b, start, end) {
            return false;
        }
        at = end;
    }
    true
}

/// The next placeholder at or after `from`: the range of its name inside the
/// braces (the part before any `:`).
const fn next_placeholder(text: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    while i < text.len() {
        if text[i] == b'{' {
            if i + 1 < text.len() && text[i + 1] == b'{' {
                i += 2;
                continue;
            }
            let start = i + 1;
            let mut end = start;
            while end < text.len() && text[end] != b'}' && text[end] != b':' {
                end += 1;
            }
            return Some((start, end));
        }
        i += 1;
    }
    None
}

/// How often the placeholder named `name[start..end]` occurs in `text`.
const fn count(text: &[u8], name: &[u8], start: usize, end: usize) -> usize {
    let mut n = 0;
    let mut at = 0;
    while let Some((s, e)) = next_placeholder(text, at) {
        if e - s == end - start {
            let mut same = true;
            let mut k = 0;
            while k < e - s {
                if text[s + k] != name[start + k] {
                    same = false;
                }
                k += 1;
            }
            if same {
                n += 1;
            }
        }
        at = e;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_must_match_in_name_and_number() {
        assert!(same_placeholders(
            "{} of {} answered",
            "{} van {} beantwoord"
        ));
        assert!(same_placeholders(
            "{id} was due on {due}",
            "{due}: {id} te laat"
        ));
        assert!(same_placeholders("{n:>3} left", "nog {n}"));
        assert!(same_placeholders("a {{literal}}", "een {{letterlijk}}"));
        assert!(!same_placeholders("{} of {} answered", "{} beantwoord"));
        assert!(!same_placeholders("{id} was due", "{name} te laat"));
        assert!(!same_placeholders("{id}", "{id} {id}"));
        assert!(!same_placeholders("no value", "{waarde}"));
    }

    #[test]
    fn say_picks_the_language_and_fills_the_values() {
        let n = 3;
        assert_eq!(say!(Language::En, "{n} risks", "{n} risico's"), "3 risks");
        assert_eq!(
            say!(Language::Nl, "{n} risks", "{n} risico's"),
            "3 risico's"
        );
        assert_eq!(fill("{} of {}", &["1", "2"]), "1 of 2");
    }
}
