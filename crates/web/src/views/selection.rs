//! Views of the call for applications for staff, the validator and reviewers: the rules, the
//! pre-selection desk, the interviews, the matching, a reviewer's list. Handlers fill them from
//! the read models of `cohorte_app::selection`, which carry what the reader may do.

use askama::Template;

use super::{Chrome, Opt};

/// The links between the pages of a cohort's call for applications.
#[derive(Debug, Clone)]
pub struct DeskNav {
    /// The cohort's code.
    pub code: String,
    /// The current page (`rules`, `applications`, `interviews`, `matching`).
    pub current: &'static str,
}

/// A seat input: (input id, field name, profile label, seats).
pub type SeatInput = (String, String, String, String);

/// `/admin/cohorts/{code}/applications/rules`.
#[derive(Template)]
#[template(path = "selection/rules.html")]
pub struct RulesPage {
    /// Chrome.
    pub c: Chrome,
    /// Breadcrumb.
    pub crumbs: Vec<(String, String)>,
    /// Navigation.
    pub nav: DeskNav,
    /// Form token.
    pub csrf: String,
    /// Whether the reader may change the rules.
    pub can_edit: bool,
    /// Whether rules are set.
    pub set: bool,
    /// Choice modes.
    pub modes: Vec<Opt>,
    /// Most ranked choices.
    pub max_choices: String,
    /// Reviewers per application.
    pub reviewers: String,
    /// Smallest team.
    pub min_team: String,
    /// Largest CV (MiB).
    pub cv_max: String,
    /// Whether mentors pre-select.
    pub mentors_preselect: bool,
    /// Per challenge: title and its seat inputs.
    pub seats: Vec<(String, Vec<SeatInput>)>,
    /// The grid: (criterion, weight).
    pub grid: Vec<(String, u8)>,
    /// The scale's top.
    pub scale_max: u8,
    /// Salary bands, as sentences.
    pub bands: Vec<String>,
    /// Eligibility declarations.
    pub declarations: Vec<String>,
    /// A notice.
    pub notice: Option<String>,
}

/// One application on the desk.
#[derive(Debug, Clone)]
pub struct DeskLine {
    /// Id.
    pub id: String,
    /// Reference.
    pub reference: String,
    /// Candidate.
    pub name: String,
    /// Status label.
    pub status: String,
    /// Reviewers assigned.
    pub assigned: usize,
    /// Each reviewer's raw total and z-score.
    pub scores: Vec<String>,
    /// Raw mean.
    pub mean: String,
    /// Mean z-score.
    pub z: String,
    /// Reviewers disagree.
    pub disagreement: bool,
    /// The steps the reader may take.
    pub steps: Vec<Opt>,
    /// Whether the reader may record the interview.
    pub can_record: bool,
}

/// `/admin/cohorts/{code}/applications`.
#[derive(Template)]
#[template(path = "selection/desk.html")]
pub struct DeskPage {
    /// Chrome.
    pub c: Chrome,
    /// Breadcrumb.
    pub crumbs: Vec<(String, String)>,
    /// Navigation.
    pub nav: DeskNav,
    /// Form token.
    pub csrf: String,
    /// Counts by status: (label, count).
    pub counts: Vec<(String, usize)>,
    /// Applications without reviewers.
    pub unassigned: usize,
    /// Whether the reader may assign reviewers.
    pub can_assign: bool,
    /// The normalisation method.
    pub method: String,
    /// The status filter's options.
    pub statuses: Vec<Opt>,
    /// The words searched.
    pub q: String,
    /// How many applications the filter shows.
    pub shown: String,
    /// Whether a filter is on.
    pub filtered: bool,
    /// The pages.
    pub pager: crate::views::Pager,
    /// The applications (one page).
    pub rows: Vec<DeskLine>,
    /// A notice.
    pub notice: Option<String>,
}

/// A slot on the interviews page.
#[derive(Debug, Clone)]
pub struct SlotView {
    /// When (Paris time).
    pub when: String,
    /// Minutes.
    pub minutes: i32,
    /// On site or video.
    pub mode: String,
    /// Room or link.
    pub location: String,
    /// Challenge (or any).
    pub challenge: String,
    /// Who booked it.
    pub booked: String,
}

/// `/admin/cohorts/{code}/interviews`.
#[derive(Template)]
#[template(path = "selection/interviews.html")]
pub struct InterviewsPage {
    /// Chrome.
    pub c: Chrome,
    /// Breadcrumb.
    pub crumbs: Vec<(String, String)>,
    /// Navigation.
    pub nav: DeskNav,
    /// Form token.
    pub csrf: String,
    /// Whether the reader may open slots.
    pub can_open: bool,
    /// Challenges a slot may be for.
    pub challenges: Vec<Opt>,
    /// The slots.
    pub slots: Vec<SlotView>,
    /// A notice.
    pub notice: Option<String>,
}

/// A candidate on a list: (application id, reference, name, choice rank, position, the panel's
/// consensus total).
pub type RankRow = (String, String, String, usize, String, String);

/// A (challenge, profile) list on the matching page.
#[derive(Debug, Clone)]
pub struct ListView {
    /// The list's key (`challenge|profile`).
    pub key: String,
    /// A safe id for the page.
    pub anchor: String,
    /// Challenge title.
    pub title: String,
    /// Profile label.
    pub profile: String,
    /// Seats.
    pub seats: u32,
    /// Candidates.
    pub candidates: Vec<RankRow>,
    /// Matched now.
    pub matched: Vec<String>,
}

/// A candidate's place and explanation.
#[derive(Debug, Clone)]
pub struct ExplainView {
    /// Reference.
    pub reference: String,
    /// Name.
    pub name: String,
    /// Where placed.
    pub placed: String,
    /// Why not higher.
    pub missed: Vec<String>,
}

/// `/admin/cohorts/{code}/matching`.
#[derive(Template)]
#[template(path = "selection/matching.html")]
pub struct MatchingPage {
    /// Chrome.
    pub c: Chrome,
    /// Breadcrumb.
    pub crumbs: Vec<(String, String)>,
    /// Navigation.
    pub nav: DeskNav,
    /// Form token.
    pub csrf: String,
    /// The lists.
    pub lists: Vec<ListView>,
    /// Whether the reader may change them.
    pub can_rank: bool,
    /// Candidates with their explanation.
    pub explain: Vec<ExplainView>,
    /// Challenges under the smallest team.
    pub understaffed: Vec<String>,
    /// Whether the matching has no blocking pair.
    pub stable: bool,
    /// Staff overrides: (application id, reference and name, where placed, reason).
    pub overrides: Vec<(String, String, String, String)>,
    /// The blocking pairs the overrides create, as sentences.
    pub blocking: Vec<String>,
    /// Lists over their seats.
    pub over_capacity: Vec<String>,
    /// Candidates an override may move.
    pub override_candidates: Vec<Opt>,
    /// Where they may go (`challenge|profile`, or `none`).
    pub override_targets: Vec<Opt>,
    /// Publication time.
    pub published: Option<String>,
    /// Whether the reader may publish.
    pub can_publish: bool,
    /// Offers: (reference, name, challenge, profile, deadline, answer).
    pub offers: Vec<(String, String, String, String, String, String)>,
    /// Fellows: (name, reference, challenge, profile, announced).
    pub fellows: Vec<(String, String, String, String, String)>,
    /// Whether the reader may announce the teams.
    pub can_announce: bool,
    /// A notice.
    pub notice: Option<String>,
}

/// An application on a reviewer's page.
#[derive(Debug, Clone)]
pub struct ReviewItem {
    /// Id.
    pub id: String,
    /// Reference.
    pub reference: String,
    /// The answers to read.
    pub answers: Vec<(String, String)>,
    /// The CV's link.
    pub cv: Option<String>,
    /// Per criterion: (key, label, options).
    pub scores: Vec<(String, String, Vec<Opt>)>,
    /// The reviewer's comment.
    pub comment: String,
    /// The reviewer's total, once scored.
    pub total: Option<String>,
    /// The others' totals (after one's own).
    pub others: Vec<String>,
    /// Whether the reviewer may score now.
    pub can_score: bool,
}

/// `/reviews/{code}`.
#[derive(Template)]
#[template(path = "selection/reviews.html")]
pub struct ReviewsPage {
    /// Chrome.
    pub c: Chrome,
    /// Form token.
    pub csrf: String,
    /// The cohort's code.
    pub code: String,
    /// The applications, in the reviewer's order.
    pub items: Vec<ReviewItem>,
    /// A notice.
    pub notice: Option<String>,
}

/// An interview on the panel's page.
#[derive(Debug, Clone)]
pub struct PanelView {
    /// Id.
    pub id: String,
    /// Reference and name.
    pub who: String,
    /// The answers to read.
    pub answers: Vec<(String, String)>,
    /// The staff remarks (pre-selection comments).
    pub remarks: Vec<String>,
    /// The CV's link.
    pub cv: String,
    /// Per criterion: (key, label, options).
    pub scores: Vec<(String, String, Vec<Opt>)>,
    /// The reader's comment.
    pub comment: String,
    /// The reader's total, once scored.
    pub total: Option<String>,
    /// The other members' totals.
    pub others: Vec<String>,
    /// The consensus, once recorded.
    pub consensus: Option<String>,
    /// Whether the reader may score.
    pub can_score: bool,
    /// Whether the reader may record the consensus.
    pub can_consensus: bool,
    /// The other challenges proposed to the candidate, with their answers.
    pub suggestions: Vec<String>,
    /// The lists the reader may still propose (empty: none, or not now).
    pub suggest: Vec<Opt>,
}

/// `/panel/{code}`.
#[derive(Template)]
#[template(path = "selection/panel.html")]
pub struct PanelPage {
    /// Chrome.
    pub c: Chrome,
    /// Form token.
    pub csrf: String,
    /// The cohort's code.
    pub code: String,
    /// The interviews.
    pub items: Vec<PanelView>,
    /// A notice.
    pub notice: Option<String>,
}
