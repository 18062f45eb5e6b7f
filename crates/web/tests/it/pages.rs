//! The public pages, in both languages.

use cohorte_web::WebConfig;

use crate::support::{TestApp, data_copy};

/// One page of each public type.
pub const PAGE_TYPES: [&str; 17] = [
    "/",
    "/challenges",
    "/challenges?cohort=eig-2&skill=design",
    "/challenges/adex",
    "/community",
    "/community/adeline-celier",
    "/coaching",
    "/blog",
    "/blog/tags/methode",
    "/blog/bootcamp-comment-souder-un-collectif-de-talents",
    "/faq",
    "/publications",
    "/figures",
    "/accessibility",
    "/legal",
    "/site-map",
    "/api/docs",
];

#[tokio::test]
async fn public_pages_every_type_answers_in_french_and_english() {
    let app = TestApp::new().await;
    for path in PAGE_TYPES {
        for (lang, accept) in [("fr", "fr-FR,fr;q=0.9"), ("en", "en-GB,en;q=0.9")] {
            let r = app.get_lang(path, accept).await;
            assert_eq!(r.status, 200, "{path} ({lang})");
            assert_eq!(r.attrs("html", "lang"), [lang], "{path}");
            assert_eq!(r.texts("h1").len(), 1, "{path} ({lang}): one h1");
            let alternates = r.attrs("link[rel=alternate][hreflang]", "hreflang");
            assert_eq!(alternates, ["fr", "en"], "{path}");
            assert!(r.texts("#attribution")[0].contains("Etalab / DINUM"), "{path}: attribution in the footer");
            assert_eq!(r.attrs("#lang-switch", "hreflang"), [if lang == "fr" { "en" } else { "fr" }], "{path}: language switch");
            assert!(r.header("content-type").starts_with("text/html; charset=utf-8"));
        }
    }
}

#[tokio::test]
async fn language_query_sets_a_cookie_that_later_pages_follow() {
    let app = TestApp::new().await;
    let r = app.get("/challenges?lang=en").await;
    assert_eq!(r.attrs("html", "lang"), ["en"]);
    assert!(r.header("set-cookie").starts_with("lang=en;"), "{}", r.header("set-cookie"));
    assert!(r.header("set-cookie").contains("SameSite=Lax"));
    let r = app.get_with_cookie("/challenges", "lang=en").await;
    assert_eq!(r.texts("h1"), ["Challenges"]);
    // The explicit choice wins over the browser's languages; French is the default.
    let r = app
        .request(
            http::Request::get("/").header("cookie", "lang=fr").header("accept-language", "en").body(axum::body::Body::empty()).unwrap(),
        )
        .await;
    assert_eq!(r.attrs("html", "lang"), ["fr"]);
    assert_eq!(app.get("/").await.attrs("html", "lang"), ["fr"]);
    assert_eq!(app.get_lang("/", "de-DE,de").await.attrs("html", "lang"), ["fr"]);
    assert!(app.get("/").await.header("vary").contains("Accept-Language"));
}

#[tokio::test]
async fn challenges_list_filters_searches_counts_and_paginates() {
    let app = TestApp::new().await;
    let r = app.get("/challenges").await;
    assert_eq!(r.texts("#results"), ["71 défis"]);
    assert_eq!(r.texts(".fr-card__title").len(), 24, "24 per page");
    let next = r.attrs("a[rel=next]", "href");
    assert_eq!(next, ["/challenges?page=2"]);
    let p3 = app.get("/challenges?page=3").await;
    assert_eq!(p3.texts(".fr-card__title").len(), 71 - 48);
    assert_eq!(app.get("/challenges?cohort=eig-2").await.texts("#results"), ["13 défis"]);
    assert_eq!(app.get("/challenges?cohort=dig").await.texts("#results"), ["17 défis"]);
    assert_eq!(app.get("/challenges?year=2019").await.texts("#results"), ["32 défis"]);
    // Accent- and case-insensitive search.
    let a = app.get("/challenges?q=s%C3%A9curit%C3%A9").await.texts(".fr-card__title");
    let b = app.get("/challenges?q=SECURITE").await.texts(".fr-card__title");
    assert!(!a.is_empty());
    assert_eq!(a, b);
    assert_eq!(app.get("/challenges?q=monitorfish").await.texts(".fr-card__title"), ["MonitorFish"]);
    // A ministry includes the organisations under it.
    let ministry = app.get("/challenges?administration=interieur").await;
    let dggn = app.get("/challenges?administration=dggn").await;
    let count = |r: &crate::support::Res| r.texts(".fr-card__title").len();
    assert!(count(&ministry) > count(&dggn) && count(&dggn) >= 3, "{} vs {}", count(&ministry), count(&dggn));
    assert!(dggn.texts(".fr-card__title").contains(&"NEOTac".to_owned()));
    // No result: a clear empty state.
    let none = app.get("/challenges?q=zzzzzz").await;
    assert_eq!(none.texts("#results"), ["aucun défi"]);
    assert_eq!(none.texts(".fr-callout__text").len(), 1);
    // Filters keep their values in the form and in the pagination links.
    let f = app.get("/challenges?skill=dev").await;
    assert_eq!(f.attrs("#f-skill option[selected]", "value"), ["dev"]);
    assert!(f.attrs("a[rel=next]", "href").iter().all(|h| h.contains("skill=dev")));
}

#[tokio::test]
async fn challenge_page_shows_administration_team_key_figures_deliverables_and_code() {
    let app = TestApp::new().await;
    let r = app.get("/challenges/adex").await;
    assert_eq!(r.texts("h1"), ["ADEX"]);
    let people = r.texts(".cohorte-people li a");
    for name in ["Anne Catel", "Antoine Biard", "Thomas Brosset", "Marie Simon", "Pierre-Alain Jachiet"] {
        assert!(people.iter().any(|p| p == name), "{name} in {people:?}");
    }
    assert!(r.texts(".cohorte-figure__value").contains(&"1 288".to_owned()), "{:?}", r.texts(".cohorte-figure__value"));
    assert!(r.attrs("a", "href").contains(&"https://gitlab.com/has-sante/public/adex".to_owned()));
    assert!(r.body.contains("Haute Autorité de santé"));
    assert!(r.body.contains("Saint-Denis (93200)"));
    // Headings of the description sit under the page's h2.
    assert!(r.texts("h1").len() == 1 && !r.texts(".cohorte-prose h3").is_empty());
    // English page: content stays French and says so.
    let en = app.get("/challenges/adex?lang=en").await;
    assert_eq!(en.attrs("h1", "lang"), ["fr"]);
    assert!(en.texts("h2").contains(&"The team".to_owned()));
    // EIG 1 fellows filed as mentors appear as fellows; renewed challenges link each other.
    let cartav = app.get("/challenges/mi-cartav-securite-routiere").await;
    assert!(cartav.body.contains("Tristram"));
    let link2019 = app.get("/challenges/eiglink-2019").await;
    assert!(link2019.attrs("a", "href").contains(&"/challenges/eiglink-2018".to_owned()));
    // People without a public profile are named, not linked.
    let bnf = app.get("/challenges/bnf-catalogage").await;
    assert!(bnf.texts(".cohorte-people li").iter().any(|t| t.contains("Emmanuelle Bermès")));
    assert!(!bnf.attrs("a", "href").iter().any(|h| h.contains("emmanuelle-bermes")));
}

#[tokio::test]
async fn community_filters_by_cohort_and_profile_and_person_pages_show_roles_across_cohorts() {
    let app = TestApp::new().await;
    let all = app.get("/community").await;
    assert_eq!(all.texts("#results"), ["261 personnes"], "every published profile, the duplicate merged");
    let designers = app.get("/community?profile=designer&cohort=dig").await;
    assert!(designers.texts("#results")[0].ends_with("personnes"));
    assert!(designers.texts(".fr-tile__desc").iter().all(|t| t == "Designer"));
    // One identity across roles: fellow in EIG 3, mentor in EIG 4.
    let p = app.get("/community/pierre-alain-jachiet").await;
    let roles = p.texts("main ul li").join("\n");
    assert!(roles.contains("EIG 3") && roles.contains("EIG 4"), "{roles}");
    assert!(roles.contains("Entrepreneur d’intérêt général") && roles.contains("Mentor"), "{roles}");
    // People without a public profile have no page.
    assert_eq!(app.get("/community/emmanuelle-bermes").await.status, 404);
}

#[tokio::test]
async fn blog_lists_posts_with_tags_pages_and_an_atom_feed() {
    let app = TestApp::new().await;
    let r = app.get("/blog").await;
    assert_eq!(r.texts("[role=status] h2"), ["50 articles"], "55 files, 5 drafts");
    assert_eq!(r.texts(".fr-card__title").len(), 8);
    assert_eq!(app.get("/blog/que-sont-devenus-les-eig-entretien-avec-leo-bouloc").await.status, 404, "drafts are not public");
    let tag = app.get("/blog/tags/accompagnement").await;
    assert!(tag.texts("h1")[0].contains("accompagnement"));
    assert_eq!(app.get("/blog/tags/cuisine").await.status, 404);
    let post = app.get("/blog/bootcamp-comment-souder-un-collectif-de-talents").await;
    assert!(post.texts("h1")[0].starts_with("Comment souder un collectif"));
    assert!(post.texts("p").iter().any(|p| p.contains("27 février 2018")));
    assert!(!post.body.contains("<img"), "images of the data are not shipped");
    let feed = app.get("/blog/feed.xml").await;
    assert_eq!(feed.header("content-type"), "application/atom+xml; charset=utf-8");
    let mut reader = quick_xml::Reader::from_str(&feed.body);
    let mut entries = 0;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"entry" => entries += 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(entries, 20);
    assert!(feed.body.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
}

#[tokio::test]
async fn faq_shows_both_audiences_in_each_language() {
    let app = TestApp::new().await;
    let fr = app.get("/faq").await;
    assert!(fr.texts("#administrations ~ div .fr-accordion__btn").len() + fr.texts(".fr-accordion__btn").len() > 20);
    assert!(fr.texts(".fr-accordion__btn").contains(&"Qui peut devenir EIG ?".to_owned()));
    let en = app.get("/faq?lang=en").await;
    assert!(en.texts(".fr-accordion__btn").contains(&"Who can participate?".to_owned()));
    // Duplicate anchors of the data are made unique.
    let ids = fr.attrs(".fr-accordion", "id");
    let unique: std::collections::BTreeSet<_> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len());
}

#[tokio::test]
async fn figures_are_computed_from_the_data_with_named_definitions() {
    let app = TestApp::new().await;
    let r = app.get("/figures").await;
    let cell = |id: &str, scope: &str| r.texts(&format!("#figure-{id} td[data-scope={scope}]"))[0].clone();
    assert_eq!(cell("challenges-coached", "eig1-3-dig"), "53");
    assert_eq!(cell("administrations-helped", "eig1-3-dig"), "40");
    assert_eq!(cell("fellows-recruited", "eig1-3-dig"), "89");
    assert_eq!(cell("public-servants-onboarded", "eig1-3-dig"), "89");
    assert_eq!(cell("challenges-coached", "all"), "70");
    assert!(r.texts("dt").iter().any(|t| t.contains("challenges-coached@1")));
    assert!(r.texts("dd").len() == 4 && r.texts("dd").iter().all(|d| d.len() > 80), "each figure has its definition");
    let home = app.get("/").await;
    assert_eq!(home.texts(".cohorte-figure__value"), ["70", "50", "130", "134"]);
}

#[tokio::test]
async fn home_figures_name_what_they_count_and_explain_the_gap_with_the_challenge_list() {
    let app = TestApp::new().await;
    for (lang, pages, note) in [
        (
            "fr",
            "71 défis",
            "70 projets distincts : la liste des défis en affiche 71, car un même projet peut y avoir plusieurs pages (il ne compte ici qu’une fois).",
        ),
        (
            "en",
            "71 challenges",
            "70 distinct projects: the challenge list shows 71, as one project can have several pages there (it counts once here).",
        ),
    ] {
        let home = app.get(&format!("/?lang={lang}")).await;
        // Each figure's name links to its definition.
        let links = home.attrs(".cohorte-figure a", "href");
        assert_eq!(
            links,
            [
                "/figures#definition-challenges-coached",
                "/figures#definition-administrations-helped",
                "/figures#definition-fellows-recruited",
                "/figures#definition-public-servants-onboarded"
            ],
            "{lang}"
        );
        let figures = app.get(&format!("/figures?lang={lang}")).await;
        for (tile, link) in home.texts(".cohorte-figure a").iter().zip(&links) {
            let id = link.trim_start_matches("/figures#");
            let name = figures.texts(&format!("#{id}"));
            assert_eq!(name.len(), 1, "{lang}: {link} has a definition");
            assert!(name[0].to_lowercase().starts_with(&tile.to_lowercase()), "{lang}: the tile {tile:?} is the figure {:?}", name[0]);
        }
        // The challenge figure counts projects, the list counts pages: the home says so.
        assert_eq!(app.get(&format!("/challenges?lang={lang}")).await.texts("#results"), [pages]);
        assert_eq!(home.texts("#figures-note"), [note], "{lang}");
    }
}

#[tokio::test]
async fn publications_page_has_a_clean_empty_state() {
    let app = TestApp::new().await;
    let r = app.get("/publications").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.texts("#publications-empty h2"), ["Aucune publication pour le moment"]);
}

#[tokio::test]
async fn markdown_and_html_from_the_data_never_reach_the_page_as_active_content() {
    let data = data_copy();
    let md = data.path().join("challenges/2020-01-01-adex.md");
    let mut text = std::fs::read_to_string(&md).unwrap();
    text.push_str(
        "\n\n<script>alert('x')</script>\n\n[clic](javascript:alert(1)) <a href=\"javascript:alert(2)\" onclick=\"alert(3)\">a</a>\n\n\
         <img src=x onerror=alert(4)> <iframe src=\"https://evil.example\"></iframe> <svg onload=alert(5)></svg>\n\n# Titre brut\n",
    );
    std::fs::write(&md, text).unwrap();
    let app = TestApp::with_data(data.path(), WebConfig::default()).await;
    let r = app.get("/challenges/adex").await;
    assert_eq!(r.status, 200);
    let prose = r.html();
    let body: String = prose.select(&scraper::Selector::parse(".cohorte-prose").unwrap()).map(|e| e.html()).collect();
    for bad in ["<script", "javascript:", "onclick", "onerror", "onload", "<iframe", "<svg", "<img"] {
        assert!(!body.to_ascii_lowercase().contains(bad), "{bad} reached the page: {body}");
    }
    assert_eq!(r.texts("h1").len(), 1, "a heading of the data never becomes a second h1");
    assert!(r.texts(".cohorte-prose h3").contains(&"Titre brut".to_owned()));
    // Old-site links go to the new pages.
    let post = app.get("/blog/seminaire-eig2-mi-parcours").await;
    if post.status == 200 {
        assert!(!post.attrs(".cohorte-prose a", "href").iter().any(|h| h.starts_with("/defis/")));
    }
}

#[tokio::test]
async fn old_site_addresses_redirect_to_their_new_pages() {
    let app = TestApp::new().await;
    let r = app.get("/defis/2020/adex.html").await;
    assert_eq!(r.status, 308);
    assert_eq!(r.header("location"), "/challenges/adex");
    let r = app.get("/communaute/2020/adeline-celier.html").await;
    assert_eq!(r.header("location"), "/community/adeline-celier");
    assert_eq!(app.get("/defis/2020/nope.html").await.status, 404);
}

#[tokio::test]
async fn the_page_cache_serves_the_same_page_and_drops_it_when_content_changes() {
    let app = TestApp::new().await;
    let a = app.get("/challenges/adex").await;
    assert!(!app.state.cache.is_empty());
    let b = app.get("/challenges/adex").await;
    assert_eq!(a.body, b.body);
    // A hit is answered with every header the page had (security, language, vary, type), only
    // the request id differs; the same with the page's language chosen by the browser.
    let headers = |r: &crate::support::Res| {
        let mut h: Vec<(String, String)> = r
            .headers
            .iter()
            .filter(|(k, _)| *k != "x-request-id" && *k != "date")
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap().to_owned()))
            .collect();
        h.sort();
        h
    };
    assert_eq!(headers(&a), headers(&b));
    assert!(headers(&b).iter().any(|(k, _)| k == "content-security-policy"), "{:?}", headers(&b));
    assert_ne!(a.header("x-request-id"), b.header("x-request-id"), "one id per response");
    let en = app.get_lang("/challenges/adex", "en-GB,en;q=0.9").await;
    let en_again = app.get_lang("/challenges/adex", "en-GB,en;q=0.9").await;
    assert_eq!((en.attrs("html", "lang"), en_again.attrs("html", "lang")), (vec!["en".to_owned()], vec!["en".to_owned()]));
    assert_eq!((headers(&en), &en.body), (headers(&en_again), &en_again.body));
    assert_ne!(en.body, a.body, "a language has its own page");
    // Another import changes a title: the next refresh drops the cached page.
    let data = data_copy();
    let defis = data.path().join("data/defis.yml");
    let text = std::fs::read_to_string(&defis).unwrap().replacen("title: ADEX", "title: ADEX modifié", 1);
    std::fs::write(&defis, text).unwrap();
    let ctx = cohorte_app::Ctx::new(app.db.db.clone());
    cohorte_app::import::import_eig(&ctx, data.path(), &cohorte_test_support::eig_curation_file(), &crate::support::no_progress)
        .await
        .unwrap();
    assert!(app.state.refresh().await.unwrap(), "the content version moved");
    let c = app.get("/challenges/adex").await;
    assert_eq!(c.texts("h1"), ["ADEX modifié"]);
    // Caching can be turned off.
    let off = TestApp::with_config(WebConfig { page_cache: false, ..WebConfig::default() }).await;
    off.get("/").await;
    assert!(off.state.cache.is_empty());
}

#[tokio::test]
async fn public_pages_work_on_postgres_too() {
    let Some(db) = cohorte_test_support::TestDb::postgres().await else {
        assert!(!cohorte_test_support::require_postgres(), "REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set");
        eprintln!("SKIPPED public_pages_work_on_postgres_too: TEST_DATABASE_URL is not set");
        return;
    };
    let app = TestApp::on(db, &cohorte_test_support::eig_data_dir(), &mut WebConfig::default()).await;
    for path in PAGE_TYPES {
        assert_eq!(app.get(path).await.status, 200, "{path}");
    }
    assert_eq!(app.get("/challenges?q=securite&administration=interieur").await.status, 200);
    let r = app.get("/figures").await;
    assert_eq!(r.texts("#figure-administrations-helped td[data-scope=eig1-3-dig]"), ["40"]);
}
