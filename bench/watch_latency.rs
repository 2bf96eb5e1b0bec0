//! Save-to-served latency of a preview server: `bayan serve`, or `hugo server` on
//! the same content turned into a Hugo site (`bench/to_hugo.rs`). For the newest
//! advisory it saves, EDITS times each:
//!
//! - a body edit: a new line in the English body; done when the advisory's page
//!   is served with it;
//! - a title edit: a new word in the English title, which every list shows; done
//!   when the first listing page is served with it.
//!
//! Both servers are timed alike: from the save to the first GET (polled every
//! 2 ms) that returns the new text. Prints one line per kind of edit.
//!
//! cargo run --release --example watch_latency -- bayan BAYAN SITE_ROOT [EDITS]
//! cargo run --release --example watch_latency -- hugo HUGO HUGO_SITE BAYAN_SITE [EDITS] [-- HUGO_ARGS…]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn get(addr: &str, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(addr).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut body = Vec::new();
    s.read_to_end(&mut body).ok()?;
    Some(String::from_utf8_lossy(&body).into_owned())
}

/// The advisory published last (the first item of the listing), by its record.
fn newest(bayan_site: &Path) -> String {
    let mut best = (String::new(), String::new());
    for e in std::fs::read_dir(bayan_site.join("content/incidents"))
        .unwrap()
        .flatten()
    {
        let yaml = std::fs::read_to_string(e.path().join("incident.yaml")).unwrap_or_default();
        let published = yaml
            .lines()
            .find_map(|l| l.strip_prefix("published: "))
            .unwrap_or("")
            .trim_matches('"')
            .to_owned();
        let id = e.file_name().to_string_lossy().into_owned();
        if (published.as_str(), id.as_str()) > (best.0.as_str(), best.1.as_str()) {
            best = (published, id);
        }
    }
    best.1
}

/// One kind of edit: the file to save, how to change its text, and the page
/// that shows the change.
struct Edit {
    file: PathBuf,
    change: fn(&str, &str) -> String,
    page: String,
}

/// Saves each edit EDITS times and prints the save-to-served latencies.
fn run(addr: &str, edits: &[(&str, Edit)], count: usize) {
    for (name, e) in edits {
        let original = std::fs::read_to_string(&e.file).expect("read the edited file");
        let mut times = Vec::new();
        for i in 0..count {
            let token = format!("latencytoken{name}{i}");
            let text = (e.change)(&original, &token);
            assert_ne!(text, original, "{name}: the edit changed nothing");
            let saved = Instant::now();
            std::fs::write(&e.file, text).unwrap();
            loop {
                if get(addr, &e.page).is_some_and(|b| b.contains(&token)) {
                    break;
                }
                assert!(
                    saved.elapsed() < Duration::from_secs(30),
                    "{name}: {} never showed the edit",
                    e.page
                );
                std::thread::sleep(Duration::from_millis(2));
            }
            times.push(saved.elapsed());
            std::thread::sleep(Duration::from_millis(300));
        }
        std::fs::write(&e.file, &original).unwrap();
        std::thread::sleep(Duration::from_millis(500));
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let p95 = times[((times.len() as f64 * 0.95).ceil() as usize).saturating_sub(1)];
        println!(
            "{name} edit: {} saves, median {:.1} ms, p95 {:.1} ms, min {:.1} ms, max {:.1} ms (save to new page served)",
            times.len(),
            ms(times[times.len() / 2]),
            ms(p95),
            ms(times[0]),
            ms(times[times.len() - 1])
        );
    }
}

/// The English title's line in an incident.yaml (`en: …` indented under
/// `title:`), with `token` added, inside the quotes if it is quoted.
fn yaml_title(text: &str, token: &str) -> String {
    let mut out = String::new();
    let mut in_title = false;
    let mut done = false;
    for line in text.lines() {
        if !done && in_title && line.trim_start().starts_with("en: ") {
            let edited = match line.strip_suffix('"') {
                Some(open) => format!("{open} {token}\""),
                None => format!("{line} {token}"),
            };
            out.push_str(&edited);
            out.push('\n');
            done = true;
            continue;
        }
        in_title = line == "title:" || (in_title && line.starts_with(' '));
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The title in a Hugo page's JSON front matter, with `token` added.
fn front_title(text: &str, token: &str) -> String {
    let (front, body) = text.split_once("\n\n").unwrap_or((text, ""));
    let mut v: serde_json::Value = serde_json::from_str(front).expect("JSON front matter");
    let title = v["title"].as_str().unwrap_or("").to_owned();
    v["title"] = serde_json::Value::String(format!("{title} {token}"));
    format!("{v}\n\n{body}")
}

fn body(text: &str, token: &str) -> String {
    format!("{text}\n\n{token}\n")
}

/// Stops the server however the run ends, a failed assertion included: left
/// running, it would keep the benchmark's output pipe open.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for(addr: &str, path: &str, child: &mut Child) {
    let start = Instant::now();
    while get(addr, path).is_none_or(|b| !b.starts_with("HTTP/1.1 200")) {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the server exited: {status}");
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "server never served {path}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = || -> ! {
        eprintln!(
            "usage: watch_latency bayan BAYAN SITE_ROOT [EDITS]\n       watch_latency hugo HUGO HUGO_SITE BAYAN_SITE [EDITS] [-- HUGO_ARGS…]"
        );
        std::process::exit(2);
    };
    match args.get(1).map(String::as_str) {
        Some("bayan") => {
            let (Some(bin), Some(root)) = (args.get(2), args.get(3)) else {
                usage()
            };
            let count: usize = args.get(4).and_then(|n| n.parse().ok()).unwrap_or(20);
            let mut child = Server(
                Command::new(bin)
                    .args(["serve", "-q", "--port", "0", "--root", root])
                    .stdout(Stdio::piped())
                    .spawn()
                    .expect("start bayan serve"),
            );
            let mut lines = BufReader::new(child.0.stdout.take().unwrap()).lines();
            let url = loop {
                let line = lines.next().expect("serve ended").unwrap();
                if let Some(rest) = line.strip_prefix("serving http://") {
                    break rest.split_whitespace().next().unwrap().to_owned();
                }
            };
            // Keep reading what serve prints, so it never blocks on a full pipe.
            std::thread::spawn(move || for _ in lines {});
            let (addr, base) = url.split_at(url.find('/').unwrap());
            let root = Path::new(root);
            let id = newest(root);
            let dir = root.join("content/incidents").join(&id);
            wait_for(addr, &format!("{base}en/"), &mut child.0);
            run(
                addr,
                &[
                    (
                        "body",
                        Edit {
                            file: dir.join("en.md"),
                            change: body,
                            page: format!("{base}en/incidents/{id}/"),
                        },
                    ),
                    (
                        "title",
                        Edit {
                            file: dir.join("incident.yaml"),
                            change: yaml_title,
                            page: format!("{base}en/"),
                        },
                    ),
                ],
                count,
            );
        }
        Some("hugo") => {
            let (Some(bin), Some(hugo_site), Some(bayan_site)) =
                (args.get(2), args.get(3), args.get(4))
            else {
                usage()
            };
            let count: usize = args.get(5).and_then(|n| n.parse().ok()).unwrap_or(20);
            let extra: Vec<&String> = args.iter().skip_while(|a| *a != "--").skip(1).collect();
            let port = free_port();
            let mut child = Server(
                Command::new(bin)
                    .args(["server", "--quiet", "--bind", "127.0.0.1", "--port"])
                    .arg(port.to_string())
                    .args(["-s", hugo_site, "--disableLiveReload"])
                    .args(extra)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("start hugo server"),
            );
            let addr = format!("127.0.0.1:{port}");
            // Hugo serves under its baseURL's path, which is the bayan site's.
            let site_yaml =
                std::fs::read_to_string(Path::new(bayan_site).join("content/site.yaml")).unwrap();
            let base = site_yaml
                .lines()
                .find_map(|l| l.strip_prefix("base_url:"))
                .map(|u| u.trim().trim_matches('"'))
                .and_then(|u| u.split_once("://"))
                .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_owned()))
                .unwrap_or_else(|| "/".to_owned());
            wait_for(&addr, &format!("{base}en/"), &mut child.0);
            let id = newest(Path::new(bayan_site));
            let file = Path::new(hugo_site).join(format!("content/en/incidents/{id}.md"));
            run(
                &addr,
                &[
                    (
                        "body",
                        Edit {
                            file: file.clone(),
                            change: body,
                            page: format!("{base}en/incidents/{id}/"),
                        },
                    ),
                    (
                        "title",
                        Edit {
                            file,
                            change: front_title,
                            page: format!("{base}en/"),
                        },
                    ),
                ],
                count,
            );
        }
        _ => usage(),
    }
}
