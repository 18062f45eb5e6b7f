//! Matching and merging the EIG records into one consistent [`Dataset`].

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use time::{Date, macros::format_description};

use super::curation::Curation;
use super::sources::{Amount, SourcePerson, Sources, YearItem};
use crate::content::{
    BlogPost, BlogTag, Challenge, ChallengeStatus, Cohort, CohortKind, DeclaredFigure, Deliverable, FaqEntry, KeyFigure, Organisation,
    OrganisationKind, Person, PersonLinks, PostStatus, Profile, RoleAssignment, RoleKind, Skill, Testimonial, str_enum,
};
use crate::figures::FigureId;
use crate::lang::Lang;
use crate::text::{Slug, name_key, slugify};

/// The reconciled content, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    /// The program's name.
    pub program_name: String,
    /// Cohorts.
    pub cohorts: Vec<Cohort>,
    /// Organisations, each after its parent.
    pub organisations: Vec<Organisation>,
    /// People.
    pub people: Vec<Person>,
    /// Role assignments (sorted, no duplicates).
    pub roles: Vec<RoleAssignment>,
    /// Challenges.
    pub challenges: Vec<Challenge>,
    /// Blog posts.
    pub posts: Vec<BlogPost>,
    /// FAQ entries.
    pub faq: Vec<FaqEntry>,
    /// Testimonials.
    pub testimonials: Vec<Testimonial>,
    /// Figures the program declared.
    pub declared_figures: Vec<DeclaredFigure>,
}

str_enum!(
    /// What the importer did about one record.
    ReportKind {
        /// Two records were one (name variants, administration spellings).
        Merged => "merged",
        /// A record was filed in the wrong place and was moved.
        Reclassified => "reclassified",
        /// A record was created for a name that had none.
        Created => "created",
        /// Something could not be matched; it is kept but not linked.
        Unmatched => "unmatched",
        /// A challenge renews one of an earlier cohort.
        Renewed => "renewed",
        /// Two files disagree; what was kept is said.
        Inconsistent => "inconsistent",
        /// A draft, imported but not published.
        Draft => "draft",
        /// A malformed value was repaired.
        Fixed => "fixed",
    }
);

/// One line of the import report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportEntry {
    /// What happened.
    pub kind: ReportKind,
    /// The record concerned (`personnes.yml: Pierre–Alain Jachiet`).
    pub subject: String,
    /// What was done.
    pub detail: String,
}

/// What the reconciliation did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Every entry, in the order found.
    pub entries: Vec<ReportEntry>,
}

impl Report {
    fn add(&mut self, kind: ReportKind, subject: impl Into<String>, detail: impl Into<String>) {
        self.entries.push(ReportEntry { kind, subject: subject.into(), detail: detail.into() });
    }

    /// How many entries of one kind.
    pub fn count(&self, kind: ReportKind) -> usize {
        self.entries.iter().filter(|e| e.kind == kind).count()
    }
}

/// The curation file is inconsistent (a rule names an unknown organisation, …).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("curation file: {0}")]
pub struct CurationError(pub String);

/// Reconciles the EIG records.
pub fn reconcile(src: &Sources, cur: &Curation) -> Result<(Dataset, Report), CurationError> {
    let mut report = Report::default();
    for (subject, detail) in &src.read_fixes {
        report.add(ReportKind::Fixed, subject, detail);
    }
    let cohorts = cohorts(src, cur, &mut report);
    let mut orgs = Orgs::new(cur)?;
    let mut people = People::new(&src.people, &src.bios, &mut report);

    let group_of: HashMap<&str, &str> =
        cur.project_groups.iter().flat_map(|g| g.challenges.iter().map(move |c| (c.as_str(), g.key.as_str()))).collect();

    // Slugs from the page paths; a slug used by several challenges gets the year appended.
    let legacy_slugs: Vec<String> = src.challenges.iter().map(|c| legacy_slug(&c.link_to)).collect();
    let mut slug_uses: HashMap<&str, usize> = HashMap::new();
    for s in &legacy_slugs {
        *slug_uses.entry(s.as_str()).or_default() += 1;
    }

    let known_cohorts: HashSet<String> = cohorts.iter().map(|c| c.code.to_string()).collect();
    let mut extra_cohorts: Vec<Cohort> = Vec::new();
    let mut used_bodies: HashSet<usize> = HashSet::new();
    let mut challenges: Vec<Challenge> = Vec::new();
    let mut roles: BTreeSet<RoleAssignment> = BTreeSet::new();
    let mut by_key: HashMap<&str, usize> = HashMap::new();

    for (i, c) in src.challenges.iter().enumerate() {
        let subject = format!("defis.yml: {}", c.key);
        let legacy = &legacy_slugs[i];
        let slug_text = if slug_uses.get(legacy.as_str()).copied().unwrap_or(0) > 1 {
            report.add(
                ReportKind::Fixed,
                &subject,
                format!("slug \"{legacy}\" is used by several challenges: published as \"{legacy}-{}\"", c.year),
            );
            format!("{legacy}-{}", c.year)
        } else {
            legacy.clone()
        };
        let slug = Slug::from_text(&slug_text).unwrap_or_else(|| fallback_slug("challenge", i));

        let cohort_code = c.promotion.cohort_code();
        let cohort = Slug::from_text(&cohort_code).unwrap_or_else(|| fallback_slug("cohort", i));
        if !known_cohorts.contains(cohort.as_str()) && !extra_cohorts.iter().any(|x| x.code == cohort) {
            report.add(ReportKind::Created, &subject, format!("promotion \"{cohort_code}\" is not in promos.yml: cohort created"));
            extra_cohorts.push(Cohort {
                code: cohort.clone(),
                kind: if cohort.as_str() == "dig" { CohortKind::Dig } else { CohortKind::Eig },
                number: cohort.as_str().strip_prefix("eig-").and_then(|n| n.parse().ok()),
                year: c.year,
                title_fr: cohort_code.to_uppercase().replace('-', " "),
                title_en: cohort_code.to_uppercase().replace('-', " "),
            });
        }

        let host = orgs.resolve(&c.administration, c.administration_website.as_deref(), &subject, &mut report);

        // The long description: `YEAR-01-01-SLUG.md`, else the file whose title matches.
        let body_idx = src
            .challenge_bodies
            .iter()
            .position(|d| file_stem_slug(&d.file) == *legacy && d.file.starts_with(&c.year.to_string()))
            .or_else(|| src.challenge_bodies.iter().position(|d| d.title.as_deref().map(name_key) == Some(name_key(&c.key))));
        let body_md = match body_idx {
            Some(j) => {
                if !used_bodies.insert(j) {
                    report.add(
                        ReportKind::Inconsistent,
                        &subject,
                        format!("{} already describes another challenge", src.challenge_bodies[j].file),
                    );
                }
                src.challenge_bodies[j].body.trim().to_owned()
            }
            None => {
                report.add(ReportKind::Unmatched, &subject, "no description file found: the page shows the tagline only");
                String::new()
            }
        };

        let mut skills = Vec::new();
        for s in &c.skills {
            match Skill::parse(s.trim()) {
                Some(k) if !skills.contains(&k) => skills.push(k),
                Some(_) => {}
                None => report.add(ReportKind::Unmatched, &subject, format!("unknown skill \"{s}\" not kept")),
            }
        }

        let key_figures: Vec<KeyFigure> = c
            .key_figures
            .iter()
            .flatten()
            .filter_map(|k| {
                let description = k.description.as_deref().map(str::trim).filter(|d| !d.is_empty());
                let amount = match &k.amount {
                    Some(Amount::Number(n)) => Some(*n),
                    Some(Amount::Text(t)) if t.trim().len() > 1 && t.trim().chars().all(|c| c == '0') => {
                        report.add(
                            ReportKind::Fixed,
                            &subject,
                            format!("key figure \"{}\" has the placeholder amount \"{t}\": not shown", description.unwrap_or("")),
                        );
                        return None;
                    }
                    Some(Amount::Text(t)) => t.replace([' ', '\u{a0}', '\u{202f}'], "").parse().ok(),
                    None => None,
                };
                match (amount, description) {
                    (Some(amount), Some(d)) => Some(KeyFigure { amount, description: d.to_owned() }),
                    _ => {
                        report.add(ReportKind::Unmatched, &subject, "a key figure without amount or description was not kept");
                        None
                    }
                }
            })
            .collect();
        let deliverables: Vec<Deliverable> = c
            .projects
            .iter()
            .flatten()
            .filter_map(|p| match p.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                Some(title) => Some(Deliverable {
                    title: title.to_owned(),
                    url: clean_url(p.url.as_deref()),
                    description: non_empty(p.description.as_deref()),
                    call_to_action: non_empty(p.call_to_action.as_deref()),
                }),
                None => {
                    report.add(ReportKind::Unmatched, &subject, "a deliverable without title was not kept");
                    None
                }
            })
            .collect();

        // The team. EIG 1 files two fellows under `mentors`: a listed mentor whose own record
        // is neither tagged mentor nor program team is a fellow.
        for name in c.eigs.iter().flatten() {
            let p = people.find_or_create(name, &subject, &mut report);
            roles.insert(RoleAssignment { person: p, role: RoleKind::Fellow, cohort: Some(cohort.clone()), challenge: Some(slug.clone()) });
        }
        for name in c.mentors.iter().flatten() {
            // Every record merged into the person counts: one tagged mentor (or program team)
            // makes the listing right.
            let records = people.sources_of(name);
            let fellow_only = !records.is_empty()
                && records.iter().all(|sp| {
                    !has_class(sp, "mentor") && Profile::from_eig_label(sp.profil.as_deref().unwrap_or("")) != Some(Profile::ProgramTeam)
                });
            let role = match records.first() {
                Some(sp) if fellow_only => {
                    report.add(
                        ReportKind::Reclassified,
                        &subject,
                        format!(
                            "{name} is listed as a mentor but is a fellow ({}): recorded as a fellow",
                            sp.profil.as_deref().unwrap_or("?")
                        ),
                    );
                    RoleKind::Fellow
                }
                _ => RoleKind::OperationalMentor,
            };
            let p = people.find_or_create(name, &subject, &mut report);
            roles.insert(RoleAssignment { person: p, role, cohort: Some(cohort.clone()), challenge: Some(slug.clone()) });
        }

        by_key.insert(c.key.as_str(), challenges.len());
        challenges.push(Challenge {
            slug: slug.clone(),
            source_key: c.key.clone(),
            cohort,
            year: c.year,
            title: c.title.trim().to_owned(),
            tagline: c.description.as_deref().unwrap_or("").trim().to_owned(),
            duration_months: c.duration_months.unwrap_or(10),
            host,
            administration_label: clean_label(&c.administration),
            administration_website: clean_url(c.administration_website.as_deref()),
            city: non_empty(c.ville.as_deref()),
            skills,
            body_md,
            key_figures,
            deliverables,
            repositories: clean_url(c.source_code.as_deref()).into_iter().collect(),
            website: clean_url(c.website.as_deref()),
            project_key: group_of.get(c.key.as_str()).map(|g| (*g).to_owned()).unwrap_or_else(|| slug.to_string()),
            renewal_of: None,
            status: ChallengeStatus::Completed,
            legacy_path: Some(c.link_to.clone()),
        });
    }

    for (j, d) in src.challenge_bodies.iter().enumerate() {
        if !used_bodies.contains(&j) {
            report.add(ReportKind::Unmatched, format!("challenges/{}", d.file), "describes no challenge of defis.yml: not imported");
        }
    }

    // Renewed challenges: the same title in a later cohort.
    let mut by_title: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, c) in challenges.iter().enumerate() {
        by_title.entry(name_key(&c.title)).or_default().push(i);
    }
    for idx in by_title.values().filter(|v| v.len() > 1) {
        let mut idx = idx.clone();
        idx.sort_by_key(|i| challenges[*i].year);
        for w in idx.windows(2) {
            let (prev, next) = (challenges[w[0]].slug.clone(), w[1]);
            if challenges[next].cohort != challenges[w[0]].cohort {
                report.add(
                    ReportKind::Renewed,
                    format!("defis.yml: {}", challenges[next].source_key),
                    format!("renews \"{}\" of {}", challenges[w[0]].source_key, challenges[w[0]].cohort),
                );
                challenges[next].renewal_of = Some(prev);
            }
        }
    }

    // Two-way consistency of people ↔ challenges.
    for sp in &src.people {
        let Some(person) = people.slug_of(&sp.key) else { continue };
        for key in sp.defis.iter().flatten() {
            let subject = format!("personnes.yml: {}", sp.key);
            match by_key.get(key.as_str()) {
                None => report.add(ReportKind::Unmatched, &subject, format!("lists the unknown challenge \"{key}\"")),
                Some(&ci) => {
                    let ch = &challenges[ci];
                    let listed = roles.iter().any(|r| r.person == person && r.challenge.as_ref() == Some(&ch.slug));
                    if !listed {
                        let fellow = Profile::from_eig_label(sp.profil.as_deref().unwrap_or("")).is_some_and(Profile::is_fellow_profile);
                        let role = if fellow { RoleKind::Fellow } else { RoleKind::OperationalMentor };
                        report.add(
                            ReportKind::Inconsistent,
                            &subject,
                            format!("lists \"{key}\", whose team does not list them: {} role added", role.as_str()),
                        );
                        roles.insert(RoleAssignment {
                            person: person.clone(),
                            role,
                            cohort: Some(ch.cohort.clone()),
                            challenge: Some(ch.slug.clone()),
                        });
                    }
                }
            }
        }
    }
    for c in &src.challenges {
        for name in c.eigs.iter().flatten().chain(c.mentors.iter().flatten()) {
            if let Some(sp) = people.source_of(name) {
                let lists = people.all_defis(name).iter().any(|d| d == &c.key);
                if !lists {
                    report.add(
                        ReportKind::Inconsistent,
                        format!("personnes.yml: {}", sp.key),
                        format!("does not list \"{}\", whose team lists them: role kept", c.key),
                    );
                }
            }
        }
    }

    // Program team: a staff role in each cohort of their tags.
    let all_cohorts: Vec<Cohort> = cohorts.into_iter().chain(extra_cohorts).collect();
    for sp in &src.people {
        if Profile::from_eig_label(sp.profil.as_deref().unwrap_or("")) != Some(Profile::ProgramTeam) {
            continue;
        }
        let Some(person) = people.slug_of(&sp.key) else { continue };
        let tagged: Vec<Slug> =
            sp.classes.iter().flatten().filter_map(|t| all_cohorts.iter().find(|c| c.code.as_str() == t).map(|c| c.code.clone())).collect();
        if tagged.is_empty() {
            roles.insert(RoleAssignment { person, role: RoleKind::ProgramStaff, cohort: None, challenge: None });
        } else {
            for cohort in tagged {
                roles.insert(RoleAssignment {
                    person: person.clone(),
                    role: RoleKind::ProgramStaff,
                    cohort: Some(cohort),
                    challenge: None,
                });
            }
        }
    }

    let posts = posts(src, &people, &mut report);
    let faq = faq(src, &mut report);
    let testimonials = src
        .testimonials
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let author = people.find(&t.author);
            if author.is_none() {
                report.add(
                    ReportKind::Unmatched,
                    format!("temoignages.yml: {}", t.author),
                    "author is not a known person: name kept as text",
                );
            }
            Testimonial {
                position: i as i32,
                text: t.text.split_whitespace().collect::<Vec<_>>().join(" "),
                author_name: t.author.trim().to_owned(),
                author,
                author_position: non_empty(t.position.as_deref()),
            }
        })
        .collect();

    for (key, _) in &src.skills {
        if Skill::parse(key).is_none() {
            report.add(ReportKind::Unmatched, format!("skills.yml: {key}"), "not a known skill: not used");
        }
    }

    let declared_figures = declared(cur, &mut report)?;
    let dataset = Dataset {
        program_name: cur.program_name.clone(),
        cohorts: all_cohorts,
        organisations: orgs.into_sorted(),
        people: people.into_people(),
        roles: roles.into_iter().collect(),
        challenges,
        posts,
        faq,
        testimonials,
        declared_figures,
    };
    Ok((dataset, report))
}

fn fallback_slug(kind: &str, i: usize) -> Slug {
    Slug::from_text_lossy(&format!("{kind}-{i}"))
}

fn legacy_slug(link_to: &str) -> String {
    let last = link_to.rsplit('/').next().unwrap_or(link_to);
    slugify(last.strip_suffix(".html").unwrap_or(last))
}

/// `2019-01-01-eiglink.md` → `eiglink`.
fn file_stem_slug(file: &str) -> String {
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let parts: Vec<&str> = stem.splitn(4, '-').collect();
    if parts.len() == 4 && parts[..3].iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) { slugify(parts[3]) } else { slugify(stem) }
}

fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

/// Keeps only `http(s)` URLs.
fn clean_url(s: Option<&str>) -> Option<String> {
    let s = s?.trim();
    let lower = s.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| s.to_owned())
}

/// "Direction … (DINUM)," → "Direction … (DINUM)".
fn clean_label(s: &str) -> String {
    s.trim().trim_end_matches([',', ';', ' ']).to_owned()
}

fn has_class(p: &SourcePerson, class: &str) -> bool {
    p.classes.iter().flatten().any(|c| c.trim() == class)
}

fn cohorts(src: &Sources, cur: &Curation, report: &mut Report) -> Vec<Cohort> {
    let mut out: Vec<Cohort> = Vec::new();
    for p in &src.promos {
        let code_text = p.promotion.cohort_code();
        let Some(code) = Slug::from_text(&code_text) else { continue };
        let year = p.class.as_deref().and_then(|c| c.split_whitespace().next()).and_then(|y| y.parse().ok());
        let year = match year {
            Some(y) => y,
            None => {
                let y = src.challenges.iter().filter(|c| c.promotion.cohort_code() == code_text).map(|c| c.year).min().unwrap_or(0);
                report.add(
                    ReportKind::Fixed,
                    format!("promos.yml: {}", p.key),
                    format!("no year in `class`: year of its challenges ({y}) used"),
                );
                y
            }
        };
        let kind = if code.as_str() == "dig" { CohortKind::Dig } else { CohortKind::Eig };
        let number = match p.promotion {
            super::sources::Promotion::Number(n) => Some(n as i32),
            super::sources::Promotion::Name(_) => None,
        };
        let title_fr = p.slug.trim().to_owned();
        let title_en = cur.cohort_titles_en.get(code.as_str()).cloned().unwrap_or_else(|| title_fr.clone());
        if out.iter().all(|c| c.code != code) {
            out.push(Cohort { code, kind, number, year, title_fr, title_en });
        }
    }
    out.sort_by_key(|a| (a.year, a.number.is_none(), a.number));
    out
}

/// The organisation tree and the host rules.
struct Orgs<'c> {
    cur: &'c Curation,
    orgs: Vec<Organisation>,
}

impl<'c> Orgs<'c> {
    fn new(cur: &'c Curation) -> Result<Self, CurationError> {
        let mut orgs = Vec::new();
        for o in &cur.organisations {
            let slug = Slug::parse(&o.slug).map_err(|_| CurationError(format!("organisation slug \"{}\" is not a slug", o.slug)))?;
            let kind = o.kind().ok_or_else(|| CurationError(format!("organisation \"{}\": unknown kind \"{}\"", o.slug, o.kind)))?;
            let parent = o
                .parent
                .as_deref()
                .map(|p| Slug::parse(p).map_err(|_| CurationError(format!("organisation \"{}\": bad parent \"{p}\"", o.slug))))
                .transpose()?;
            orgs.push(Organisation {
                slug,
                name: o.name.clone(),
                acronym: o.acronym.clone(),
                kind,
                parent,
                website: o.website.clone(),
                aliases: o.aliases.clone(),
            });
        }
        let known: HashSet<&str> = cur.organisations.iter().map(|o| o.slug.as_str()).collect();
        for o in &cur.organisations {
            if let Some(p) = &o.parent
                && !known.contains(p.as_str())
            {
                return Err(CurationError(format!("organisation \"{}\": parent \"{p}\" is not defined", o.slug)));
            }
        }
        for r in &cur.host_rules {
            for s in r.host.iter().chain(r.parent.iter()) {
                if !known.contains(s.as_str()) {
                    return Err(CurationError(format!("host rule \"{}\": organisation \"{s}\" is not defined", r.keyword)));
                }
            }
            if r.host.is_none() && r.kind.as_deref().and_then(OrganisationKind::parse).is_none() {
                return Err(CurationError(format!("host rule \"{}\": a rule without host needs a kind", r.keyword)));
            }
        }
        Ok(Self { cur, orgs })
    }

    /// The host organisation of a free-text administration.
    fn resolve(&mut self, label: &str, website: Option<&str>, subject: &str, report: &mut Report) -> Slug {
        let label = clean_label(label);
        let key = name_key(&label);
        let rule = self.cur.host_rules.iter().find(|r| key.contains(r.keyword.as_str()));
        let (slug, created) = match rule {
            Some(r) if r.host.is_some() => {
                let host = r.host.clone().unwrap_or_default();
                (Slug::from_text_lossy(&host), false)
            }
            other => {
                // The administration is its own organisation, named after its first part.
                let name = label.split(',').next().unwrap_or(&label).trim().to_owned();
                let slug = Slug::from_text_lossy(&name);
                let exists = self.orgs.iter().any(|o| o.slug == slug);
                if !exists {
                    let (parent, kind) = match other {
                        Some(r) => (
                            r.parent.as_deref().and_then(|p| Slug::parse(p).ok()),
                            r.kind.as_deref().and_then(OrganisationKind::parse).unwrap_or(OrganisationKind::OtherPublic),
                        ),
                        None => (None, OrganisationKind::OtherPublic),
                    };
                    self.orgs.push(Organisation {
                        slug: slug.clone(),
                        name: name.clone(),
                        acronym: None,
                        kind,
                        parent,
                        website: clean_url(website),
                        aliases: Vec::new(),
                    });
                    if other.is_none() {
                        report.add(
                            ReportKind::Created,
                            subject,
                            format!("administration \"{label}\" is not in the reference list: organisation \"{name}\" created"),
                        );
                    }
                }
                (slug, true)
            }
        };
        if let Some(org) = self.orgs.iter_mut().find(|o| o.slug == slug) {
            if org.website.is_none() && !created {
                org.website = clean_url(website);
            }
            if name_key(&org.name) != key && !org.aliases.iter().any(|a| name_key(a) == key) {
                org.aliases.push(label.clone());
                report.add(ReportKind::Merged, subject, format!("administration \"{label}\" resolved to \"{}\"", org.name));
            }
        }
        slug
    }

    /// Parents first.
    fn into_sorted(self) -> Vec<Organisation> {
        let mut out: Vec<Organisation> = Vec::new();
        let mut rest = self.orgs;
        while !rest.is_empty() {
            let before = rest.len();
            let (ready, wait): (Vec<_>, Vec<_>) =
                rest.into_iter().partition(|o| o.parent.as_ref().is_none_or(|p| out.iter().any(|x| &x.slug == p)));
            out.extend(ready);
            rest = wait;
            if rest.len() == before {
                // A cycle: keep the rest without parents rather than loop.
                out.extend(rest.into_iter().map(|mut o| {
                    o.parent = None;
                    o
                }));
                break;
            }
        }
        out
    }
}

/// People, merged by name key.
struct People<'s> {
    people: Vec<Person>,
    /// name key → index in `people`.
    index: HashMap<String, usize>,
    /// name key → the source records merged into it.
    sources: HashMap<String, Vec<&'s SourcePerson>>,
    slugs: HashSet<String>,
}

impl<'s> People<'s> {
    fn new(src: &'s [SourcePerson], bios: &[super::sources::SourceDocument], report: &mut Report) -> Self {
        let mut me = People { people: Vec::new(), index: HashMap::new(), sources: HashMap::new(), slugs: HashSet::new() };
        for sp in src {
            let key = name_key(&sp.key);
            if let Some(&i) = me.index.get(&key) {
                let kept = me.people[i].display_name.clone();
                report.add(ReportKind::Merged, format!("personnes.yml: {}", sp.key), format!("same person as \"{kept}\": merged"));
                let p = &mut me.people[i];
                let links = links_of(sp);
                p.links.github = p.links.github.take().or(links.github);
                p.links.gitlab = p.links.gitlab.take().or(links.gitlab);
                p.links.linkedin = p.links.linkedin.take().or(links.linkedin);
                p.links.twitter = p.links.twitter.take().or(links.twitter);
                p.links.website = p.links.website.take().or(links.website);
                me.sources.entry(key).or_default().push(sp);
                continue;
            }
            let display_name = sp.title.as_deref().map(str::trim).filter(|t| !t.is_empty()).unwrap_or(sp.key.trim()).to_owned();
            let wanted = sp.link_to.as_deref().map(legacy_slug).unwrap_or_else(|| slugify(&display_name));
            let slug = me.unique_slug(&wanted);
            let profile = sp.profil.as_deref().and_then(Profile::from_eig_label);
            if profile.is_none() {
                report.add(
                    ReportKind::Unmatched,
                    format!("personnes.yml: {}", sp.key),
                    format!("unknown profile \"{}\": shown without profile", sp.profil.as_deref().unwrap_or("")),
                );
            }
            for y in sp.annees.iter().flatten() {
                if let YearItem::Text(t) = y {
                    report.add(
                        ReportKind::Fixed,
                        format!("personnes.yml: {}", sp.key),
                        format!("years written as the text \"{t}\": read as separate years"),
                    );
                }
            }
            me.index.insert(key.clone(), me.people.len());
            me.sources.entry(key).or_default().push(sp);
            me.people.push(Person {
                slug,
                display_name,
                profile,
                profile_label: non_empty(sp.profil.as_deref()),
                public_profile: true,
                bio_md: None,
                links: links_of(sp),
                legacy_path: non_empty(sp.link_to.as_deref()),
            });
        }
        // Biographies: by the name in the front matter, else by the file's slug.
        for b in bios {
            let by_name = b.title.as_deref().map(name_key).and_then(|k| me.index.get(&k).copied());
            let by_slug = || {
                let s = file_stem_slug(&b.file);
                me.people.iter().position(|p| p.slug.as_str() == s)
            };
            match by_name.or_else(by_slug) {
                Some(i) => {
                    let body = b.body.trim();
                    if body.is_empty() {
                        report.add(
                            ReportKind::Unmatched,
                            format!("people/{}", b.file),
                            format!("empty biography (placeholder) for {}", me.people[i].display_name),
                        );
                    } else if me.people[i].bio_md.is_some() {
                        report.add(
                            ReportKind::Inconsistent,
                            format!("people/{}", b.file),
                            format!("second biography for {}: the first is kept", me.people[i].display_name),
                        );
                    } else {
                        me.people[i].bio_md = Some(body.trim_matches('"').trim().to_owned());
                    }
                }
                None => report.add(ReportKind::Unmatched, format!("people/{}", b.file), "matches no person of personnes.yml: not imported"),
            }
        }
        me
    }

    fn unique_slug(&mut self, wanted: &str) -> Slug {
        let base = Slug::from_text_lossy(wanted);
        let mut candidate = base.to_string();
        let mut n = 2;
        while self.slugs.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.slugs.insert(candidate.clone());
        Slug::parse(&candidate).unwrap_or(base)
    }

    fn source_of(&self, name: &str) -> Option<&'s SourcePerson> {
        self.sources.get(&name_key(name)).and_then(|v| v.first().copied())
    }

    fn sources_of(&self, name: &str) -> Vec<&'s SourcePerson> {
        self.sources.get(&name_key(name)).cloned().unwrap_or_default()
    }

    fn all_defis(&self, name: &str) -> Vec<String> {
        self.sources.get(&name_key(name)).into_iter().flatten().flat_map(|sp| sp.defis.iter().flatten().cloned()).collect()
    }

    fn find(&self, name: &str) -> Option<Slug> {
        self.index.get(&name_key(name)).map(|&i| self.people[i].slug.clone())
    }

    fn slug_of(&self, key: &str) -> Option<Slug> {
        self.find(key)
    }

    /// The person of a name in a team list; one without a record is created without profile.
    fn find_or_create(&mut self, name: &str, subject: &str, report: &mut Report) -> Slug {
        if let Some(s) = self.find(name) {
            return s;
        }
        let display_name = name.trim().to_owned();
        let slug = self.unique_slug(&slugify(&display_name));
        report.add(
            ReportKind::Created,
            subject,
            format!("{display_name} has no record in personnes.yml: person created without a public profile"),
        );
        self.index.insert(name_key(name), self.people.len());
        self.people.push(Person {
            slug: slug.clone(),
            display_name,
            profile: None,
            profile_label: None,
            public_profile: false,
            bio_md: None,
            links: PersonLinks::default(),
            legacy_path: None,
        });
        slug
    }

    fn into_people(self) -> Vec<Person> {
        self.people
    }
}

fn links_of(sp: &SourcePerson) -> PersonLinks {
    let handle = |s: &Option<String>| {
        s.as_deref()
            .map(|h| h.trim().trim_start_matches('@'))
            .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'))
            .map(str::to_owned)
    };
    PersonLinks {
        github: handle(&sp.github),
        gitlab: handle(&sp.gitlab),
        linkedin: clean_url(sp.linkedin.as_deref()),
        twitter: handle(&sp.twitter),
        website: clean_url(sp.website.as_deref()),
    }
}

fn posts(src: &Sources, people: &People<'_>, report: &mut Report) -> Vec<BlogPost> {
    let mut out: Vec<BlogPost> = Vec::new();
    let mut slugs: HashSet<String> = HashSet::new();
    for p in &src.posts {
        let subject = format!("posts/{}", p.file);
        let title = match p.meta.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => t.to_owned(),
            None => {
                report.add(ReportKind::Fixed, &subject, "no title: the file name is used");
                p.slug.replace('-', " ")
            }
        };
        let mut slug_text = slugify(&p.slug);
        if !slugs.insert(slug_text.clone()) {
            slug_text = format!("{slug_text}-{}", p.date.year());
            report.add(ReportKind::Fixed, &subject, format!("slug already used: published as \"{slug_text}\""));
            slugs.insert(slug_text.clone());
        }
        let Some(slug) = Slug::from_text(&slug_text) else {
            report.add(ReportKind::Unmatched, &subject, "no usable slug in the file name: not imported");
            continue;
        };
        let mut tags = Vec::new();
        for t in p.meta.tags.iter().flatten() {
            match BlogTag::from_eig(t) {
                Some(tag) if !tags.contains(&tag) => tags.push(tag),
                Some(_) => {}
                None => report.add(ReportKind::Unmatched, &subject, format!("tag \"{}\" is not in the closed list: not kept", t.trim())),
            }
        }
        let author_label = p.meta.author.as_deref().map(str::trim).unwrap_or("").to_owned();
        let author_name = author_label.split([',', '(']).next().unwrap_or("").trim();
        let author = if author_name.is_empty() { None } else { people.find(author_name) };
        let status = if p.draft {
            report.add(ReportKind::Draft, &subject, "draft (file name starts with _): imported, not published");
            PostStatus::Draft
        } else {
            PostStatus::Published
        };
        let lang = p.meta.lang.as_deref().and_then(Lang::parse).unwrap_or(Lang::Fr);
        out.push(BlogPost {
            slug,
            title,
            author_label,
            author,
            description: non_empty(p.meta.description.as_deref()),
            published_on: p.date,
            tags,
            body_md: p.body.trim().to_owned(),
            lang,
            lang_ref: non_empty(p.meta.lang_ref.as_deref()),
            status,
            legacy_path: None,
        });
    }
    out.sort_by(|a, b| b.published_on.cmp(&a.published_on).then_with(|| a.slug.cmp(&b.slug)));
    out
}

fn faq(src: &Sources, report: &mut Report) -> Vec<FaqEntry> {
    let mut out = Vec::new();
    for f in &src.faqs {
        let mut anchors: HashSet<String> = HashSet::new();
        for (i, e) in f.entries.iter().enumerate() {
            let wanted = e.ancre.as_deref().map(slugify).filter(|s| !s.is_empty()).unwrap_or_else(|| slugify(&e.question));
            let mut anchor = wanted.clone();
            let mut n = 2;
            while !anchors.insert(anchor.clone()) {
                anchor = format!("{wanted}-{n}");
                n += 1;
            }
            if anchor != wanted {
                report.add(
                    ReportKind::Fixed,
                    format!("{}: {}", f.file, e.question.trim()),
                    format!("anchor \"{wanted}\" already used in this FAQ: \"{anchor}\" used"),
                );
            }
            let Some(anchor) = Slug::from_text(&anchor) else { continue };
            out.push(FaqEntry {
                audience: f.audience,
                lang: f.lang,
                position: i as i32,
                question: e.question.trim().to_owned(),
                answer_html: e.reponse.trim().to_owned(),
                anchor,
            });
        }
    }
    out
}

fn declared(cur: &Curation, report: &mut Report) -> Result<Vec<DeclaredFigure>, CurationError> {
    let fmt = format_description!("[year]-[month]-[day]");
    cur.declared_figures
        .iter()
        .map(|d| {
            let figure =
                FigureId::parse(&d.figure).ok_or_else(|| CurationError(format!("declared figure: unknown figure \"{}\"", d.figure)))?;
            let lang = Lang::parse(&d.lang).ok_or_else(|| CurationError(format!("declared figure: unknown language \"{}\"", d.lang)))?;
            let as_of = Date::parse(&d.as_of, fmt).map_err(|_| CurationError(format!("declared figure: bad date \"{}\"", d.as_of)))?;
            let _ = &report;
            Ok(DeclaredFigure { figure, value: d.value, lang, source: d.source.clone(), as_of })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eig::curation::{CuratedOrganisation, HostRule, ProjectGroup};
    use crate::eig::sources::{Promotion, SourceChallenge, SourceDocument, SourcePromo};

    fn curation() -> Curation {
        Curation {
            program_name: "EIG".into(),
            cohort_titles_en: Default::default(),
            organisations: vec![
                CuratedOrganisation {
                    slug: "interieur".into(),
                    name: "Ministère de l'Intérieur".into(),
                    acronym: None,
                    kind: "ministry".into(),
                    parent: None,
                    website: None,
                    aliases: vec![],
                },
                CuratedOrganisation {
                    slug: "dggn".into(),
                    name: "Direction générale de la gendarmerie nationale".into(),
                    acronym: Some("DGGN".into()),
                    kind: "central_admin".into(),
                    parent: Some("interieur".into()),
                    website: None,
                    aliases: vec![],
                },
            ],
            host_rules: vec![
                HostRule { keyword: "gendarmerie".into(), host: Some("dggn".into()), parent: None, kind: None },
                HostRule { keyword: "ministere de l interieur".into(), host: Some("interieur".into()), parent: None, kind: None },
            ],
            project_groups: vec![ProjectGroup { key: "sequoia".into(), challenges: vec!["Seq A".into(), "Seq B".into()] }],
            declared_figures: vec![],
        }
    }

    fn challenge(key: &str, year: i32, promo: Promotion, admin: &str, link: &str, eigs: &[&str], mentors: &[&str]) -> SourceChallenge {
        SourceChallenge {
            key: key.into(),
            title: key.into(),
            description: Some("tagline".into()),
            year,
            promotion: promo,
            duration_months: Some(10),
            administration: admin.into(),
            administration_website: None,
            ville: None,
            skills: vec!["dev".into(), "cooking".into()],
            eigs: Some(eigs.iter().map(|s| (*s).into()).collect()),
            mentors: Some(mentors.iter().map(|s| (*s).into()).collect()),
            key_figures: None,
            projects: None,
            source_code: Some("javascript:alert(1)".into()),
            website: None,
            link_to: link.into(),
        }
    }

    fn person(key: &str, profil: &str, classes: &[&str], defis: &[&str]) -> SourcePerson {
        SourcePerson {
            key: key.into(),
            title: Some(key.into()),
            profil: Some(profil.into()),
            classes: Some(classes.iter().map(|s| (*s).into()).collect()),
            annees: None,
            defis: Some(defis.iter().map(|s| (*s).into()).collect()),
            github: Some("@octo".into()),
            gitlab: None,
            linkedin: Some("javascript:alert(1)".into()),
            twitter: None,
            website: None,
            link_to: Some(format!("/communaute/2018/{}.html", slugify(key))),
        }
    }

    fn sources() -> Sources {
        Sources {
            promos: vec![
                SourcePromo {
                    key: "EIG 1".into(),
                    slug: "EIG 1".into(),
                    title: None,
                    promotion: Promotion::Number(1),
                    class: Some("2017 eig-1".into()),
                },
                SourcePromo {
                    key: "EIG 2".into(),
                    slug: "EIG 2".into(),
                    title: None,
                    promotion: Promotion::Number(2),
                    class: Some("2018 eig-2".into()),
                },
            ],
            skills: vec![],
            challenges: vec![
                challenge(
                    "Link",
                    2017,
                    Promotion::Number(1),
                    "Ministère de l’Intérieur",
                    "/defis/2017/link.html",
                    &["Ana Lys"],
                    &["Bob Mentor", "Cé Fellow"],
                ),
                challenge(
                    "Link",
                    2018,
                    Promotion::Number(2),
                    "Direction Générale de la Gendarmerie nationale (DGGN),",
                    "/defis/2018/link.html",
                    &["Ana Lys"],
                    &["Dan Sansfiche"],
                ),
                challenge("Seq A", 2018, Promotion::Number(2), "Muséum", "/defis/2018/seq-a.html", &[], &[]),
                challenge("Seq B", 2018, Promotion::Number(2), "Muséum", "/defis/2018/seq-b.html", &[], &[]),
            ],
            challenge_bodies: vec![SourceDocument {
                file: "2018-01-01-link.md".into(),
                title: Some("Link".into()),
                body: "# Titre\n\ncorps".into(),
            }],
            people: vec![
                person("Ana Lys", "Développeuse", &["eig-1", "eig"], &["Link"]),
                person("Bob Mentor", "Mentor", &["mentor", "eig-1"], &[]),
                person("Cé Fellow", "Data scientist", &["eig-1"], &[]),
                person("Ana–Lys", "Développeuse", &["eig-2"], &[]),
            ],
            bios: vec![
                SourceDocument { file: "2017-01-01-ana-lys.md".into(), title: Some("Ana Lys".into()), body: "\" Je code. \"".into() },
                SourceDocument { file: "2017-01-01-nobody.md".into(), title: Some("Nobody".into()), body: "x".into() },
            ],
            posts: vec![],
            faqs: vec![],
            testimonials: vec![],
            read_fixes: vec![],
        }
    }

    #[test]
    fn reconcile_copes_with_the_known_quirks_and_reports_them() {
        let (d, r) = reconcile(&sources(), &curation()).unwrap();
        // Name variants merged: one Ana.
        assert_eq!(d.people.iter().filter(|p| p.display_name.starts_with("Ana")).count(), 1);
        assert!(r.entries.iter().any(|e| e.kind == ReportKind::Merged && e.subject.contains("Ana–Lys")));
        // A fellow filed as mentor is a fellow.
        let ce = d.people.iter().find(|p| p.display_name == "Cé Fellow").unwrap();
        assert!(d.roles.iter().any(|x| x.person == ce.slug && x.role == RoleKind::Fellow));
        assert_eq!(r.count(ReportKind::Reclassified), 1);
        // A mentor without a record is created, without a public profile.
        let dan = d.people.iter().find(|p| p.display_name == "Dan Sansfiche").unwrap();
        assert!(!dan.public_profile);
        // Colliding slugs get the year; the later challenge renews the earlier.
        let slugs: Vec<_> = d.challenges.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(slugs, ["link-2017", "link-2018", "seq-a", "seq-b"]);
        assert_eq!(d.challenges[1].renewal_of.as_ref().map(Slug::as_str), Some("link-2017"));
        assert_eq!(r.count(ReportKind::Renewed), 1);
        // Administrations resolved through the tree; the unknown one is created and reported.
        assert_eq!(d.challenges[0].host.as_str(), "interieur");
        assert_eq!(d.challenges[1].host.as_str(), "dggn");
        assert_eq!(d.challenges[1].administration_label, "Direction Générale de la Gendarmerie nationale (DGGN)");
        assert!(d.organisations.iter().any(|o| o.slug.as_str() == "museum"));
        assert!(r.entries.iter().any(|e| e.kind == ReportKind::Created && e.detail.contains("Muséum")));
        // Project groups.
        assert_eq!(d.challenges[2].project_key, "sequoia");
        assert_eq!(d.challenges[3].project_key, "sequoia");
        // Unknown skill reported, javascript: URLs refused.
        assert_eq!(d.challenges[0].skills, [Skill::Dev]);
        assert!(d.challenges[0].repositories.is_empty());
        assert!(d.people[0].links.linkedin.is_none());
        assert_eq!(d.people[0].links.github.as_deref(), Some("octo"));
        // Bodies and biographies.
        assert_eq!(d.challenges[1].body_md, "# Titre\n\ncorps");
        assert!(r.entries.iter().any(|e| e.kind == ReportKind::Unmatched && e.subject.contains("nobody")));
        assert_eq!(d.people[0].bio_md.as_deref(), Some("Je code."));
        // Parents come before children.
        let pos = |s: &str| d.organisations.iter().position(|o| o.slug.as_str() == s).unwrap();
        assert!(pos("interieur") < pos("dggn"));
    }

    #[test]
    fn reconcile_is_deterministic() {
        let a = reconcile(&sources(), &curation()).unwrap();
        let b = reconcile(&sources(), &curation()).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn a_rule_naming_an_unknown_organisation_is_refused() {
        let mut c = curation();
        c.host_rules.push(HostRule { keyword: "x".into(), host: Some("nowhere".into()), parent: None, kind: None });
        let err = reconcile(&sources(), &c).unwrap_err();
        assert!(err.0.contains("nowhere"), "{err}");
    }
}
