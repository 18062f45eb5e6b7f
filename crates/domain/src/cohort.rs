//! A cohort's calendar and its rule set (`domain.md` §2, §3.4, §3.6, §9.1, §9.2).
//!
//! Every date of a cohort is a setting (milestones in Europe/Paris time, stored as instants), and
//! the rules change from year to year, so they are versioned per cohort: a rule set already used
//! by a proposal is never edited in place; editing it makes a new version.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::content::str_enum;
use crate::query::{FieldError, FieldErrors};

str_enum!(
    /// A dated step of a cohort (`domain.md` §9.1).
    MilestoneKind {
        /// The call for projects opens.
        AapOpen => "aap_open",
        /// The call for projects closes (the submission deadline).
        AapClose => "aap_close",
        /// Pre-selection of the proposals.
        ProjectPreselection => "project_preselection",
        /// The hearings of the call for projects.
        AapJury => "aap_jury",
        /// The laureate challenges are announced.
        LaureatesAnnounced => "laureates_announced",
        /// Webinars for candidates.
        CandidateWebinars => "candidate_webinars",
        /// The call for applications opens.
        AacOpen => "aac_open",
        /// The call for applications closes.
        AacClose => "aac_close",
        /// Pre-selection of the candidates.
        CandidatePreselection => "candidate_preselection",
        /// Candidates choose their projects (EIG5).
        ProjectChoiceWindow => "project_choice_window",
        /// Candidate interviews.
        Interviews => "interviews",
        /// Results notified.
        ResultsNotified => "results_notified",
        /// Results public.
        ResultsPublic => "results_public",
        /// The fellows start.
        Start => "start",
        /// Bootcamp.
        Bootcamp => "bootcamp",
        /// Demo day.
        DemoDay => "demo_day",
        /// Seminar.
        Seminar => "seminar",
        /// Final showcase.
        Showcase => "showcase",
        /// The cohort ends.
        End => "end",
        /// The co-funding decree.
        CofundingDecree => "cofunding_decree",
    }
);

/// One dated step: an instant, or a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Milestone {
    /// Which step.
    pub kind: MilestoneKind,
    /// When it starts (or happens).
    pub starts_at: OffsetDateTime,
    /// When it ends, for a period.
    pub ends_at: Option<OffsetDateTime>,
}

/// A cohort's milestones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar(pub Vec<Milestone>);

/// Where the call for projects stands at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallPhase {
    /// No opening or closing date yet.
    NotScheduled,
    /// Opens later.
    Upcoming {
        /// When.
        opens: OffsetDateTime,
    },
    /// Open: proposals may be submitted until `closes` (excluded).
    Open {
        /// The deadline.
        closes: OffsetDateTime,
    },
    /// The deadline passed.
    Closed {
        /// When it closed.
        closed: OffsetDateTime,
    },
}

impl Calendar {
    /// The milestone of a kind.
    pub fn get(&self, kind: MilestoneKind) -> Option<&Milestone> {
        self.0.iter().find(|m| m.kind == kind)
    }

    /// Checks the dates hang together: periods end after they start, calls close after they
    /// open, the fellowship ends after it starts.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = Vec::new();
        for m in &self.0 {
            if m.ends_at.is_some_and(|end| end < m.starts_at) {
                e.push(FieldError { field: "calendar", code: "period-ends-before-start" });
            }
        }
        for (open, close) in [
            (MilestoneKind::AapOpen, MilestoneKind::AapClose),
            (MilestoneKind::AacOpen, MilestoneKind::AacClose),
            (MilestoneKind::Start, MilestoneKind::End),
        ] {
            if let (Some(o), Some(c)) = (self.get(open), self.get(close))
                && c.starts_at <= o.starts_at
            {
                e.push(FieldError { field: "calendar", code: "closes-before-opening" });
            }
        }
        if self.get(MilestoneKind::AapOpen).is_some() != self.get(MilestoneKind::AapClose).is_some() {
            e.push(FieldError { field: "calendar", code: "call-needs-both-dates" });
        }
        if e.is_empty() { Ok(()) } else { Err(FieldErrors(e)) }
    }

    /// The phase of the call for projects at `now` (the server's clock is authoritative).
    pub fn call_phase(&self, now: OffsetDateTime) -> CallPhase {
        self.phase(MilestoneKind::AapOpen, MilestoneKind::AapClose, now)
    }

    /// Where the call for applications stands at `now`.
    pub fn applications_phase(&self, now: OffsetDateTime) -> CallPhase {
        self.phase(MilestoneKind::AacOpen, MilestoneKind::AacClose, now)
    }

    fn phase(&self, open: MilestoneKind, close: MilestoneKind, now: OffsetDateTime) -> CallPhase {
        match (self.get(open), self.get(close)) {
            (Some(o), Some(_)) if now < o.starts_at => CallPhase::Upcoming { opens: o.starts_at },
            (Some(_), Some(c)) if now < c.starts_at => CallPhase::Open { closes: c.starts_at },
            (Some(_), Some(c)) => CallPhase::Closed { closed: c.starts_at },
            _ => CallPhase::NotScheduled,
        }
    }
}

str_enum!(
    /// A profile of digital expert a challenge may ask for (`domain.md` §3.4 C, §4.4).
    ProfileKind {
        /// Data scientist.
        DataScientist => "data_scientist",
        /// Developer.
        Developer => "developer",
        /// Data engineer.
        DataEngineer => "data_engineer",
        /// Designer.
        Designer => "designer",
        /// Geomatician.
        Geomatician => "geomatician",
        /// Digital-law jurist (EIG5).
        DigitalLaw => "digital_law",
    }
);

str_enum!(
    /// A free-text field of the proposal form whose length the rules limit (`domain.md` §3.4).
    TextField {
        /// Challenge name.
        Name => "name",
        /// Summary in two lines.
        Summary => "summary",
        /// Context and problem.
        Problem => "problem",
        /// Proposed solution, through use cases.
        Solution => "solution",
        /// Expected benefits and impacts.
        Benefits => "benefits",
        /// Existing solutions considered.
        Benchmark => "benchmark",
        /// Status: not started or pilot, technologies.
        Status => "status",
        /// Obstacles and mitigations.
        Obstacles => "obstacles",
        /// Legal and ethical issues.
        Legal => "legal",
        /// People the fellows will meet.
        PeopleMet => "people_met",
        /// Sustaining and spreading the results.
        Sustainability => "sustainability",
        /// Why apply.
        WhyApply => "why_apply",
        /// What is needed most to succeed.
        Needs => "needs",
        /// How the fellows will help transform the service.
        Transformation => "transformation",
        /// Technical and operational resources provided.
        Resources => "resources",
        /// A profile's mission.
        Mission => "mission",
        /// A profile's expertise.
        Expertise => "expertise",
        /// Steps to make a dataset accessible.
        DatasetSteps => "dataset_steps",
    }
);

impl TextField {
    /// The default limit in characters: the printed line limits of EIG5 at about 100 characters a
    /// line.
    pub fn default_limit(self) -> u32 {
        match self {
            TextField::Name => 120,
            TextField::Summary => 250,
            TextField::Solution => 1500,
            TextField::Benchmark | TextField::Sustainability | TextField::DatasetSteps => 500,
            TextField::Status => 300,
            TextField::Mission | TextField::Expertise => 600,
            _ => 1000,
        }
    }

    /// Whether the form requires it.
    pub fn required(self) -> bool {
        matches!(
            self,
            TextField::Name | TextField::Summary | TextField::Problem | TextField::Solution | TextField::Benefits | TextField::WhyApply
        )
    }
}

/// A scoring criterion of the jury grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    /// Stable key (`need`).
    pub key: String,
    /// Label in French.
    pub fr: String,
    /// Label in English.
    pub en: String,
    /// Weight in the total (1–10).
    pub weight: u8,
}

/// A checkbox the administration must tick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attestation {
    /// Stable key.
    pub key: String,
    /// Text in French.
    pub fr: String,
    /// Text in English.
    pub en: String,
}

/// A document to attach (PDF).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentRule {
    /// Stable key (`deck`).
    pub key: String,
    /// Name in French.
    pub fr: String,
    /// Name in English.
    pub en: String,
    /// Whether submission needs it.
    pub required: bool,
    /// Largest size, in MiB (1–20).
    pub max_mib: u32,
}

/// The rules of one cohort's call for projects, versioned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSet {
    /// The jury grid.
    pub criteria: Vec<Criterion>,
    /// The highest score of a criterion (the lowest is 1).
    pub scale_max: u8,
    /// Fewest fellows a challenge may ask for.
    pub fellows_min: u8,
    /// Most fellows a challenge may ask for.
    pub fellows_max: u8,
    /// Profiles offered.
    pub profiles: Vec<ProfileKind>,
    /// Attestations to tick.
    pub attestations: Vec<Attestation>,
    /// Documents to attach.
    pub attachments: Vec<AttachmentRule>,
    /// Character limits of the free-text fields (a field not listed has its default).
    pub limits: BTreeMap<TextField, u32>,
    /// The call for applications' settings, once staff set them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applications: Option<crate::application::ApplicationRules>,
}

fn label(key: &str, fr: &str, en: &str) -> (String, String, String) {
    (key.to_owned(), fr.to_owned(), en.to_owned())
}

impl RuleSet {
    /// The EIG5 call for projects (2021): five criteria scored 1–4, two or three fellows, the
    /// three attestations, the pitch deck required.
    pub fn eig5() -> Self {
        let criteria = [
            label(
                "need",
                "Besoin : un besoin clair, un potentiel décisif, porté haut",
                "Need: a clear need, decisive potential, carried high up",
            ),
            label(
                "definition",
                "Définition : un problème bien délimité, des risques anticipés",
                "Definition: a well-bounded problem, risks anticipated",
            ),
            label(
                "commitment",
                "Engagement : accès au terrain, autonomie, moyens techniques",
                "Commitment: field access, autonomy, technical means",
            ),
            label(
                "transformation",
                "Transformation : un vrai changement, le numérique au centre",
                "Transformation: a real change, digital at the centre",
            ),
            label("openness", "Ouverture : ouvrir, mutualiser, répliquer", "Openness: open, pool, replicate"),
        ]
        .into_iter()
        .map(|(key, fr, en)| Criterion { key, fr, en, weight: 1 })
        .collect();
        let attestations = [
            label("outside_walls", "Les EIG pourront travailler hors les murs de l’administration d’accueil.", "The fellows may work outside the host's premises."),
            label("data_access", "L’équipe mettra à disposition des EIG les données nécessaires et s’assurera qu’ils sont autorisés à les utiliser.", "The team will give the fellows the data they need and make sure they are authorised to use it."),
            label("openness", "L’équipe publiera en données ouvertes les données communicables, et sous licence libre le code et les modèles, sauf exception prévue par la loi.", "The team will publish openable data as open data, and code and models under a free licence, unless the law provides an exception."),
        ]
        .into_iter()
        .map(|(key, fr, en)| Attestation { key, fr, en })
        .collect();
        RuleSet {
            criteria,
            scale_max: 4,
            fellows_min: 2,
            fellows_max: 3,
            profiles: ProfileKind::ALL.to_vec(),
            attestations,
            attachments: vec![
                AttachmentRule {
                    key: "deck".into(),
                    fr: "Présentation (12 diapositives au plus, PDF)".into(),
                    en: "Pitch deck (12 slides at most, PDF)".into(),
                    required: true,
                    max_mib: 10,
                },
                AttachmentRule {
                    key: "simulation".into(),
                    fr: "Simulation financière (PDF)".into(),
                    en: "Financial simulation (PDF)".into(),
                    required: false,
                    max_mib: 5,
                },
            ],
            limits: BTreeMap::new(),
            applications: None,
        }
    }

    /// The limit of a free-text field.
    pub fn limit(&self, field: TextField) -> u32 {
        self.limits.get(&field).copied().unwrap_or_else(|| field.default_limit())
    }

    /// The weighted total of a set of criterion scores, out of `scale_max × Σweights`.
    pub fn weighted_total(&self, scores: &BTreeMap<String, u8>) -> Option<u32> {
        self.criteria.iter().map(|c| scores.get(&c.key).map(|s| u32::from(*s) * u32::from(c.weight))).sum()
    }

    /// The best possible weighted total.
    pub fn max_total(&self) -> u32 {
        self.criteria.iter().map(|c| u32::from(self.scale_max) * u32::from(c.weight)).sum()
    }

    /// Checks the rules are usable.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = Vec::new();
        let mut push = |field: &'static str, code: &'static str| e.push(FieldError { field, code });
        if self.criteria.is_empty() || self.criteria.len() > 10 {
            push("criteria", "criteria-count");
        }
        let mut keys = std::collections::BTreeSet::new();
        for c in &self.criteria {
            if !valid_key(&c.key) || !keys.insert(c.key.as_str()) {
                push("criteria", "invalid-key");
            }
            if !valid_label(&c.fr) || !valid_label(&c.en) {
                push("criteria", "label-required");
            }
            if !(1..=10).contains(&c.weight) {
                push("criteria", "weight-range");
            }
        }
        if !(2..=10).contains(&self.scale_max) {
            push("scale_max", "scale-range");
        }
        if self.fellows_min < 1 || self.fellows_max > 5 || self.fellows_min > self.fellows_max {
            push("fellows", "fellows-range");
        }
        if self.profiles.is_empty() {
            push("profiles", "profiles-required");
        }
        let mut keys = std::collections::BTreeSet::new();
        for a in &self.attestations {
            if !valid_key(&a.key) || !keys.insert(a.key.as_str()) || !valid_label(&a.fr) || !valid_label(&a.en) {
                push("attestations", "invalid-attestation");
            }
        }
        let mut keys = std::collections::BTreeSet::new();
        for a in &self.attachments {
            if !valid_key(&a.key)
                || !keys.insert(a.key.as_str())
                || !valid_label(&a.fr)
                || !valid_label(&a.en)
                || !(1..=20).contains(&a.max_mib)
            {
                push("attachments", "invalid-attachment");
            }
        }
        for (f, l) in &self.limits {
            if *l < 10 || *l > 10_000 || (*f == TextField::Name && *l > 200) {
                push("limits", "limit-range");
            }
        }
        if let Some(Err(more)) = self.applications.as_ref().map(crate::application::ApplicationRules::validate) {
            e.extend(more.0);
        }
        if e.is_empty() { Ok(()) } else { Err(FieldErrors(e)) }
    }
}

fn valid_key(k: &str) -> bool {
    !k.is_empty() && k.len() <= 40 && k.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn valid_label(s: &str) -> bool {
    let n = s.trim().chars().count();
    n > 0 && n <= 400 && !crate::text::has_forbidden_chars(s)
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    fn m(kind: MilestoneKind, at: OffsetDateTime) -> Milestone {
        Milestone { kind, starts_at: at, ends_at: None }
    }

    #[test]
    fn the_call_is_open_from_its_opening_until_its_deadline_excluded() {
        let cal = Calendar(vec![
            m(MilestoneKind::AapOpen, datetime!(2021-02-01 09:00 UTC)),
            m(MilestoneKind::AapClose, datetime!(2021-04-07 21:59 UTC)),
        ]);
        assert!(cal.validate().is_ok());
        assert_eq!(cal.call_phase(datetime!(2021-01-31 12:00 UTC)), CallPhase::Upcoming { opens: datetime!(2021-02-01 09:00 UTC) });
        assert_eq!(cal.call_phase(datetime!(2021-04-07 21:58:59 UTC)), CallPhase::Open { closes: datetime!(2021-04-07 21:59 UTC) });
        assert_eq!(cal.call_phase(datetime!(2021-04-07 21:59 UTC)), CallPhase::Closed { closed: datetime!(2021-04-07 21:59 UTC) });
        assert_eq!(Calendar::default().call_phase(datetime!(2021-04-07 21:59 UTC)), CallPhase::NotScheduled);
    }

    #[test]
    fn inconsistent_calendars_are_refused() {
        let reversed = Calendar(vec![
            m(MilestoneKind::AapOpen, datetime!(2021-04-01 09:00 UTC)),
            m(MilestoneKind::AapClose, datetime!(2021-02-01 09:00 UTC)),
        ]);
        assert_eq!(reversed.validate().unwrap_err().0[0].code, "closes-before-opening");
        let half = Calendar(vec![m(MilestoneKind::AapOpen, datetime!(2021-04-01 09:00 UTC))]);
        assert_eq!(half.validate().unwrap_err().0[0].code, "call-needs-both-dates");
        let period = Calendar(vec![Milestone {
            kind: MilestoneKind::AapJury,
            starts_at: datetime!(2021-05-05 09:00 UTC),
            ends_at: Some(datetime!(2021-05-04 09:00 UTC)),
        }]);
        assert_eq!(period.validate().unwrap_err().0[0].code, "period-ends-before-start");
    }

    #[test]
    fn the_eig5_rules_are_valid_and_weigh_scores() {
        let r = RuleSet::eig5();
        assert!(r.validate().is_ok(), "{:?}", r.validate());
        assert_eq!(r.criteria.len(), 5);
        assert_eq!(r.max_total(), 20);
        let scores: BTreeMap<String, u8> = r.criteria.iter().map(|c| (c.key.clone(), 3)).collect();
        assert_eq!(r.weighted_total(&scores), Some(15));
        let mut partial = scores.clone();
        partial.remove("need");
        assert_eq!(r.weighted_total(&partial), None, "a missing criterion gives no total");
        assert_eq!(r.limit(TextField::Problem), 1000);
        // Round trip through JSON, as stored.
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<RuleSet>(&json).unwrap(), r);
    }

    #[test]
    fn broken_rules_are_refused_with_the_field() {
        let mut r = RuleSet::eig5();
        r.criteria[1].key = "need".into();
        r.fellows_min = 4;
        r.limits.insert(TextField::Name, 5000);
        r.attachments[0].max_mib = 0;
        let codes: Vec<&str> = r.validate().unwrap_err().0.iter().map(|e| e.code).collect();
        assert_eq!(codes, ["invalid-key", "fellows-range", "invalid-attachment", "limit-range"]);
    }
}
