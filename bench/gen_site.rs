//! Generates a bilingual site of N incidents for benchmarks: realistic bodies of
//! about 750 words per language (headings, two lists, a table, a link, bold text),
//! every record field used, and the same bytes for the same N and seed.
//!
//! cargo run --release --example gen_site -- N OUT_DIR [SEED]

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const EN: &[&str] = &[
    "account",
    "vendor",
    "access",
    "data",
    "customer",
    "system",
    "security",
    "review",
    "report",
    "export",
    "analytics",
    "provider",
    "incident",
    "team",
    "record",
    "service",
    "message",
    "email",
    "platform",
    "support",
    "investigation",
    "attacker",
    "dataset",
    "notification",
    "password",
    "key",
    "token",
    "browser",
    "location",
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "with",
    "for",
    "from",
    "was",
    "were",
    "has",
    "had",
    "not",
    "we",
    "our",
    "their",
    "some",
    "all",
    "after",
    "before",
    "during",
    "confirmed",
    "removed",
    "reset",
    "limited",
    "exposed",
];
const AR: &[&str] = &[
    "الحساب",
    "المزوّد",
    "الوصول",
    "البيانات",
    "العميل",
    "النظام",
    "الأمان",
    "المراجعة",
    "التقرير",
    "التصدير",
    "التحليلات",
    "الخدمة",
    "الحادثة",
    "الفريق",
    "السجل",
    "الرسالة",
    "البريد",
    "المنصة",
    "الدعم",
    "التحقيق",
    "المهاجم",
    "الإشعار",
    "كلمة",
    "المرور",
    "المفتاح",
    "المتصفح",
    "الموقع",
    "في",
    "من",
    "إلى",
    "على",
    "مع",
    "عن",
    "بعد",
    "قبل",
    "خلال",
    "كان",
    "كانت",
    "لم",
    "قد",
    "نحن",
    "لدينا",
    "بعض",
    "كل",
    "أكّد",
    "أزال",
    "محدود",
    "كُشف",
    "تم",
    "هذه",
    "هذا",
    "التي",
    "الذي",
    "وقد",
    "ثم",
];
const CLASSES: &[&str] = &[
    "names",
    "email_addresses",
    "phone_numbers",
    "approximate_location",
    "ip_addresses",
    "user_agents",
    "referrers",
    "account_ids",
    "profile_info",
    "passwords",
    "api_keys",
    "payment_info",
    "chat_content",
    "government_ids",
    "uploaded_files",
    "usage_analytics",
];

/// SplitMix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn words(&mut self, dict: &[&str], n: usize) -> String {
        (0..n)
            .map(|_| dict[self.below(dict.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn body(rng: &mut Rng, dict: &[&str], ar: bool) -> String {
    let h = |en: &'static str, a: &'static str| if ar { a } else { en };
    let mut s = String::new();
    let para = |rng: &mut Rng, s: &mut String, words: usize| {
        let _ = writeln!(
            s,
            "{} **{}** {}.\n",
            rng.words(dict, words / 2),
            rng.words(dict, 2),
            rng.words(dict, words / 2)
        );
    };
    let _ = writeln!(s, "## {}\n", h("What happened", "ما الذي حدث"));
    for _ in 0..3 {
        para(rng, &mut s, 60);
    }
    let _ = writeln!(s, "## {}\n", h("What was exposed", "ما الذي كُشف"));
    for _ in 0..5 {
        let _ = writeln!(s, "- {}", rng.words(dict, 8));
    }
    s.push('\n');
    let _ = writeln!(
        s,
        "| {} | {} |\n|---|---|",
        h("Data", "البيانات"),
        h("Status", "الحالة")
    );
    for _ in 0..4 {
        let _ = writeln!(s, "| {} | {} |", rng.words(dict, 2), rng.words(dict, 1));
    }
    s.push('\n');
    let _ = writeln!(s, "## {}\n", h("What we did", "ما الذي فعلناه"));
    for _ in 0..3 {
        para(rng, &mut s, 60);
    }
    for i in 1..=5 {
        let _ = writeln!(s, "{i}. {}", rng.words(dict, 10));
    }
    s.push('\n');
    let _ = writeln!(s, "## {}\n", h("What you should do", "ما الذي عليك فعله"));
    for _ in 0..3 {
        para(rng, &mut s, 60);
    }
    let _ = writeln!(
        s,
        "{} [{}](https://vendor.example/notice) security@example.com.",
        rng.words(dict, 12),
        h("notice", "الإشعار")
    );
    s
}

fn text(rng: &mut Rng, words: usize) -> String {
    format!(
        "\n    en: \"{}\"\n    ar: \"{}\"",
        rng.words(EN, words),
        rng.words(AR, words)
    )
}

fn incident(rng: &mut Rng, i: usize) -> String {
    let year = 2016 + i % 10;
    let (month, day) = (1 + rng.below(12), 1 + rng.below(28));
    let statuses = [
        "investigating",
        "identified",
        "monitoring",
        "resolved",
        "resolved",
        "resolved",
    ];
    let severities = ["low", "medium", "high", "critical"];
    let mut classes: Vec<&str> = CLASSES.to_vec();
    for k in (1..classes.len()).rev() {
        classes.swap(k, rng.below(k + 1));
    }
    let mut y = String::new();
    let _ = writeln!(y, "title:{}", text(rng, 9));
    let _ = writeln!(y, "summary:{}", text(rng, 45));
    let _ = writeln!(y, "status: {}", statuses[rng.below(statuses.len())]);
    let _ = writeln!(y, "severity: {}", severities[rng.below(severities.len())]);
    let _ = writeln!(
        y,
        "published: {year}-{month:02}-{day:02}T{:02}:{:02}:00Z",
        rng.below(24),
        rng.below(60)
    );
    let _ = write!(
        y,
        "vendors:\n  - name: Vendor {}\n    url: \"https://vendor{}.example\"\n    role:{}\n    status: removed\n",
        i % 97,
        i % 97,
        text(rng, 4).replace("\n    ", "\n      ")
    );
    let _ = writeln!(y, "affected:{}", text(rng, 10));
    let _ = writeln!(y, "not_affected:{}", text(rng, 8));
    let _ = writeln!(
        y,
        "affected_count: {{ value: {}, qualifier: about }}",
        100 + rng.below(2_000_000)
    );
    let _ = writeln!(
        y,
        "data:\n  exposed: [{}]\n  possibly_exposed: [{}]\n  not_exposed: [{}]",
        classes[..5].join(", "),
        classes[5],
        classes[6..11].join(", ")
    );
    let _ = write!(
        y,
        "timeline:\n  - at: {year}-{month:02}-{day:02}\n    text:{}\n",
        text(rng, 12).replace("\n    ", "\n      ")
    );
    let _ = write!(
        y,
        "actions:\n  - text:{}\n  - text:{}\n",
        text(rng, 12).replace("\n    ", "\n      "),
        text(rng, 12).replace("\n    ", "\n      ")
    );
    let _ = write!(
        y,
        "advice:\n  - {}\n  - {}\n",
        text(rng, 10).trim_start().to_owned(),
        text(rng, 10).trim_start().to_owned()
    );
    y
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(out)) = (
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: gen_site N OUT_DIR [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(42);
    let root = Path::new(out);
    let inc_dir = root.join("content/incidents");
    fs::create_dir_all(&inc_dir).unwrap();
    fs::write(
        root.join("content/site.yaml"),
        "title:\n  en: Bench Advisories\n  ar: إشعارات القياس\nbase_url: \"https://bench.example/advisories/\"\nlanguages: [en, ar]\ntimezone: Asia/Riyadh\ncontact:\n  email: security@bench.example\nverify:\n  domains: [bench.example]\n",
    )
    .unwrap();
    let mut rng = Rng(seed);
    for i in 0..n {
        let dir = inc_dir.join(format!("{}-incident-{i:05}", 2016 + i % 10));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("incident.yaml"), incident(&mut rng, i)).unwrap();
        fs::write(dir.join("en.md"), body(&mut rng, EN, false)).unwrap();
        fs::write(dir.join("ar.md"), body(&mut rng, AR, true)).unwrap();
    }
}
