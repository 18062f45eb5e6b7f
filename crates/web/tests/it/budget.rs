//! Query budgets: how many SQL statements each request of the deadline rush costs (a candidate
//! opens their application, saves it with the CV, opens it again, submits). The write benchmark
//! (`benches/submissions.rs`) showed the time going to the hand-offs between request tasks and
//! the database's threads, one per statement: the count is what keeps the rush fast, and it is
//! checked here on every run (never a time). Counted from sqlx's statement events.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use cohorte_test_support::TestDb;
use tracing::Subscriber;
use tracing_subscriber::layer::{Context, SubscriberExt};

use crate::world::World;

/// Counts the statements sqlx runs for requests (its `sqlx::query` events), leaving out the
/// `PRAGMA` set-up of a connection the pool happens to open meanwhile (a matter of timing, not of
/// what a request costs).
#[derive(Clone, Default)]
struct Statements(Arc<AtomicUsize>, Arc<std::sync::Mutex<Vec<String>>>);

struct Summary(String);

impl tracing::field::Visit for Summary {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "summary" {
            self.0 = format!("{value:?}");
        }
    }
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        if field.name() == "summary" {
            self.0 = value.to_owned();
        }
    }
}

impl<S: Subscriber> tracing_subscriber::Layer<S> for Statements {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() == "sqlx::query" {
            let mut v = Summary(String::new());
            event.record(&mut v);
            if !v.0.trim_start_matches('"').to_ascii_uppercase().starts_with("PRAGMA") {
                self.0.fetch_add(1, Ordering::SeqCst);
            }
            self.1.lock().unwrap().push(v.0);
        }
    }
}

impl Statements {
    fn take(&self) -> usize {
        let list = std::mem::take(&mut *self.1.lock().unwrap());
        if std::env::var_os("SHOW_STATEMENTS").is_some() {
            println!("---\n{}", list.join("\n"));
        }
        self.0.swap(0, Ordering::SeqCst)
    }
}

#[tokio::test]
async fn each_request_of_the_deadline_rush_stays_within_its_query_budget() {
    let counter = Statements::default();
    let subscriber = tracing_subscriber::registry()
        .with(tracing_subscriber::filter::Targets::new().with_target("sqlx::query", tracing::Level::DEBUG))
        .with(counter.clone());
    // Global: SQLite runs statements on its own threads. nextest gives each test its process.
    tracing::subscriber::set_global_default(subscriber).expect("this test runs in its own process (cargo nextest)");
    let w = World::with_eig(TestDb::sqlite().await).await;
    let challenge = crate::apply::open_applications(&w).await;
    w.person("Léa Candidate", "lea@example.org", &[]).await;
    let mut b = w.browser();
    b.sign_in_by_link("lea@example.org").await;
    b.get("/applications").await;
    let url = b.post("/calls/eig-7/applications", &[]).await.header("location").to_owned();
    b.get(&url).await;
    counter.take();

    let page = b.get(&url).await;
    let open = counter.take();
    let version = page.attrs("#proposal-version", "value")[0].clone();
    let mut fields = crate::apply::complete(&version, &challenge);
    fields.push(("key".into(), "cv".into()));
    let refs: Vec<(&str, &str)> = fields.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let r = b.post_multipart(&format!("{url}/documents"), &refs, ("file", "cv.pdf", b"%PDF-1.4\n%%EOF\n")).await;
    assert!(r.header("location").contains("uploaded=1"), "{}", r.body);
    let upload = counter.take();
    let version = b.get(&url).await.attrs("#proposal-version", "value")[0].clone();
    let reopen = counter.take();
    let fields = crate::apply::complete(&version, &challenge);
    let refs: Vec<(&str, &str)> = fields.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let r = b.post(&format!("{url}/submit"), &refs).await;
    assert_eq!(r.texts("#receipt code").len(), 1, "{}", r.body);
    let submit = counter.take();
    println!("statements: open {open}, save with the CV {upload}, open again {reopen}, submit {submit}");
    assert!(open > 0 && submit > 0, "the statements are counted");
    // The budgets are today's counts (they were 14, 16, 14 and 31 before a session was read with
    // its rotation flag and its person's roles, an application with its cohort and rules, a
    // recipient's addresses with their language, the calendar once, the matching and the panels'
    // proposals only once interviews begin, and saving joined the upload's and the submission's
    // transactions): a change that adds a statement to the rush has to say so here.
    let budget = [("open", open, 5), ("save with the CV", upload, 6), ("open again", reopen, 5), ("submit", submit, 15)];
    let over: Vec<String> = budget.iter().filter(|(_, n, max)| n > max).map(|(what, n, max)| format!("{what}: {n} > {max}")).collect();
    assert!(over.is_empty(), "over budget: {over:?}");
}
