//! Views of the call for projects: open calls, proposals (form, documents, contacts, submission),
//! staff pages (cohorts, calendar, rules, pre-selection, panels, decisions, challenges) and the
//! jury area.

use askama::Template;

use super::{Chrome, Opt};

/// An open or upcoming call.
#[derive(Debug, Clone)]
pub struct CallLine {
    /// Cohort code.
    pub code: String,
    /// Cohort title.
    pub title: String,
    /// Open now.
    pub open: bool,
    /// "Closes on …" or "Opens on …".
    pub when: String,
}

/// `/calls`.
#[derive(Template)]
#[template(path = "call/calls.html")]
pub struct CallsPage {
    /// Chrome.
    pub c: Chrome,
    /// Form token (signed-in visitors).
    pub csrf: Option<String>,
    /// Calls.
    pub calls: Vec<CallLine>,
}

/// A proposal in a list.
#[derive(Debug, Clone)]
pub struct ProposalLineView {
    /// Link.
    pub href: String,
    /// Reference.
    pub reference: String,
    /// Name.
    pub name: String,
    /// Cohort or host.
    pub context: String,
    /// Status label.
    pub status: String,
    /// Status key (for the badge colour).
    pub status_key: String,
    /// Extra column (reviews, panel…).
    pub extra: String,
}

/// `/proposals`.
#[derive(Template)]
#[template(path = "call/my_proposals.html")]
pub struct MyProposalsPage {
    /// Chrome.
    pub c: Chrome,
    /// Proposals.
    pub proposals: Vec<ProposalLineView>,
    /// Notice.
    pub notice: Option<String>,
}

/// A free-text field of the form.
#[derive(Debug, Clone)]
pub struct TextInput {
    /// Form name (`text.problem`).
    pub name: String,
    /// Element id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Hint (limit).
    pub hint: String,
    /// Value.
    pub value: String,
    /// Limit in characters.
    pub limit: u32,
    /// Rows of the text area (1: a one-line input).
    pub rows: u8,
    /// Required for submission.
    pub required: bool,
    /// Editable now.
    pub editable: bool,
}

/// A row of the profiles table.
#[derive(Debug, Clone)]
pub struct ProfileRowView {
    /// Index.
    pub i: usize,
    /// Profile choices (selected marked).
    pub kinds: Vec<Opt>,
    /// Mission.
    pub mission: String,
    /// Expertise.
    pub expertise: String,
}

/// A row of the team table.
#[derive(Debug, Clone, Default)]
pub struct TeamRowView {
    /// Index.
    pub i: usize,
    /// Name.
    pub name: String,
    /// Function.
    pub function: String,
    /// Status.
    pub status: String,
    /// Involvement (percent, as typed).
    pub involvement: String,
    /// Contribution.
    pub contribution: String,
}

/// A row of the datasets table.
#[derive(Debug, Clone, Default)]
pub struct DatasetRowView {
    /// Index.
    pub i: usize,
    /// Name.
    pub name: String,
    /// Accessible.
    pub accessible: bool,
    /// Steps.
    pub steps: String,
}

/// A contact block.
#[derive(Debug, Clone)]
pub struct ContactView {
    /// Role key.
    pub role: String,
    /// Role label.
    pub label: String,
    /// Required.
    pub required: bool,
    /// Name.
    pub name: String,
    /// Function.
    pub function: String,
    /// Email.
    pub email: String,
    /// Phone.
    pub phone: String,
}

/// An attestation checkbox.
#[derive(Debug, Clone)]
pub struct AttestationView {
    /// Key.
    pub key: String,
    /// Text.
    pub text: String,
    /// Ticked.
    pub checked: bool,
}

/// A document line.
#[derive(Debug, Clone)]
pub struct DocumentView {
    /// Key.
    pub key: String,
    /// Kind label.
    pub label: String,
    /// Required.
    pub required: bool,
    /// Largest size, MiB.
    pub max_mib: u32,
    /// The attached file: (name, size label, sha256, link).
    pub file: Option<(String, String, String, String)>,
}

/// A pre-selection review shown to staff and pre-selectors.
#[derive(Debug, Clone)]
pub struct ReviewView {
    /// Reviewer.
    pub reviewer: String,
    /// Eligible.
    pub eligible: String,
    /// Complete.
    pub complete: String,
    /// Notes.
    pub notes: String,
    /// Questions.
    pub questions: String,
    /// Recommendation.
    pub recommendation: String,
}

/// `/proposals/{id}` for a reader who may not change it: the readable, printable dossier with the
/// review panel beside it.
#[derive(Template)]
#[template(path = "call/dossier.html")]
pub struct DossierPage<'a> {
    /// Chrome.
    pub c: Chrome,
    /// The proposal's page data.
    pub p: &'a ProposalPage,
    /// The funding holder's name, or "—".
    pub funding: String,
    /// The partners' names.
    pub partners: Vec<String>,
}

/// `/proposals/{id}`.
#[derive(Template)]
#[template(path = "call/proposal.html")]
pub struct ProposalPage {
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
    /// Status label and key.
    pub status: (String, String),
    /// The deadline, as shown.
    pub deadline: String,
    /// The version loaded.
    pub version: i32,
    /// A notice (saved…).
    pub notice: Option<String>,
    /// Errors to show (field label: problem).
    pub errors: Vec<String>,
    /// A conflict message.
    pub conflict: Option<String>,
    /// The submission receipt: (time, hash).
    pub receipt: Option<(String, String)>,
    /// A refusal reason.
    pub reason: Option<String>,
    /// The information requested.
    pub info_request: Option<String>,
    /// Whether the form can be edited.
    pub editable: bool,
    /// Whether it is a draft (submit link).
    pub draft: bool,
    /// Whether the reader may withdraw it.
    pub can_withdraw: bool,
    /// Whether the reader may delete it (a draft).
    pub can_delete: bool,
    /// Whether the reader is a member.
    pub member: bool,
    /// Host choices.
    pub hosts: Vec<Opt>,
    /// The organisation search typed.
    pub org_query: String,
    /// How many organisations match it.
    pub org_matches: Option<String>,
    /// Funding holder choices.
    pub funders: Vec<Opt>,
    /// Partner choices, one list per slot.
    pub partners: Vec<Vec<Opt>>,
    /// Host label (read-only view).
    pub host_label: String,
    /// Address.
    pub address: String,
    /// Fellows (as typed).
    pub fellows: String,
    /// Fellows allowed.
    pub fellows_choices: Vec<u8>,
    /// Co-funding requested.
    pub cofunding: bool,
    /// Budget programme.
    pub budget_programme: String,
    /// Forecast cost (as typed).
    pub forecast_cost: String,
    /// The description texts.
    pub description: Vec<TextInput>,
    /// The team texts (resources).
    pub team_texts: Vec<TextInput>,
    /// Profiles.
    pub profiles: Vec<ProfileRowView>,
    /// Team rows.
    pub team: Vec<TeamRowView>,
    /// Dataset rows.
    pub datasets: Vec<DatasetRowView>,
    /// Contacts.
    pub contacts: Vec<ContactView>,
    /// Attestations.
    pub attestations: Vec<AttestationView>,
    /// Documents.
    pub documents: Vec<DocumentView>,
    /// Members: (name, role label).
    pub members: Vec<(String, String)>,
    /// Contact roles to invite.
    pub invite_roles: Vec<Opt>,
    /// Reviews (staff, pre-selectors).
    pub reviews: Vec<ReviewView>,
    /// The reader may write a review.
    pub can_review: bool,
    /// The reader's review, for the form: (eligible, complete, notes, questions, recommendation).
    pub my_review: (String, String, String, String, String),
    /// Staff steps available: (value, label).
    pub steps: Vec<(String, String)>,
    /// Fields that may be reopened: (key, label).
    pub reopenable: Vec<(String, String)>,
    /// The panel and hearing, for staff: text.
    pub hearing: Option<String>,
    /// Whether the reader is staff (pre-selection tools).
    pub staff: bool,
    /// Back link: (label, href).
    pub back: (String, String),
}

/// `/proposals/{id}/submit`.
#[derive(Template)]
#[template(path = "call/submit.html")]
pub struct SubmitPage {
    /// Chrome.
    pub c: Chrome,
    /// Form token.
    pub csrf: String,
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Version.
    pub version: i32,
    /// What is missing (field label: problem).
    pub missing: Vec<String>,
    /// The deadline.
    pub deadline: String,
}

/// A message page with the proposal's receipt.
#[derive(Template)]
#[template(path = "call/receipt.html")]
pub struct ReceiptPage {
    /// Chrome.
    pub c: Chrome,
    /// Id.
    pub id: String,
    /// Reference.
    pub reference: String,
    /// Time.
    pub when: String,
    /// Hash.
    pub hash: String,
}

/// `/admin/cohorts`.
#[derive(Template)]
#[template(path = "call/admin_cohorts.html")]
pub struct AdminCohortsPage {
    /// Chrome.
    pub c: Chrome,
    /// Form token.
    pub csrf: String,
    /// (code, title, year, proposals).
    pub cohorts: Vec<(String, String, i32, i64)>,
    /// Cohorts to copy rules from.
    pub copy_from: Vec<Opt>,
    /// Breadcrumb.
    pub crumbs: Vec<(String, String)>,
}

/// A calendar line in the form.
#[derive(Debug, Clone)]
pub struct MilestoneView {
    /// Kind key.
    pub kind: String,
    /// Label.
    pub label: String,
    /// Start (datetime-local value).
    pub starts: String,
    /// End.
    pub ends: String,
}

/// `/admin/cohorts/{code}`.
#[derive(Template)]
#[template(path = "call/admin_cohort.html")]
pub struct AdminCohortPage {
    /// Chrome.
    pub c: Chrome,
    /// Form token.
    pub csrf: String,
    /// Code.
    pub code: String,
    /// The call's phase, as a sentence.
    pub phase: String,
    /// Calendar lines.
    pub milestones: Vec<MilestoneView>,
    /// Rules: (version, criteria count, used by, current).
    pub versions: Vec<(i32, String, i64)>,
    /// Criteria of the current rules.
    pub criteria: Vec<(String, u8)>,
    /// Breadcrumb.
    pub crumbs: Vec<(String, String)>,
    /// Notice.
    pub notice: Option<String>,
}

/// A criterion row in the rules editor.
#[derive(Debug, Clone, Default)]
pub struct CriterionRow {
    /// Index.
    pub i: usize,
    /// Key.
    pub key: String,
    /// French.
    pub fr: String,
    /// English.
    pub en: String,
    /// Weight.
    pub weight: String,
}

/// An attestation or attachment row in the rules editor.
#[derive(Debug, Clone, Default)]
pub struct RuleRow {
    /// Index.
    pub i: usize,
    /// Key.
    pub key: String,
    /// French.
    pub fr: String,
    /// English.
    pub en: String,
    /// Required (attachments).
    pub required: bool,
    /// Size (attachments).
    pub max_mib: String,
}

/// `/admin/cohorts/{code}/rules`.
#[derive(Template)]
#[template(path = "call/admin_rules.html")]
pub struct AdminRulesPage {
    /// Chrome.
    pub c: Chrome,
    /// Form token.
    pub csrf: String,
    /// Code.
    pub code: String,
    /// Version shown.
    pub version: i32,
    /// Whether saving makes a new version.
    pub in_use: bool,
    /// Criteria rows.
    pub criteria: Vec<CriterionRow>,
    /// Scale.
    pub scale_max: String,
    /// Fellows min.
    pub fellows_min: String,
    /// Fellows max.
    pub fellows_max: String,
    /// Profiles (checked).
    pub profiles: Vec<Opt>,
    /// Attestations.
    pub attestations: Vec<RuleRow>,
    /// Attachments.
    pub attachments: Vec<RuleRow>,
    /// Limits: (key, label, value).
    pub limits: Vec<(String, String, String)>,
    /// Breadcrumb.
    pub crumbs: Vec<(String, String)>,
}

/// `/review/{code}`.
#[derive(Template)]
#[template(path = "call/review_list.html")]
pub struct ReviewListPage {
    /// Chrome.
    pub c: Chrome,
    /// Code.
    pub code: String,
    /// Proposals.
    pub proposals: Vec<ProposalLineView>,
    /// Staff links.
    pub staff: bool,
    /// The status filter's choices: (value, label with its count), the chosen one selected.
    pub statuses: Vec<Opt>,
    /// The sort choices.
    pub sorts: Vec<Opt>,
    /// "n of m proposals".
    pub shown: String,
    /// Whether a filter is on (a link to clear it).
    pub filtered: bool,
}

/// A panel on the panels page.
#[derive(Debug, Clone)]
pub struct PanelView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Members: (person id, name, organisation, referent).
    pub members: Vec<(String, String, String, bool)>,
    /// Proposals: (id, reference, name, hearing text, conflicted members).
    pub proposals: Vec<(String, String, String, String)>,
}

/// `/admin/cohorts/{code}/panels`.
#[derive(Template)]
#[template(path = "call/panels.html")]
pub struct PanelsPage {
    /// Chrome.
    pub c: Chrome,
    /// Form token.
    pub csrf: String,
    /// Code.
    pub code: String,
    /// Panels.
    pub panels: Vec<PanelView>,
    /// Shortlisted proposals without a panel: (id, reference, name).
    pub unassigned: Vec<(String, String, String)>,
    /// Panel choices.
    pub panel_options: Vec<Opt>,
    /// Organisation choices.
    pub organisations: Vec<Opt>,
    /// Proposals that can get a hearing: (id, reference, name, current).
    pub hearings: Vec<(String, String, String, String)>,
    /// Notice.
    pub notice: Option<String>,
    /// Breadcrumb.
    pub crumbs: Vec<(String, String)>,
}

/// An item of the jury area.
#[derive(Debug, Clone)]
pub struct JuryItemView {
    /// Link.
    pub href: String,
    /// Reference.
    pub reference: String,
    /// Name.
    pub name: String,
    /// Hearing.
    pub hearing: String,
    /// Scored.
    pub scored: bool,
}

/// A panel of the jury area.
#[derive(Debug, Clone)]
pub struct JuryPanelView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Cohort.
    pub cohort: String,
    /// Referent.
    pub referent: bool,
    /// Items.
    pub items: Vec<JuryItemView>,
}

/// `/jury`.
#[derive(Template)]
#[template(path = "call/jury.html")]
pub struct JuryPage {
    /// Chrome.
    pub c: Chrome,
    /// Panels.
    pub panels: Vec<JuryPanelView>,
    /// Cohorts the reader pre-selects: (code, title).
    pub preselection: Vec<(String, String)>,
}

/// A criterion in the scoring form.
#[derive(Debug, Clone)]
pub struct CriterionScore {
    /// Key.
    pub key: String,
    /// Label.
    pub label: String,
    /// Weight.
    pub weight: u8,
    /// The scale, each value with whether the reader chose it.
    pub options: Vec<(u8, bool)>,
}

/// `/jury/proposals/{id}`.
#[derive(Template)]
#[template(path = "call/kit.html")]
pub struct KitPage {
    /// Chrome.
    pub c: Chrome,
    /// Form token.
    pub csrf: String,
    /// Id.
    pub id: String,
    /// Reference.
    pub reference: String,
    /// Name.
    pub name: String,
    /// Host.
    pub host: String,
    /// Panel.
    pub panel: String,
    /// Hearing.
    pub hearing: String,
    /// The texts: (label, value).
    pub texts: Vec<(String, String)>,
    /// Profiles: (label, mission, expertise).
    pub profiles: Vec<(String, String, String)>,
    /// Documents: (label, link).
    pub documents: Vec<(String, String)>,
    /// Pre-selection questions.
    pub questions: Vec<String>,
    /// Grid.
    pub criteria: Vec<CriterionScore>,
    /// The reader's opinion.
    pub opinion: String,
    /// The reader's coup de cœur.
    pub coup_de_coeur: bool,
    /// The reader's comment.
    pub comment: String,
    /// Whether the reader has scored.
    pub scored: bool,
    /// Other jurors' evaluations: (name, total, opinion, coup de cœur, comment).
    pub others: Vec<(String, String, String, bool, String)>,
    /// The consensus: (total, opinion, comment).
    pub consensus: Option<(String, String, String)>,
    /// Whether the reader records the panel's consensus (the referent, while scoring is open).
    pub referent: bool,
    /// Whether the reader records that the hearing took place.
    pub can_mark_heard: bool,
    /// Whether the reader may declare a conflict of interest with it.
    pub can_declare_conflict: bool,
    /// Whether it can still be scored.
    pub open: bool,
    /// Notice.
    pub notice: Option<String>,
}

/// `/jury/panels/{id}/ranking`.
#[derive(Template)]
#[template(path = "call/ranking.html")]
pub struct RankingPage {
    /// Chrome.
    pub c: Chrome,
    /// Form token.
    pub csrf: String,
    /// Panel id.
    pub id: String,
    /// Rows: (proposal id, reference, name, position, explanation, consensus total).
    pub rows: Vec<(String, String, String, String, String, String)>,
    /// Whether the reader may edit it.
    pub editable: bool,
}

/// A line of the consolidation.
#[derive(Debug, Clone)]
pub struct ConsolidatedView {
    /// Id.
    pub id: String,
    /// Reference.
    pub reference: String,
    /// Name.
    pub name: String,
    /// Panel.
    pub panel: String,
    /// Rank.
    pub rank: String,
    /// Consensus total.
    pub consensus: String,
    /// Mean.
    pub mean: String,
    /// Favourable.
    pub favourable: String,
    /// Coups de cœur.
    pub coups: usize,
    /// Disagreements (labels).
    pub disagreements: String,
    /// Staged outcome.
    pub staged: String,
    /// Outcome choices.
    pub outcomes: Vec<Opt>,
}

/// `/decisions/{code}`.
#[derive(Template)]
#[template(path = "call/decisions.html")]
pub struct DecisionsPage {
    /// Chrome.
    pub c: Chrome,
    /// Form token.
    pub csrf: String,
    /// Code.
    pub code: String,
    /// Max total.
    pub max_total: u32,
    /// Lines.
    pub lines: Vec<ConsolidatedView>,
    /// The round, as a sentence.
    pub round: String,
    /// Staff (stage).
    pub staff: bool,
    /// Validator (approve).
    pub validator: bool,
    /// What an approval approves: one line per outcome with its count.
    pub summary: Vec<String>,
    /// Notice.
    pub notice: Option<String>,
}

/// `/admin/challenges`.
#[derive(Template)]
#[template(path = "call/admin_challenges.html")]
pub struct AdminChallengesPage {
    /// Chrome.
    pub c: Chrome,
    /// (slug, title, cohort, status label, public).
    pub challenges: Vec<(String, String, String, String, bool)>,
    /// Breadcrumb.
    pub crumbs: Vec<(String, String)>,
}

/// `/admin/challenges/{slug}`.
#[derive(Template)]
#[template(path = "call/admin_challenge.html")]
pub struct AdminChallengePage {
    /// Chrome.
    pub c: Chrome,
    /// Form token.
    pub csrf: String,
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Tagline.
    pub tagline: String,
    /// City.
    pub city: String,
    /// Website.
    pub website: String,
    /// Text.
    pub body_md: String,
    /// Whether it is public.
    pub public: bool,
    /// Breadcrumb.
    pub crumbs: Vec<(String, String)>,
}
