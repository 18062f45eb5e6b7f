//! A challenge proposal: the form an administration fills in for the call for projects
//! (`domain.md` §3.4), its checks against the cohort's rules, and its life (§9.3.2).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::cohort::{ProfileKind, RuleSet, TextField};
use crate::content::str_enum;
use crate::identity::Email;
use crate::query::{FieldError, FieldErrors};
use crate::text::{char_len as len, long_ok, short_ok};

str_enum!(
    /// Where a proposal stands.
    ProposalStatus {
        /// Being written; saved automatically.
        Draft => "draft",
        /// Sent before the deadline; read-only for the administration.
        Submitted => "submitted",
        /// Withdrawn by the administration.
        Withdrawn => "withdrawn",
        /// Not eligible (reason recorded).
        Ineligible => "ineligible",
        /// Insufficiently detailed (reason recorded).
        Incomplete => "incomplete",
        /// Pre-selectors are reading it.
        UnderReview => "under_review",
        /// The administration was asked for more information on named fields.
        InfoRequested => "info_requested",
        /// Invited to a hearing.
        Shortlisted => "shortlisted",
        /// Not invited to a hearing.
        NotShortlisted => "not_shortlisted",
        /// Heard by a panel.
        Heard => "heard",
        /// Did not come to its hearing.
        NoShow => "no_show",
        /// Selected (validated; secret until publication).
        Selected => "selected",
        /// On the reserve list (validated; secret until publication).
        Reserve => "reserve",
        /// Not selected after the hearing (validated; secret until publication).
        NotSelected => "not_selected",
    }
);

/// What happens to a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalEvent {
    /// The administration sends it (before the deadline, complete).
    Submit,
    /// The administration withdraws it (before the hearing).
    Withdraw,
    /// Staff: not eligible.
    MarkIneligible,
    /// Staff: insufficiently detailed.
    MarkIncomplete,
    /// Staff: pre-selection starts.
    StartReview,
    /// Staff: ask the administration for more information.
    RequestInformation,
    /// The administration sends the information asked for.
    ProvideInformation,
    /// Staff: invite to a hearing.
    Shortlist,
    /// Staff: not invited.
    NotShortlist,
    /// The panel heard it.
    Hear,
    /// The administration did not come.
    MissHearing,
    /// The validator approved the decision: selected, reserve or not selected.
    Decide(Decision),
    /// Staff: a reserve proposal replaces a withdrawn laureate (validated again).
    Promote,
}

str_enum!(
    /// The outcome of the call for a heard proposal.
    Decision {
        /// Selected: becomes a challenge.
        Selected => "selected",
        /// On the reserve list.
        Reserve => "reserve",
        /// Not selected.
        NotSelected => "not_selected",
    }
);

/// A transition that the state machine does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a {from} proposal cannot take this step")]
pub struct InvalidTransition {
    /// The current status.
    pub from: ProposalStatus,
}

impl ProposalStatus {
    /// The one place where a proposal changes status.
    pub fn apply(self, event: ProposalEvent) -> Result<ProposalStatus, InvalidTransition> {
        use ProposalEvent as E;
        use ProposalStatus as S;
        let to = match (self, event) {
            (S::Draft, E::Submit) => S::Submitted,
            (S::Submitted | S::UnderReview | S::InfoRequested | S::Shortlisted, E::Withdraw) => S::Withdrawn,
            (S::Submitted | S::UnderReview, E::MarkIneligible) => S::Ineligible,
            (S::Submitted | S::UnderReview | S::InfoRequested, E::MarkIncomplete) => S::Incomplete,
            (S::Submitted, E::StartReview) => S::UnderReview,
            (S::Submitted | S::UnderReview, E::RequestInformation) => S::InfoRequested,
            (S::InfoRequested, E::ProvideInformation) => S::UnderReview,
            (S::Submitted | S::UnderReview, E::Shortlist) => S::Shortlisted,
            (S::Submitted | S::UnderReview, E::NotShortlist) => S::NotShortlisted,
            (S::Shortlisted, E::Hear) => S::Heard,
            (S::Shortlisted, E::MissHearing) => S::NoShow,
            (S::Heard, E::Decide(Decision::Selected)) => S::Selected,
            (S::Heard, E::Decide(Decision::Reserve)) => S::Reserve,
            (S::Heard, E::Decide(Decision::NotSelected)) => S::NotSelected,
            (S::Reserve, E::Promote) => S::Selected,
            _ => return Err(InvalidTransition { from: self }),
        };
        Ok(to)
    }

    /// Whether the administration may still edit it (only fields reopened when information is
    /// requested).
    pub fn editable(self) -> bool {
        matches!(self, ProposalStatus::Draft | ProposalStatus::InfoRequested)
    }

    /// Whether the outcome of the call is decided (and secret until publication).
    pub fn is_decision(self) -> bool {
        matches!(self, ProposalStatus::Selected | ProposalStatus::Reserve | ProposalStatus::NotSelected)
    }

    /// What the administration and anyone outside staff and the validator may know: a decision
    /// reads "heard" until the results are published.
    pub fn as_seen_before_publication(self) -> ProposalStatus {
        if self.is_decision() { ProposalStatus::Heard } else { self }
    }

    /// Whether the panel's jurors may score it (as they see it: a decision they may not know yet
    /// reads "heard", and scoring stays open until the results are published).
    pub fn scoring_open(self) -> bool {
        matches!(self, ProposalStatus::Shortlisted | ProposalStatus::Heard)
    }
}

str_enum!(
    /// A contact named in the proposal.
    ContactRole {
        /// Operational mentor (project lead): the main contact, presents at the hearing.
        OperationalMentor => "operational_mentor",
        /// Second operational mentor (optional).
        OperationalMentor2 => "operational_mentor_2",
        /// High-level mentor (executive sponsor).
        ExecutiveSponsor => "executive_sponsor",
        /// HR contact (recruitment).
        HrContact => "hr_contact",
        /// Finance contact (co-funding).
        FinanceContact => "finance_contact",
    }
);

impl ContactRole {
    /// Whether submission needs this contact.
    pub fn required(self) -> bool {
        !matches!(self, ContactRole::OperationalMentor2)
    }
}

str_enum!(
    /// A pre-selection step staff take (the panel's referent takes "heard" and "no show").
    StaffStep {
        /// Start the review.
        StartReview => "start_review",
        /// Ask for more information on named fields.
        RequestInformation => "request_information",
        /// Invite to a hearing.
        Shortlist => "shortlist",
        /// Not invited to a hearing.
        NotShortlist => "not_shortlist",
        /// Not eligible.
        Ineligible => "ineligible",
        /// Insufficiently detailed.
        Incomplete => "incomplete",
        /// The panel heard it.
        Heard => "heard",
        /// The administration did not come to its hearing.
        NoShow => "no_show",
    }
);

impl StaffStep {
    /// The event of the state machine this step applies.
    pub fn event(self) -> ProposalEvent {
        match self {
            StaffStep::StartReview => ProposalEvent::StartReview,
            StaffStep::RequestInformation => ProposalEvent::RequestInformation,
            StaffStep::Shortlist => ProposalEvent::Shortlist,
            StaffStep::NotShortlist => ProposalEvent::NotShortlist,
            StaffStep::Ineligible => ProposalEvent::MarkIneligible,
            StaffStep::Incomplete => ProposalEvent::MarkIncomplete,
            StaffStep::Heard => ProposalEvent::Hear,
            StaffStep::NoShow => ProposalEvent::MissHearing,
        }
    }

    /// The steps a proposal in this status can take.
    pub fn available(status: ProposalStatus) -> Vec<StaffStep> {
        StaffStep::ALL.iter().copied().filter(|s| status.apply(s.event()).is_ok()).collect()
    }

    /// Whether the step needs a reason told to the administration.
    pub fn needs_reason(self) -> bool {
        matches!(self, StaffStep::RequestInformation | StaffStep::NotShortlist | StaffStep::Ineligible | StaffStep::Incomplete)
    }
}

str_enum!(
    /// How staff sort a cohort's proposals.
    ProposalSort {
        /// By reference (the order they were started in).
        Reference => "reference",
        /// By name.
        Name => "name",
        /// By host organisation.
        Host => "host",
        /// By status, in the order of the process.
        Status => "status",
        /// Fewest reviews first (what still needs reading).
        Reviews => "reviews",
        /// Most recently submitted first.
        Submitted => "submitted",
    }
);

/// A person's place on a proposal: its author, or a contact they were invited as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MemberRole {
    /// Started it.
    Author,
    /// Invited as one of the contacts.
    Contact(ContactRole),
}

impl MemberRole {
    /// The stored form (`author` or the contact role).
    pub fn as_str(self) -> &'static str {
        match self {
            MemberRole::Author => "author",
            MemberRole::Contact(c) => c.as_str(),
        }
    }

    /// Reads the stored form.
    pub fn parse(s: &str) -> Option<Self> {
        if s == "author" { Some(MemberRole::Author) } else { ContactRole::parse(s).map(MemberRole::Contact) }
    }
}

impl TryFrom<String> for MemberRole {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s).ok_or_else(|| format!("unknown member role: {s:?}"))
    }
}

str_enum!(
    /// What a pre-selector recommends.
    Recommendation {
        /// Invite to a hearing.
        Shortlist => "shortlist",
        /// Do not invite.
        Reject => "reject",
        /// Ask the administration for more.
        MoreInformation => "more_information",
    }
);

str_enum!(
    /// A juror's (or the panel's) opinion of a proposal.
    Opinion {
        /// Favourable.
        Favourable => "favourable",
        /// Unfavourable.
        Unfavourable => "unfavourable",
    }
);

str_enum!(
    /// How a hearing takes place.
    HearingMode {
        /// In a room.
        Onsite => "onsite",
        /// By video.
        Video => "video",
    }
);

str_enum!(
    /// How a proposal reached its panel.
    AssignedBy {
        /// The automatic, conflict-free assignment.
        Auto => "auto",
        /// Staff, by hand (checked for conflicts the same way).
        Manual => "manual",
    }
);

str_enum!(
    /// Where a cohort's decisions stand.
    RoundStatus {
        /// Staff stage outcomes.
        Staging => "staging",
        /// The validator approved them; published at the chosen time.
        Approved => "approved",
        /// Everyone may know them.
        Published => "published",
    }
);

/// Checks an uploaded PDF: not empty, at most `max_bytes`, starting with the PDF header and
/// ending with its end-of-file marker (in the last KiB), so a truncated upload is refused too.
/// Returns the message code of the first problem.
pub fn check_pdf(bytes: &[u8], max_bytes: usize) -> Result<(), &'static str> {
    if bytes.is_empty() {
        return Err("file-empty");
    }
    if bytes.len() > max_bytes {
        return Err("file-too-large");
    }
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if !bytes.starts_with(b"%PDF-") || !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err("file-not-pdf");
    }
    Ok(())
}

/// The name a proposal's document is stored and served under: the last segment of what the
/// browser sent, without control or reserved characters, at most 100 characters, and always
/// ending in `.pdf` (the content was checked to be a PDF; another extension would mislead the
/// reader's system into opening it with something else).
pub fn document_filename(raw: &str) -> String {
    const MAX: usize = 100;
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = last.chars().filter(|c| !c.is_control() && !"<>:\"|?*".contains(*c)).collect();
    let clean = clean.trim();
    let stem = match clean.rsplit_once('.') {
        Some((stem, ext)) if ext.eq_ignore_ascii_case("pdf") => return fit(stem, ext, MAX),
        Some((stem, _)) => stem,
        None => clean,
    };
    fit(stem, "pdf", MAX)
}

fn fit(stem: &str, ext: &str, max: usize) -> String {
    let stem = stem.trim().trim_start_matches('.').trim_end_matches('.').trim();
    if stem.is_empty() {
        return "document.pdf".to_owned();
    }
    let room = max - ext.chars().count() - 1;
    let cut: String = stem.chars().take(room).collect();
    format!("{}.{ext}", cut.trim_end())
}

/// A person named in the proposal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// First and last name.
    pub name: String,
    /// Function.
    pub function: String,
    /// Work email.
    pub email: String,
    /// Phone.
    pub phone: String,
}

/// A profile wanted, with its mission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileNeed {
    /// The profile.
    pub kind: ProfileKind,
    /// The mission.
    pub mission: String,
    /// The expertise wanted.
    pub expertise: String,
}

/// A member of the administration's project team.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    /// Name.
    pub name: String,
    /// Function.
    pub function: String,
    /// Status (civil servant, contract agent…).
    pub status: String,
    /// Share of working time, in percent.
    pub involvement: u8,
    /// Contribution.
    pub contribution: String,
}

/// A dataset the fellows need.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dataset {
    /// Name.
    pub name: String,
    /// Already accessible and usable.
    pub accessible: bool,
    /// If not, the steps to make it accessible from day one.
    pub steps: String,
}

/// The form (`domain.md` §3.4), as saved and as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalForm {
    /// Host administration (slug of the organisation tree).
    pub host: String,
    /// Funding holder, if different (slug).
    pub funding_holder: String,
    /// Partner administrations (slugs).
    pub partners: Vec<String>,
    /// Host address.
    pub address: String,
    /// Fellows requested.
    pub fellows: u8,
    /// Co-funding requested.
    pub cofunding: bool,
    /// Budget programme number (titre 2).
    pub budget_programme: String,
    /// Forecast total employer cost, in euros.
    pub forecast_cost: u32,
    /// Free texts.
    pub texts: BTreeMap<TextField, String>,
    /// Contacts.
    pub contacts: BTreeMap<ContactRole, Contact>,
    /// Profiles wanted.
    pub profiles: Vec<ProfileNeed>,
    /// The project team.
    pub team: Vec<TeamMember>,
    /// Datasets.
    pub datasets: Vec<Dataset>,
    /// Attestations ticked (keys).
    pub attestations: BTreeSet<String>,
}

/// Most rows of each table.
pub const MAX_TEAM: usize = 15;
/// Most datasets.
pub const MAX_DATASETS: usize = 10;
/// Most partner administrations.
pub const MAX_PARTNERS: usize = 5;

impl ProposalForm {
    /// The checks of a draft: every limit, every type; nothing required yet.
    pub fn check_draft(&self, rules: &RuleSet) -> Result<(), FieldErrors> {
        let mut e = Vec::new();
        for (f, text) in &self.texts {
            if len(text) > rules.limit(*f) {
                e.push(FieldError { field: f.as_str(), code: "too-long" });
            } else if !long_ok(text) {
                e.push(FieldError { field: f.as_str(), code: "forbidden-characters" });
            }
        }
        if !short_ok(&self.address, 300) {
            e.push(FieldError { field: "address", code: "too-long" });
        }
        let programme_ok = self.budget_programme.len() == 3 && self.budget_programme.bytes().all(|b| b.is_ascii_digit());
        if !self.budget_programme.is_empty() && !programme_ok {
            e.push(FieldError { field: "budget_programme", code: "budget-programme" });
        }
        if self.forecast_cost > 2_000_000 {
            e.push(FieldError { field: "forecast_cost", code: "amount-range" });
        }
        if self.fellows != 0 && !(rules.fellows_min..=rules.fellows_max).contains(&self.fellows) {
            e.push(FieldError { field: "fellows", code: "fellows-range" });
        }
        if self.partners.len() > MAX_PARTNERS {
            e.push(FieldError { field: "partners", code: "too-many" });
        }
        for c in self.contacts.values() {
            if !short_ok(&c.name, 120) || !short_ok(&c.function, 120) || !short_ok(&c.phone, 30) {
                e.push(FieldError { field: "contacts", code: "too-long" });
            }
            if !c.email.is_empty() && Email::parse(&c.email).is_err() {
                e.push(FieldError { field: "contacts", code: "invalid-email" });
            }
            if !c.phone.is_empty() && !c.phone.chars().all(|ch| ch.is_ascii_digit() || " +().-".contains(ch)) {
                e.push(FieldError { field: "contacts", code: "invalid-phone" });
            }
        }
        if self.profiles.len() > usize::from(rules.fellows_max) {
            e.push(FieldError { field: "profiles", code: "too-many" });
        }
        for p in &self.profiles {
            if !rules.profiles.contains(&p.kind) {
                e.push(FieldError { field: "profiles", code: "profile-not-offered" });
            }
            if len(&p.mission) > rules.limit(TextField::Mission) || len(&p.expertise) > rules.limit(TextField::Expertise) {
                e.push(FieldError { field: "profiles", code: "too-long" });
            }
            if !long_ok(&p.mission) || !long_ok(&p.expertise) {
                e.push(FieldError { field: "profiles", code: "forbidden-characters" });
            }
        }
        if self.team.len() > MAX_TEAM {
            e.push(FieldError { field: "team", code: "too-many" });
        }
        for t in &self.team {
            if !short_ok(&t.name, 120) || !short_ok(&t.function, 120) || !short_ok(&t.status, 60) || !short_ok(&t.contribution, 300) {
                e.push(FieldError { field: "team", code: "too-long" });
            }
            if t.involvement > 100 {
                e.push(FieldError { field: "team", code: "percent-range" });
            }
        }
        if self.datasets.len() > MAX_DATASETS {
            e.push(FieldError { field: "datasets", code: "too-many" });
        }
        for d in &self.datasets {
            if !short_ok(&d.name, 200) || len(&d.steps) > rules.limit(TextField::DatasetSteps) || !long_ok(&d.steps) {
                e.push(FieldError { field: "datasets", code: "too-long" });
            }
        }
        for a in &self.attestations {
            if !rules.attestations.iter().any(|r| &r.key == a) {
                e.push(FieldError { field: "attestations", code: "unknown-attestation" });
            }
        }
        e.dedup();
        if e.is_empty() { Ok(()) } else { Err(FieldErrors(e)) }
    }

    /// The checks of a submission: a valid draft, plus everything required (`attached`: the
    /// keys of the documents attached).
    pub fn check_submission(&self, rules: &RuleSet, attached: &BTreeSet<String>) -> Result<(), FieldErrors> {
        let mut e = self.check_draft(rules).err().map(|f| f.0).unwrap_or_default();
        for f in TextField::ALL.iter().filter(|f| f.required()) {
            if self.texts.get(f).is_none_or(|t| t.trim().is_empty()) {
                e.push(FieldError { field: f.as_str(), code: "required" });
            }
        }
        if self.host.is_empty() {
            e.push(FieldError { field: "host", code: "required" });
        }
        if self.address.trim().is_empty() {
            e.push(FieldError { field: "address", code: "required" });
        }
        if !(rules.fellows_min..=rules.fellows_max).contains(&self.fellows) {
            e.push(FieldError { field: "fellows", code: "fellows-range" });
        } else if self.profiles.len() != usize::from(self.fellows) {
            e.push(FieldError { field: "profiles", code: "one-profile-per-fellow" });
        }
        if self.profiles.iter().any(|p| p.mission.trim().is_empty()) {
            e.push(FieldError { field: "profiles", code: "mission-required" });
        }
        for role in ContactRole::ALL.iter().filter(|r| r.required()) {
            if self.contacts.get(role).is_none_or(|c| c.name.trim().is_empty() || c.email.trim().is_empty()) {
                e.push(FieldError { field: role.as_str(), code: "contact-required" });
            }
        }
        if self.team.is_empty() {
            e.push(FieldError { field: "team", code: "team-required" });
        }
        for a in &rules.attestations {
            if !self.attestations.contains(&a.key) {
                e.push(FieldError { field: "attestations", code: "attestation-required" });
                break;
            }
        }
        for a in rules.attachments.iter().filter(|a| a.required) {
            if !attached.contains(&a.key) {
                e.push(FieldError { field: "attachments", code: "attachment-required" });
            }
        }
        e.dedup();
        if e.is_empty() { Ok(()) } else { Err(FieldErrors(e)) }
    }

    /// The fields the administration may change while information is requested.
    pub fn merge_reopened(&mut self, from: &ProposalForm, reopened: &BTreeSet<TextField>) {
        for f in reopened {
            match from.texts.get(f) {
                Some(t) => {
                    self.texts.insert(*f, t.clone());
                }
                None => {
                    self.texts.remove(f);
                }
            }
        }
    }
}

/// The fingerprint of a submission: SHA-256 over the canonical JSON of the form, the documents'
/// own SHA-256 (by key) and the server's timestamp. Sent in the acknowledgement, it lets the
/// administration prove later what it sent and when.
pub fn submission_hash(form: &ProposalForm, documents: &BTreeMap<String, String>, submitted_at: &str) -> String {
    let canonical = serde_json::json!({"form": form, "documents": documents, "submitted_at": submitted_at});
    hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn complete_form() -> ProposalForm {
        let rules = RuleSet::eig5();
        let mut f = ProposalForm {
            host: "dinum".into(),
            address: "20 avenue de Ségur, 75007 Paris".into(),
            fellows: 2,
            cofunding: true,
            budget_programme: "129".into(),
            forecast_cost: 140_000,
            ..ProposalForm::default()
        };
        for t in TextField::ALL.iter().filter(|t| t.required()) {
            f.texts.insert(*t, format!("Texte pour {t}"));
        }
        for r in ContactRole::ALL.iter().filter(|r| r.required()) {
            f.contacts.insert(
                *r,
                Contact {
                    name: "Camille Martin".into(),
                    function: "Cheffe".into(),
                    email: "camille@example.gouv.fr".into(),
                    phone: "01 23 45 67 89".into(),
                },
            );
        }
        f.profiles = vec![
            ProfileNeed { kind: ProfileKind::DataScientist, mission: "Modéliser".into(), expertise: "Python".into() },
            ProfileNeed { kind: ProfileKind::Designer, mission: "Concevoir".into(), expertise: "UX".into() },
        ];
        f.team = vec![TeamMember {
            name: "A".into(),
            function: "B".into(),
            status: "titulaire".into(),
            involvement: 50,
            contribution: "C".into(),
        }];
        f.attestations = rules.attestations.iter().map(|a| a.key.clone()).collect();
        f
    }

    #[test]
    fn the_life_of_a_proposal_follows_the_state_machine() {
        use ProposalEvent as E;
        use ProposalStatus as S;
        let path = [
            E::Submit,
            E::StartReview,
            E::RequestInformation,
            E::ProvideInformation,
            E::Shortlist,
            E::Hear,
            E::Decide(Decision::Reserve),
            E::Promote,
        ];
        let mut s = S::Draft;
        for e in path {
            s = s.apply(e).unwrap();
        }
        assert_eq!(s, S::Selected);
        assert_eq!(S::Draft.apply(E::Shortlist), Err(InvalidTransition { from: S::Draft }));
        assert!(S::Submitted.apply(E::Submit).is_err(), "no second submission");
        assert!(S::Heard.apply(E::Withdraw).is_err(), "no withdrawal after the hearing");
        assert!(S::Selected.apply(E::Decide(Decision::NotSelected)).is_err());
        assert!(S::Withdrawn.apply(E::Submit).is_err());
        assert_eq!(S::Selected.as_seen_before_publication(), S::Heard);
        assert_eq!(S::Shortlisted.as_seen_before_publication(), S::Shortlisted);
        assert!(S::Draft.editable() && S::InfoRequested.editable() && !S::Submitted.editable());
    }

    #[test]
    fn document_names_always_end_in_pdf_and_keep_it_when_cut() {
        assert_eq!(document_filename("page.html"), "page.pdf");
        assert_eq!(document_filename("C:\\Users\\x\\rapport.PDF"), "rapport.PDF");
        assert_eq!(document_filename("../../etc/Présentation.pdf"), "Présentation.pdf");
        assert_eq!(document_filename("sans extension"), "sans extension.pdf");
        assert_eq!(document_filename(".pdf"), "document.pdf");
        assert_eq!(document_filename("a<b>\u{0}.pdf"), "ab.pdf");
        let long = document_filename(&format!("{}.pdf", "é".repeat(150)));
        assert!(long.ends_with(".pdf") && long.chars().count() == 100, "{long}");
        let long_html = document_filename(&format!("{}.html", "x".repeat(150)));
        assert!(long_html.ends_with(".pdf") && long_html.chars().count() == 100, "{long_html}");
    }

    #[test]
    fn uploads_must_be_whole_pdfs_within_the_size() {
        let pdf = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n";
        assert_eq!(check_pdf(pdf, 1024), Ok(()));
        assert_eq!(check_pdf(b"", 1024), Err("file-empty"));
        assert_eq!(check_pdf(pdf, 10), Err("file-too-large"));
        assert_eq!(check_pdf(b"<html>%%EOF", 1024), Err("file-not-pdf"));
        assert_eq!(check_pdf(&pdf[..20], 1024), Err("file-not-pdf"), "a truncated upload has no end marker");
        let mut padded = pdf.to_vec();
        padded.extend(std::iter::repeat_n(b' ', 2000));
        assert_eq!(check_pdf(&padded, 4096), Err("file-not-pdf"), "the marker must be in the last KiB");
    }

    #[test]
    fn a_complete_form_can_be_submitted_and_each_gap_is_named() {
        let rules = RuleSet::eig5();
        let deck: BTreeSet<String> = ["deck".to_owned()].into();
        let f = complete_form();
        assert_eq!(f.check_submission(&rules, &deck), Ok(()));
        let codes = |f: &ProposalForm, att: &BTreeSet<String>| -> Vec<(&'static str, &'static str)> {
            f.check_submission(&rules, att).err().map(|e| e.0.iter().map(|x| (x.field, x.code)).collect()).unwrap_or_default()
        };
        assert_eq!(codes(&f, &BTreeSet::new()), [("attachments", "attachment-required")]);
        let mut g = f.clone();
        g.texts.remove(&TextField::Problem);
        g.fellows = 3;
        g.attestations.remove("openness");
        g.contacts.remove(&ContactRole::HrContact);
        assert_eq!(
            codes(&g, &deck),
            [
                ("problem", "required"),
                ("profiles", "one-profile-per-fellow"),
                ("hr_contact", "contact-required"),
                ("attestations", "attestation-required")
            ]
        );
    }

    #[test]
    fn drafts_are_checked_for_limits_and_types_only() {
        let rules = RuleSet::eig5();
        assert_eq!(ProposalForm::default().check_draft(&rules), Ok(()), "an empty draft is fine");
        let mut f = ProposalForm::default();
        f.texts.insert(TextField::Summary, "x".repeat(251));
        f.texts.insert(TextField::Problem, "ligne 1\nligne 2\u{0}".into());
        f.budget_programme = "12a".into();
        f.fellows = 7;
        f.contacts.insert(ContactRole::HrContact, Contact { email: "not-an-email".into(), ..Contact::default() });
        f.team.push(TeamMember { involvement: 150, ..TeamMember::default() });
        f.attestations.insert("made_up".into());
        let codes: Vec<_> = f.check_draft(&rules).unwrap_err().0.iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            codes,
            [
                ("summary", "too-long"),
                ("problem", "forbidden-characters"),
                ("budget_programme", "budget-programme"),
                ("fellows", "fellows-range"),
                ("contacts", "invalid-email"),
                ("team", "percent-range"),
                ("attestations", "unknown-attestation"),
            ]
        );
        // Limits count characters, not bytes: 250 accented letters fit a 250-character field.
        let mut ok = ProposalForm::default();
        ok.texts.insert(TextField::Summary, "é".repeat(250));
        assert_eq!(ok.check_draft(&rules), Ok(()));
    }

    #[test]
    fn reopened_fields_only_are_taken_from_the_new_version() {
        let mut old = complete_form();
        let mut new = old.clone();
        new.texts.insert(TextField::Problem, "précisé".into());
        new.texts.insert(TextField::Solution, "changée en douce".into());
        new.fellows = 3;
        old.merge_reopened(&new, &[TextField::Problem].into());
        assert_eq!(old.texts[&TextField::Problem], "précisé");
        assert_ne!(old.texts[&TextField::Solution], "changée en douce");
        assert_eq!(old.fellows, 2);
    }

    #[test]
    fn the_submission_hash_changes_with_any_byte_of_the_form_or_documents() {
        let f = complete_form();
        let docs: BTreeMap<String, String> = [("deck".to_owned(), "ab".repeat(32))].into();
        let h = submission_hash(&f, &docs, "2021-04-07T21:58:00Z");
        assert_eq!(h.len(), 64);
        assert_eq!(h, submission_hash(&f.clone(), &docs.clone(), "2021-04-07T21:58:00Z"), "deterministic");
        let mut g = f.clone();
        g.address.push('.');
        assert_ne!(h, submission_hash(&g, &docs, "2021-04-07T21:58:00Z"));
        assert_ne!(h, submission_hash(&f, &BTreeMap::new(), "2021-04-07T21:58:00Z"));
        assert_ne!(h, submission_hash(&f, &docs, "2021-04-07T21:58:01Z"));
    }
}
