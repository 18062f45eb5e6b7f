//! Every public function of the store is called by a test of this crate: the README's promise,
//! checked rather than hoped for.
//!
//! The source files of `crates/store/src` are read as text. A free function of module `m` counts
//! as tested when a file under `crates/store/tests` (this one excepted) calls it as `m::name(`, or
//! through an alias the file declares (`use cohorte_store::content::{self as w}` → `w::name(`);
//! a free function of the crate root (`lib.rs`) as `cohorte_store::name(`. A method (a `pub fn`
//! inside an `impl Type` block) counts when it is called as `.name(` or `Type::name(`; methods are
//! matched by name only (`Tx::conn` and `PoolConn::conn` are both satisfied by `.conn(`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Public functions not called by a test of this crate, each with the reason and where they are
/// tested instead. Keep it short: a function that touches the database belongs in a conformance
/// test, on both databases.
const NOT_CALLED_HERE: &[(&str, &str)] = &[
    // Pure functions that touch no database: a run "on both databases" would test nothing more.
    ("Backend::of_url", "pure; unit test backend_of_url_refuses_other_schemes in src/lib.rs (and every Db::connect call here)"),
    ("cohorte_store::redact_url", "pure; unit test redact_url_hides_passwords_only in src/lib.rs"),
    ("cohorte_store::fingerprint", "pure; unit test fingerprint_is_stable_and_discriminating in src/lib.rs (and every upsert here)"),
];

/// A public function: `module::name` for a free function, `Type::name` for a method.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct PublicFn {
    /// The module (file stem; `cohorte_store` for `lib.rs`).
    module: String,
    /// The type of an `impl` block, for a method.
    owner: Option<String>,
    name: String,
}

impl PublicFn {
    fn label(&self) -> String {
        match &self.owner {
            Some(t) => format!("{t}::{}", self.name),
            None => format!("{}::{}", self.module, self.name),
        }
    }
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The type an `impl` line is for: `impl Tx {` → `Tx`, `impl<'a> From<X> for Y<'a> {` → `Y`.
fn impl_owner(line: &str) -> String {
    let rest = line.trim_start_matches("impl");
    let rest = match rest.strip_prefix('<') {
        // Skip the generics of `impl<…>`, nested brackets included.
        Some(r) => {
            let mut depth = 1;
            let mut end = r.len();
            for (i, ch) in r.char_indices() {
                match ch {
                    '<' => depth += 1,
                    '>' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    end = i + 1;
                    break;
                }
            }
            &r[end..]
        }
        None => rest,
    };
    let target = rest.rsplit_once(" for ").map(|(_, t)| t).unwrap_or(rest).trim();
    target.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
}

/// Every `pub fn` and `pub async fn` of the store's source files.
fn public_functions() -> Vec<PublicFn> {
    let src = manifest_dir().join("src");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&src).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut out = Vec::new();
    for file in files.iter().filter(|p| p.extension().is_some_and(|x| x == "rs")) {
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        let module = if stem == "lib" { "cohorte_store".to_owned() } else { stem };
        let text = std::fs::read_to_string(file).unwrap();
        let mut owner: Option<String> = None;
        for (n, line) in text.lines().enumerate() {
            if line.starts_with("impl") {
                owner = Some(impl_owner(line));
            } else if line.starts_with('}') {
                owner = None;
            }
            let trimmed = line.trim_start();
            let Some(after) = trimmed.strip_prefix("pub fn ").or_else(|| trimmed.strip_prefix("pub async fn ")) else { continue };
            let name: String = after.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let indented = trimmed.len() != line.len();
            let owner = match (indented, &owner) {
                (false, _) => None,
                (true, Some(t)) => Some(t.clone()),
                (true, None) => panic!("{}:{}: a public function this scan does not understand: {line}", file.display(), n + 1),
            };
            out.push(PublicFn { module: module.clone(), owner, name });
        }
    }
    out
}

/// The test sources of this crate (this file excepted: its allow-list names functions).
fn test_sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("conformance/coverage.rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                out.push((p, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(&manifest_dir().join("tests"), &mut out);
    out
}

/// Whether `text` holds `needle` not preceded by a character of an identifier (or by `.` when
/// the needle is a path, so that `x.w::f(` does not count).
fn calls(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        needle.starts_with('.') || !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
    })
}

/// The names a test file reaches a store module by: the module itself, and the aliases of
/// `module::{self as alias` imports.
fn module_names(text: &str, module: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::from([module.to_owned()]);
    let pattern = format!("{module}::{{self as ");
    for (i, _) in text.match_indices(&pattern) {
        let alias: String = text[i + pattern.len()..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        names.insert(alias);
    }
    names
}

fn is_called(f: &PublicFn, sources: &[(PathBuf, String)]) -> bool {
    sources.iter().any(|(_, text)| match &f.owner {
        Some(t) => calls(text, &format!(".{}(", f.name)) || calls(text, &format!("{t}::{}(", f.name)),
        None => module_names(text, &f.module).iter().any(|m| calls(text, &format!("{m}::{}(", f.name))),
    })
}

#[test]
fn every_store_function_has_a_conformance_test() {
    let functions = public_functions();
    assert!(functions.len() > 100, "the scan found only {} public functions: is it still reading the sources?", functions.len());
    let sources = test_sources();
    let allowed: BTreeMap<&str, &str> = NOT_CALLED_HERE.iter().copied().collect();
    let labels: BTreeSet<String> = functions.iter().map(PublicFn::label).collect();
    for name in allowed.keys() {
        assert!(labels.contains(*name), "{name} is on the allow-list but is no public function of the store: remove it");
    }
    let mut untested = Vec::new();
    let mut stale = Vec::new();
    for f in &functions {
        let called = is_called(f, &sources);
        match (called, allowed.contains_key(f.label().as_str())) {
            (false, false) => untested.push(f.label()),
            (true, true) => stale.push(f.label()),
            _ => {}
        }
    }
    let tested = functions.len() - untested.len() - allowed.len();
    println!("{} public store functions: {tested} called by a test here, {} allowed elsewhere", functions.len(), allowed.len());
    assert!(
        untested.is_empty(),
        "{} public store functions are called by no test in crates/store/tests:\n  {}",
        untested.len(),
        untested.join("\n  ")
    );
    assert!(stale.is_empty(), "now called by a test here, remove from NOT_CALLED_HERE: {stale:?}");
}

#[test]
fn the_coverage_scan_reads_modules_aliases_and_methods() {
    assert_eq!(impl_owner("impl Tx {"), "Tx");
    assert_eq!(impl_owner("impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for OptText"), "OptText");
    assert_eq!(impl_owner("impl From<sqlx::Error> for StoreError {"), "StoreError");
    let text = "use cohorte_store::content::{self as w, RoleRow};\nw::ensure_program(&mut c); t.db.begin();";
    assert_eq!(module_names(text, "content"), BTreeSet::from(["content".to_owned(), "w".to_owned()]));
    assert!(calls(text, "w::ensure_program("));
    assert!(!calls("xw::ensure_program(", "w::ensure_program("));
    assert!(calls(text, ".begin("));
    let functions = public_functions();
    let has = |l: &str| functions.iter().any(|f| f.label() == l);
    assert!(has("call::cohorts") && has("read::cohorts") && has("Db::connect") && has("cohorte_store::redact_url"));
    assert!(!has("OptText::decode"), "trait methods are not public functions of the store");
}
