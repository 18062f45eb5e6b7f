//! Every message the templates and handlers use exists in both languages: literal keys
//! (`c.t("…")`, `c.ts("…")`, `c.tn("…")`), the field names and error codes of every
//! `FieldError` in the code, and the keys built from closed lists (statuses, profiles…).

#[cfg(test)]
mod tests {
    use cohorte_domain::cohort::{MilestoneKind, ProfileKind, TextField};
    use cohorte_domain::content::ChallengeStatus;
    use cohorte_domain::lang::Lang;
    use cohorte_domain::proposal::{ContactRole, Decision, ProposalStatus};

    use crate::i18n::has;

    fn files(root: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(root).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                files(&p, out);
            } else {
                out.push(p);
            }
        }
    }

    fn quoted_after<'a>(text: &'a str, marker: &str) -> Vec<&'a str> {
        text.match_indices(marker)
            .filter_map(|(i, _)| {
                let rest = &text[i + marker.len()..];
                let end = rest.find('"')?;
                Some(&rest[..end])
            })
            .filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .collect()
    }

    #[test]
    fn every_message_used_in_templates_and_code_exists_in_both_languages() {
        let web = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut all = Vec::new();
        files(&web.join("templates"), &mut all);
        files(&web.join("src"), &mut all);
        let mut code_files = Vec::new();
        for krate in ["../domain/src", "../app/src", "src"] {
            files(&web.join(krate), &mut code_files);
        }
        let mut keys = std::collections::BTreeSet::new();
        for f in &all {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            for marker in [".t(\"", ".ts(\"", ".tn(\""] {
                keys.extend(quoted_after(&text, marker).into_iter().map(str::to_owned));
            }
        }
        for f in &code_files {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            keys.extend(quoted_after(&text, "code: \"").into_iter().map(|c| format!("error-{c}")));
            keys.extend(quoted_after(&text, "field: \"").into_iter().map(|c| format!("field-{c}")));
        }
        for s in ProposalStatus::ALL {
            keys.insert(format!("status-{s}"));
        }
        for p in ProfileKind::ALL {
            keys.insert(format!("profile-kind-{p}"));
        }
        for d in Decision::ALL {
            keys.insert(format!("outcome-{d}"));
        }
        for s in ChallengeStatus::ALL {
            keys.insert(format!("challenge-status-{s}"));
        }
        for m in MilestoneKind::ALL {
            keys.insert(format!("field-{m}"));
        }
        for t in TextField::ALL.iter().filter(|t| **t != TextField::Status) {
            keys.insert(format!("field-{t}"));
        }
        for r in ContactRole::ALL {
            keys.insert(format!("field-{r}"));
            keys.insert(format!("contact-{r}"));
            keys.insert(format!("member-{r}"));
        }
        for k in [
            "member-author",
            "opinion-favourable",
            "opinion-unfavourable",
            "review-shortlist",
            "review-reject",
            "review-more_information",
            "step-start_review",
            "step-request_information",
            "step-shortlist",
            "step-not_shortlist",
            "step-ineligible",
            "step-incomplete",
            "step-heard",
            "step-no_show",
            "field-status_text",
        ] {
            keys.insert(k.to_owned());
        }
        let mut missing = Vec::new();
        for lang in Lang::ALL {
            let ftl = std::fs::read_to_string(web.join(format!("../app/locales/{lang}/main.ftl"))).unwrap_or_default();
            let defined: std::collections::BTreeSet<&str> = ftl
                .lines()
                .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
                .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim()))
                .collect();
            for key in &keys {
                if !defined.contains(key.as_str()) && !has(lang, key) {
                    missing.push(format!("{key} ({lang})"));
                }
            }
        }
        assert!(missing.is_empty(), "missing messages:\n{}", missing.join("\n"));
    }
}
