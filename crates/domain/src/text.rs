//! Text value types and the normalisations used to match and search names.
//!
//! Parse, then pass: a [`Slug`] or a [`SearchText`] can only be built through `parse`, so a
//! function that takes one knows it is well formed.

use std::fmt;

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// The key under which names are matched: accents, case, dashes and punctuation folded away.
///
/// `"Pierre–Alain Jachiet"` and `"Pierre-Alain Jachiet"` have the same key, as do
/// `"Ministère de l'Intérieur"` and `"ministère de l’Intérieur"`. It is the same fold as the
/// reference script of `domain.md` §8.1 (NFKD, drop combining marks, lower case, every run of
/// characters outside `a-z0-9` becomes one space).
pub fn name_key(s: &str) -> String {
    fold(s, ' ')
}

/// A URL slug made from any text: the [`name_key`] fold joined with dashes.
pub fn slugify(s: &str) -> String {
    fold(s, '-')
}

fn fold(s: &str, sep: char) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_sep = false;
    for c in s.nfkd().filter(|c| !is_combining_mark(*c)) {
        for lc in c.to_lowercase() {
            if lc.is_ascii_lowercase() || lc.is_ascii_digit() {
                if pending_sep && !out.is_empty() {
                    out.push(sep);
                }
                pending_sep = false;
                out.push(lc);
            } else {
                pending_sep = true;
            }
        }
    }
    out
}

/// The accent- and case-insensitive form of a text used for searching: the [`name_key`] fold,
/// padded with spaces so that a word can be matched with `% word %`-free patterns.
pub fn search_fold(s: &str) -> String {
    let k = name_key(s);
    format!(" {k} ")
}

/// Why a value could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// The value is empty.
    #[error("empty")]
    Empty,
    /// The value is longer than allowed.
    #[error("longer than {max} characters")]
    TooLong {
        /// The limit.
        max: usize,
    },
    /// The value has characters that are not allowed here.
    #[error("contains characters that are not allowed")]
    BadCharacters,
    /// The value has more words than allowed.
    #[error("more than {max} words")]
    TooManyWords {
        /// The limit.
        max: usize,
    },
}

/// A public identifier in a URL: `a-z`, `0-9` and single dashes, 1 to 120 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    /// The longest slug accepted.
    pub const MAX: usize = 120;

    /// Parses a slug, refusing anything that is not already in canonical form.
    pub fn parse(s: &str) -> Result<Self, TextError> {
        if s.is_empty() {
            return Err(TextError::Empty);
        }
        if s.len() > Self::MAX {
            return Err(TextError::TooLong { max: Self::MAX });
        }
        let ok = s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        if ok { Ok(Self(s.to_owned())) } else { Err(TextError::BadCharacters) }
    }

    /// Makes a slug from any text (see [`slugify`]); `None` when nothing usable is left.
    pub fn from_text(s: &str) -> Option<Self> {
        let mut slug = slugify(s);
        if slug.len() > Self::MAX {
            slug.truncate(Self::MAX);
            while slug.ends_with('-') {
                slug.pop();
            }
        }
        Self::parse(&slug).ok()
    }

    /// Like [`Slug::from_text`], with `x` when nothing usable is left.
    pub fn from_text_lossy(s: &str) -> Self {
        Self::from_text(s).unwrap_or_else(|| Self("x".to_owned()))
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Slug {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// A search typed by a visitor: at most [`SearchText::MAX_CHARS`] characters and
/// [`SearchText::MAX_WORDS`] words, folded for accent-insensitive matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchText {
    raw: String,
    words: Vec<String>,
}

impl SearchText {
    /// The longest search accepted, in characters.
    pub const MAX_CHARS: usize = 200;
    /// The most words a search may have.
    pub const MAX_WORDS: usize = 6;

    /// Parses a search; `Ok(None)` when it has no searchable word (empty or punctuation only).
    pub fn parse(s: &str) -> Result<Option<Self>, TextError> {
        if s.chars().count() > Self::MAX_CHARS {
            return Err(TextError::TooLong { max: Self::MAX_CHARS });
        }
        if s.chars().any(|c| c.is_control()) {
            return Err(TextError::BadCharacters);
        }
        let key = name_key(s);
        let mut words: Vec<String> = Vec::new();
        for w in key.split(' ').filter(|w| !w.is_empty()) {
            if !words.iter().any(|x| x == w) {
                words.push(w.to_owned());
            }
        }
        if words.is_empty() {
            return Ok(None);
        }
        if words.len() > Self::MAX_WORDS {
            return Err(TextError::TooManyWords { max: Self::MAX_WORDS });
        }
        Ok(Some(Self { raw: s.trim().to_owned(), words }))
    }

    /// The search as typed (trimmed), to show it back.
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The folded words; each must appear (as a word prefix) in a matching text.
    pub fn words(&self) -> &[String] {
        &self.words
    }
}

/// Refuses text with control characters (other than tab and newlines) or bidirectional overrides.
pub fn has_forbidden_chars(s: &str) -> bool {
    s.chars()
        .any(|c| (c.is_control() && c != '\n' && c != '\r' && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_key_folds_accents_case_dashes_and_apostrophes() {
        assert_eq!(name_key("Pierre–Alain Jachiet"), "pierre alain jachiet");
        assert_eq!(name_key("Pierre-Alain Jachiet"), "pierre alain jachiet");
        assert_eq!(name_key("Ministère de l'Intérieur"), name_key("ministère de l’Intérieur"));
        assert_eq!(name_key("  Élisabeth  FAINSTEIN "), "elisabeth fainstein");
        assert_eq!(name_key("Cour de Cassation"), name_key("Cour de cassation"));
        assert_eq!(name_key("… (DINUM),"), "dinum");
    }

    #[test]
    fn slugify_makes_canonical_slugs() {
        assert_eq!(slugify("Karfu’R"), "karfu-r");
        assert_eq!(slugify("b@liseNAV"), "b-lisenav");
        assert_eq!(Slug::from_text("Vers l'école pour tous").map(|s| s.0), Some("vers-l-ecole-pour-tous".into()));
        assert_eq!(Slug::from_text("!!!"), None);
    }

    #[test]
    fn slug_parse_refuses_non_canonical_input() {
        assert!(Slug::parse("adex").is_ok());
        assert!(Slug::parse("eig-link-2019").is_ok());
        for bad in ["", "ADEX", "a b", "-a", "a-", "a--b", "é", "../x", "a%2e"] {
            assert!(Slug::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(Slug::parse(&"a".repeat(121)), Err(TextError::TooLong { max: 120 }));
    }

    #[test]
    fn search_text_is_folded_deduplicated_and_limited() {
        let s = SearchText::parse("  Sécurité  routière sécurité ").unwrap().unwrap();
        assert_eq!(s.words(), ["securite", "routiere"]);
        assert_eq!(s.raw(), "Sécurité  routière sécurité");
        assert_eq!(SearchText::parse("  ,; ").unwrap(), None);
        assert_eq!(SearchText::parse("a b c d e f g"), Err(TextError::TooManyWords { max: 6 }));
        assert_eq!(SearchText::parse(&"x".repeat(201)), Err(TextError::TooLong { max: 200 }));
        assert_eq!(SearchText::parse("a\u{0}b"), Err(TextError::BadCharacters));
    }

    #[test]
    fn forbidden_chars_catch_controls_and_bidi_overrides() {
        assert!(has_forbidden_chars("cv\u{202E}fdp.exe"));
        assert!(has_forbidden_chars("a\u{0}"));
        assert!(!has_forbidden_chars("ligne\nautre\tligne"));
    }

    proptest::proptest! {
        #[test]
        fn slug_from_any_text_is_valid(s in ".{0,300}") {
            if let Some(slug) = Slug::from_text(&s) {
                proptest::prop_assert!(Slug::parse(slug.as_str()).is_ok());
            }
        }

        #[test]
        fn name_key_is_idempotent(s in ".{0,100}") {
            let k = name_key(&s);
            proptest::prop_assert_eq!(name_key(&k), k);
        }
    }
}

/// A spreadsheet cell made inert: a value a spreadsheet would read as a formula (starting,
/// after any spaces, with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`.
pub fn csv_safe(s: &str) -> std::borrow::Cow<'_, str> {
    let first = s.trim_start_matches(' ').chars().next();
    if matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod csv_tests {
    use super::csv_safe;

    #[test]
    fn formulas_are_neutralised() {
        for bad in ["=1+1", "+33 1", "-2", "@SUM(A1)", "\tx", "\rx", "  =HYPERLINK(\"x\")"] {
            assert!(csv_safe(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(csv_safe("ADEX"), "ADEX");
        assert_eq!(csv_safe(""), "");
    }
}

/// The length of a text in characters, as limits count it.
pub(crate) fn char_len(s: &str) -> u32 {
    u32::try_from(s.chars().count()).unwrap_or(u32::MAX)
}

/// A one-line text: at most `max` characters, no control or invisible formatting character.
pub(crate) fn short_ok(s: &str, max: usize) -> bool {
    s.chars().count() <= max && !has_forbidden_chars(s)
}

/// A long text: line breaks and tabs are allowed; other control characters are not.
pub(crate) fn long_ok(s: &str) -> bool {
    !s.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
}
