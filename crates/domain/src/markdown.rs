//! Markdown and HTML from the data, made safe for the page.
//!
//! pulldown-cmark renders, then ammonia keeps only an allow-list of tags, attributes and URL
//! schemes: raw HTML, `<script>`, event handlers and `javascript:` links from the data never reach
//! the page as active content. Headings are shifted so that user content never breaks the page
//! outline, and images (not shipped with the data) are dropped.

use std::borrow::Cow;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

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

/// Sanitises HTML from the data (FAQ answers, raw HTML inside Markdown).
pub fn sanitize_html(src: &str, opts: &RenderOptions<'_>) -> String {
    ammonia::Builder::default()
        .rm_tags(["img", "h1"])
        .url_relative(ammonia::UrlRelative::Custom(Box::new(Resolver(opts.resolve_relative))))
        .link_rel(Some("noopener noreferrer"))
        .clean(src)
        .to_string()
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
        assert!(deep.contains("<h3>a</h3>") && deep.contains("<h6>b</h6>"), "{deep}");
        assert!(!render("<h1>raw</h1>").contains("<h1"));
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
        fn no_input_yields_a_script_tag(s in ".{0,200}") {
            let src = format!("{s}<script>x</script><a href='javascript:{s}'>l</a>");
            let html = render(&src);
            proptest::prop_assert!(!html.to_ascii_lowercase().contains("<script"));
            // The text "javascript:" may survive as escaped text; never as a link target.
            proptest::prop_assert!(!html.to_ascii_lowercase().contains("href=\"javascript:"));
        }
    }
}
