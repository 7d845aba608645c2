//! Spotting passwords, keys and bank account numbers in free text, without
//! crying wolf.
//!
//! The workbook lives in git, so a password typed into a note is copied to every
//! clone and stays in the history after it is deleted. [`find_secret`] looks for
//! the shapes secrets take in notes people write:
//!
//! - a private key block (`-----BEGIN … PRIVATE KEY-----`);
//! - a password word and a value after it: `password: Zomer2024!`,
//!   `pw=Welkom01!`, `wachtwoord = Welkom01`, `the admin password is Summer2026!`,
//!   `wachtwoord Museum2026#`, `Wi-Fi key: K3y-For-Guests` (also `api key`,
//!   `token`, `code word`);
//! - a pin code after its word: `pin: 4821`, `pincode alarm 4821`;
//! - a login and password pair: `login for the panel: admin / Zomer2024!`,
//!   `wifi: MuseumGast / Zomer2026!`;
//! - a password inside a web address: `https://user:pass@host`;
//! - cloud access keys (`AKIA…`), well-known token prefixes (`ghp_`, `xoxb-`,
//!   `sk_live_`, `glpat-`, `AIza`), and long random-looking tokens.
//!
//! False alarms cost trust, so a value only counts when it looks like a password:
//! one word of 6 to 64 characters with a digit or a symbol, that is not a record
//! id (`STEP-5.7`), a date, an address or a placeholder (`********`, `<password>`).
//! A value with no `:` or `=` before it (`wachtwoord Museum2026#`) must hold a
//! letter and a digit. A pin is 4 to 8 digits; without a `:` or `=` a year
//! (1900–2099) is not taken for one. "Password manager: Bitwarden" and
//! "passwords are reused" pass; so does "see the sealed envelope". Long tokens
//! (32 characters or more) must mix upper case, lower case and digits like
//! random text does (no run of more than 6 lower-case letters, at least 3.8 bits
//! of entropy per character), so hashes, ids and file names pass.
//!
//! [`find_iban`] finds a bank account number (IBAN, checked with its mod-97
//! check digits): a personal account is a private detail.
//!
//! What is found comes with its place in the text, so the finding can show a
//! masked excerpt ([`masked`]: `Summ••••••!`) that lets the person find it
//! without the message repeating it to everyone who reads CI logs.
//!
//! The checks run only at the few places a separator, a password word or a
//! long run of token characters occurs, so scanning is linear and cheap.

use std::ops::Range;

use crate::model::Language;

/// What kind of secret a text seems to hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SecretKind {
    PrivateKey,
    Password,
    LoginAndPassword,
    PasswordInAddress,
    CloudKey,
    Token,
}

impl SecretKind {
    /// "a password", "een wachtwoord": what the finding says it looks like.
    pub fn describe(self, lang: Language) -> &'static str {
        match (self, lang) {
            (SecretKind::PrivateKey, Language::En) => "a private key",
            (SecretKind::Password, Language::En) => "a password",
            (SecretKind::LoginAndPassword, Language::En) => "a login name and password",
            (SecretKind::PasswordInAddress, Language::En) => "a password inside a web address",
            (SecretKind::CloudKey, Language::En) => "a cloud access key",
            (SecretKind::Token, Language::En) => "an access token or API key",
            (SecretKind::PrivateKey, Language::Nl) => "een privésleutel",
            (SecretKind::Password, Language::Nl) => "een wachtwoord",
            (SecretKind::LoginAndPassword, Language::Nl) => "een inlognaam met wachtwoord",
            (SecretKind::PasswordInAddress, Language::Nl) => "een wachtwoord in een webadres",
            (SecretKind::CloudKey, Language::Nl) => "een toegangssleutel voor de cloud",
            (SecretKind::Token, Language::Nl) => "een toegangstoken of API-sleutel",
        }
    }
}

/// Words after which a password-like value means a secret. A `*` marks words
/// that must stand alone (`pin`, not `pinned`); the rest may go on
/// (`passwords`, `wachtwoorden`).
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "pwd*",
    "pw*",
    "ww*",
    "pass*",
    "wifi key",
    "wi-fi key",
    "wifi-key",
    "wlan key",
    "wpa key",
    "wpa2 key",
    "network key",
    "netwerksleutel",
    "wifi code",
    "wifi-code",
    "wachtwoord",
    "wachtzin",
    "pincode",
    "pin code",
    "pin*",
    "secret",
    "api key",
    "api-key",
    "api_key",
    "apikey",
    "access key",
    "token",
    "code word",
    "codeword",
    "codewoord",
    "toegangscode",
    "alarmcode",
    "kluiscode",
];

/// Words that say a `name / password` pair is a login.
const LOGIN_WORDS: &[&str] = &[
    "login",
    "log in",
    "log-in",
    "inlog",
    "username",
    "user name",
    "user*",
    "gebruiker",
    "account",
    "credentials",
    "admin",
    "beheer",
    "wifi",
    "wi-fi",
    "wlan",
    "ssid",
    "network",
    "netwerk",
];

/// Words for a pin code.
const PIN_WORDS: &[&str] = &["pin*", "pincode", "pin code", "alarmcode", "kluiscode"];

/// Words that may stand between a password word and its value: `the password
/// is X`, `wachtwoord wordt X`, `password set to X`.
const LINKING_WORDS: &[&str] = &[
    "is", "was", "are", "now", "nu", "luidt", "wordt", "set", "to", "naar", ":", "=", "-",
];

/// How many words after a pin word a pin may stand (`pincode alarm 4821`).
const PIN_REACH: usize = 3;

/// User names that make `name / password` a login on their own.
const USUAL_USERS: &[&str] = &["admin", "administrator", "root", "beheerder", "sa"];

/// Prefixes of well-known access tokens.
const TOKEN_PREFIXES: &[&str] = &[
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "github_pat_",
    "glpat-",
    "xoxb-",
    "xoxp-",
    "xoxa-",
    "sk_live_",
    "rk_live_",
    "AIza",
];

/// How far back a keyword may stand from its separator, in bytes.
const LOOK_BACK: usize = 64;

/// Byte classes for the scan: part of a token run, and worth a closer look.
const TOKEN: u8 = 1;
const SPECIAL: u8 = 2;
const CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=' | b'_' | b'-') {
            table[b] |= TOKEN;
        }
        if matches!(c, b':' | b'=' | b'/' | b'-') {
            table[b] |= SPECIAL;
        }
        b += 1;
    }
    table
};

/// The shortest run of token characters that can be a key or token (a cloud key
/// has 20 characters; known tokens are longer; random ones at least 32).
const MIN_RUN: usize = 20;

/// Whether `text` could hold a secret at all. Every shape needs a separator (`:`,
/// `=`, `/`, `-`), an underscore or a digit, except a cloud key without digits,
/// which is 20 capitals in a row: a 32-byte block holding at least 5 of them.
/// This runs over all text in blocks the compiler turns into vector instructions,
/// so plain prose costs almost nothing and only the rest is scanned closely.
fn may_hold_secret(text: &str) -> bool {
    /// Separators, underscores or digits in a block, and how many capitals.
    /// Written over a fixed-size block without branches so that it compiles to
    /// vector instructions.
    #[inline]
    fn block(bytes: &[u8; 32]) -> (bool, usize) {
        let hit = bytes.iter().fold(0u8, |acc, &b| {
            acc | u8::from(b == b':')
                | u8::from(b == b'=')
                | u8::from(b == b'/')
                | u8::from(b == b'-')
                | u8::from(b == b'_')
                | u8::from(b.wrapping_sub(b'0') < 10)
        });
        let capitals = bytes.iter().filter(|b| b.wrapping_sub(b'A') < 26).count();
        (hit != 0, capitals)
    }
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(32);
    for chunk in chunks.by_ref() {
        let Ok(chunk) = <&[u8; 32]>::try_from(chunk) else {
            return true;
        };
        let (hit, capitals) = block(chunk);
        if hit || capitals >= 5 {
            return true;
        }
    }
    let mut last = [b' '; 32];
    let rest = chunks.remainder();
    last[..rest.len()].copy_from_slice(rest);
    let (hit, capitals) = block(&last);
    hit || capitals >= 5
}

/// A secret found in a text: what it looks like and where it is (the bytes of
/// the value itself, for [`masked`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub kind: SecretKind,
    pub at: Range<usize>,
}

/// The first secret-looking thing in `text`, if any.
pub fn find_secret(text: &str) -> Option<Found> {
    let bytes = text.as_bytes();
    // The shortest secret found is a pin after its word ("pin 4821"); record ids
    // ("R-012", "SUP-04") are shorter and are skipped at once.
    if bytes.len() < 8 || !may_hold_secret(text) {
        return None;
    }
    // Three simple passes: the separators, the long runs of token characters,
    // then the password words.
    for (i, &b) in bytes.iter().enumerate() {
        if CLASSES[usize::from(b)] & SPECIAL == 0 {
            continue;
        }
        let found = match b {
            b':' | b'=' => after_separator(bytes, i),
            b'/' => login_pair(bytes, i),
            b'-' if bytes[i..].starts_with(b"-----BEGIN") => {
                let end = (i + 80).min(bytes.len());
                let line_end = memchr::memchr(b'\n', &bytes[i..end]).map_or(end, |n| i + n);
                contains(&bytes[i..end], b"PRIVATE KEY").then_some(Found {
                    kind: SecretKind::PrivateKey,
                    at: i..line_end,
                })
            }
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    if bytes.len() >= MIN_RUN {
        let mut start = 0;
        for run in bytes.split(|&b| CLASSES[usize::from(b)] & TOKEN == 0) {
            let at = start..start + run.len();
            start += run.len() + 1;
            if run.len() >= MIN_RUN
                && let Some(kind) = check_run(run)
            {
                return Some(Found { kind, at });
            }
        }
    }
    after_word(bytes)
}

/// `text[found.at]` masked for a message: the first few characters and the last
/// one, bullets between (`Summ••••••!`); short values are all bullets. A private
/// key's header is shown as it is (it is not the secret).
pub fn masked(text: &str, found: &Found) -> String {
    let value = text.get(found.at.clone()).unwrap_or_default();
    if found.kind == SecretKind::PrivateKey {
        return value.trim().chars().take(60).collect();
    }
    mask(value)
}

/// The first few characters and the last one of `value`, bullets between, at
/// most 12 bullets.
pub fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let n = chars.len();
    let (head, tail) = match n {
        0..=5 => (0, 0),
        6..=9 => (2, 1),
        _ => (4, 1),
    };
    let hidden = (n - head - tail).min(12);
    let mut out: String = chars[..head].iter().collect();
    out.extend(std::iter::repeat_n('•', hidden));
    out.extend(&chars[n - tail..]);
    out
}

/// The offset of `part` (a sub-slice of `bytes`) in `bytes`.
fn offset(bytes: &[u8], part: &[u8]) -> Range<usize> {
    let start = (part.as_ptr() as usize).saturating_sub(bytes.as_ptr() as usize);
    start..start + part.len()
}

/// A password word followed, without `:` or `=` (those are [`after_separator`]'s),
/// by its value: `the admin password is Summer2026!`, `wachtwoord Museum2026#`,
/// `pincode alarm 4821`.
fn after_word(bytes: &[u8]) -> Option<Found> {
    let lower: Vec<u8> = bytes.iter().map(u8::to_ascii_lowercase).collect();
    for &word in SECRET_WORDS.iter().chain(PIN_WORDS) {
        let (needle, alone) = match word.strip_suffix('*') {
            Some(w) => (w.as_bytes(), true),
            None => (word.as_bytes(), false),
        };
        for at in memchr::memmem::find_iter(&lower, needle) {
            if at > 0 && lower[at - 1].is_ascii_alphanumeric() {
                continue;
            }
            let mut end = at + needle.len();
            if alone && lower.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                continue;
            }
            // The rest of the word (`passwords`, `wachtwoorden`).
            while lower.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                end += 1;
            }
            let pin = PIN_WORDS.contains(&word);
            if let Some(found) = value_after_word(bytes, end, pin) {
                return Some(found);
            }
        }
    }
    None
}

/// The words after a password word that ends at `from`.
fn value_after_word(bytes: &[u8], from: usize, pin: bool) -> Option<Found> {
    let mut rest = from;
    let mut linked = false;
    for _ in 0..=PIN_REACH {
        let word = word_after(bytes, rest);
        if word.is_empty() {
            return None;
        }
        let range = offset(bytes, word);
        rest = range.end;
        let value = trim_value(word);
        // `password: …` and `password=…` are the separator pass's.
        if word.starts_with(b":") || word.starts_with(b"=") {
            return None;
        }
        let lower: Vec<u8> = value.iter().map(u8::to_ascii_lowercase).collect();
        if LINKING_WORDS.iter().any(|w| lower == w.as_bytes()) {
            linked = true;
            continue;
        }
        if pin {
            let is_year = value.len() == 4
                && value.iter().all(u8::is_ascii_digit)
                && (value.starts_with(b"19") || value.starts_with(b"20"));
            if (4..=8).contains(&value.len()) && value.iter().all(u8::is_ascii_digit) && !is_year {
                return Some(Found {
                    kind: SecretKind::Password,
                    at: offset(bytes, value),
                });
            }
            continue;
        }
        let has_letter = value.iter().any(u8::is_ascii_alphabetic);
        let has_digit = value.iter().any(u8::is_ascii_digit);
        return ((linked || (has_letter && has_digit)) && looks_like_password(value)).then(|| {
            Found {
                kind: SecretKind::Password,
                at: offset(bytes, value),
            }
        });
    }
    None
}

/// The first bank account number (IBAN) in `text`, with valid check digits:
/// two capitals (the country), two digits, then 11 to 30 letters and digits,
/// written together or in groups of four.
pub fn find_iban(text: &str) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    if bytes.len() < 15 {
        return None;
    }
    for at in 0..bytes.len().saturating_sub(14) {
        let starts = (at == 0 || !bytes[at - 1].is_ascii_alphanumeric())
            && bytes[at].is_ascii_uppercase()
            && bytes[at + 1].is_ascii_uppercase()
            && bytes[at + 2].is_ascii_digit()
            && bytes[at + 3].is_ascii_digit();
        if !starts {
            continue;
        }
        // Collect up to 34 letters and digits, allowing single spaces between groups.
        let mut chars = Vec::new();
        let mut ends = Vec::new();
        let mut i = at;
        while i < bytes.len() && chars.len() < 34 {
            let b = bytes[i];
            if b.is_ascii_uppercase() || b.is_ascii_digit() {
                chars.push(b);
                i += 1;
                let boundary = bytes.get(i).is_none_or(|n| !n.is_ascii_alphanumeric());
                if boundary {
                    ends.push((chars.len(), i));
                }
            } else if b == b' ' && bytes.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric()) {
                i += 1;
            } else {
                break;
            }
        }
        for &(len, end) in ends.iter().rev() {
            if (15..=34).contains(&len) && iban_checks(&chars[..len]) {
                return Some(at..end);
            }
        }
    }
    None
}

/// The IBAN check: the first four characters moved to the end, letters as
/// numbers (A = 10), the whole number modulo 97 is 1.
fn iban_checks(chars: &[u8]) -> bool {
    let mut remainder: u32 = 0;
    for &c in chars[4..].iter().chain(&chars[..4]) {
        let value = if c.is_ascii_digit() {
            u32::from(c - b'0')
        } else {
            u32::from(c - b'A') + 10
        };
        remainder = if value >= 10 {
            (remainder * 100 + value) % 97
        } else {
            (remainder * 10 + value) % 97
        };
    }
    remainder == 1
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    haystack
        .iter()
        .enumerate()
        .any(|(i, &b)| b == first && haystack[i + 1..].starts_with(rest))
}

/// A run of token characters: a cloud key, a known token or a long random string.
fn check_run(run: &[u8]) -> Option<SecretKind> {
    if run.len() < MIN_RUN {
        return None;
    }
    if run.len() == 20
        && (run.starts_with(b"AKIA") || run.starts_with(b"ASIA"))
        && run
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Some(SecretKind::CloudKey);
    }
    if run.len() >= 20 && TOKEN_PREFIXES.iter().any(|p| run.starts_with(p.as_bytes())) {
        return Some(SecretKind::Token);
    }
    if run.len() >= 32 && looks_random(run) {
        return Some(SecretKind::Token);
    }
    None
}

/// Random-looking: upper case, lower case and digits mixed, no long stretch of
/// lower-case letters (words have them), and a high spread of characters.
fn looks_random(run: &[u8]) -> bool {
    let (mut upper, mut lower, mut digit) = (0usize, 0usize, 0usize);
    let mut stretch = 0usize;
    let mut longest = 0usize;
    let mut counts = [0u16; 128];
    for &b in run {
        counts[usize::from(b & 0x7f)] += 1;
        if b.is_ascii_lowercase() {
            lower += 1;
            stretch += 1;
            longest = longest.max(stretch);
        } else {
            stretch = 0;
            if b.is_ascii_uppercase() {
                upper += 1;
            } else if b.is_ascii_digit() {
                digit += 1;
            }
        }
    }
    if upper < 2 || lower < 2 || digit < 2 || longest > 6 {
        return false;
    }
    let n = run.len() as f64;
    let entropy: f64 = counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum();
    entropy >= 3.8
}

/// Lower-cases up to [`LOOK_BACK`] bytes before `end`, from the start of its line
/// or sentence, into `buffer`; returns the filled part.
fn segment_before(bytes: &[u8], end: usize, buffer: &mut [u8; LOOK_BACK]) -> usize {
    let from = end.saturating_sub(LOOK_BACK);
    let mut start = from;
    for j in (from..end).rev() {
        if matches!(bytes[j], b'\n' | b'.' | b';' | b'!' | b'?') {
            start = j + 1;
            break;
        }
    }
    let part = &bytes[start..end];
    for (slot, b) in buffer.iter_mut().zip(part) {
        *slot = b.to_ascii_lowercase();
    }
    part.len()
}

/// Whether `segment` holds one of `words` starting at a word boundary.
fn has_word(segment: &[u8], words: &[&str]) -> bool {
    (0..segment.len())
        .filter(|&at| at == 0 || !segment[at - 1].is_ascii_alphanumeric())
        .any(|at| {
            let rest = &segment[at..];
            words.iter().any(|word| {
                let (word, alone) = match word.strip_suffix('*') {
                    Some(w) => (w.as_bytes(), true),
                    None => (word.as_bytes(), false),
                };
                rest.first() == word.first()
                    && rest.starts_with(word)
                    && (!alone
                        || rest
                            .get(word.len())
                            .is_none_or(|b| !b.is_ascii_alphanumeric()))
            })
        })
}

/// After a `:` or `=`: a password word before it and a password after it, or a
/// web address with a password in it.
fn after_separator(bytes: &[u8], at: usize) -> Option<Found> {
    if bytes[at] == b':' && bytes[at + 1..].starts_with(b"//") {
        return address_password(&bytes[at + 3..]).map(|password| Found {
            kind: SecretKind::PasswordInAddress,
            at: offset(bytes, password),
        });
    }
    let value = word_after(bytes, at + 1);
    if value.is_empty() {
        return None;
    }
    let mut buffer = [0u8; LOOK_BACK];
    let len = segment_before(bytes, at, &mut buffer);
    let segment = &buffer[..len];
    if !has_word(segment, SECRET_WORDS) {
        return None;
    }
    let pin = has_word(segment, PIN_WORDS);
    let value = trim_value(value);
    let pin_like = pin && (4..=8).contains(&value.len()) && value.iter().all(u8::is_ascii_digit);
    (pin_like || looks_like_password(value)).then(|| Found {
        kind: SecretKind::Password,
        at: offset(bytes, value),
    })
}

/// The password of `user:password@host` right after `://`.
fn address_password(rest: &[u8]) -> Option<&[u8]> {
    let end = rest
        .iter()
        .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let authority = &rest[..end];
    let at = authority.iter().rposition(|&b| b == b'@')?;
    let userinfo = &authority[..at];
    let colon = userinfo.iter().position(|&b| b == b':')?;
    let password = &userinfo[colon + 1..];
    let placeholder = password.is_empty() || password.iter().all(|&b| b == b'*' || b == b'x');
    (!placeholder).then_some(password)
}

/// The word (up to white space) starting at `from`, after spaces and an opening quote.
fn word_after(bytes: &[u8], from: usize) -> &[u8] {
    let mut start = from;
    while start < bytes.len() && matches!(bytes[start], b' ' | b'\t' | b'"' | b'\'' | b'`') {
        start += 1;
    }
    let end = bytes[start..]
        .iter()
        .position(u8::is_ascii_whitespace)
        .map_or(bytes.len(), |n| start + n);
    &bytes[start..end]
}

/// The word (back to white space) ending at `end`.
fn word_before(bytes: &[u8], end: usize) -> (&[u8], usize) {
    let start = bytes[..end]
        .iter()
        .rposition(u8::is_ascii_whitespace)
        .map_or(0, |n| n + 1);
    (&bytes[start..end], start)
}

/// Strips quotes and sentence punctuation around a value.
fn trim_value(mut value: &[u8]) -> &[u8] {
    loop {
        let before = value.len();
        for closing in ["”", "’", "»"] {
            if let Some(rest) = value.strip_suffix(closing.as_bytes()) {
                value = rest;
            }
        }
        for opening in ["“", "‘", "«", "„"] {
            if let Some(rest) = value.strip_prefix(opening.as_bytes()) {
                value = rest;
            }
        }
        if let [
            rest @ ..,
            b'.' | b',' | b';' | b':' | b')' | b'"' | b'\'' | b'`',
        ] = value
        {
            value = rest;
        }
        if let [b'"' | b'\'' | b'`' | b'(', rest @ ..] = value {
            value = rest;
        }
        if value.len() == before {
            return value;
        }
    }
}

/// One word of 6 to 64 characters with a digit or a symbol that is not an id, a
/// date, an address or a placeholder.
fn looks_like_password(value: &[u8]) -> bool {
    if !(6..=64).contains(&value.len()) {
        return false;
    }
    let letters = value.iter().filter(|b| b.is_ascii_alphabetic()).count();
    let digits = value.iter().filter(|b| b.is_ascii_digit()).count();
    let symbols = value.iter().filter(|b| b.is_ascii_punctuation()).count();
    if digits + symbols == 0 {
        return false;
    }
    // Placeholders and references.
    if value.iter().all(|&b| b == value[0])
        || value
            .iter()
            .any(|b| matches!(b, b'<' | b'>' | b'[' | b']' | b'@'))
        || contains(value, b"://")
        || value.starts_with(b"www.")
        || value.starts_with(b"/")
    {
        return false;
    }
    let lower: Vec<u8> = value.iter().map(u8::to_ascii_lowercase).collect();
    if ["redacted", "hidden", "verborgen", "********"]
        .iter()
        .any(|p| contains(&lower, p.as_bytes()))
    {
        return false;
    }
    // Record ids (`STEP-5.7`, `R-012`, `SUP-04`) and dates or numbers with separators.
    let id_like = {
        let dash = value.iter().position(|&b| b == b'-');
        dash.is_some_and(|d| {
            d > 0
                && value[..d].iter().all(u8::is_ascii_uppercase)
                && value[d + 1..]
                    .iter()
                    .all(|b| b.is_ascii_digit() || *b == b'.')
        })
    };
    let number_like = letters == 0
        && value
            .iter()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'.' | b'/' | b',' | b':' | b'+'))
        && symbols > 0;
    !id_like && !number_like
}

/// At a `/`: `name / password` after a login word, or with a usual admin name.
fn login_pair(bytes: &[u8], at: usize) -> Option<Found> {
    let after = if bytes.get(at + 1) == Some(&b' ') {
        at + 2
    } else {
        at + 1
    };
    let before = if at > 0 && bytes[at - 1] == b' ' {
        at - 1
    } else {
        at
    };
    let password = trim_value(word_after(bytes, after));
    let (user, user_start) = word_before(bytes, before);
    if user.is_empty()
        || user.len() > 40
        || user.contains(&b'/')
        || password.contains(&b'/')
        || !looks_like_password(password)
    {
        return None;
    }
    let found = Found {
        kind: SecretKind::LoginAndPassword,
        at: offset(bytes, password),
    };
    let user_lower: Vec<u8> = user.iter().map(u8::to_ascii_lowercase).collect();
    if USUAL_USERS.iter().any(|u| user_lower == u.as_bytes()) {
        return Some(found);
    }
    let mut buffer = [0u8; LOOK_BACK];
    let len = segment_before(bytes, user_start, &mut buffer);
    has_word(&buffer[..len], LOGIN_WORDS).then_some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_people_type_into_notes_are_found() {
        for (text, kind) in [
            (
                "Admin login for the climate control panel: admin / Zomer2024!",
                SecretKind::LoginAndPassword,
            ),
            ("Wi-Fi password: Reiger2026", SecretKind::Password),
            (
                "Het wachtwoord van de NAS = Welkom01!",
                SecretKind::Password,
            ),
            ("Alarm pin: 4821", SecretKind::Password),
            ("login: beheer / kL9#mQ2x", SecretKind::LoginAndPassword),
            (
                "Export via https://museum:Geheim123@ftp.example.org/export",
                SecretKind::PasswordInAddress,
            ),
            (
                "key AKIAIOSFODNN7EXAMPLE in the script",
                SecretKind::CloudKey,
            ),
            (
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----",
                SecretKind::PrivateKey,
            ),
            (
                "token ghp_16C7e42F292c6912E7710c838347Ae178B4a for the site",
                SecretKind::Token,
            ),
            (
                "webhook secret 9fK2LmQ8xR4tZ7vB1nW6cY3pH5sD0gJa in the CMS",
                SecretKind::Token,
            ),
            ("the admin password is Summer2026!", SecretKind::Password),
            ("pw=Welkom01!", SecretKind::Password),
            ("wachtwoord Museum2026#", SecretKind::Password),
            (
                "wifi: MuseumGast / Zomer2026!",
                SecretKind::LoginAndPassword,
            ),
            ("Wi-Fi key: K3y-For-Guests", SecretKind::Password),
            ("pincode alarm 4821", SecretKind::Password),
            (
                "Het wachtwoord is nu Tulp2026 voor iedereen",
                SecretKind::Password,
            ),
        ] {
            assert_eq!(find_secret(text).map(|f| f.kind), Some(kind), "{text}");
        }
    }

    #[test]
    fn the_finding_shows_the_secret_masked() {
        let text = "the admin password is Summer2026!";
        let found = find_secret(text).unwrap();
        assert_eq!(&text[found.at.clone()], "Summer2026!");
        assert_eq!(masked(text, &found), "Summ••••••!");
        let text = "pincode alarm 4821";
        assert_eq!(masked(text, &find_secret(text).unwrap()), "••••");
        let text = "login: beheer / kL9#mQ2x";
        assert_eq!(masked(text, &find_secret(text).unwrap()), "kL•••••x");
    }

    #[test]
    fn bank_account_numbers_are_found_by_their_check_digits() {
        for text in [
            "Salary to NL60 ABNA 5417 1643 00 each month",
            "IBAN NL60ABNA5417164300.",
            "DE89370400440532013000",
        ] {
            assert!(find_iban(text).is_some(), "{text}");
        }
        for text in [
            "NL60 ABNA 5417 1643 01",
            "Order NL12 3456 7890 1234 5",
            "SUP-04 and R-012",
            "Policy CY-2024-118734",
        ] {
            assert_eq!(find_iban(text), None, "{text}");
        }
    }

    #[test]
    fn ordinary_notes_about_passwords_are_not_flagged() {
        for text in [
            "Password manager: Bitwarden, for everyone with a computer account.",
            "Passwords are reused; no password manager yet.",
            "Wachtwoord: zie de verzegelde envelop in de kluis.",
            "Password policy: 12+ characters and MFA",
            "Password reset at 10:30 on 2026-03-01.",
            "API key: stored in the password manager, see STEP-5.7",
            "Password: see STEP-5.7",
            "The code word from the sealed envelope, what is affected and what has been done so far.",
            "Guest Wi-Fi: Reiger-Gast / password on the card at the desk",
            "24/7 for priority-1 incidents (contract annex C); service desk weekdays 08:00–17:30",
            "Checksum sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "Object record NL-ZuMRG-2019-0043/AB12 moved to depot B",
            "Museum_Collection_Export_2026-03-01_version2_final",
            "Policy number CY-2024-118734, login with the customer code ZR-2019 / DW-4471",
            "https://www.zilverenreiger.example/collectie?object=2019-0043",
            "and/or, 4 / 5 stars, 1/2 day",
            "The password is in the safe; pincode changed in 2019.",
            "Password reset for 12 accounts on Monday",
            "pass the museum card to the desk",
            "Wi-Fi: guest network for visitors",
            "wachtwoord wijzigen na 90 dagen",
        ] {
            assert_eq!(find_secret(text), None, "{text}");
        }
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "",
            ":",
            "=",
            "/",
            "pin:",
            "-----BEGIN",
            "a:/",
            "://@",
            "x / ",
            "“”",
            "é: é",
        ] {
            let _ = find_secret(text);
        }
    }
}
