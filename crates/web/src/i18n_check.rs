//! Every message the templates and handlers use exists in both languages.

#[cfg(test)]
mod tests {
    use cohorte_domain::lang::Lang;

    use crate::i18n::has;

    #[test]
    fn every_message_used_in_templates_and_code_exists_in_both_languages() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut missing = Vec::new();
        let mut files = Vec::new();
        for dir in ["templates", "templates/pages", "templates/partials", "src", "src/routes", "src/views"] {
            for e in std::fs::read_dir(root.join(dir)).into_iter().flatten().flatten() {
                if e.path().is_file() {
                    files.push(e.path());
                }
            }
        }
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            for (i, _) in text.match_indices(".t(\"") {
                let rest = &text[i + 4..];
                let key: String = rest.chars().take_while(|c| *c != '"').collect();
                if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                    continue;
                }
                for lang in Lang::ALL {
                    if !has(lang, &key) {
                        missing.push(format!("{}: {key} ({lang})", f.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "missing messages:\n{}", missing.join("\n"));
    }
}
