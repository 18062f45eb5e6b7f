//! Views of the call for applications, for candidates: the open calls and one's applications,
//! and the application (form while it is a draft, read-only after).

use askama::Template;

use super::call::CallLine;
use super::{Chrome, Opt};

/// An application in the candidate's list.
#[derive(Debug, Clone)]
pub struct ApplicationLine {
    /// Link.
    pub href: String,
    /// Reference.
    pub reference: String,
    /// Cohort.
    pub cohort: String,
    /// Status label.
    pub status: String,
}

/// `/applications`.
#[derive(Template)]
#[template(path = "apply/mine.html")]
pub struct MyApplicationsPage {
    /// Chrome.
    pub c: Chrome,
    /// Form token (signed-in visitors).
    pub csrf: Option<String>,
    /// Open or upcoming calls, each with the visitor's application to it when they started one.
    pub calls: Vec<(CallLine, Option<String>)>,
    /// The visitor's applications.
    pub applications: Vec<ApplicationLine>,
}

/// A checkbox or radio with its label.
#[derive(Debug, Clone)]
pub struct Check {
    /// Value.
    pub value: String,
    /// Label.
    pub label: String,
    /// Checked.
    pub checked: bool,
}

/// One ranked choice slot of the form.
#[derive(Debug, Clone)]
pub struct ChoiceSlot {
    /// Index (from 0).
    pub i: usize,
    /// The (challenge, profile) options, `challenge|profile`.
    pub options: Vec<Opt>,
    /// The contribution typed.
    pub contribution: String,
}

/// A line of the read-only application.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The question.
    pub label: String,
    /// The answer.
    pub value: String,
}

/// A document of the application.
#[derive(Debug, Clone)]
pub struct DocLine {
    /// Its kind (CV, portfolio).
    pub label: String,
    /// Name, size label, SHA-256, link (when attached).
    pub file: Option<(String, String, String, String)>,
}

/// `/applications/{id}`.
#[derive(Template)]
#[template(path = "apply/application.html")]
pub struct ApplicationPage {
    /// Chrome.
    pub c: Chrome,
    /// Form token.
    pub csrf: String,
    /// Id.
    pub id: String,
    /// Reference.
    pub reference: String,
    /// Cohort title.
    pub cohort: String,
    /// Status label.
    pub status: String,
    /// The deadline, as a sentence (while editable).
    pub deadline: String,
    /// A notice after an action.
    pub notice: Option<String>,
    /// Problems with what was sent.
    pub errors: Vec<String>,
    /// What submission still needs.
    pub missing: Vec<String>,
    /// The receipt: Paris time and fingerprint.
    pub receipt: Option<(String, String)>,
    /// Editable (a draft, the candidate, the call open).
    pub editable: bool,
    /// May withdraw.
    pub can_withdraw: bool,
    /// Version (optimistic saves).
    pub version: i32,
    /// What the candidate is asked for.
    pub info_request: Option<String>,
    /// Whether they may answer it.
    pub can_provide_information: bool,
    /// Why the application was not retained.
    pub reason: Option<String>,
    /// Whether they may rank their choices now.
    pub can_choose: bool,
    /// Until when.
    pub choices_close: String,
    /// Free slots.
    pub slots: Vec<Opt>,
    /// Whether they may book one.
    pub can_book: bool,
    /// The slot held.
    pub held: Option<String>,
    /// Whether they may cancel it.
    pub can_cancel_interview: bool,
    /// Whether the candidate may move it to one of `slots`.
    pub can_move_interview: bool,
    /// The other challenges an interview panel proposed.
    pub suggestions: Vec<SuggestionLine>,
    /// The offer, as a sentence.
    pub offer: Option<String>,
    /// Its answer.
    pub offer_response: Option<String>,
    /// Whether they may answer it.
    pub can_answer_offer: bool,
    /// Full name.
    pub name: String,
    /// Phone.
    pub phone: String,
    /// Profiles.
    pub profiles: Vec<Check>,
    /// Years of experience.
    pub years: String,
    /// The salary band, as a sentence.
    pub salary: String,
    /// Background, motivation, resources: (name, id, label, hint, value, limit, required).
    pub texts: Vec<(String, String, String, String, String, u32, bool)>,
    /// Ranked choices (in the application mode).
    pub choices: Vec<ChoiceSlot>,
    /// Whether choices are made in the application.
    pub choose_now: bool,
    /// Mobility: yes, no.
    pub mobile: Vec<Check>,
    /// Available at the start: yes, no.
    pub available: Vec<Check>,
    /// Preferred teammate.
    pub teammate: String,
    /// Eligibility declarations.
    pub declarations: Vec<Check>,
    /// Consent given.
    pub consent: bool,
    /// Portfolio links (five slots).
    pub links: Vec<String>,
    /// Documents.
    pub documents: Vec<DocLine>,
    /// The read-only answers.
    pub answers: Vec<Answer>,
}

/// A challenge an interview panel proposed, on the candidate's page.
#[derive(Debug, Clone)]
pub struct SuggestionLine {
    /// Its id.
    pub id: String,
    /// The challenge and profile.
    pub what: String,
    /// The panel's note.
    pub note: String,
    /// The answer given, in words (empty: none yet).
    pub answer: String,
    /// Whether the candidate may answer now.
    pub can_answer: bool,
}
