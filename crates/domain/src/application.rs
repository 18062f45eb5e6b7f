//! A candidate's application to the call for applications (`domain.md` §4): the call's rules for
//! a cohort, the form with its checks, the salary band, and the application's life (§9.3.4).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::cohort::{Attestation, Criterion, ProfileKind};
use crate::content::str_enum;
use crate::query::{FieldError, FieldErrors};
use crate::text::{char_len, long_ok, short_ok};

str_enum!(
    /// When candidates choose their challenges.
    ChoiceMode {
        /// In the application (EIG2–4).
        AtApplication => "at_application",
        /// In a separate step after pre-selection (EIG5).
        AfterPreselection => "after_preselection",
    }
);

/// A salary band: up to `max_years` of experience (inclusive; `None` for the last band).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalaryBand {
    /// Most years of experience in this band, inclusive.
    pub max_years: Option<u8>,
    /// Net monthly salary, in euros.
    pub net_monthly_eur: u32,
}

/// Seats of one profile on one challenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seats {
    /// The challenge (its id).
    pub challenge: String,
    /// The profile.
    pub profile: ProfileKind,
    /// How many.
    pub seats: u8,
}

/// The rules of a cohort's call for applications, part of the cohort's versioned rule set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationRules {
    /// Seats per (challenge, profile): what candidates may choose.
    pub seats: Vec<Seats>,
    /// Most ranked choices.
    pub max_choices: u8,
    /// When choices are made.
    pub choice_mode: ChoiceMode,
    /// Eligibility declarations the candidate must make.
    pub declarations: Vec<Attestation>,
    /// Salary bands by years of experience, in increasing order.
    pub salary_bands: Vec<SalaryBand>,
    /// The review and interview grid.
    pub criteria: Vec<Criterion>,
    /// The highest score of a criterion (the lowest is 0).
    pub scale_max: u8,
    /// Reviewers per application.
    pub reviewers_per_application: u8,
    /// Whether the mentors of a chosen challenge pre-select its candidates.
    pub mentors_preselect: bool,
    /// Largest CV, in MiB.
    pub cv_max_mib: u32,
    /// Fewest filled seats for a challenge to go ahead.
    pub min_team: u8,
}

fn label(key: &str, fr: &str, en: &str) -> (String, String, String) {
    (key.to_owned(), fr.to_owned(), en.to_owned())
}

impl ApplicationRules {
    /// The EIG5 call (2021): choices after pre-selection (3 at most), the three eligibility
    /// declarations, €3,500 up to 5 years of experience and €4,000 beyond, five criteria scored
    /// 0–4 (/20), two reviewers, mentors pre-selecting.
    pub fn eig5(seats: Vec<Seats>) -> Self {
        let criteria = [
            label(
                "drive",
                "Dynamisme, vision, initiative, capacité à mener des projets",
                "Drive, vision, initiative, ability to deliver projects",
            ),
            label(
                "understanding",
                "Compréhension du défi et orientations stratégiques",
                "Understanding of the challenge and strategic directions",
            ),
            label("public_interest", "Sens de l’intérêt général", "Sense of the public interest"),
            label("fit", "Capacité à s’intégrer dans une administration", "Ability to fit into an administration"),
            label("skills", "Adéquation des compétences au profil recherché", "Fit between skills and the profile sought"),
        ]
        .into_iter()
        .map(|(key, fr, en)| Criterion { key, fr, en, weight: 1 })
        .collect();
        let declarations = [
            label(
                "not_civil_servant",
                "Je ne suis pas fonctionnaire ou assimilé en poste au début de la promotion.",
                "I am not a civil servant or equivalent in post at the start of the cohort.",
            ),
            label(
                "not_student",
                "Je ne suis pas étudiant·e dans les deux premiers cycles universitaires.",
                "I am not a student in the first two university cycles.",
            ),
            label(
                "not_juror",
                "Je ne suis ni membre du jury ni expert du programme.",
                "I am neither a jury member nor an expert of the program.",
            ),
        ]
        .into_iter()
        .map(|(key, fr, en)| Attestation { key, fr, en })
        .collect();
        Self {
            seats,
            max_choices: 3,
            choice_mode: ChoiceMode::AfterPreselection,
            declarations,
            salary_bands: vec![
                SalaryBand { max_years: Some(5), net_monthly_eur: 3_500 },
                SalaryBand { max_years: None, net_monthly_eur: 4_000 },
            ],
            criteria,
            scale_max: 4,
            reviewers_per_application: 2,
            mentors_preselect: true,
            cv_max_mib: 5,
            min_team: 2,
        }
    }

    /// The band for a number of years of experience.
    pub fn salary_band(&self, years: u8) -> Option<&SalaryBand> {
        self.salary_bands.iter().find(|b| b.max_years.is_none_or(|m| years <= m))
    }

    /// The seats of a (challenge, profile), if offered.
    pub fn seats_of(&self, challenge: &str, profile: ProfileKind) -> Option<u8> {
        self.seats.iter().find(|s| s.challenge == challenge && s.profile == profile).map(|s| s.seats)
    }

    /// The total of a set of criterion scores, when every criterion is scored within the scale.
    pub fn total(&self, scores: &BTreeMap<String, u8>) -> Option<u32> {
        self.criteria
            .iter()
            .map(|c| scores.get(&c.key).filter(|s| **s <= self.scale_max).map(|s| u32::from(*s) * u32::from(c.weight)))
            .sum()
    }

    /// The best possible total.
    pub fn max_total(&self) -> u32 {
        self.criteria.iter().map(|c| u32::from(self.scale_max) * u32::from(c.weight)).sum()
    }

    /// Checks the rules are usable.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = Vec::new();
        let mut push = |field: &'static str, code: &'static str| e.push(FieldError { field, code });
        if !(1..=5).contains(&self.max_choices) {
            push("max_choices", "choices-range");
        }
        let mut pairs = BTreeSet::new();
        for s in &self.seats {
            if !pairs.insert((s.challenge.as_str(), s.profile)) {
                push("seats", "repeated-seat");
            }
            if !(1..=5).contains(&s.seats) {
                push("seats", "seats-range");
            }
        }
        let mut keys = BTreeSet::new();
        for d in &self.declarations {
            if d.key.is_empty() || !keys.insert(d.key.as_str()) || d.fr.trim().is_empty() || d.en.trim().is_empty() {
                push("declarations", "invalid-declaration");
            }
        }
        let bands_ordered = self.salary_bands.windows(2).all(|w| match (w[0].max_years, w[1].max_years) {
            (Some(a), Some(b)) => a < b,
            (Some(_), None) => true,
            (None, _) => false,
        });
        if self.salary_bands.is_empty() || !bands_ordered || self.salary_bands.last().is_some_and(|b| b.max_years.is_some()) {
            push("salary_bands", "bands-order");
        }
        if self.salary_bands.iter().any(|b| !(1_000..=20_000).contains(&b.net_monthly_eur)) {
            push("salary_bands", "amount-range");
        }
        if self.criteria.is_empty() || self.criteria.len() > 10 || self.criteria.iter().any(|c| !(1..=10).contains(&c.weight)) {
            push("criteria", "criteria-count");
        }
        if !(2..=10).contains(&self.scale_max) {
            push("scale_max", "scale-range");
        }
        if !(1..=5).contains(&self.reviewers_per_application) {
            push("reviewers_per_application", "reviewers-range");
        }
        if !(1..=20).contains(&self.cv_max_mib) {
            push("cv_max_mib", "size-range");
        }
        if !(1..=5).contains(&self.min_team) {
            push("min_team", "team-range");
        }
        if e.is_empty() { Ok(()) } else { Err(FieldErrors(e)) }
    }
}

str_enum!(
    /// The free texts of an application.
    ApplicationText {
        /// Background and experience.
        Background => "background",
        /// Motivation to join.
        Motivation => "motivation",
        /// Resources the candidate would need (hardware, people, funding).
        Resources => "resources",
    }
);

impl ApplicationText {
    /// The character limit.
    pub fn limit(self) -> u32 {
        match self {
            ApplicationText::Background | ApplicationText::Motivation => 3_000,
            ApplicationText::Resources => 1_000,
        }
    }

    /// Whether submission needs it.
    pub fn required(self) -> bool {
        matches!(self, ApplicationText::Background | ApplicationText::Motivation)
    }
}

/// One ranked choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// The challenge (its id).
    pub challenge: String,
    /// The profile.
    pub profile: ProfileKind,
    /// What the candidate would bring to it (first leads).
    pub contribution: String,
}

/// Most characters of a contribution.
pub const CONTRIBUTION_LIMIT: u32 = 2_000;
/// Most portfolio links.
pub const MAX_LINKS: usize = 5;

/// The application form, as saved and as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationForm {
    /// The candidate's full name, as they want it used (their account's name once submitted).
    #[serde(default)]
    pub name: String,
    /// Phone number (optional).
    pub phone: String,
    /// The profiles the candidate applies as.
    pub profiles: BTreeSet<ProfileKind>,
    /// Total years of professional experience.
    pub years_experience: Option<u8>,
    /// Free texts.
    pub texts: BTreeMap<ApplicationText, String>,
    /// Ranked choices, best first.
    pub choices: Vec<Choice>,
    /// Can work outside Paris.
    pub mobile: Option<bool>,
    /// Available on the cohort's start date.
    pub available_at_start: Option<bool>,
    /// Another candidate they would like to team up with (optional, a name).
    pub teammate: String,
    /// Eligibility declarations made (keys).
    pub declarations: BTreeSet<String>,
    /// Read the data-protection notice.
    pub consent: bool,
    /// Portfolio links (https).
    pub links: Vec<String>,
}

fn valid_link(s: &str) -> bool {
    s.len() <= 300 && s.starts_with("https://") && s.len() > "https://".len() && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

impl ApplicationForm {
    /// The checks of a draft: every limit and type; nothing required yet.
    pub fn check_draft(&self, rules: &ApplicationRules) -> Result<(), FieldErrors> {
        let mut e = Vec::new();
        let mut push = |field: &'static str, code: &'static str| e.push(FieldError { field, code });
        if !short_ok(&self.name, 120) || self.name.contains('@') {
            push("name", "invalid-name");
        }
        if !short_ok(&self.phone, 30) || !self.phone.chars().all(|c| c.is_ascii_digit() || " +().-".contains(c)) {
            push("phone", "invalid-phone");
        }
        if self.years_experience.is_some_and(|y| y > 60) {
            push("years_experience", "years-range");
        }
        for (f, t) in &self.texts {
            if char_len(t) > f.limit() {
                push(f.as_str(), "too-long");
            } else if !long_ok(t) {
                push(f.as_str(), "forbidden-characters");
            }
        }
        if self.choices.len() > usize::from(rules.max_choices) {
            push("choices", "too-many-choices");
        }
        let mut seen = BTreeSet::new();
        for c in &self.choices {
            if !seen.insert((c.challenge.as_str(), c.profile)) {
                push("choices", "repeated-choice");
            }
            if rules.seats_of(&c.challenge, c.profile).is_none() {
                push("choices", "choice-not-offered");
            }
            if char_len(&c.contribution) > CONTRIBUTION_LIMIT {
                push("choices", "too-long");
            } else if !long_ok(&c.contribution) {
                push("choices", "forbidden-characters");
            }
        }
        if !short_ok(&self.teammate, 120) {
            push("teammate", "too-long");
        }
        if self.declarations.iter().any(|d| !rules.declarations.iter().any(|r| &r.key == d)) {
            push("declarations", "unknown-declaration");
        }
        if self.links.len() > MAX_LINKS {
            push("links", "too-many");
        }
        if self.links.iter().any(|l| !valid_link(l)) {
            push("links", "invalid-link");
        }
        e.dedup();
        if e.is_empty() { Ok(()) } else { Err(FieldErrors(e)) }
    }

    /// The checks of a submission: a valid draft, plus everything required (`cv`: whether a CV
    /// is attached). Choices are required now only when they are made in the application.
    pub fn check_submission(&self, rules: &ApplicationRules, cv: bool) -> Result<(), FieldErrors> {
        let mut e = self.check_draft(rules).err().map(|f| f.0).unwrap_or_default();
        let mut push = |field: &'static str, code: &'static str| e.push(FieldError { field, code });
        if self.name.trim().is_empty() {
            push("name", "required");
        }
        if self.profiles.is_empty() {
            push("profiles", "required");
        }
        if self.years_experience.is_none() {
            push("years_experience", "required");
        }
        for f in ApplicationText::ALL.iter().filter(|f| f.required()) {
            if self.texts.get(f).is_none_or(|t| t.trim().is_empty()) {
                push(f.as_str(), "required");
            }
        }
        if rules.choice_mode == ChoiceMode::AtApplication {
            self.check_choices(&mut push);
        }
        if self.mobile.is_none() {
            push("mobile", "required");
        }
        if self.available_at_start.is_none() {
            push("available_at_start", "required");
        }
        if rules.declarations.iter().any(|d| !self.declarations.contains(&d.key)) {
            push("declarations", "declaration-required");
        }
        if !self.consent {
            push("consent", "consent-required");
        }
        if !cv {
            push("cv", "cv-required");
        }
        e.dedup();
        if e.is_empty() { Ok(()) } else { Err(FieldErrors(e)) }
    }

    /// The checks of the choices made after pre-selection (two-step mode).
    pub fn check_choices_step(&self, rules: &ApplicationRules) -> Result<(), FieldErrors> {
        let mut e = self.check_draft(rules).err().map(|f| f.0).unwrap_or_default();
        self.check_choices(&mut |field, code| e.push(FieldError { field, code }));
        e.dedup();
        if e.is_empty() { Ok(()) } else { Err(FieldErrors(e)) }
    }

    fn check_choices(&self, push: &mut impl FnMut(&'static str, &'static str)) {
        if self.choices.is_empty() {
            push("choices", "choices-required");
        }
        if self.choices.iter().any(|c| !self.profiles.contains(&c.profile)) {
            push("choices", "profile-not-applied");
        }
        if self.choices.iter().any(|c| c.contribution.trim().is_empty()) {
            push("choices", "contribution-required");
        }
    }
}

/// The fingerprint of a submission, sent in the acknowledgement: SHA-256 over the canonical JSON
/// of the form, the CV's and documents' own SHA-256 and the server's timestamp.
pub fn submission_hash(form: &ApplicationForm, documents: &BTreeMap<String, String>, submitted_at: &str) -> String {
    let canonical = serde_json::json!({"form": form, "documents": documents, "submitted_at": submitted_at});
    hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
}

str_enum!(
    /// Where an application stands (`domain.md` §9.3.4).
    ApplicationStatus {
        /// Being written; saved automatically.
        Draft => "draft",
        /// Sent before the deadline; read-only for the candidate.
        Submitted => "submitted",
        /// Withdrawn by the candidate.
        Withdrawn => "withdrawn",
        /// Not eligible (reason recorded).
        Ineligible => "ineligible",
        /// Reviewers are reading it.
        InPreselection => "in_preselection",
        /// The candidate was asked for more information.
        InfoRequested => "info_requested",
        /// Not pre-selected (reason recorded).
        NotPreselected => "not_preselected",
        /// Pre-selected: invited to choose (two-step mode) or to an interview.
        Preselected => "preselected",
        /// Choices made after pre-selection.
        ChoicesSubmitted => "choices_submitted",
        /// An interview slot is booked.
        InterviewScheduled => "interview_scheduled",
        /// Interviewed.
        Interviewed => "interviewed",
        /// Did not come to the interview.
        NoShow => "no_show",
        /// Offered a seat (secret until publication).
        Offered => "offered",
        /// Accepted the offer.
        Accepted => "accepted",
        /// Declined the offer.
        Declined => "declined",
        /// Let the offer expire.
        Expired => "expired",
        /// Interviewed, not matched to a seat after the lists were exhausted.
        NotSelected => "not_selected",
    }
);

/// What happens to an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplicationEvent {
    /// The candidate sends it (before the deadline, complete).
    Submit,
    /// The candidate withdraws (any time before accepting an offer).
    Withdraw,
    /// Staff: not eligible.
    MarkIneligible,
    /// Staff: reviewers are assigned.
    StartReview,
    /// A reviewer or staff ask for more information.
    RequestInformation,
    /// The candidate provides it.
    ProvideInformation,
    /// Staff: pre-selected.
    Preselect,
    /// Staff: not pre-selected.
    Refuse,
    /// The candidate ranks choices after pre-selection.
    SubmitChoices,
    /// The candidate books an interview slot.
    BookInterview,
    /// The candidate cancels their slot before the cutoff.
    CancelInterview,
    /// The panel held the interview.
    Interview,
    /// The candidate did not come.
    MissInterview,
    /// The matching (or a cascade) offers a seat.
    Offer,
    /// The candidate accepts.
    Accept,
    /// The candidate declines.
    Decline,
    /// The deadline passed without an answer.
    Expire,
    /// The lists are exhausted without a seat.
    Close,
}

/// A transition the state machine does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a {from} application cannot take this step")]
pub struct InvalidApplicationTransition {
    /// The current status.
    pub from: ApplicationStatus,
}

impl ApplicationStatus {
    /// The one place where an application changes status.
    pub fn apply(self, event: ApplicationEvent, mode: ChoiceMode) -> Result<ApplicationStatus, InvalidApplicationTransition> {
        use ApplicationEvent as E;
        use ApplicationStatus as S;
        let next = match (self, event) {
            (S::Draft, E::Submit) => S::Submitted,
            (S::Accepted | S::Withdrawn | S::Declined | S::Expired | S::NotSelected | S::Ineligible | S::NotPreselected, E::Withdraw) => {
                return Err(InvalidApplicationTransition { from: self });
            }
            (S::Draft, E::Withdraw) => return Err(InvalidApplicationTransition { from: self }),
            (_, E::Withdraw) => S::Withdrawn,
            (S::Submitted, E::MarkIneligible) => S::Ineligible,
            (S::Submitted, E::StartReview) => S::InPreselection,
            (S::InPreselection, E::RequestInformation) => S::InfoRequested,
            (S::InfoRequested, E::ProvideInformation) => S::InPreselection,
            (S::InPreselection | S::InfoRequested, E::Preselect) => S::Preselected,
            (S::InPreselection | S::InfoRequested, E::Refuse) => S::NotPreselected,
            (S::Preselected, E::SubmitChoices) if mode == ChoiceMode::AfterPreselection => S::ChoicesSubmitted,
            (S::Preselected, E::BookInterview) if mode == ChoiceMode::AtApplication => S::InterviewScheduled,
            (S::ChoicesSubmitted, E::BookInterview) => S::InterviewScheduled,
            (S::InterviewScheduled, E::CancelInterview) => match mode {
                ChoiceMode::AtApplication => S::Preselected,
                ChoiceMode::AfterPreselection => S::ChoicesSubmitted,
            },
            (S::InterviewScheduled, E::Interview) => S::Interviewed,
            (S::InterviewScheduled, E::MissInterview) => S::NoShow,
            (S::Interviewed | S::Offered, E::Offer) => S::Offered,
            (S::Offered, E::Accept) => S::Accepted,
            (S::Offered, E::Decline) => S::Declined,
            (S::Offered, E::Expire) => S::Expired,
            (S::Interviewed, E::Close) => S::NotSelected,
            _ => return Err(InvalidApplicationTransition { from: self }),
        };
        Ok(next)
    }

    /// Whether the candidate may still edit the form.
    pub fn editable(self) -> bool {
        self == ApplicationStatus::Draft
    }

    /// What the candidate sees before the validator's decision is published: nothing of an
    /// offer or its absence (the matching stays secret), only that they were interviewed.
    pub fn as_seen_before_publication(self) -> ApplicationStatus {
        match self {
            ApplicationStatus::Offered | ApplicationStatus::NotSelected => ApplicationStatus::Interviewed,
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> ApplicationRules {
        ApplicationRules::eig5(vec![
            Seats { challenge: "a".into(), profile: ProfileKind::Developer, seats: 1 },
            Seats { challenge: "a".into(), profile: ProfileKind::Designer, seats: 1 },
            Seats { challenge: "b".into(), profile: ProfileKind::Developer, seats: 2 },
        ])
    }

    fn complete(r: &ApplicationRules) -> ApplicationForm {
        ApplicationForm {
            name: "Ada Lovelace".into(),
            profiles: [ProfileKind::Developer].into(),
            years_experience: Some(6),
            texts: [(ApplicationText::Background, "Dix ans de Rust".into()), (ApplicationText::Motivation, "L’intérêt général".into())]
                .into(),
            mobile: Some(true),
            available_at_start: Some(true),
            declarations: r.declarations.iter().map(|d| d.key.clone()).collect(),
            consent: true,
            ..ApplicationForm::default()
        }
    }

    fn codes(e: FieldErrors) -> Vec<&'static str> {
        e.0.iter().map(|x| x.code).collect()
    }

    #[test]
    fn the_eig5_rules_are_valid_with_their_bands_and_grid() {
        let r = rules();
        assert!(r.validate().is_ok(), "{:?}", r.validate());
        assert_eq!(r.salary_band(5).map(|b| b.net_monthly_eur), Some(3_500), "5 years inclusive");
        assert_eq!(r.salary_band(6).map(|b| b.net_monthly_eur), Some(4_000));
        assert_eq!(r.max_total(), 20, "5 criteria × 0–4");
        let scores: BTreeMap<String, u8> = r.criteria.iter().map(|c| (c.key.clone(), 4)).collect();
        assert_eq!(r.total(&scores), Some(20));
        let mut over = scores.clone();
        over.insert("drive".into(), 5);
        assert_eq!(r.total(&over), None, "a score above the scale is no score");
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<ApplicationRules>(&json).unwrap(), r);
    }

    #[test]
    fn broken_rules_name_their_field() {
        let mut r = rules();
        r.seats.push(r.seats[0].clone());
        r.salary_bands.reverse();
        r.max_choices = 0;
        assert_eq!(codes(r.validate().unwrap_err()), ["choices-range", "repeated-seat", "bands-order"]);
    }

    #[test]
    fn a_two_step_submission_needs_no_choice_and_the_choice_step_does() {
        let r = rules();
        let mut f = complete(&r);
        assert!(f.check_submission(&r, true).is_ok(), "{:?}", f.check_submission(&r, true));
        assert_eq!(codes(f.check_submission(&r, false).unwrap_err()), ["cv-required"]);
        assert_eq!(codes(f.check_choices_step(&r).unwrap_err()), ["choices-required"]);
        f.choices.push(Choice { challenge: "a".into(), profile: ProfileKind::Designer, contribution: String::new() });
        assert_eq!(codes(f.check_choices_step(&r).unwrap_err()), ["profile-not-applied", "contribution-required"]);
        f.choices[0] = Choice { challenge: "b".into(), profile: ProfileKind::Developer, contribution: "Une piste".into() };
        assert!(f.check_choices_step(&r).is_ok());
        let mut at_once = r.clone();
        at_once.choice_mode = ChoiceMode::AtApplication;
        f.choices.clear();
        assert_eq!(codes(f.check_submission(&at_once, true).unwrap_err()), ["choices-required"]);
    }

    #[test]
    fn drafts_refuse_what_no_submission_could_hold() {
        let r = rules();
        let mut f = ApplicationForm { phone: "06 <script>".into(), ..ApplicationForm::default() };
        f.texts.insert(ApplicationText::Motivation, "x".repeat(3_001));
        f.links = vec!["javascript:alert(1)".into()];
        f.declarations.insert("made_up".into());
        for (c, p) in
            [("a", ProfileKind::Developer), ("a", ProfileKind::Developer), ("z", ProfileKind::Developer), ("b", ProfileKind::Developer)]
        {
            f.choices.push(Choice { challenge: c.into(), profile: p, contribution: String::new() });
        }
        assert_eq!(
            codes(f.check_draft(&r).unwrap_err()),
            [
                "invalid-phone",
                "too-long",
                "too-many-choices",
                "repeated-choice",
                "choice-not-offered",
                "unknown-declaration",
                "invalid-link"
            ]
        );
        let ok = ApplicationForm { links: vec!["https://github.com/someone".into()], ..ApplicationForm::default() };
        assert!(ok.check_draft(&r).is_ok(), "an empty draft with a link is fine");
    }

    #[test]
    fn the_life_of_an_application_in_both_modes() {
        use ApplicationEvent as E;
        use ApplicationStatus as S;
        let two = ChoiceMode::AfterPreselection;
        let mut s = S::Draft;
        for e in [E::Submit, E::StartReview, E::RequestInformation, E::ProvideInformation, E::Preselect, E::SubmitChoices, E::BookInterview]
        {
            s = s.apply(e, two).unwrap();
        }
        assert_eq!(s, S::InterviewScheduled);
        assert_eq!(s.apply(E::CancelInterview, two), Ok(S::ChoicesSubmitted));
        assert_eq!(S::Preselected.apply(E::BookInterview, two), Err(InvalidApplicationTransition { from: S::Preselected }), "choose first");
        assert_eq!(S::Preselected.apply(E::BookInterview, ChoiceMode::AtApplication), Ok(S::InterviewScheduled));
        assert_eq!(S::Preselected.apply(E::SubmitChoices, ChoiceMode::AtApplication).ok(), None);
        let offered = S::InterviewScheduled.apply(E::Interview, two).and_then(|s| s.apply(E::Offer, two)).unwrap();
        assert_eq!(offered.as_seen_before_publication(), S::Interviewed, "an offer is secret until publication");
        assert_eq!(offered.apply(E::Decline, two), Ok(S::Declined));
        assert_eq!(offered.apply(E::Offer, two), Ok(S::Offered), "a cascade may offer a better seat");
        assert_eq!(S::Accepted.apply(E::Withdraw, two).ok(), None, "after accepting, leaving is a fellowship matter");
        assert_eq!(S::Draft.apply(E::Withdraw, two).ok(), None, "a draft is deleted, not withdrawn");
        assert_eq!(S::Submitted.apply(E::Withdraw, two), Ok(S::Withdrawn));
        assert!(S::Draft.editable() && !S::Submitted.editable());
    }

    #[test]
    fn the_fingerprint_changes_with_any_byte() {
        let r = rules();
        let f = complete(&r);
        let docs: BTreeMap<String, String> = [("cv".to_owned(), "ab".repeat(32))].into();
        let a = submission_hash(&f, &docs, "2021-04-30T10:00:00Z");
        assert_eq!(a.len(), 64);
        let mut g = f.clone();
        g.teammate = "Camille".into();
        assert_ne!(a, submission_hash(&g, &docs, "2021-04-30T10:00:00Z"));
        assert_ne!(a, submission_hash(&f, &docs, "2021-04-30T10:00:01Z"));
    }
}
