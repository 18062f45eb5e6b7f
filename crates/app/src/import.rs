//! The EIG open-data import: read the folder, reconcile (pure), store in one transaction.
//!
//! A malformed file is refused with its name and line; nothing is written then. A second run on
//! the same data changes nothing (upserts compare fingerprints; roles are synchronised).

use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use cohorte_domain::content::FaqAudience;
use cohorte_domain::eig::sources::{
    SourceChallenge, SourceDocument, SourceFaq, SourceFaqEntry, SourcePerson, SourcePost, SourcePostMeta, SourcePromo, SourceTestimonial,
};
use cohorte_domain::eig::{Curation, Report, ReportKind, Sources, reconcile};
use cohorte_domain::lang::Lang;
use cohorte_domain::markdown::plain_text;
use cohorte_domain::text::search_fold;
use cohorte_store::content::{self as store, ChallengeRefs, RoleRow, Upserted};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use time::Date;

use crate::{AppError, Ctx};

/// The source name recorded on imported roles and runs.
pub const SOURCE: &str = "eig-opendata";

/// Why an import was refused.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A file is malformed.
    #[error("{file}{}: {message}", .line.map(|l| format!(":{l}")).unwrap_or_default())]
    Malformed {
        /// The file.
        file: String,
        /// The line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A file or folder could not be read.
    #[error("{path}: {message}")]
    Io {
        /// The path.
        path: String,
        /// The error.
        message: String,
    },
    /// The curation file is inconsistent.
    #[error("{0}")]
    Curation(String),
    /// Storing failed.
    #[error(transparent)]
    App(#[from] AppError),
}

/// Progress of a long import, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// What is being done.
    pub stage: &'static str,
    /// Done so far.
    pub done: u64,
    /// In all.
    pub total: u64,
}

/// Created / updated / unchanged counts for one kind of record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// New.
    pub created: u64,
    /// Changed.
    pub updated: u64,
    /// Identical.
    pub unchanged: u64,
    /// Removed.
    pub removed: u64,
}

impl Counts {
    fn add(&mut self, u: Upserted) {
        match u {
            Upserted::Created => self.created += 1,
            Upserted::Updated => self.updated += 1,
            Upserted::Unchanged => self.unchanged += 1,
        }
    }

    /// Records written.
    pub fn changes(&self) -> u64 {
        self.created + self.updated + self.removed
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Counts per kind of record, in display order.
    pub counts: Vec<(&'static str, Counts)>,
    /// The reconciliation report.
    pub report: Report,
}

impl ImportSummary {
    /// Records created, updated or removed in all.
    pub fn changes(&self) -> u64 {
        self.counts.iter().map(|(_, c)| c.changes()).sum()
    }

    /// The counts of one kind.
    pub fn counts_of(&self, kind: &str) -> Counts {
        self.counts.iter().find(|(k, _)| *k == kind).map(|(_, c)| *c).unwrap_or_default()
    }
}

/// Reads the curation file.
pub fn read_curation(path: &Path) -> Result<Curation, ImportError> {
    let text = read_text(path)?;
    serde_norway::from_str(&text).map_err(|e| yaml_error(path, &e, 0))
}

/// Reads and parses every file of the EIG folder.
pub fn read_sources(dir: &Path) -> Result<Sources, ImportError> {
    if !dir.is_dir() {
        return Err(ImportError::Io { path: dir.display().to_string(), message: "not a folder".into() });
    }
    let data = dir.join("data");
    let mut s = Sources {
        promos: read_map::<SourcePromo>(&data.join("promos.yml"))?
            .into_iter()
            .map(|(k, mut v)| {
                v.key = k;
                v
            })
            .collect(),
        skills: read_map::<String>(&data.join("skills.yml"))?,
        ..Sources::default()
    };
    let mut fixes = Vec::new();
    s.challenges = read_records::<SourceChallenge>(&data.join("defis.yml"), &mut fixes)?
        .into_iter()
        .map(|(k, mut v)| {
            v.key = k;
            v
        })
        .collect();
    s.people = read_records::<SourcePerson>(&data.join("personnes.yml"), &mut fixes)?
        .into_iter()
        .map(|(k, mut v)| {
            v.key = k;
            v
        })
        .collect();
    s.read_fixes = fixes;
    let testimonials_path = data.join("temoignages.yml");
    s.testimonials = parse_yaml::<Vec<SourceTestimonial>>(&testimonials_path, &read_text(&testimonials_path)?, 0)?;
    for (file, audience, lang) in [
        ("faq-administrations.yml", FaqAudience::Administrations, Lang::Fr),
        ("faq-administrations-en.yml", FaqAudience::Administrations, Lang::En),
        ("faq-eig.yml", FaqAudience::Candidates, Lang::Fr),
        ("faq-eig-en.yml", FaqAudience::Candidates, Lang::En),
    ] {
        let path = data.join(file);
        let entries = parse_yaml::<Vec<SourceFaqEntry>>(&path, &read_text(&path)?, 0)?;
        s.faqs.push(SourceFaq { file: file.to_owned(), audience, lang, entries });
    }
    for path in markdown_files(&dir.join("challenges"))? {
        let (meta, body) = front_matter::<TitleMeta>(&path)?;
        s.challenge_bodies.push(SourceDocument { file: file_name(&path), title: meta.title, body });
    }
    for path in markdown_files(&dir.join("people"))? {
        let (meta, body) = front_matter::<NameMeta>(&path)?;
        s.bios.push(SourceDocument { file: file_name(&path), title: meta.nom, body });
    }
    for path in markdown_files(&dir.join("posts"))? {
        let file = file_name(&path);
        let (date, slug, draft) = post_file_name(&file).ok_or_else(|| ImportError::Malformed {
            file: path.display().to_string(),
            line: None,
            message: "a post's file name must be YY-MM-DD-slug.md or YYYY-MM-DD-slug.md".into(),
        })?;
        let (meta, body) = front_matter::<SourcePostMeta>(&path)?;
        s.posts.push(SourcePost { file, draft, date, slug, meta, body });
    }
    Ok(s)
}

#[derive(Debug, Default, serde::Deserialize)]
struct TitleMeta {
    title: Option<String>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct NameMeta {
    nom: Option<String>,
}

fn file_name(p: &Path) -> String {
    p.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default()
}

fn read_text(path: &Path) -> Result<String, ImportError> {
    let bytes = std::fs::read(path).map_err(|e| ImportError::Io { path: path.display().to_string(), message: e.to_string() })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        ImportError::Malformed { file: path.display().to_string(), line: Some(line), message: "not valid UTF-8".into() }
    })
}

fn yaml_error(path: &Path, e: &serde_norway::Error, line_offset: usize) -> ImportError {
    ImportError::Malformed { file: path.display().to_string(), line: e.location().map(|l| l.line() + line_offset), message: e.to_string() }
}

fn parse_yaml<T: serde::de::DeserializeOwned>(path: &Path, text: &str, line_offset: usize) -> Result<T, ImportError> {
    serde_norway::from_str(text).map_err(|e| yaml_error(path, &e, line_offset))
}

/// A YAML mapping read in file order.
struct Ordered<T>(Vec<(String, T)>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Ordered<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Ordered<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<KeyText, T>()? {
                    out.push((k.0, v));
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_map(V(PhantomData))
    }
}

/// A mapping key: text, or a number written as a key.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum K {
            S(String),
            I(i64),
        }
        Ok(KeyText(match K::deserialize(d)? {
            K::S(s) => s,
            K::I(i) => i.to_string(),
        }))
    }
}

fn read_map<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<(String, T)>, ImportError> {
    let text = read_text(path)?;
    let Ordered(v) = parse_yaml::<Ordered<T>>(path, &text, 0)?;
    Ok(v)
}

/// A mapping of records (`name: {fields}`). A record that repeats a field is repaired as the
/// original site's YAML reader did (the last value wins) and the repair is reported; any other
/// error is refused with the file and line.
fn read_records<T: serde::de::DeserializeOwned>(path: &Path, fixes: &mut Vec<(String, String)>) -> Result<Vec<(String, T)>, ImportError> {
    let text = read_text(path)?;
    match parse_yaml::<Ordered<T>>(path, &text, 0) {
        Ok(Ordered(v)) => Ok(v),
        Err(ImportError::Malformed { message, .. }) if message.contains("duplicate field") => {
            let file = file_name(path);
            let Ordered(records) = parse_yaml::<Ordered<Ordered<serde_norway::Value>>>(path, &text, 0)?;
            let mut out = Vec::with_capacity(records.len());
            for (key, Ordered(fields)) in records {
                let mut map = serde_norway::Mapping::new();
                for (field, value) in fields {
                    let k = serde_norway::Value::String(field.clone());
                    if let Some(previous) = map.get(&k) {
                        let detail = if *previous == value {
                            format!("field `{field}` is written twice with the same value: kept once")
                        } else {
                            format!("field `{field}` is written twice with different values: the last one is kept")
                        };
                        fixes.push((format!("{file}: {key}"), detail));
                    }
                    map.insert(k, value);
                }
                let record = serde_norway::from_value::<T>(serde_norway::Value::Mapping(map)).map_err(|e| ImportError::Malformed {
                    file: path.display().to_string(),
                    line: line_of_key(&text, &key),
                    message: format!("{key}: {e}"),
                })?;
                out.push((key, record));
            }
            Ok(out)
        }
        Err(e) => Err(e),
    }
}

/// The line where a top-level key starts.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim_end();
            l == format!("{key}:") || l == format!("\"{key}\":") || l == format!("'{key}':")
        })
        .map(|i| i + 1)
}

fn markdown_files(dir: &Path) -> Result<Vec<PathBuf>, ImportError> {
    let rd = std::fs::read_dir(dir).map_err(|e| ImportError::Io { path: dir.display().to_string(), message: e.to_string() })?;
    let mut files: Vec<PathBuf> =
        rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "md")).collect();
    files.sort();
    Ok(files)
}

/// Splits `---\nYAML\n---\nbody` and parses the YAML; errors carry the file's line numbers.
fn front_matter<T: serde::de::DeserializeOwned + Default>(path: &Path) -> Result<(T, String), ImportError> {
    let text = read_text(path)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let malformed =
        |line, message: &str| ImportError::Malformed { file: path.display().to_string(), line: Some(line), message: message.to_owned() };
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else {
        return Err(malformed(1, "missing front matter (the file must start with a line \"---\")"));
    };
    let mut offset = 0;
    let mut end = None;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, body_start)) = end else {
        return Err(malformed(1, "front matter is not closed by a line \"---\""));
    };
    let yaml = &rest[..yaml_end];
    let meta = if yaml.trim().is_empty() { T::default() } else { parse_yaml::<T>(path, yaml, 1)? };
    Ok((meta, rest[body_start..].to_owned()))
}

/// `18-02-27-slug.md`, `2019-06-12-slug.md`, `_18-06-05-slug.md` (draft).
fn post_file_name(file: &str) -> Option<(Date, String, bool)> {
    let (draft, name) = match file.strip_prefix('_') {
        Some(rest) => (true, rest),
        None => (false, file),
    };
    let stem = name.strip_suffix(".md")?;
    let mut parts = stem.splitn(4, '-');
    let (y, m, d, slug) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    let year: i32 = match y.len() {
        2 => 2000 + y.parse::<i32>().ok()?,
        4 => y.parse().ok()?,
        _ => return None,
    };
    let month = time::Month::try_from(m.parse::<u8>().ok()?).ok()?;
    let date = Date::from_calendar_date(year, month, d.parse().ok()?).ok()?;
    (!slug.is_empty()).then(|| (date, slug.to_owned(), draft))
}

/// Imports the EIG folder (with its curation file) into the database, in one transaction.
pub async fn import_eig(
    ctx: &Ctx,
    dir: &Path,
    curation: &Path,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<ImportSummary, ImportError> {
    let started_at = ctx.clock.now();
    progress(Progress { stage: "read", done: 0, total: 1 });
    let sources = read_sources(dir)?;
    let cur = read_curation(curation)?;
    let (data, report) = reconcile(&sources, &cur).map_err(|e| ImportError::Curation(e.to_string()))?;
    progress(Progress { stage: "read", done: 1, total: 1 });

    let total = (data.cohorts.len()
        + data.organisations.len()
        + data.people.len()
        + data.challenges.len()
        + data.posts.len()
        + data.faq.len()
        + data.testimonials.len()) as u64;
    let mut done = 0u64;
    let mut tick = |stage| {
        done += 1;
        progress(Progress { stage, done, total });
    };

    let mut tx = ctx.db.begin().await.map_err(AppError::from)?;
    let mut conn = tx.conn();
    let mut cohorts_c = Counts::default();
    let mut orgs_c = Counts::default();
    let mut people_c = Counts::default();
    let mut challenges_c = Counts::default();
    let mut roles_c = Counts::default();
    let mut posts_c = Counts::default();
    let mut faq_c = Counts::default();
    let mut testimonials_c = Counts::default();
    let mut figures_c = Counts::default();

    let program = store::ensure_program(&mut conn, "eig", &data.program_name).await.map_err(AppError::from)?;
    let mut cohort_ids = HashMap::new();
    for c in &data.cohorts {
        let (id, u) = store::upsert_cohort(&mut conn, program, c).await.map_err(AppError::from)?;
        cohorts_c.add(u);
        cohort_ids.insert(c.code.clone(), id);
        tick("cohorts");
    }
    let mut org_ids = HashMap::new();
    let mut org_names = HashMap::new();
    for o in &data.organisations {
        let parent = o.parent.as_ref().and_then(|p| org_ids.get(p).map(|(id, path): &(_, String)| (*id, path.clone())));
        let (id, path, u) =
            store::upsert_organisation(&mut conn, o, parent.as_ref().map(|(id, p)| (*id, p.as_str()))).await.map_err(AppError::from)?;
        orgs_c.add(u);
        org_ids.insert(o.slug.clone(), (id, path));
        org_names.insert(o.slug.clone(), format!("{} {}", o.name, o.acronym.clone().unwrap_or_default()));
        tick("organisations");
    }
    let mut person_ids = HashMap::new();
    for p in &data.people {
        let (id, u) = store::upsert_person(&mut conn, p).await.map_err(AppError::from)?;
        people_c.add(u);
        person_ids.insert(p.slug.clone(), id);
        tick("people");
    }
    let mut challenge_ids = HashMap::new();
    for ch in &data.challenges {
        let missing = |what: &str| ImportError::Curation(format!("challenge {}: unknown {what}", ch.slug));
        let cohort = *cohort_ids.get(&ch.cohort).ok_or_else(|| missing("cohort"))?;
        let (host, _) = org_ids.get(&ch.host).ok_or_else(|| missing("host"))?;
        let search_key = search_fold(&format!(
            "{} {} {} {} {} {}",
            ch.title,
            ch.tagline,
            ch.administration_label,
            org_names.get(&ch.host).cloned().unwrap_or_default(),
            ch.city.clone().unwrap_or_default(),
            plain_text(&ch.body_md, 20_000)
        ));
        let (id, u) =
            store::upsert_challenge(&mut conn, ch, &ChallengeRefs { cohort, host: *host, search_key }).await.map_err(AppError::from)?;
        challenges_c.add(u);
        challenge_ids.insert(ch.slug.clone(), id);
        tick("challenges");
    }
    for ch in &data.challenges {
        let renewal = ch.renewal_of.as_ref().and_then(|s| challenge_ids.get(s).copied());
        if let Some(&id) = challenge_ids.get(&ch.slug)
            && store::set_renewal(&mut conn, id, renewal).await.map_err(AppError::from)?
        {
            challenges_c.updated += 1;
        }
    }
    let roles: Vec<RoleRow> = data
        .roles
        .iter()
        .filter_map(|r| {
            Some(RoleRow {
                person: *person_ids.get(&r.person)?,
                role: r.role,
                cohort: match &r.cohort {
                    Some(c) => Some(*cohort_ids.get(c)?),
                    None => None,
                },
                challenge: match &r.challenge {
                    Some(c) => Some(*challenge_ids.get(c)?),
                    None => None,
                },
            })
        })
        .collect();
    let (added, removed) = store::sync_roles(&mut conn, SOURCE, &roles).await.map_err(AppError::from)?;
    roles_c.created = added;
    roles_c.removed = removed;
    roles_c.unchanged = roles.len() as u64 - added;
    for p in &data.posts {
        let author = p.author.as_ref().and_then(|a| person_ids.get(a).copied());
        let (_, u) = store::upsert_post(&mut conn, p, author).await.map_err(AppError::from)?;
        posts_c.add(u);
        tick("posts");
    }
    for e in &data.faq {
        faq_c.add(store::upsert_faq_entry(&mut conn, e).await.map_err(AppError::from)?);
        tick("faq");
    }
    for t in &data.testimonials {
        let author = t.author.as_ref().and_then(|a| person_ids.get(a).copied());
        testimonials_c.add(store::upsert_testimonial(&mut conn, t, author).await.map_err(AppError::from)?);
        tick("testimonials");
    }
    for d in &data.declared_figures {
        figures_c.add(store::upsert_declared_figure(&mut conn, d).await.map_err(AppError::from)?);
    }

    let summary = ImportSummary {
        counts: vec![
            ("cohorts", cohorts_c),
            ("organisations", orgs_c),
            ("people", people_c),
            ("roles", roles_c),
            ("challenges", challenges_c),
            ("posts", posts_c),
            ("faq", faq_c),
            ("testimonials", testimonials_c),
            ("declared figures", figures_c),
        ],
        report,
    };
    if summary.changes() > 0 {
        cohorte_store::meta::bump_content_version(&mut conn).await.map_err(AppError::from)?;
    }
    let finished_at = ctx.clock.now();
    let json = serde_json::json!({
        "counts": summary.counts.iter().map(|(k, c)| (k.to_string(), serde_json::to_value(c).unwrap_or_default())).collect::<serde_json::Map<_, _>>(),
        "report": ReportKind::ALL.iter().map(|k| (k.as_str().to_owned(), serde_json::Value::from(summary.report.count(*k)))).collect::<serde_json::Map<_, _>>(),
    });
    cohorte_store::meta::record_import_run(
        &mut conn,
        &cohorte_store::meta::ImportRun {
            source: SOURCE.into(),
            started_at,
            finished_at,
            changes: summary.changes() as i64,
            summary: json.to_string(),
        },
    )
    .await
    .map_err(AppError::from)?;
    tx.commit().await.map_err(AppError::from)?;
    Ok(summary)
}

/// Whether the database holds no content yet (`serve --demo` imports only then).
pub async fn is_empty(ctx: &Ctx) -> Result<bool, AppError> {
    let mut c = ctx.db.acquire().await?;
    let counts = cohorte_store::meta::table_counts(&mut c.conn()).await?;
    Ok(counts.iter().all(|(_, n)| *n == 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_file_names_are_parsed() {
        let (d, s, draft) = post_file_name("18-02-27-bootcamp-eig.md").unwrap();
        assert_eq!((d.year(), u8::from(d.month()), d.day(), s.as_str(), draft), (2018, 2, 27, "bootcamp-eig", false));
        let (d, _, draft) = post_file_name("_2019-06-12-x.md").unwrap();
        assert_eq!((d.year(), draft), (2019, true));
        assert!(post_file_name("18-13-01-x.md").is_none());
        assert!(post_file_name("notes.md").is_none());
        assert!(post_file_name("18-02-27-.md").is_none());
    }
}
