//! incident.yaml parsing and every validation check on arbitrary bytes: no
//! panic, no hang, bounded memory (the parser's budgets).
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use bayan::Config;
use bayan::Theme;
use bayan::Vocabulary;
use libfuzzer_sys::fuzz_target;

struct Site {
    config: Config,
    vocab: Vocabulary,
    dir: PathBuf,
}

/// A minimal site on disk, made once: the incident's bodies are read from it.
fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("bayan-fuzz-{}", std::process::id()));
        let dir = root.join("content/incidents/2026-01-fuzz");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            root.join("content/site.yaml"),
            "title: { en: F, ar: ف }\nbase_url: \"https://f.example/\"\nlanguages: [en, ar]\ncontact: { email: a@f.example }\n",
        )
        .unwrap();
        std::fs::write(dir.join("en.md"), "Body.\n").unwrap();
        std::fs::write(dir.join("ar.md"), "نص.\n").unwrap();
        let config = Config::load(&root, None).unwrap();
        let theme = Theme::load(&config).unwrap();
        let vocab = Vocabulary::new(theme.class_labels(&config.languages), &config.vocabulary);
        Site { config, vocab, dir }
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let s = site();
    for drafts in [false, true] {
        let _ = bayan_site::content::load_text(&s.config, &s.vocab, &s.dir, &text, drafts);
    }
});
