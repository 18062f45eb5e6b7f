//! Filters of the public lists, parsed from the query string at the edge.
//!
//! Every parameter has a type and a limit; a bad value is a [`FieldErrors`] that the web layer
//! turns into a 400 page in the visitor's language (each error carries a message code).

use crate::content::{Profile, Skill};
use crate::paging::PageNo;
use crate::text::{SearchText, Slug, TextError};

/// One invalid field: its name and a message code (`error-<code>` in the translations).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The parameter.
    pub field: &'static str,
    /// The message code.
    pub code: &'static str,
}

/// Every invalid field of one input.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
#[error("invalid input: {}", .0.iter().map(|e| e.field).collect::<Vec<_>>().join(", "))]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// One invalid field.
    pub fn one(field: &'static str, code: &'static str) -> Self {
        FieldErrors(vec![FieldError { field, code }])
    }

    fn push(&mut self, field: &'static str, code: &'static str) {
        self.0.push(FieldError { field, code });
    }
}

/// The longest value accepted for any list parameter.
pub const MAX_PARAM_LEN: usize = 200;

/// The query parameters of `/challenges`, as received.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct RawChallengeQuery {
    /// Cohort code.
    pub cohort: Option<String>,
    /// Skill key.
    pub skill: Option<String>,
    /// Organisation slug.
    pub administration: Option<String>,
    /// Year.
    pub year: Option<String>,
    /// Free text.
    pub q: Option<String>,
    /// Page number.
    pub page: Option<String>,
}

/// The filters of `/challenges`, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengeQuery {
    /// Only this cohort.
    pub cohort: Option<Slug>,
    /// Only challenges asking for this skill.
    pub skill: Option<Skill>,
    /// Only challenges hosted by this organisation or one under it.
    pub administration: Option<Slug>,
    /// Only this year.
    pub year: Option<i32>,
    /// Accent-insensitive text search.
    pub search: Option<SearchText>,
    /// Which page.
    pub page: PageNo,
}

impl Default for ChallengeQuery {
    fn default() -> Self {
        Self { cohort: None, skill: None, administration: None, year: None, search: None, page: PageNo::FIRST }
    }
}

fn present(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn parse_slug(errors: &mut FieldErrors, field: &'static str, v: &Option<String>) -> Option<Slug> {
    let s = present(v)?;
    match Slug::parse(s) {
        Ok(slug) => Some(slug),
        Err(TextError::TooLong { .. }) => {
            errors.push(field, "too-long");
            None
        }
        Err(_) => {
            errors.push(field, "invalid-identifier");
            None
        }
    }
}

fn parse_search(errors: &mut FieldErrors, v: &Option<String>) -> Option<SearchText> {
    match present(v).map(SearchText::parse) {
        None => None,
        Some(Ok(s)) => s,
        Some(Err(e)) => {
            let code = match e {
                TextError::TooManyWords { .. } => "too-many-words",
                TextError::TooLong { .. } => "too-long",
                _ => "invalid-text",
            };
            errors.push("q", code);
            None
        }
    }
}

fn parse_page(errors: &mut FieldErrors, v: &Option<String>) -> PageNo {
    match present(v) {
        None => PageNo::FIRST,
        Some(s) => PageNo::parse(s).unwrap_or_else(|_| {
            errors.push("page", "invalid-page");
            PageNo::FIRST
        }),
    }
}

fn too_long(errors: &mut FieldErrors, fields: &[(&'static str, &Option<String>)]) {
    for (name, v) in fields {
        if v.as_deref().is_some_and(|s| s.len() > MAX_PARAM_LEN) {
            errors.push(name, "too-long");
        }
    }
}

impl ChallengeQuery {
    /// Parses the raw parameters; every invalid one is reported.
    pub fn parse(raw: &RawChallengeQuery) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        too_long(
            &mut errors,
            &[
                ("cohort", &raw.cohort),
                ("skill", &raw.skill),
                ("administration", &raw.administration),
                ("year", &raw.year),
                ("page", &raw.page),
            ],
        );
        if !errors.0.is_empty() {
            return Err(errors);
        }
        let cohort = parse_slug(&mut errors, "cohort", &raw.cohort);
        let administration = parse_slug(&mut errors, "administration", &raw.administration);
        let skill = present(&raw.skill).and_then(|s| {
            let skill = Skill::parse(s);
            if skill.is_none() {
                errors.push("skill", "invalid-skill");
            }
            skill
        });
        let year = present(&raw.year).and_then(|s| match s.parse::<i32>() {
            Ok(y) if (2000..=2100).contains(&y) => Some(y),
            _ => {
                errors.push("year", "invalid-year");
                None
            }
        });
        let search = parse_search(&mut errors, &raw.q);
        let page = parse_page(&mut errors, &raw.page);
        if errors.0.is_empty() { Ok(Self { cohort, skill, administration, year, search, page }) } else { Err(errors) }
    }

    /// Whether any filter (other than the page) is set.
    pub fn is_filtered(&self) -> bool {
        self.cohort.is_some() || self.skill.is_some() || self.administration.is_some() || self.year.is_some() || self.search.is_some()
    }
}

/// The query parameters of `/community`, as received.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct RawPeopleQuery {
    /// Cohort code.
    pub cohort: Option<String>,
    /// Profile key.
    pub profile: Option<String>,
    /// Free text (a name).
    pub q: Option<String>,
    /// Page number.
    pub page: Option<String>,
}

/// The filters of `/community`, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeopleQuery {
    /// Only people with a role in this cohort.
    pub cohort: Option<Slug>,
    /// Only this profile.
    pub profile: Option<Profile>,
    /// Name search.
    pub search: Option<SearchText>,
    /// Which page.
    pub page: PageNo,
}

impl Default for PeopleQuery {
    fn default() -> Self {
        Self { cohort: None, profile: None, search: None, page: PageNo::FIRST }
    }
}

impl PeopleQuery {
    /// Parses the raw parameters; every invalid one is reported.
    pub fn parse(raw: &RawPeopleQuery) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        too_long(&mut errors, &[("cohort", &raw.cohort), ("profile", &raw.profile), ("page", &raw.page)]);
        if !errors.0.is_empty() {
            return Err(errors);
        }
        let cohort = parse_slug(&mut errors, "cohort", &raw.cohort);
        let profile = present(&raw.profile).and_then(|s| {
            let p = Profile::parse(s);
            if p.is_none() {
                errors.push("profile", "invalid-profile");
            }
            p
        });
        let search = parse_search(&mut errors, &raw.q);
        let page = parse_page(&mut errors, &raw.page);
        if errors.0.is_empty() { Ok(Self { cohort, profile, search, page }) } else { Err(errors) }
    }
}

/// The query parameters of `/blog`, as received.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct RawPageQuery {
    /// Page number.
    pub page: Option<String>,
}

/// Parses a lone `page` parameter.
pub fn parse_page_query(raw: &RawPageQuery) -> Result<PageNo, FieldErrors> {
    let mut errors = FieldErrors::default();
    too_long(&mut errors, &[("page", &raw.page)]);
    let page = if errors.0.is_empty() { parse_page(&mut errors, &raw.page) } else { PageNo::FIRST };
    if errors.0.is_empty() { Ok(page) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> RawChallengeQuery {
        let mut r = RawChallengeQuery::default();
        for (k, v) in pairs {
            let v = Some((*v).to_owned());
            match *k {
                "cohort" => r.cohort = v,
                "skill" => r.skill = v,
                "administration" => r.administration = v,
                "year" => r.year = v,
                "q" => r.q = v,
                "page" => r.page = v,
                _ => unreachable!(),
            }
        }
        r
    }

    #[test]
    fn valid_challenge_filters_parse() {
        let q =
            ChallengeQuery::parse(&raw(&[("cohort", "eig-2"), ("skill", "design"), ("year", "2018"), ("q", "Sécurité"), ("page", "2")]))
                .unwrap();
        assert_eq!(q.cohort.unwrap().as_str(), "eig-2");
        assert_eq!(q.skill, Some(Skill::Design));
        assert_eq!(q.year, Some(2018));
        assert_eq!(q.search.unwrap().words(), ["securite"]);
        assert_eq!(q.page.get(), 2);
    }

    #[test]
    fn empty_parameters_mean_no_filter() {
        let q = ChallengeQuery::parse(&raw(&[("cohort", ""), ("skill", " "), ("q", "")])).unwrap();
        assert!(!q.is_filtered());
    }

    #[test]
    fn every_bad_parameter_is_reported() {
        let err = ChallengeQuery::parse(&raw(&[("cohort", "EIG 2"), ("skill", "cooking"), ("year", "20x8"), ("page", "0")])).unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            fields,
            [("cohort", "invalid-identifier"), ("skill", "invalid-skill"), ("year", "invalid-year"), ("page", "invalid-page")]
        );
        let huge = "x".repeat(10_000);
        let err = ChallengeQuery::parse(&raw(&[("cohort", &huge)])).unwrap_err();
        assert_eq!(err.0, [FieldError { field: "cohort", code: "too-long" }]);
    }

    #[test]
    fn people_query_checks_profile() {
        let r = RawPeopleQuery { profile: Some("wizard".into()), ..Default::default() };
        assert_eq!(PeopleQuery::parse(&r).unwrap_err().0[0].code, "invalid-profile");
        let r = RawPeopleQuery { profile: Some("designer".into()), cohort: Some("dig".into()), ..Default::default() };
        assert_eq!(PeopleQuery::parse(&r).unwrap().profile, Some(Profile::Designer));
    }
}
