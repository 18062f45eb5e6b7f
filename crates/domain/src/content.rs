//! The content model of the public site (`domain.md` §7 and §9.1): cohorts, organisations,
//! people and their roles, challenges, blog posts, FAQ entries and testimonials.

use time::Date;

use crate::text::Slug;

/// A closed list stored as text: `as_str` for the database and URLs, `parse` to read it back.
macro_rules! str_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $s:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($(#[$vdoc])* #[serde(rename = $s)] $variant),+ }
        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stored and URL form.
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $s),+ } }
            /// Reads the stored or URL form.
            pub fn parse(s: &str) -> Option<Self> { match s { $($s => Some($name::$variant),)+ _ => None } }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
        impl TryFrom<String> for $name {
            type Error = String;
            /// Reads the stored form (the store's rows are typed with it).
            fn try_from(s: String) -> Result<Self, String> {
                Self::parse(&s).ok_or_else(|| format!("unknown {}: {s:?}", stringify!($name)))
            }
        }
    };
}
pub(crate) use str_enum;

str_enum!(
    /// The kind of a cohort: the EIG program, or the 2019 designers' cohort (DIG).
    CohortKind {
        /// Entrepreneurs d'intérêt général.
        Eig => "eig",
        /// Designers d'intérêt général (2019).
        Dig => "dig",
    }
);

str_enum!(
    /// A skill asked for by a challenge (`skills.yml`).
    Skill {
        /// Software development.
        Dev => "dev",
        /// Design.
        Design => "design",
        /// Data science.
        DataScience => "datascience",
        /// Data engineering.
        DataEngineering => "dataengineering",
        /// Geomatics.
        Geomatique => "geomatique",
    }
);

str_enum!(
    /// The public profile of a person (`personnes.yml` `profil`, gender folded).
    Profile {
        /// Data scientist.
        DataScientist => "data-scientist",
        /// Data engineer.
        DataEngineer => "data-engineer",
        /// Developer.
        Developer => "developer",
        /// Designer.
        Designer => "designer",
        /// Mentor (a public servant of the host administration).
        Mentor => "mentor",
        /// Member of the program team (coaching).
        ProgramTeam => "program-team",
    }
);

impl Profile {
    /// Reads the French label used by the EIG data (`Développeuse`, `Designeuse`, …).
    pub fn from_eig_label(label: &str) -> Option<Self> {
        match crate::text::name_key(label).as_str() {
            "data scientist" => Some(Profile::DataScientist),
            "data engineer" => Some(Profile::DataEngineer),
            "developpeur" | "developpeuse" => Some(Profile::Developer),
            "designer" | "designeuse" => Some(Profile::Designer),
            "mentor" => Some(Profile::Mentor),
            "accompagnement" => Some(Profile::ProgramTeam),
            _ => None,
        }
    }

    /// Whether this is a fellow's profile (a digital skill), as opposed to mentor or staff.
    pub fn is_fellow_profile(self) -> bool {
        matches!(self, Profile::DataScientist | Profile::DataEngineer | Profile::Developer | Profile::Designer)
    }
}

str_enum!(
    /// A role a person holds, scoped to a cohort, a challenge or an organisation (`domain.md` §9.1).
    RoleKind {
        /// Member of the program team.
        ProgramStaff => "program_staff",
        /// Staff fellow (EIG Link).
        EigLink => "eig_link",
        /// Validator (program director).
        Validator => "validator",
        /// Pre-selector.
        Preselector => "preselector",
        /// Jury member.
        JuryMember => "jury_member",
        /// Candidate.
        Candidate => "candidate",
        /// Fellow (EIG).
        Fellow => "fellow",
        /// Operational mentor.
        OperationalMentor => "operational_mentor",
        /// Executive sponsor.
        ExecutiveSponsor => "executive_sponsor",
        /// Member of the project team.
        ProjectTeamMember => "project_team_member",
        /// HR contact.
        HrContact => "hr_contact",
        /// Finance contact.
        FinanceContact => "finance_contact",
        /// Administration contact.
        AdminContact => "admin_contact",
        /// Alumni.
        Alumni => "alumni",
        /// Guest expert.
        GuestExpert => "guest_expert",
    }
);

str_enum!(
    /// The kind of an organisation.
    OrganisationKind {
        /// A ministry, or the Prime Minister's services.
        Ministry => "ministry",
        /// A central directorate.
        CentralAdmin => "central_admin",
        /// A public operator or agency.
        Operator => "operator",
        /// A deconcentrated service (académie, regional directorate).
        DeconcentratedService => "deconcentrated_service",
        /// An independent administrative authority.
        Aai => "aai",
        /// A court or jurisdiction.
        Jurisdiction => "jurisdiction",
        /// A local authority (region, département, commune).
        LocalAuthority => "local_authority",
        /// A health establishment.
        HealthEstablishment => "health_establishment",
        /// Another public body.
        OtherPublic => "other_public",
    }
);

str_enum!(
    /// Where a challenge is in its life (`domain.md` §9.3.3).
    ChallengeStatus {
        /// Selected, the page is being written.
        Framing => "framing",
        /// Published, candidates may apply.
        OpenForApplications => "open_for_applications",
        /// Candidates are being matched to its seats.
        Matching => "matching",
        /// Every seat is filled.
        Staffed => "staffed",
        /// The fellows are at work.
        Running => "running",
        /// Last month.
        Closing => "closing",
        /// Over.
        Completed => "completed",
        /// Withdrawn.
        Withdrawn => "withdrawn",
    }
);

impl ChallengeStatus {
    /// Whether the public may see the challenge (status ≥ announced, `domain.md` §9.2).
    pub fn is_public(self) -> bool {
        !matches!(self, ChallengeStatus::Framing | ChallengeStatus::Withdrawn)
    }
}

str_enum!(
    /// A blog tag, from the closed list of the EIG site (`domain.md` §7.4).
    BlogTag {
        /// accompagnement
        Accompagnement => "accompagnement",
        /// algorithme
        Algorithme => "algorithme",
        /// collectif
        Collectif => "collectif",
        /// datascience
        Datascience => "datascience",
        /// design
        Design => "design",
        /// développement
        Developpement => "developpement",
        /// écosystème
        Ecosysteme => "ecosysteme",
        /// évaluation
        Evaluation => "evaluation",
        /// international
        International => "international",
        /// interdisciplinarité
        Interdisciplinarite => "interdisciplinarite",
        /// méthode
        Methode => "methode",
        /// open
        Open => "open",
        /// outil
        Outil => "outil",
        /// partenariat
        Partenariat => "partenariat",
        /// pérennisation
        Perennisation => "perennisation",
        /// recrutement
        Recrutement => "recrutement",
        /// réalisation
        Realisation => "realisation",
        /// témoignage
        Temoignage => "temoignage",
    }
);

impl BlogTag {
    /// Reads a tag as the EIG data writes it (`développement`, `témoignage `…).
    pub fn from_eig(label: &str) -> Option<Self> {
        Self::parse(&crate::text::slugify(label))
    }

    /// The tag as the French site writes it, with its accents.
    pub fn label_fr(self) -> &'static str {
        match self {
            BlogTag::Developpement => "développement",
            BlogTag::Ecosysteme => "écosystème",
            BlogTag::Evaluation => "évaluation",
            BlogTag::Interdisciplinarite => "interdisciplinarité",
            BlogTag::Methode => "méthode",
            BlogTag::Perennisation => "pérennisation",
            BlogTag::Realisation => "réalisation",
            BlogTag::Temoignage => "témoignage",
            other => other.as_str(),
        }
    }
}

str_enum!(
    /// Who a FAQ entry is for.
    FaqAudience {
        /// Administrations proposing challenges.
        Administrations => "administrations",
        /// Candidates (future fellows).
        Candidates => "candidates",
    }
);

str_enum!(
    /// Whether a blog post is visible.
    PostStatus {
        /// Not published (a leading `_` in the EIG file name).
        Draft => "draft",
        /// Published.
        Published => "published",
    }
);

/// A cohort of the program (EIG 1 … N, DIG).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cohort {
    /// Public code and URL parameter (`eig-1`, `dig`).
    pub code: Slug,
    /// EIG or DIG.
    pub kind: CohortKind,
    /// The promotion number (none for DIG).
    pub number: Option<i32>,
    /// The year the fellows started.
    pub year: i32,
    /// Title in French (`EIG 3`, `Designers d'intérêt général`).
    pub title_fr: String,
    /// Title in English.
    pub title_en: String,
}

/// An organisation, in a tree (a directorate under its ministry), known by several spellings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// Public identifier.
    pub slug: Slug,
    /// Name.
    pub name: String,
    /// Acronym, when it has one.
    pub acronym: Option<String>,
    /// Kind.
    pub kind: OrganisationKind,
    /// The parent organisation.
    pub parent: Option<Slug>,
    /// Web site.
    pub website: Option<String>,
    /// Other spellings under which it is known.
    pub aliases: Vec<String>,
}

/// Links a person published.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonLinks {
    /// GitHub handle.
    pub github: Option<String>,
    /// GitLab handle.
    pub gitlab: Option<String>,
    /// LinkedIn URL.
    pub linkedin: Option<String>,
    /// Twitter handle.
    pub twitter: Option<String>,
    /// Personal web site.
    pub website: Option<String>,
}

/// A person, one identity across cohorts and roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Public identifier.
    pub slug: Slug,
    /// Name as displayed.
    pub display_name: String,
    /// Public profile, when published.
    pub profile: Option<Profile>,
    /// The profile as the source wrote it (`Développeuse`).
    pub profile_label: Option<String>,
    /// Whether the person consented to a public profile page.
    pub public_profile: bool,
    /// Biography (Markdown), when there is one.
    pub bio_md: Option<String>,
    /// Published links.
    pub links: PersonLinks,
    /// Path of the page on the original site (to redirect old links).
    pub legacy_path: Option<String>,
}

/// A role held by a person.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoleAssignment {
    /// Who.
    pub person: Slug,
    /// Which role.
    pub role: RoleKind,
    /// In which cohort.
    pub cohort: Option<Slug>,
    /// On which challenge.
    pub challenge: Option<Slug>,
}

/// A key figure of a challenge (2–4 per challenge on the original site).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFigure {
    /// The number.
    pub amount: i64,
    /// What it counts.
    pub description: String,
}

/// A deliverable (réalisation) of a challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deliverable {
    /// Title.
    pub title: String,
    /// Link.
    pub url: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Label of the link.
    pub call_to_action: Option<String>,
}

/// A challenge (défi).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    /// Public identifier.
    pub slug: Slug,
    /// The key the source data uses (`"MI - matchID"`).
    pub source_key: String,
    /// Cohort.
    pub cohort: Slug,
    /// Year.
    pub year: i32,
    /// Title.
    pub title: String,
    /// One-line tagline.
    pub tagline: String,
    /// Duration in months.
    pub duration_months: i32,
    /// The host organisation.
    pub host: Slug,
    /// The administration as the source wrote it (often more precise than the host).
    pub administration_label: String,
    /// The administration's web site.
    pub administration_website: Option<String>,
    /// City ("Paris (75001)").
    pub city: Option<String>,
    /// Skills asked for.
    pub skills: Vec<Skill>,
    /// Long description (Markdown).
    pub body_md: String,
    /// Key figures.
    pub key_figures: Vec<KeyFigure>,
    /// Deliverables.
    pub deliverables: Vec<Deliverable>,
    /// Source code repositories.
    pub repositories: Vec<String>,
    /// Demo or product web site.
    pub website: Option<String>,
    /// Pages of one project share a project key (the two Sequoia pages are one project).
    pub project_key: String,
    /// The challenge of an earlier cohort this one renews.
    pub renewal_of: Option<Slug>,
    /// Where the challenge is in its life.
    pub status: ChallengeStatus,
    /// Path of the page on the original site.
    pub legacy_path: Option<String>,
}

/// A blog post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlogPost {
    /// Public identifier.
    pub slug: Slug,
    /// Title.
    pub title: String,
    /// Author as written.
    pub author_label: String,
    /// The author, when they are a known person.
    pub author: Option<Slug>,
    /// Summary.
    pub description: Option<String>,
    /// Publication date.
    pub published_on: Date,
    /// Tags.
    pub tags: Vec<BlogTag>,
    /// Body (Markdown).
    pub body_md: String,
    /// Language of the post.
    pub lang: crate::lang::Lang,
    /// Key linking translations of one post.
    pub lang_ref: Option<String>,
    /// Draft or published.
    pub status: PostStatus,
    /// Path on the original site.
    pub legacy_path: Option<String>,
}

/// A FAQ entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaqEntry {
    /// For whom.
    pub audience: FaqAudience,
    /// In which language.
    pub lang: crate::lang::Lang,
    /// Order within its list.
    pub position: i32,
    /// Question.
    pub question: String,
    /// Answer (HTML from the source, sanitised when shown).
    pub answer_html: String,
    /// Anchor, unique within its list.
    pub anchor: Slug,
}

/// A testimonial from an administration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Testimonial {
    /// Order.
    pub position: i32,
    /// Text.
    pub text: String,
    /// Author's name.
    pub author_name: String,
    /// The author, when a known person.
    pub author: Option<Slug>,
    /// Author's position.
    pub author_position: Option<String>,
}

/// A figure the program declared (typed by hand on the old site), kept with its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredFigure {
    /// The figure definition it claims to measure.
    pub figure: crate::figures::FigureId,
    /// The value declared.
    pub value: i64,
    /// The language of the page that declared it.
    pub lang: crate::lang::Lang,
    /// Where it was declared.
    pub source: String,
    /// When (as of).
    pub as_of: Date,
}
