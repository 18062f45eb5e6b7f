//! Open data: JSON and CSV, with an OpenAPI document and a self-hosted viewer. Every answer
//! carries the Licence Ouverte attribution.

use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use cohorte_app::public::{self as uc, ChallengeDetail, PersonDetail};
use cohorte_domain::figures::{DEFINITIONS, Scope};
use cohorte_domain::lang::Lang;
use cohorte_domain::policy::Actor;
use cohorte_domain::text::csv_safe;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::AppState;
use crate::error::WebError;
use crate::extract::SlugPath;
use crate::i18n;
use crate::views::pages::ApiDocsPage;
use crate::views::{Chrome, render_public};

/// The licence of the data.
#[derive(Debug, Serialize, ToSchema)]
pub struct Licence {
    /// Licence name.
    pub name: &'static str,
    /// Licence text.
    pub url: &'static str,
    /// The attribution the licence requires.
    pub attribution: &'static str,
}

const LICENCE: Licence =
    Licence { name: cohorte_domain::EIG_LICENCE, url: cohorte_domain::EIG_LICENCE_URL, attribution: cohorte_domain::EIG_ATTRIBUTION };

/// A cohort reference.
#[derive(Debug, Serialize, ToSchema)]
pub struct CohortRef {
    /// Code (`eig-3`).
    pub code: String,
    /// Title (French).
    pub title: String,
}

/// A host administration.
#[derive(Debug, Serialize, ToSchema)]
pub struct Administration {
    /// Identifier of the host organisation.
    pub slug: String,
    /// Its name.
    pub name: String,
    /// Acronym.
    pub acronym: Option<String>,
    /// Parent organisation (ministry).
    pub parent: Option<String>,
    /// The administration as the program published it.
    pub as_published: String,
    /// Web site.
    pub website: Option<String>,
}

/// A person in a team.
#[derive(Debug, Serialize, ToSchema)]
pub struct Member {
    /// Name.
    pub name: String,
    /// Profile page (when public).
    pub url: Option<String>,
}

/// A key figure.
#[derive(Debug, Serialize, ToSchema)]
pub struct KeyFigure {
    /// The number.
    pub amount: i64,
    /// What it counts.
    pub description: String,
}

/// A deliverable.
#[derive(Debug, Serialize, ToSchema)]
pub struct Deliverable {
    /// Title.
    pub title: String,
    /// Link.
    pub url: Option<String>,
    /// Description.
    pub description: Option<String>,
}

/// A challenge.
#[derive(Debug, Serialize, ToSchema)]
pub struct Challenge {
    /// Identifier.
    pub slug: String,
    /// Page.
    pub url: String,
    /// Title.
    pub title: String,
    /// Tagline.
    pub tagline: String,
    /// Cohort.
    pub cohort: CohortRef,
    /// Year.
    pub year: i32,
    /// Duration in months.
    pub duration_months: i32,
    /// Status.
    pub status: String,
    /// Host administration.
    pub administration: Administration,
    /// City.
    pub city: Option<String>,
    /// Skills asked for.
    pub skills: Vec<String>,
    /// Fellows.
    pub fellows: Vec<Member>,
    /// Mentors.
    pub mentors: Vec<Member>,
    /// Key figures.
    pub key_figures: Vec<KeyFigure>,
    /// Deliverables.
    pub deliverables: Vec<Deliverable>,
    /// Source code repositories.
    pub repositories: Vec<String>,
    /// Demo site.
    pub website: Option<String>,
    /// Long description (Markdown).
    pub description_markdown: String,
}

/// Every public challenge.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChallengeList {
    /// Licence and attribution.
    pub licence: Licence,
    /// How many.
    pub count: usize,
    /// The challenges.
    pub data: Vec<Challenge>,
}

/// One challenge.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChallengeOne {
    /// Licence and attribution.
    pub licence: Licence,
    /// The challenge.
    pub data: Challenge,
}

/// A role of a person.
#[derive(Debug, Serialize, ToSchema)]
pub struct Role {
    /// Role (`fellow`, `operational_mentor`, `program_staff`).
    pub role: String,
    /// Cohort code.
    pub cohort: Option<String>,
    /// Year.
    pub year: Option<i32>,
    /// Challenge identifier.
    pub challenge: Option<String>,
}

/// A person with a public profile.
#[derive(Debug, Serialize, ToSchema)]
pub struct Person {
    /// Identifier.
    pub slug: String,
    /// Page.
    pub url: String,
    /// Name.
    pub name: String,
    /// Profile (`designer`, `mentor`, …).
    pub profile: Option<String>,
    /// Roles across cohorts.
    pub roles: Vec<Role>,
    /// GitHub handle.
    pub github: Option<String>,
    /// GitLab handle.
    pub gitlab: Option<String>,
    /// LinkedIn.
    pub linkedin: Option<String>,
    /// Twitter handle.
    pub twitter: Option<String>,
    /// Web site.
    pub website: Option<String>,
    /// Biography (Markdown).
    pub bio_markdown: Option<String>,
}

/// Every person with a public profile.
#[derive(Debug, Serialize, ToSchema)]
pub struct PeopleList {
    /// Licence and attribution.
    pub licence: Licence,
    /// How many.
    pub count: usize,
    /// The people.
    pub data: Vec<Person>,
}

/// A computed figure.
#[derive(Debug, Serialize, ToSchema)]
pub struct Figure {
    /// Figure id.
    pub id: String,
    /// Definition key (`challenges-coached@1`).
    pub definition_key: String,
    /// Name (French).
    pub name_fr: String,
    /// Name (English).
    pub name_en: String,
    /// Definition (French).
    pub definition_fr: String,
    /// Definition (English).
    pub definition_en: String,
    /// Value on every cohort.
    pub all_cohorts: u64,
    /// Value on EIG 1–3 and DIG.
    pub eig1_3_dig: u64,
}

/// A figure the program declared.
#[derive(Debug, Serialize, ToSchema)]
pub struct Declared {
    /// Figure id.
    pub id: String,
    /// Value.
    pub value: i64,
    /// Page language.
    pub lang: String,
    /// Source.
    pub source: String,
    /// Date.
    pub as_of: String,
}

/// The headline figures.
#[derive(Debug, Serialize, ToSchema)]
pub struct Figures {
    /// Licence and attribution.
    pub licence: Licence,
    /// Computed from the data.
    pub computed: Vec<Figure>,
    /// Declared by the program.
    pub declared: Vec<Declared>,
}

/// An error answer (every `/api/` error is JSON).
#[derive(Debug, ToSchema)]
pub struct ApiError {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Debug, ToSchema)]
pub struct ErrorDetail {
    /// HTTP status.
    pub status: u16,
    /// Message, in the language asked for.
    pub message: String,
    /// Problems with given parameters.
    pub fields: Vec<FieldProblem>,
    /// Reference to quote to the program team.
    pub request_id: String,
}

/// A problem with a parameter.
#[derive(Debug, ToSchema)]
pub struct FieldProblem {
    /// Parameter.
    pub field: String,
    /// Problem code.
    pub code: String,
    /// Message, in the language asked for.
    pub message: String,
}

/// The OpenAPI document, as utoipa derives it from the handlers and types; its texts are the
/// English ones, replaced by [`document`] with the messages of the reader's language.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Cohorte open data",
        version = "1",
        description = "Challenges, people and headline figures of the EIG program. The data is under the Licence Ouverte 2.0 (Etalab): reuse is free with attribution. Cohorte, the software serving it, is under the MIT licence."
    ),
    paths(challenges, challenges_csv, challenge, people, people_csv, figures),
    components(schemas(ChallengeList, ChallengeOne, PeopleList, Figures, ApiError))
)]
pub struct ApiDoc;

/// The tag of every operation.
const TAG: &str = "open-data";

/// Escapes a key for a JSON pointer.
fn pointer_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Every text of the document that has a message, as (JSON pointer, message key): the title and
/// description, each operation's summary, response and parameter descriptions
/// (`api-doc-<operation id>…`), each schema's and property's description (`api-doc-<Schema>…`).
pub fn texts(doc: &serde_json::Value) -> Vec<(String, String)> {
    let mut out =
        vec![("/info/title".to_owned(), "api-doc-title".to_owned()), ("/info/description".to_owned(), "api-doc-description".to_owned())];
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            let Some(id) = op["operationId"].as_str() else { continue };
            let at = format!("/paths/{}/{method}", pointer_token(path));
            out.push((format!("{at}/summary"), format!("api-doc-{id}")));
            for code in op["responses"].as_object().into_iter().flatten().map(|(code, _)| code) {
                out.push((format!("{at}/responses/{code}/description"), format!("api-doc-{id}-{code}")));
            }
            for (i, p) in op["parameters"].as_array().into_iter().flatten().enumerate() {
                if let Some(name) = p["name"].as_str() {
                    out.push((format!("{at}/parameters/{i}/description"), format!("api-doc-{id}-{name}")));
                }
            }
        }
    }
    for (name, schema) in doc["components"]["schemas"].as_object().into_iter().flatten() {
        let at = format!("/components/schemas/{}", pointer_token(name));
        out.push((format!("{at}/description"), format!("api-doc-{name}")));
        for prop in schema["properties"].as_object().into_iter().flatten().map(|(p, _)| p) {
            out.push((format!("{at}/properties/{}/description", pointer_token(prop)), format!("api-doc-{name}-{prop}")));
        }
    }
    out
}

/// The OpenAPI 3.1 document in a language: the texts from the messages (see [`texts`]), the
/// data's licence (not the software's), one tag for every operation.
pub fn document(lang: Lang) -> serde_json::Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    for (pointer, key) in texts(&doc) {
        if let Some(v) = doc.pointer_mut(&pointer) {
            *v = serde_json::Value::String(i18n::t(lang, &key));
        }
    }
    doc["info"]["license"] = serde_json::json!({"name": cohorte_domain::EIG_LICENCE, "url": cohorte_domain::EIG_LICENCE_URL});
    let tag = i18n::t(lang, "api-doc-tag");
    doc["tags"] = serde_json::json!([{"name": tag, "description": i18n::t(lang, "api-doc-tag-description")}]);
    for item in doc["paths"].as_object_mut().into_iter().flatten().map(|(_, item)| item) {
        for op in item.as_object_mut().into_iter().flatten().map(|(_, op)| op) {
            op["tags"] = serde_json::json!([tag]);
        }
    }
    doc
}

fn member(m: &cohorte_app::public::TeamMember) -> Member {
    Member { name: m.display_name.clone(), url: m.public_profile.then(|| format!("/community/{}", m.slug)) }
}

fn challenge_json(d: &ChallengeDetail) -> Challenge {
    let (fellows, mentors): (Vec<_>, Vec<_>) = d.team.iter().partition(|m| m.is_fellow());
    Challenge {
        slug: d.slug.clone(),
        url: format!("/challenges/{}", d.slug),
        title: d.title.clone(),
        tagline: d.tagline.clone(),
        cohort: CohortRef { code: d.cohort_code.clone(), title: d.cohort_title_fr.clone() },
        year: d.year,
        duration_months: d.duration_months,
        status: d.status.clone(),
        administration: Administration {
            slug: d.host_slug.clone(),
            name: d.host_name.clone(),
            acronym: d.host_acronym.clone(),
            parent: d.host_parent_name.clone(),
            as_published: d.administration_label.clone(),
            website: d.administration_website.clone(),
        },
        city: d.city.clone(),
        skills: d.skills.clone(),
        fellows: fellows.into_iter().map(member).collect(),
        mentors: mentors.into_iter().map(member).collect(),
        key_figures: d
            .key_figures
            .iter()
            .map(|(amount, description)| KeyFigure { amount: *amount, description: description.clone() })
            .collect(),
        deliverables: d
            .deliverables
            .iter()
            .map(|x| Deliverable { title: x.title.clone(), url: x.url.clone(), description: x.description.clone() })
            .collect(),
        repositories: d.repositories.clone(),
        website: d.website.clone(),
        description_markdown: d.body_md.clone(),
    }
}

fn person_json(p: &PersonDetail) -> Person {
    Person {
        slug: p.slug.clone(),
        url: format!("/community/{}", p.slug),
        name: p.display_name.clone(),
        profile: p.profile.clone(),
        roles: p
            .roles
            .iter()
            .map(|r| Role { role: r.role.clone(), cohort: r.cohort_code.clone(), year: r.cohort_year, challenge: r.challenge_slug.clone() })
            .collect(),
        github: p.github.clone(),
        gitlab: p.gitlab.clone(),
        linkedin: p.linkedin.clone(),
        twitter: p.twitter.clone(),
        website: p.website.clone(),
        bio_markdown: p.bio_md.clone(),
    }
}

fn json<T: Serialize>(v: &T) -> Response {
    match serde_json::to_vec(v) {
        Ok(body) => {
            let mut r = ([(header::CONTENT_TYPE, "application/json")], body).into_response();
            r.extensions_mut().insert(crate::cache::Cacheable);
            r.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
            r
        }
        Err(e) => WebError::Internal(e.to_string()).into_response(),
    }
}

fn csv(filename: &str, header_row: &[&str], rows: Vec<Vec<String>>) -> Response {
    let mut w = csv_writer();
    let mut ok = w.write_record(header_row.iter().copied().chain(["source"])).is_ok();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| csv_safe(c).into_owned())
            .chain([cohorte_domain::EIG_ATTRIBUTION.to_owned() + " — " + cohorte_domain::EIG_LICENCE])
            .collect();
        ok &= w.write_record(&cells).is_ok();
    }
    let Ok(inner) = w.into_inner() else { return WebError::Internal("csv".into()).into_response() };
    if !ok {
        return WebError::Internal("csv".into()).into_response();
    }
    let mut body = "\u{feff}".as_bytes().to_vec();
    body.extend(inner);
    let mut r = ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], body).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r.headers_mut()
        .insert(header::LINK, HeaderValue::from_static("<https://www.etalab.gouv.fr/licence-ouverte-open-licence/>; rel=\"license\""));
    r.extensions_mut().insert(crate::cache::Cacheable);
    r
}

fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new())
}

/// Every public challenge (JSON).
#[utoipa::path(get, path = "/api/v1/challenges", tag = TAG, responses((status = 200, description = "Every public challenge.", body = ChallengeList)))]
pub async fn challenges(State(state): State<AppState>) -> Result<Response, WebError> {
    let all = uc::export_challenges(&state.ctx, &Actor::Anonymous).await?;
    let data: Vec<Challenge> = all.iter().map(challenge_json).collect();
    Ok(json(&ChallengeList { licence: LICENCE, count: data.len(), data }))
}

/// Every public challenge (CSV, formula injection neutralised).
#[utoipa::path(get, path = "/api/v1/challenges.csv", tag = TAG, responses((status = 200, description = "Every public challenge, one per row.", content_type = "text/csv")))]
pub async fn challenges_csv(State(state): State<AppState>) -> Result<Response, WebError> {
    let all = uc::export_challenges(&state.ctx, &Actor::Anonymous).await?;
    let rows = all
        .iter()
        .map(|d| {
            let names = |fellow: bool| {
                d.team.iter().filter(|m| m.is_fellow() == fellow).map(|m| m.display_name.clone()).collect::<Vec<_>>().join(" | ")
            };
            vec![
                d.slug.clone(),
                d.title.clone(),
                d.tagline.clone(),
                d.cohort_code.clone(),
                d.year.to_string(),
                d.host_name.clone(),
                d.host_acronym.clone().unwrap_or_default(),
                d.administration_label.clone(),
                d.city.clone().unwrap_or_default(),
                d.skills.join(" | "),
                names(true),
                names(false),
                d.repositories.join(" | "),
                d.website.clone().unwrap_or_default(),
            ]
        })
        .collect();
    Ok(csv(
        "challenges.csv",
        &[
            "slug",
            "title",
            "tagline",
            "cohort",
            "year",
            "host",
            "host_acronym",
            "administration_as_published",
            "city",
            "skills",
            "fellows",
            "mentors",
            "repositories",
            "website",
        ],
        rows,
    ))
}

/// One public challenge (JSON).
#[utoipa::path(get, path = "/api/v1/challenges/{slug}", tag = TAG, params(("slug" = String, Path, description = "Challenge identifier.")), responses((status = 200, description = "The challenge.", body = ChallengeOne), (status = 404, description = "No such public challenge.", body = ApiError)))]
pub async fn challenge(State(state): State<AppState>, SlugPath(slug): SlugPath) -> Result<Response, WebError> {
    let d = uc::challenge(&state.ctx, &Actor::Anonymous, &slug).await?;
    Ok(json(&ChallengeOne { licence: LICENCE, data: challenge_json(&d) }))
}

/// Every person with a public profile (JSON).
#[utoipa::path(get, path = "/api/v1/people", tag = TAG, responses((status = 200, description = "Every person with a public profile.", body = PeopleList)))]
pub async fn people(State(state): State<AppState>) -> Result<Response, WebError> {
    let all = uc::export_people(&state.ctx, &Actor::Anonymous).await?;
    let data: Vec<Person> = all.iter().map(person_json).collect();
    Ok(json(&PeopleList { licence: LICENCE, count: data.len(), data }))
}

/// Every person with a public profile (CSV).
#[utoipa::path(get, path = "/api/v1/people.csv", tag = TAG, responses((status = 200, description = "One person per row.", content_type = "text/csv")))]
pub async fn people_csv(State(state): State<AppState>) -> Result<Response, WebError> {
    let all = uc::export_people(&state.ctx, &Actor::Anonymous).await?;
    let rows = all
        .iter()
        .map(|p| {
            let cohorts: Vec<String> =
                p.roles.iter().filter_map(|r| r.cohort_code.clone()).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
            let challenges: Vec<String> = p.roles.iter().filter_map(|r| r.challenge_slug.clone()).collect();
            vec![
                p.slug.clone(),
                p.display_name.clone(),
                p.profile.clone().unwrap_or_default(),
                cohorts.join(" | "),
                challenges.join(" | "),
                p.github.clone().unwrap_or_default(),
                p.linkedin.clone().unwrap_or_default(),
                p.website.clone().unwrap_or_default(),
            ]
        })
        .collect();
    Ok(csv("people.csv", &["slug", "name", "profile", "cohorts", "challenges", "github", "linkedin", "website"], rows))
}

/// The headline figures with their definitions (JSON).
#[utoipa::path(get, path = "/api/v1/figures", tag = TAG, responses((status = 200, description = "The figures.", body = Figures)))]
pub async fn figures(State(state): State<AppState>) -> Result<Response, WebError> {
    let f = uc::figures(&state.ctx, &Actor::Anonymous).await?;
    let value = |id, scope| f.computed.iter().find(|x| x.definition.id == id && x.scope == scope).map(|x| x.value).unwrap_or(0);
    let computed = DEFINITIONS
        .iter()
        .map(|d| {
            let key = |lang, what| i18n::t(lang, &format!("figure-{}-v{}-{what}", d.id.as_str(), d.version));
            Figure {
                id: d.id.as_str().to_owned(),
                definition_key: d.key(),
                name_fr: key(Lang::Fr, "name"),
                name_en: key(Lang::En, "name"),
                definition_fr: key(Lang::Fr, "definition"),
                definition_en: key(Lang::En, "definition"),
                all_cohorts: value(d.id, Scope::ALL),
                eig1_3_dig: value(d.id, Scope::EIG1_3_DIG),
            }
        })
        .collect();
    let declared = f
        .declared
        .iter()
        .map(|d| Declared {
            id: d.figure.as_str().to_owned(),
            value: d.value,
            lang: d.lang.code().to_owned(),
            source: d.source.clone(),
            as_of: d.as_of.to_string(),
        })
        .collect();
    Ok(json(&Figures { licence: LICENCE, computed, declared }))
}

/// `/api/openapi.json` in the reader's language (paths are relative to the site that serves it).
pub async fn openapi(Extension(lang): Extension<Lang>) -> Response {
    json(&document(lang))
}

/// The messages of Swagger UI's own labels (`swagger-…`), whose English text is Swagger UI's.
const SWAGGER_LABELS: &[&str] = &[
    "swagger-try-it-out",
    "swagger-cancel",
    "swagger-execute",
    "swagger-clear",
    "swagger-parameters",
    "swagger-no-parameters",
    "swagger-name",
    "swagger-responses",
    "swagger-links",
    "swagger-no-links",
    "swagger-media-type",
    "swagger-example-value",
    "swagger-edit-value",
    "swagger-schema",
    "swagger-schemas",
    "swagger-request-url",
    "swagger-server-response",
    "swagger-response-body",
    "swagger-response-headers",
    "swagger-details",
    "swagger-download",
    "swagger-undocumented",
    "swagger-expand-all",
    "swagger-collapse-all",
    "swagger-expand-operation",
    "swagger-collapse-operation",
    "swagger-required",
    "swagger-loading",
    "swagger-load-failed",
    "swagger-copy",
    "swagger-controls",
    "swagger-accept-header",
];

/// `/api/docs`: the self-hosted viewer, on the document in the page's language, with Swagger
/// UI's labels translated by `static/api-docs.js` (English label → label in that language).
pub async fn docs(c: Chrome) -> Response {
    let title = c.t("api-title");
    let labels: std::collections::BTreeMap<String, String> =
        SWAGGER_LABELS.iter().map(|key| (i18n::t(Lang::En, key), c.t(key))).filter(|(english, translated)| english != translated).collect();
    let labels = serde_json::to_string(&labels).unwrap_or_else(|_| "{}".to_owned());
    let document_url = format!("/api/openapi.json?lang={}", c.lang_code());
    render_public(&ApiDocsPage { c: c.page("", title), labels, document_url })
}
