//! The view of the signed-in home (`/home`).

use askama::Template;

use super::Chrome;
use super::call::{CallLine, ProposalLineView};

/// A count and where its items are.
#[derive(Debug, Clone)]
pub struct CountLink {
    /// The count, in words.
    pub text: String,
    /// Where the items are.
    pub href: String,
    /// The count (no link when zero).
    pub count: usize,
}

/// A link to one pending item.
#[derive(Debug, Clone)]
pub struct ItemLink {
    /// Where it is.
    pub href: String,
    /// What it is.
    pub text: String,
}

/// A cohort under way, for staff.
#[derive(Debug, Clone)]
pub struct StaffCohortView {
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// Where the call stands.
    pub phase: String,
    /// What waits, step by step.
    pub lines: Vec<CountLink>,
}

/// A juror's work.
#[derive(Debug, Clone)]
pub struct JuryView {
    /// "n proposals to score".
    pub to_score_title: String,
    /// The proposals to score.
    pub to_score: Vec<ItemLink>,
    /// "n rankings to give".
    pub rankings_title: String,
    /// The rankings to give.
    pub rankings: Vec<ItemLink>,
}

/// A cohort's pre-selection work.
#[derive(Debug, Clone)]
pub struct PreselectionView {
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// "n proposals to review".
    pub heading: String,
    /// The proposals to review.
    pub items: Vec<ItemLink>,
}

/// A round waiting for the validator.
#[derive(Debug, Clone)]
pub struct RoundView {
    /// The cohort's title.
    pub title: String,
    /// The decisions page.
    pub href: String,
    /// "n staged decisions to approve".
    pub staged: String,
    /// "n heard proposals still await their decision", if any.
    pub without_outcome: Option<String>,
}

/// `/home`.
#[derive(Template)]
#[template(path = "pages/dashboard.html")]
pub struct DashboardPage {
    /// Chrome.
    pub c: Chrome,
    /// The person holds roles their session cannot use until they give the second factor.
    pub second_factor: bool,
    /// Staff: cohorts under way.
    pub staff: Option<Vec<StaffCohortView>>,
    /// Jurors.
    pub jury: Option<JuryView>,
    /// Pre-selectors.
    pub preselection: Option<Vec<PreselectionView>>,
    /// The validator.
    pub validation: Option<Vec<RoundView>>,
    /// Their own proposals (the section is left out when empty).
    pub proposals: Vec<ProposalLineView>,
    /// Open and upcoming calls.
    pub calls: Vec<CallLine>,
    /// Applications to review: (title, link, what waits).
    pub application_reviews: Vec<(String, String, String)>,
}
