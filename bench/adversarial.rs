//! Render time of 1 MB adversarial bodies: the inputs that made the old bidi
//! isolation and link trimming quadratic, through the Markdown writer exactly as a
//! build renders an Arabic body (right-to-left, with attachments), and through the
//! plain-text isolation used for titles and feeds. Prints a Markdown table.
//!
//!   cargo run --release --example adversarial

use std::time::Instant;

use bayan_text::bidi;
use bayan_text::lang::Direction;
use bayan_text::markdown::{LinkContext, render_block};

const SIZE: usize = 1 << 20;

/// `piece` repeated to about 1 MB, cut on a character boundary.
fn repeat(piece: &str) -> String {
    let mut s = piece.repeat(SIZE / piece.len() + 1);
    let mut end = SIZE;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

fn main() {
    let cases: Vec<(&str, String)> = vec![
        ("1(1(1(…", repeat("1(")),
        ("((((a", format!("{}a", "(".repeat(SIZE - 1))),
        (
            "+966 55 123 4567 in Arabic",
            repeat("اتصل على +966 55 123 4567 الآن. "),
        ),
        ("digits and spaces", repeat("1 ")),
        ("a@b.example،", repeat("راسلنا a@b.example، ")),
        (
            "URL)))",
            format!("https://x.example/{}", ")".repeat(SIZE - 20)),
        ),
        ("Latin run with brackets", repeat("A(B[C{D ")),
        ("mixed scripts", repeat("ي A ي 1 ")),
    ];
    let files = std::collections::BTreeSet::new();
    let ctx = LinkContext {
        attachments: Some(&files),
        attachment_base: "/ar/incidents/x/",
        rtl: true,
        ..Default::default()
    };
    println!("| 1 MB body | render (ms) | plain isolation (ms) | runs |");
    println!("| --- | ---: | ---: | ---: |");
    for (name, body) in cases {
        let t = Instant::now();
        let r = render_block(&body, &ctx, 3);
        let render = t.elapsed();
        let t = Instant::now();
        let iso = bidi::isolate_plain(&body, Direction::Rtl);
        let plain = t.elapsed();
        let runs = bidi::runs(&body, Direction::Rtl).len();
        std::hint::black_box((&r.html, &iso));
        println!(
            "| `{name}` | {:.1} | {:.1} | {runs} |",
            render.as_secs_f64() * 1000.0,
            plain.as_secs_f64() * 1000.0
        );
    }
}
