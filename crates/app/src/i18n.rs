//! Every interface string in French and English (Fluent files under `locales/`), for pages and
//! emails alike.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use cohorte_domain::lang::Lang;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static FR: LazyLock<LanguageIdentifier> = LazyLock::new(|| "fr".parse().unwrap_or_default());
static EN: LazyLock<LanguageIdentifier> = LazyLock::new(|| "en".parse().unwrap_or_default());

fn id(lang: Lang) -> &'static LanguageIdentifier {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// Messages without arguments, resolved once (a page asks for a hundred of them).
static SIMPLE: LazyLock<HashMap<(Lang, &'static str), String>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (lang, source) in [(Lang::Fr, include_str!("../locales/fr/main.ftl")), (Lang::En, include_str!("../locales/en/main.ftl"))] {
        for line in source.lines() {
            let Some((key, value)) = line.split_once(" = ") else { continue };
            if line.starts_with([' ', '#'])
                || value.contains('{')
                || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                continue;
            }
            map.insert((lang, key), LOCALES.lookup(id(lang), key));
        }
    }
    map
});

/// The message `key` in `lang`.
pub fn t(lang: Lang, key: &str) -> String {
    match SIMPLE.get(&(lang, key)) {
        Some(v) => v.clone(),
        None => LOCALES.lookup(id(lang), key),
    }
}

/// The message `key` in `lang`, if there is one.
pub fn t_opt(lang: Lang, key: &str) -> Option<String> {
    match SIMPLE.get(&(lang, key)) {
        Some(v) => Some(v.clone()),
        None => LOCALES.try_lookup(id(lang), key),
    }
}

/// The message `key` in `lang` with arguments (numbers select plural forms).
pub fn ta(lang: Lang, key: &str, args: &[(&'static str, Arg<'_>)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(k, v)| {
            let value = match v {
                Arg::Num(n) => FluentValue::from(*n),
                Arg::Str(s) => FluentValue::from(s.to_string()),
            };
            (Cow::Borrowed(*k), value)
        })
        .collect();
    LOCALES.lookup_with_args(id(lang), key, &map)
}

/// Whether `key` exists in `lang` (without falling back to the other language).
pub fn has(lang: Lang, key: &str) -> bool {
    LOCALES.lookup_single_language::<&str>(id(lang), key, None).is_ok()
}

/// An argument of a message.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// A number.
    Num(i64),
    /// Text.
    Str(&'a str),
}

/// An integer with the language's digit grouping (`20 000 000`, `20,000,000`).
pub fn int(lang: Lang, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let sep = match lang {
        Lang::Fr => '\u{202f}',
        Lang::En => ',',
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A date in the language (`27 février 2018`, `27 February 2018`).
pub fn date(lang: Lang, d: time::Date) -> String {
    let month = u8::from(d.month());
    ta(
        lang,
        "date-long",
        &[
            ("day", Arg::Num(i64::from(d.day()))),
            ("month", Arg::Str(&t(lang, &format!("month-{month}")))),
            ("year", Arg::Num(i64::from(d.year()))),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_groups_digits_by_language() {
        assert_eq!(int(Lang::En, 20_000_000), "20,000,000");
        assert_eq!(int(Lang::Fr, 1288), "1\u{202f}288");
        assert_eq!(int(Lang::Fr, 30), "30");
        assert_eq!(int(Lang::En, -1234), "-1,234");
    }

    #[test]
    fn resolved_messages_equal_fluent_lookups() {
        assert!(SIMPLE.len() > 300, "{}", SIMPLE.len());
        for ((lang, key), value) in SIMPLE.iter() {
            assert_eq!(value, &LOCALES.lookup(id(*lang), key), "{key}");
        }
        assert_eq!(t(Lang::En, "nav-home"), "Home");
        assert_eq!(ta(Lang::Fr, "count-challenges", &[("count", Arg::Num(2))]), "2 défis");
    }

    #[test]
    fn dates_are_spelled_in_each_language() {
        let d = time::Date::from_calendar_date(2018, time::Month::February, 27).unwrap();
        assert_eq!(date(Lang::Fr, d), "27 février 2018");
        assert_eq!(date(Lang::En, d), "27 February 2018");
    }

    #[test]
    fn both_languages_have_the_same_messages() {
        let keys = |text: &str| -> std::collections::BTreeSet<String> {
            text.lines()
                .filter(|l| !l.starts_with(' ') && !l.starts_with('#') && l.contains(" ="))
                .map(|l| l.split(" =").next().unwrap_or("").trim().to_owned())
                .collect()
        };
        let fr = keys(include_str!("../locales/fr/main.ftl"));
        let en = keys(include_str!("../locales/en/main.ftl"));
        let only_fr: Vec<_> = fr.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&fr).collect();
        assert!(only_fr.is_empty() && only_en.is_empty(), "only in fr: {only_fr:?}; only in en: {only_en:?}");
        assert!(fr.len() > 100, "{} messages", fr.len());
    }
}
