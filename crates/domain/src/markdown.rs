//! Markdown and HTML from the data, made safe for the page.
//!
//! pulldown-cmark renders, then ammonia keeps only an allow-list of tags, attributes and URL
//! schemes: raw HTML, `<script>`, event handlers and `javascript:` links from the data never reach
//! the page as active content. Headings are shifted so that user content never breaks the page
//! outline, and images (not shipped with the data) are dropped.

use std::borrow::Cow;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use unicode_normalization::UnicodeNormalization;

/// How to render one piece of user content.
pub struct RenderOptions<'a> {
    /// The level the content's highest heading becomes (2 under a page `h1`, 3 under an `h2`).
    pub heading_base: u8,
    /// Rewrites a relative URL (`/defis/2018/x.html`, `#top`); `None` removes the link target.
    pub resolve_relative: &'a (dyn Fn(&str) -> Option<String> + Send + Sync),
}

/// Renders Markdown to sanitised HTML.
pub fn render_markdown(src: &str, opts: &RenderOptions<'_>) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let min_level = Parser::new_ext(src, options)
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(level as u8),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let shift = |level: HeadingLevel| -> HeadingLevel {
        let n = (level as u8).saturating_sub(min_level) + opts.heading_base.clamp(1, 6);
        level_of(n.min(6))
    };
    let mut in_image = 0usize;
    let events = Parser::new_ext(src, options).filter_map(|e| match e {
        Event::Start(Tag::Image { .. }) => {
            in_image += 1;
            None
        }
        Event::End(TagEnd::Image) => {
            in_image = in_image.saturating_sub(1);
            None
        }
        _ if in_image > 0 => None,
        Event::Start(Tag::Heading { level, id, classes, attrs }) => {
            Some(Event::Start(Tag::Heading { level: shift(level), id, classes, attrs }))
        }
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(shift(level)))),
        other => Some(other),
    });
    let mut html = String::with_capacity(src.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    sanitize_html(&html, opts)
}

/// Sanitises HTML from the data (FAQ answers, raw HTML inside Markdown). The result is valid
/// HTML inside the page, its text in Unicode normalisation form C: no obsolete element (their text is kept), headings that never skip a
/// level (the first becomes `heading_base`), no list directly inside a list, no `rel` on a link
/// whose target was removed.
pub fn sanitize_html(src: &str, opts: &RenderOptions<'_>) -> String {
    let clean = ammonia::Builder::default()
        .rm_tags(["img", "h1", "center", "acronym", "strike", "tt", "big"])
        .url_relative(ammonia::UrlRelative::Custom(Box::new(Resolver(opts.resolve_relative))))
        .link_rel(Some("noopener noreferrer"))
        .clean(&src.nfc().collect::<String>())
        .to_string();
    repair_structure(&clean, opts.heading_base.clamp(1, 6))
}

/// One piece of serialised HTML: a start tag, an end tag, or text.
enum Piece<'a> {
    Start(&'a str, &'a str),
    End(&'a str, &'a str),
    Text(&'a str),
}

/// Splits HTML as ammonia serialises it (every `<` of the text escaped, attribute values in
/// double quotes) into tags and text.
fn pieces(html: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            out.push(Piece::Text(rest));
            break;
        };
        if lt > 0 {
            out.push(Piece::Text(&rest[..lt]));
        }
        let mut quoted = false;
        let end = rest[lt..].char_indices().find(|&(_, c)| {
            if c == '"' {
                quoted = !quoted;
            }
            c == '>' && !quoted
        });
        let Some((gt, _)) = end else {
            out.push(Piece::Text(&rest[lt..]));
            break;
        };
        let tag = &rest[lt..=lt + gt];
        let inner = tag.trim_start_matches('<').trim_start_matches('/');
        let name_len = inner.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(inner.len());
        let name = &inner[..name_len];
        out.push(if tag.starts_with("</") { Piece::End(name, tag) } else { Piece::Start(name, tag) });
        rest = &rest[lt + gt + 1..];
    }
    out
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

/// Renumbers headings as an outline under `base`, moves a list found directly inside a list
/// into the item before it (or into a new item), and strips the attributes of a link left
/// without a target.
fn repair_structure(html: &str, base: u8) -> String {
    let mut out: Vec<Cow<'_, str>> = Vec::new();
    // Open elements: (name, close an `li` after it).
    let mut open: Vec<(&str, bool)> = Vec::new();
    // The source levels of the headings that enclose the current point.
    let mut outline: Vec<u8> = Vec::new();
    let mut heading = base;
    for piece in pieces(html) {
        match piece {
            Piece::Start(name, tag) => {
                let mut wrap = false;
                if matches!(name, "ul" | "ol") && matches!(open.last(), Some(("ul" | "ol", _))) {
                    let last = out.iter().rposition(|p| !p.trim().is_empty());
                    match last {
                        Some(i) if out[i] == "</li>" => {
                            out.remove(i);
                        }
                        _ => out.push(Cow::Borrowed("<li>")),
                    }
                    wrap = true;
                }
                if let Some(level) = heading_level(name) {
                    while outline.last().is_some_and(|l| *l >= level) {
                        outline.pop();
                    }
                    outline.push(level);
                    heading = (base - 1).saturating_add(u8::try_from(outline.len()).unwrap_or(6)).min(6);
                    out.push(Cow::Owned(format!("<h{heading}{}", &tag[3..])));
                } else if name == "a" && !tag.contains(" href=\"") {
                    // A link whose target was refused: `rel` and `hreflang` need an `href`.
                    out.push(Cow::Borrowed("<a>"));
                } else {
                    out.push(Cow::Borrowed(tag));
                }
                if !is_void(name) {
                    open.push((name, wrap));
                }
            }
            Piece::End(name, tag) => {
                if let Some(i) = open.iter().rposition(|(n, _)| *n == name) {
                    let closed = open.split_off(i);
                    out.push(if heading_level(name).is_some() { Cow::Owned(format!("</h{heading}>")) } else { Cow::Borrowed(tag) });
                    if closed.first().is_some_and(|(_, wrap)| *wrap) {
                        out.push(Cow::Borrowed("</li>"));
                    }
                } else {
                    out.push(Cow::Borrowed(tag));
                }
            }
            Piece::Text(t) => out.push(Cow::Borrowed(t)),
        }
    }
    out.concat()
}

fn is_void(name: &str) -> bool {
    matches!(name, "br" | "hr" | "wbr" | "col" | "area" | "img" | "input" | "source" | "track" | "embed" | "link" | "meta" | "param")
}

struct Resolver<'a>(&'a (dyn Fn(&str) -> Option<String> + Send + Sync));

impl<'a> ammonia::UrlRelativeEvaluate<'a> for Resolver<'a> {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        (self.0)(url).map(Cow::Owned)
    }
}

/// Plain text of a Markdown snippet (for summaries and feeds), at most `max` characters.
pub fn plain_text(src: &str, max: usize) -> String {
    let mut out = String::new();
    for e in Parser::new(src) {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
        if out.chars().count() > max {
            break;
        }
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() > max {
        let mut cut: String = collapsed.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    } else {
        collapsed
    }
}

fn level_of(n: u8) -> HeadingLevel {
    match n {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(url: &str) -> Option<String> {
        Some(url.to_owned())
    }

    fn render(src: &str) -> String {
        render_markdown(src, &RenderOptions { heading_base: 2, resolve_relative: &keep })
    }

    #[test]
    fn scripts_handlers_and_javascript_links_are_removed() {
        let html = render(
            "Hello <script>alert(1)</script> <a href=\"javascript:alert(2)\" onclick=\"x()\">x</a> \
             [y](javascript:alert(3)) <iframe src=\"https://evil\"></iframe> <svg onload=alert(4)>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("onload"), "{html}");
        assert!(!html.contains("<iframe"), "{html}");
        assert!(html.contains("Hello"), "{html}");
    }

    #[test]
    fn headings_are_shifted_under_the_page_title() {
        let html = render("# Problème\n\ntexte\n\n## Détail\n\n### Plus");
        assert!(html.contains("<h2>Problème</h2>"), "{html}");
        assert!(html.contains("<h3>Détail</h3>"), "{html}");
        assert!(html.contains("<h4>Plus</h4>"), "{html}");
        let html = render("### Seul");
        assert!(html.contains("<h2>Seul</h2>"), "{html}");
        let deep = render_markdown("# a\n\n###### b", &RenderOptions { heading_base: 3, resolve_relative: &keep });
        assert!(deep.contains("<h3>a</h3>") && deep.contains("<h4>b</h4>"), "no level skipped: {deep}");
        assert!(!render("<h1>raw</h1>").contains("<h1"));
    }

    #[test]
    fn headings_never_skip_a_level_even_in_raw_html() {
        // Raw HTML headings inside Markdown, and Markdown that jumps from ## to ####.
        let html = render("<h3>Offre</h3>\n\n## Missions\n\n#### Détail\n\n## Profil");
        assert_eq!(headings(&html), ["h2 Offre", "h2 Missions", "h3 Détail", "h2 Profil"], "{html}");
        let html = render_markdown("<h4>Problème</h4>\n\ntexte", &RenderOptions { heading_base: 3, resolve_relative: &keep });
        assert_eq!(headings(&html), ["h3 Problème"], "{html}");
        let faq = sanitize_html("<p>a</p><h5>x</h5><h2>y</h2><h6>z</h6>", &RenderOptions { heading_base: 4, resolve_relative: &keep });
        assert_eq!(headings(&faq), ["h4 x", "h4 y", "h5 z"], "{faq}");
    }

    #[test]
    fn a_list_directly_inside_a_list_moves_into_the_item_before_it() {
        let html = sanitize_html(
            "<ul> <li><b>Dimensionnement</b></li> <ul> <li>10 mois</li> </ul> <li>Equipe</li> </ul><ol><ul><li>x</li></ul></ol>",
            &RenderOptions { heading_base: 4, resolve_relative: &keep },
        );
        assert_eq!(
            html,
            "<ul> <li><b>Dimensionnement</b> <ul> <li>10 mois</li> </ul></li> <li>Equipe</li> </ul><ol><li><ul><li>x</li></ul></li></ol>"
        );
    }

    #[test]
    fn obsolete_elements_are_dropped_and_their_text_kept() {
        let html = render("<center>Centré</center> <tt>code</tt> <strike>barré</strike> <acronym>EIG</acronym>");
        for tag in ["<center", "<tt", "<strike", "<acronym"] {
            assert!(!html.contains(tag), "{html}");
        }
        assert!(html.contains("Centré") && html.contains("code") && html.contains("barré") && html.contains("EIG"), "{html}");
    }

    #[test]
    fn a_link_whose_target_was_removed_keeps_no_link_attributes() {
        let html = render("[clic](javascript:alert(1)) [ok](https://example.org)");
        assert_eq!(html, "<p><a>clic</a> <a href=\"https://example.org\" rel=\"noopener noreferrer\">ok</a></p>\n");
    }

    #[test]
    fn text_is_in_normalisation_form_c() {
        let decomposed = "e\u{301}quipe de\u{301}die\u{301}e";
        let opts = RenderOptions { heading_base: 4, resolve_relative: &keep };
        assert_eq!(sanitize_html(decomposed, &opts), "\u{e9}quipe d\u{e9}di\u{e9}e");
        assert_eq!(render(decomposed), "<p>\u{e9}quipe d\u{e9}di\u{e9}e</p>\n");
    }

    /// The headings of a fragment, as `"h2 text"`.
    fn headings(html: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = html;
        while let Some(i) = rest.find("<h") {
            rest = &rest[i + 2..];
            let Some(level) = rest.chars().next().filter(char::is_ascii_digit) else { continue };
            let text_start = rest.find('>').map_or(0, |j| j + 1);
            let end = rest.find("</h").unwrap_or(rest.len());
            out.push(format!("h{level} {}", &rest[text_start..end]));
        }
        out
    }

    #[test]
    fn images_are_dropped_and_text_kept() {
        let html = render("Avant ![Une photo de groupe](/img/x.jpg) après <img src=\"/img/y.png\" alt=\"y\">");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("Une photo"), "{html}");
        assert!(html.contains("Avant") && html.contains("après"), "{html}");
    }

    #[test]
    fn relative_links_go_through_the_resolver() {
        let resolve = |u: &str| if u.starts_with("/defis/") { Some("/challenges/x".to_owned()) } else { None };
        let html = render_markdown(
            "[a](/defis/2018/x.html) [b](/docs/y.pdf) [c](https://example.org/z)",
            &RenderOptions { heading_base: 2, resolve_relative: &resolve },
        );
        assert!(html.contains("href=\"/challenges/x\""), "{html}");
        assert!(!html.contains("/docs/y.pdf"), "{html}");
        assert!(html.contains("href=\"https://example.org/z\""), "{html}");
    }

    #[test]
    fn plain_text_is_collapsed_and_cut() {
        assert_eq!(plain_text("**Gras** et\n_italique_", 100), "Gras et italique");
        assert_eq!(plain_text("abcdef", 4), "abc…");
    }

    proptest::proptest! {
        #[test]
        fn headings_never_skip_a_level(levels in proptest::collection::vec(1usize..=6, 1..12), raw in proptest::bool::ANY) {
            let src: String = levels.iter().enumerate().map(|(i, l)| {
                if raw && i % 2 == 1 && *l > 1 { format!("<h{l}>t{i}</h{l}>\n\n") } else { format!("{} t{i}\n\n", "#".repeat(*l)) }
            }).collect();
            let html = render(&src);
            let found: Vec<u8> = headings(&html).iter().map(|h| h.as_bytes()[1] - b'0').collect();
            proptest::prop_assert_eq!(found.len(), levels.len(), "{}", html);
            proptest::prop_assert_eq!(found[0], 2);
            proptest::prop_assert!(found.windows(2).all(|w| w[1] <= w[0] + 1), "{}", html);
        }

        #[test]
        fn no_input_yields_a_script_tag(s in ".{0,200}") {
            let src = format!("{s}<script>x</script><a href='javascript:{s}'>l</a>");
            let html = render(&src);
            proptest::prop_assert!(!html.to_ascii_lowercase().contains("<script"));
            // The text "javascript:" may survive as escaped text; never as a link target.
            proptest::prop_assert!(!html.to_ascii_lowercase().contains("href=\"javascript:"));
        }
    }
}
