//! The records of the EIG files, as parsed (field names are the source's).

use serde::Deserialize;
use time::Date;

/// A promotion as `defis.yml` writes it: a number or `"dig"`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Promotion {
    /// EIG 1…N.
    Number(i64),
    /// `dig`.
    Name(String),
}

impl Promotion {
    /// The cohort code (`eig-3`, `dig`).
    pub fn cohort_code(&self) -> String {
        match self {
            Promotion::Number(n) => format!("eig-{n}"),
            Promotion::Name(s) => crate::text::slugify(s),
        }
    }
}

/// Years as `personnes.yml` writes them: a list of numbers, sometimes a string `"2018 2019"`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum YearItem {
    /// A year.
    Number(i64),
    /// Years in a string.
    Text(String),
}

/// A number as YAML may give it: `1288`, or a string such as `"00"` (a placeholder).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Amount {
    /// A number.
    Number(i64),
    /// Text.
    Text(String),
}

/// A key figure of `defis.yml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SourceKeyFigure {
    /// The number.
    pub amount: Option<Amount>,
    /// The label.
    pub description: Option<String>,
}

/// A deliverable of `defis.yml` (`projects`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SourceProject {
    /// Title.
    pub title: Option<String>,
    /// Link.
    pub url: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Link label.
    pub call_to_action: Option<String>,
}

/// One challenge of `defis.yml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SourceChallenge {
    /// The map key (set by the reader, not in the record).
    #[serde(skip)]
    pub key: String,
    /// Title.
    pub title: String,
    /// Tagline.
    pub description: Option<String>,
    /// Year.
    pub year: i32,
    /// Promotion.
    pub promotion: Promotion,
    /// Duration.
    pub duration_months: Option<i32>,
    /// Administration, free text.
    pub administration: String,
    /// Administration's site.
    pub administration_website: Option<String>,
    /// City.
    pub ville: Option<String>,
    /// Skills keys.
    #[serde(default)]
    pub skills: Vec<String>,
    /// Fellows' names.
    pub eigs: Option<Vec<String>>,
    /// Mentors' names.
    pub mentors: Option<Vec<String>>,
    /// Key figures.
    pub key_figures: Option<Vec<SourceKeyFigure>>,
    /// Deliverables.
    pub projects: Option<Vec<SourceProject>>,
    /// Source code URL.
    pub source_code: Option<String>,
    /// Demo site.
    pub website: Option<String>,
    /// Path of the page (`/defis/YEAR/SLUG.html`).
    pub link_to: String,
}

/// One person of `personnes.yml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SourcePerson {
    /// The map key (set by the reader).
    #[serde(skip)]
    pub key: String,
    /// Display name.
    pub title: Option<String>,
    /// Profile label.
    pub profil: Option<String>,
    /// Tags (`eig-2`, `mentor`, …).
    #[serde(default, rename = "class")]
    pub classes: Option<Vec<String>>,
    /// Years.
    pub annees: Option<Vec<YearItem>>,
    /// Challenge keys.
    pub defis: Option<Vec<String>>,
    /// GitHub handle.
    pub github: Option<String>,
    /// GitLab handle.
    pub gitlab: Option<String>,
    /// LinkedIn URL.
    pub linkedin: Option<String>,
    /// Twitter handle.
    pub twitter: Option<String>,
    /// Web site.
    pub website: Option<String>,
    /// Path of the page.
    pub link_to: Option<String>,
}

/// A Markdown file with a front matter (challenge body, biography, blog post).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDocument {
    /// File name (for reports).
    pub file: String,
    /// The title or name in the front matter (`title`, `nom`).
    pub title: Option<String>,
    /// The Markdown body.
    pub body: String,
}

/// A blog post file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcePost {
    /// File name.
    pub file: String,
    /// Whether the file name starts with `_` (a draft).
    pub draft: bool,
    /// The date of the file name.
    pub date: Date,
    /// The slug of the file name.
    pub slug: String,
    /// Front matter.
    pub meta: SourcePostMeta,
    /// Markdown body.
    pub body: String,
}

/// A blog post's front matter.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct SourcePostMeta {
    /// Title.
    pub title: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Summary.
    pub description: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    /// Translation key.
    #[serde(rename = "lang-ref")]
    pub lang_ref: Option<String>,
    /// Language, when set.
    pub lang: Option<String>,
}

/// A FAQ entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SourceFaqEntry {
    /// Question.
    pub question: String,
    /// Answer (HTML).
    pub reponse: String,
    /// Anchor.
    pub ancre: Option<String>,
}

/// A FAQ file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFaq {
    /// File name.
    pub file: String,
    /// Audience.
    pub audience: crate::content::FaqAudience,
    /// Language.
    pub lang: crate::lang::Lang,
    /// Entries in order.
    pub entries: Vec<SourceFaqEntry>,
}

/// A testimonial.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SourceTestimonial {
    /// Text.
    pub text: String,
    /// Author.
    pub author: String,
    /// Author's position.
    pub position: Option<String>,
}

/// A promotion of `promos.yml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SourcePromo {
    /// The map key (set by the reader).
    #[serde(skip)]
    pub key: String,
    /// Short name (`EIG 3`).
    pub slug: String,
    /// Title.
    pub title: Option<String>,
    /// Promotion.
    pub promotion: Promotion,
    /// CSS classes, starting with the year.
    pub class: Option<String>,
}

/// Everything read from the EIG folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    /// `data/promos.yml`.
    pub promos: Vec<SourcePromo>,
    /// `data/skills.yml` (key, label).
    pub skills: Vec<(String, String)>,
    /// `data/defis.yml`.
    pub challenges: Vec<SourceChallenge>,
    /// `challenges/*.md`.
    pub challenge_bodies: Vec<SourceDocument>,
    /// `data/personnes.yml`.
    pub people: Vec<SourcePerson>,
    /// `people/*.md`.
    pub bios: Vec<SourceDocument>,
    /// `posts/*.md`.
    pub posts: Vec<SourcePost>,
    /// `data/faq-*.yml`.
    pub faqs: Vec<SourceFaq>,
    /// `data/temoignages.yml`.
    pub testimonials: Vec<SourceTestimonial>,
    /// What the reader repaired while parsing (subject, what was done).
    pub read_fixes: Vec<(String, String)>,
}
