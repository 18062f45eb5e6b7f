//! Editorial knowledge the data does not carry: the organisation tree, the rules that resolve a
//! free-text administration to its host organisation, pages that are one project, and the figures
//! the program declared. It lives in `data/curation/eig.yml`, reviewed like code.

use crate::content::OrganisationKind;
use serde::Deserialize;

/// An organisation of the reference tree.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CuratedOrganisation {
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Acronym.
    pub acronym: Option<String>,
    /// Kind (`ministry`, `central_admin`, …).
    pub kind: String,
    /// Parent slug.
    pub parent: Option<String>,
    /// Web site.
    pub website: Option<String>,
    /// Former or informal names it is known by (searchable, e.g. DINSIC for the DINUM).
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl CuratedOrganisation {
    /// The kind, parsed.
    pub fn kind(&self) -> Option<OrganisationKind> {
        OrganisationKind::parse(&self.kind)
    }
}

/// A rule: if the folded administration name contains `match`, the host is `host`; with no host,
/// the administration is its own organisation (named after its first comma-separated part) under
/// `parent`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct HostRule {
    /// A folded keyword (see [`crate::text::name_key`]).
    #[serde(rename = "match")]
    pub keyword: String,
    /// The host organisation's slug.
    pub host: Option<String>,
    /// Parent of an organisation named after the label.
    pub parent: Option<String>,
    /// Kind of an organisation named after the label.
    pub kind: Option<String>,
}

/// Challenge pages that are one project.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ProjectGroup {
    /// The project key.
    pub key: String,
    /// The challenge keys (of `defis.yml`).
    pub challenges: Vec<String>,
}

/// A figure the program declared.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CuratedDeclaredFigure {
    /// Figure id (`challenges-coached`).
    pub figure: String,
    /// Value.
    pub value: i64,
    /// Language of the page.
    pub lang: String,
    /// Source.
    pub source: String,
    /// Date (`YYYY-MM-DD`).
    pub as_of: String,
}

/// The whole curation file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Curation {
    /// The program's name.
    pub program_name: String,
    /// English titles of cohorts, by code.
    #[serde(default)]
    pub cohort_titles_en: std::collections::BTreeMap<String, String>,
    /// The organisation tree.
    pub organisations: Vec<CuratedOrganisation>,
    /// Host rules, in order: the first keyword found wins.
    pub host_rules: Vec<HostRule>,
    /// Project groups.
    #[serde(default)]
    pub project_groups: Vec<ProjectGroup>,
    /// Declared figures.
    #[serde(default)]
    pub declared_figures: Vec<CuratedDeclaredFigure>,
}
