//! The two languages of the interface and how a visitor's language is chosen.

use std::fmt;

/// A language of the interface. French is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French (default).
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// Every language, the default first.
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// Parses an exact code (`fr` or `en`, any case).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The BCP 47 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The other language (for the language switch).
    pub fn other(self) -> Self {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }

    /// The language's name in itself.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Fr => "Français",
            Lang::En => "English",
        }
    }

    /// Picks the best language from an `Accept-Language` header; `None` when it names neither.
    ///
    /// Ranges are taken by their quality (`q`), highest first; ties keep the header's order;
    /// `q=0` means "not this one"; `*` accepts the default.
    pub fn negotiate(accept_language: &str) -> Option<Self> {
        let mut best: Option<(u16, usize, Lang)> = None;
        for (pos, part) in accept_language.split(',').take(32).enumerate() {
            let mut pieces = part.split(';');
            let range = pieces.next().unwrap_or("").trim();
            let mut q: u16 = 1000;
            for p in pieces {
                let p = p.trim();
                if let Some(v) = p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")) {
                    q = parse_q(v).unwrap_or(0);
                }
            }
            if q == 0 {
                continue;
            }
            let primary = range.split('-').next().unwrap_or("");
            let lang = if primary == "*" { Some(Lang::default()) } else { Lang::parse(primary) };
            if let Some(lang) = lang {
                let better = match best {
                    None => true,
                    Some((bq, _, _)) => q > bq,
                };
                if better {
                    best = Some((q, pos, lang));
                }
            }
        }
        best.map(|(_, _, l)| l)
    }
}

fn parse_q(v: &str) -> Option<u16> {
    let f: f32 = v.trim().parse().ok()?;
    if !(0.0..=1.0).contains(&f) {
        return None;
    }
    Some((f * 1000.0).round() as u16)
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiate_follows_quality_then_order() {
        assert_eq!(Lang::negotiate("en-GB,en;q=0.9,fr;q=0.8"), Some(Lang::En));
        assert_eq!(Lang::negotiate("de-DE,fr;q=0.5,en;q=0.4"), Some(Lang::Fr));
        assert_eq!(Lang::negotiate("fr;q=0.3, en;q=0.7"), Some(Lang::En));
        assert_eq!(Lang::negotiate("en;q=0, fr"), Some(Lang::Fr));
        assert_eq!(Lang::negotiate("de, es"), None);
        assert_eq!(Lang::negotiate("*"), Some(Lang::Fr));
        assert_eq!(Lang::negotiate(""), None);
        assert_eq!(Lang::negotiate("en;q=abc"), None);
    }

    #[test]
    fn parse_accepts_only_our_codes() {
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), Some(Lang::Fr));
        assert_eq!(Lang::parse("de"), None);
        assert_eq!(Lang::parse("en-US"), None);
    }
}
