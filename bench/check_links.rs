//! Checks a built site for broken internal links and remote loads.
//!
//! cargo run --release --example check_links -- OUTPUT_DIR BASE_URL

#[path = "../tests/support/links.rs"]
mod support;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(out), Some(base)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: check_links OUTPUT_DIR BASE_URL");
        std::process::exit(2);
    };
    let path = base
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
        .unwrap_or("/");
    let r = support::check_links(std::path::Path::new(out), path, base);
    for b in r.broken.iter().chain(&r.remote_loads).take(50) {
        println!("{b}");
    }
    println!(
        "{} internal references checked, {} broken, {} remote loads",
        r.checked,
        r.broken.len(),
        r.remote_loads.len()
    );
    if !r.broken.is_empty() || !r.remote_loads.is_empty() {
        std::process::exit(1);
    }
}
