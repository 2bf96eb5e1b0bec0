//! `bayan watch` and `bayan serve` as a person runs them: a real process, real
//! file edits, HTTP on loopback, every wait bounded.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::*;

const INC: &str = "2026-01-sms-gateway";
const WAIT: Duration = Duration::from_secs(15);

/// A running `bayan` whose stdout lines arrive on a channel; killed on drop.
struct Running {
    child: Child,
    lines: Receiver<String>,
}

impl Running {
    fn start(root: &Path, args: &[&str]) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bayan"))
            .args(args)
            .current_dir(root)
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let out = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Running { child, lines: rx }
    }

    /// The next line containing `needle`, within the bounded wait.
    fn expect(&self, needle: &str) -> String {
        let deadline = Instant::now() + WAIT;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        panic!("no line containing {needle:?} within {WAIT:?}");
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn clean_tree(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let o = bayan(root, &["build", "-q", "--output", "clean-output"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = tree(&root.join("clean-output"));
    std::fs::remove_dir_all(root.join("clean-output")).unwrap();
    t
}

fn assert_output_is_clean_build(root: &Path) {
    assert!(
        tree(&root.join("output")) == clean_tree(root),
        "output/ differs from a clean build"
    );
}

#[test]
fn watch_rebuilds_edits_additions_deletions_and_recovers_from_errors() {
    let site = fixture("minimal");
    let root = site.path();
    let w = Running::start(root, &["watch"]);
    w.expect("watching");
    let yaml = format!("content/incidents/{INC}/incident.yaml");

    edit(root, &yaml, "status: resolved", "status: monitoring");
    w.expect(&format!("rebuilt {INC}"));
    assert_output_is_clean_build(root);

    edit(root, &yaml, "status: monitoring", "status: [monitoring");
    w.expect("not rebuilt");
    edit(root, &yaml, "status: [monitoring", "status: identified");
    w.expect(&format!("rebuilt {INC}"));
    assert_output_is_clean_build(root);

    // Prepared elsewhere and moved in at once, as a person would paste a folder.
    copy_dir(
        &root.join("content/incidents").join(INC),
        &root.join("staging"),
    );
    std::fs::rename(
        root.join("staging"),
        root.join("content/incidents/2025-03-second"),
    )
    .unwrap();
    w.expect("rebuilt 2025-03-second");
    assert_output_is_clean_build(root);
    std::fs::remove_dir_all(root.join("content/incidents/2025-03-second")).unwrap();
    w.expect("rebuilt 2025-03-second");
    assert!(!root.join("output/en/incidents/2025-03-second").exists());
    assert_output_is_clean_build(root);

    // A theme folder that did not exist when watching began.
    std::fs::create_dir_all(root.join("themes/default/i18n")).unwrap();
    std::fs::write(
        root.join("themes/default/i18n/en.yaml"),
        "strings:\n  all_advisories: Every advisory\n",
    )
    .unwrap();
    w.expect("rebuilt site");
    let deadline = Instant::now() + WAIT;
    while !read(&root.join("output/en/index.html")).contains("Every advisory") {
        assert!(Instant::now() < deadline, "string change not applied");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_output_is_clean_build(root);
}

/// One HTTP/1.1 request over loopback: (status, headers, body).
fn http(addr: &str, method: &str, path: &str) -> (u16, String, Vec<u8>) {
    http_as(addr, addr, method, path)
}

/// The same, with `host` in the Host header.
fn http_as(addr: &str, host: &str, method: &str, path: &str) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).to_lowercase();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, head, raw[split + 4..].to_vec())
}

#[test]
fn serve_serves_the_site_at_its_path_with_live_reload_and_error_overlay() {
    let site = fixture("arabic-subpath");
    let root = site.path();
    let (s, addr) = serve(root, &[]);
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");
    let base = "/advisories/";

    let (status, head, body) = http(&addr, "GET", &format!("{base}ar/"));
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html; charset=utf-8"));
    let page = String::from_utf8(body).unwrap();
    assert!(
        page.contains(&format!("<script src=\"{base}__bayan/livereload.js?g=")),
        "no live reload"
    );
    assert!(
        !read(&root.join("output/ar/index.html")).contains("__bayan"),
        "live reload leaked into output/"
    );

    for (path, ty) in [
        ("ar/feed.xml", "application/xml"),
        ("incidents.json", "application/json"),
        ("robots.txt", "text/plain"),
        ("logo.svg", "image/svg+xml"),
        (
            "ar/incidents/2026-03-crm-export/export%20diagram.png",
            "image/png",
        ),
        (
            "ar/incidents/2026-03-crm-export/report.pdf",
            "application/pdf",
        ),
    ] {
        let (status, head, _) = http(&addr, "GET", &format!("{base}{path}"));
        assert_eq!(status, 200, "{path}");
        assert!(
            head.contains(&format!("content-type: {ty}")),
            "{path}: {head}"
        );
    }
    let css = tree(&root.join("output"))
        .into_keys()
        .find(|p| p.ends_with(".css"))
        .unwrap();
    assert!(
        http(&addr, "GET", &format!("{base}{css}"))
            .1
            .contains("text/css")
    );
    let font = tree(&root.join("output"))
        .into_keys()
        .find(|p| p.ends_with(".woff2"))
        .unwrap();
    assert!(
        http(&addr, "GET", &format!("{base}{font}"))
            .1
            .contains("font/woff2")
    );

    let (status, _, body) = http(&addr, "GET", &format!("{base}no/such/page/"));
    assert_eq!(status, 404);
    assert!(
        String::from_utf8_lossy(&body).contains("الصفحة غير موجودة"),
        "site's 404 page"
    );
    for bad in [
        format!("{base}../../Cargo.toml"),
        format!("{base}%2e%2e/%2e%2e/etc/passwd"),
        format!("{base}..%2f..%2fetc/passwd"),
    ] {
        let (status, _, body) = http(&addr, "GET", &bad);
        assert!(status == 404 || status == 400, "{bad}: {status}");
        assert!(
            !String::from_utf8_lossy(&body).contains("root:"),
            "{bad} escaped output/"
        );
    }
    assert_eq!(http(&addr, "POST", &format!("{base}ar/")).0, 405);
    assert_eq!(http(&addr, "HEAD", &format!("{base}ar/")).0, 200);

    // Live reload: the event stream announces each rebuild.
    let mut events = TcpStream::connect(&addr).unwrap();
    events.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        events,
        "GET {base}__bayan/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(events);
    let next_data = |r: &mut BufReader<TcpStream>| loop {
        let mut l = String::new();
        assert!(r.read_line(&mut l).unwrap() > 0, "event stream closed");
        if let Some(d) = l.strip_prefix("data: ") {
            return d.trim().to_owned();
        }
    };
    let first = next_data(&mut reader);
    let yaml = "content/incidents/2026-03-crm-export/incident.yaml";
    edit(root, yaml, "severity: high", "severity: critical");
    s.expect("rebuilt 2026-03-crm-export");
    assert_ne!(
        next_data(&mut reader),
        first,
        "no reload event after a rebuild"
    );

    // A broken save: the last good page, with the error over it.
    edit(root, yaml, "severity: critical", "severity: [critical");
    s.expect("not rebuilt");
    let page = String::from_utf8(http(&addr, "GET", &format!("{base}ar/")).2).unwrap();
    assert!(
        page.contains("id=\"bayan-overlay\"") && page.contains("incident.yaml"),
        "no error overlay"
    );
    edit(root, yaml, "severity: [critical", "severity: high");
    s.expect("rebuilt 2026-03-crm-export");
    let page = String::from_utf8(http(&addr, "GET", &format!("{base}ar/")).2).unwrap();
    assert!(
        !page.contains("bayan-overlay"),
        "overlay stayed after the fix"
    );
}

#[test]
fn serve_refuses_a_port_in_use() {
    let site = fixture("minimal");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let o = bayan(site.path(), &["serve", "--port", &port]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("choose another --port"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn serve_survives_many_connections_long_urls_and_odd_methods() {
    let site = fixture("minimal");
    let (_server, addr) = serve(site.path(), &[]);
    // 64 clients at once, 5 requests each, all answered.
    let handles: Vec<_> = (0..64)
        .map(|_| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                (0..5)
                    .map(|_| http(&addr, "GET", "/en/").0)
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    for h in handles {
        assert!(h.join().unwrap().iter().all(|&s| s == 200));
    }
    let long = format!("/en/{}", "a".repeat(10_000));
    assert_eq!(http(&addr, "GET", &long).0, 414);
    for method in ["PUT", "DELETE", "OPTIONS", "PATCH"] {
        assert_eq!(http(&addr, method, "/en/").0, 405, "{method}");
    }
    assert_eq!(http(&addr, "GET", "/en/%zz").0, 400);
    // Still up.
    assert_eq!(http(&addr, "GET", "/en/").0, 200);
}

/// Starts `bayan serve --port 0` (plus `extra`) and returns it with its address.
fn serve(root: &Path, extra: &[&str]) -> (Running, String) {
    let mut args = vec!["serve", "--port", "0"];
    args.extend_from_slice(extra);
    let s = Running::start(root, &args);
    let line = s.expect("serving http://");
    let addr = line
        .split_whitespace()
        .nth(1)
        .unwrap()
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    (s, addr)
}

#[test]
fn dns_rebinding_host_headers_are_refused() {
    let site = fixture("minimal");
    let (_s, addr) = serve(site.path(), &[]);
    let port = addr.rsplit(':').next().unwrap().to_owned();
    for host in [
        "evil.example",
        &format!("evil.example:{port}"),
        "127.0.0.1.evil.example",
        "",
    ] {
        for path in ["/en/", "/__bayan/events", "/__bayan/livereload.js"] {
            let (status, head, body) = http_as(&addr, host, "GET", path);
            assert_eq!(status, 421, "Host {host:?} {path}");
            assert!(head.contains("content-type: text/plain"), "{head}");
            let body = String::from_utf8(body).unwrap();
            assert!(body.contains("localhost") && body.len() < 200, "{body}");
        }
    }
    for host in [
        addr.clone(),
        format!("localhost:{port}"),
        "localhost".to_owned(),
        "LocalHost".to_owned(),
        "127.0.0.1".to_owned(),
        format!("127.3.4.5:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(http_as(&addr, &host, "GET", "/en/").0, 200, "Host {host:?}");
        assert_eq!(
            http_as(&addr, &host, "GET", "/__bayan/livereload.js").0,
            200,
            "Host {host:?}"
        );
    }
}

#[test]
fn percent_encoded_base_path_is_served_and_follows_base_url_changes() {
    let site = fixture("arabic-subpath");
    let root = site.path();
    edit(
        root,
        "content/site.yaml",
        "https://nahda.github.io/advisories/",
        "https://nahda.github.io/إشعارات/",
    );
    let (s, addr) = serve(root, &[]);
    let encoded = url::Url::parse("https://nahda.github.io/إشعارات/")
        .unwrap()
        .path()
        .to_owned();
    assert!(encoded.starts_with("/%D8%A5"), "{encoded}");
    let (status, _, body) = http(&addr, "GET", &format!("{encoded}ar/"));
    assert_eq!(status, 200, "the Arabic base path");
    let page = String::from_utf8(body).unwrap();
    let script = format!("{encoded}__bayan/livereload.js");
    assert!(
        page.contains(&format!("<script src=\"{script}?g=")),
        "no live reload"
    );
    assert_eq!(http(&addr, "GET", &script).0, 200);
    let (status, head, _) = http(&addr, "GET", "/");
    assert_eq!(status, 307);
    assert!(
        head.contains(&format!("location: {}", encoded.to_lowercase())),
        "{head}"
    );

    // base_url moves: the server follows after the rebuild.
    edit(
        root,
        "content/site.yaml",
        "https://nahda.github.io/إشعارات/",
        "https://nahda.github.io/notices/",
    );
    s.expect("rebuilt site");
    assert_eq!(
        http(&addr, "GET", "/notices/ar/").0,
        200,
        "the new base path"
    );
    assert_eq!(
        http(&addr, "GET", &format!("{encoded}ar/")).0,
        404,
        "the old one"
    );
}

#[test]
fn a_client_stalling_mid_request_line_is_disconnected() {
    let site = fixture("minimal");
    let (_s, addr) = serve(site.path(), &[]);
    let mut c = TcpStream::connect(&addr).unwrap();
    c.set_read_timeout(Some(WAIT)).unwrap();
    c.write_all(b"GET /en/ HT").unwrap();
    let start = Instant::now();
    let mut rest = Vec::new();
    match c.read_to_end(&mut rest) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
        Err(e) => panic!("still connected after {:?}: {e}", start.elapsed()),
    }
    assert!(
        start.elapsed() < bayan::serve::HEADER_TIMEOUT + Duration::from_secs(3),
        "closed only after {:?}",
        start.elapsed()
    );
    // The server still answers others.
    assert_eq!(http(&addr, "GET", "/en/").0, 200);
}

/// Names of the temporary files bayan writes beside a target (`.NAME.bayan-PID`)
/// and of staging folders, anywhere under `dir`, symlinks included.
fn temp_files_under(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".bayan-") && n != ".bayan-output" && !n.ends_with(".bayan-lock"))
        .collect()
}

#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_keeps_watch_running_removes_its_temp_files_and_recovers() {
    let site = fixture("minimal");
    let root = site.path();
    let mut w = Running::start(root, &["watch"]);
    w.expect("watching");
    // The next write of this page goes to a full disk: its temporary name is
    // made to lead to /dev/full, where every write fails with ENOSPC.
    let page_dir = root.join("output/en/incidents").join(INC);
    let tmp = page_dir.join(format!(".index.html.bayan-{}", w.child.id()));
    std::os::unix::fs::symlink("/dev/full", &tmp).unwrap();
    let yaml = format!("content/incidents/{INC}/incident.yaml");
    edit(root, &yaml, "status: resolved", "status: monitoring");
    w.expect("could not write the output");
    assert!(w.child.try_wait().unwrap().is_none(), "watch stopped");
    assert!(
        std::fs::symlink_metadata(&tmp).is_err(),
        "temporary file left behind"
    );
    assert_eq!(temp_files_under(&root.join("output")), Vec::<String>::new());
    // The next save repairs the whole site.
    edit(root, &yaml, "status: monitoring", "status: identified");
    w.expect("rebuilt site");
    assert_output_is_clean_build(root);
    assert_eq!(temp_files_under(root), Vec::<String>::new());
}

#[test]
fn replacing_the_incidents_folder_whole_is_noticed() {
    let site = fixture("minimal");
    let root = site.path();
    let w = Running::start(root, &["watch"]);
    w.expect("watching");
    // A new incidents folder, prepared elsewhere: one advisory under another id.
    let new = root.join("incidents-new");
    copy_dir(
        &root.join("content/incidents").join(INC),
        &new.join("2025-03-second"),
    );
    std::fs::rename(root.join("content/incidents"), root.join("incidents-old")).unwrap();
    std::fs::rename(&new, root.join("content/incidents")).unwrap();
    let out = root.join("output/en/incidents");
    let deadline = Instant::now() + WAIT;
    let built = || out.join("2025-03-second").is_dir() && !out.join(INC).exists();
    while !built() {
        assert!(
            Instant::now() < deadline,
            "the new incidents folder was not built"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_output_is_clean_build(root);
    // Files in the new folder are watched too.
    edit(
        root,
        "content/incidents/2025-03-second/incident.yaml",
        "status: resolved",
        "status: monitoring",
    );
    w.expect("rebuilt 2025-03-second");
    assert_output_is_clean_build(root);
}

#[cfg(unix)]
#[test]
fn the_watcher_does_not_follow_symlinks_out_of_the_site() {
    let site = fixture("minimal");
    let root = site.path();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("notes.txt"), "0").unwrap();
    std::fs::create_dir_all(root.join("themes/unused")).unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("themes/unused/linked")).unwrap();
    let w = Running::start(root, &["watch"]);
    w.expect("watching");
    for i in 1..=3 {
        std::fs::write(outside.path().join("notes.txt"), i.to_string()).unwrap();
        std::fs::write(outside.path().join(format!("new-{i}.txt")), "x").unwrap();
    }
    std::thread::sleep(Duration::from_millis(1500));
    let seen: Vec<String> = w
        .lines
        .try_iter()
        .filter(|l| l.contains("rebuilt"))
        .collect();
    assert!(
        seen.is_empty(),
        "rebuilt on files outside the site: {seen:?}"
    );
    // Still watching the site itself.
    edit(
        root,
        &format!("content/incidents/{INC}/incident.yaml"),
        "status: resolved",
        "status: monitoring",
    );
    w.expect(&format!("rebuilt {INC}"));
}

#[test]
fn one_save_prints_one_rebuilt_line_and_a_save_that_changes_nothing_prints_none() {
    let site = fixture("minimal");
    let root = site.path();
    let w = Running::start(root, &["watch"]);
    w.expect("watching");
    let yaml = root.join(format!("content/incidents/{INC}/incident.yaml"));
    let settle = |w: &Running| {
        std::thread::sleep(Duration::from_millis(1500));
        w.lines
            .try_iter()
            .filter(|l| l.contains("rebuilt"))
            .collect::<Vec<_>>()
    };
    // Saved again as it was: the output would not change, so nothing is said.
    let same = read(&yaml);
    std::fs::write(&yaml, &same).unwrap();
    let seen = settle(&w);
    assert!(
        seen.is_empty(),
        "a save that changed nothing printed {seen:?}"
    );
    // A real edit: one line, naming the files it wrote.
    edit(
        root,
        &format!("content/incidents/{INC}/incident.yaml"),
        "status: resolved",
        "status: monitoring",
    );
    // One line for the save, naming files written, and nothing after it.
    let one_line = |how: &str| {
        let line = w.expect(&format!("rebuilt {INC}"));
        assert!(!line.contains(": 0 files"), "{line}");
        let seen = settle(&w);
        assert!(
            seen.is_empty(),
            "one save {how}, more lines: {line} then {seen:?}"
        );
    };
    one_line("in place");
    // A save as many editors make it: the new text written to a temporary file
    // beside it, the old one kept as a backup, the temporary renamed over it.
    let text = read(&yaml).replace("status: monitoring", "status: resolved");
    let tmp = yaml.with_extension("yaml.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&yaml, yaml.with_extension("yaml~")).unwrap();
    std::fs::rename(&tmp, &yaml).unwrap();
    one_line("by rename");
}

/// Issue 17: `/__review/ID/` shows every text in every language side by side,
/// lagging fields marked, follows edits, and is never written to output/.
#[test]
fn the_review_page_shows_every_text_side_by_side_with_lag_marked() {
    let site = fixture("minimal");
    let root = site.path();
    let yaml = format!("content/incidents/{INC}/incident.yaml");
    assert!(bayan(root, &["translated", INC]).status.success());
    edit(root, &yaml, "en: Ignore codes", "en: Please ignore codes");
    let (s, addr) = serve(root, &[]);
    let (status, head, body) = http(&addr, "GET", &format!("/__review/{INC}/"));
    assert_eq!(status, 200, "{head}");
    assert!(head.contains("text/html"), "{head}");
    let page = String::from_utf8(body).unwrap();
    // Both languages' texts and bodies, each cell in its language and direction.
    assert!(
        page.contains(
            r#"<td lang="en" dir="ltr">SMS gateway sent codes to the wrong numbers</td>"#
        ),
        "{page}"
    );
    assert!(
        page.contains(r#"<td lang="ar" dir="rtl">بوابة الرسائل أرسلت رموزاً إلى أرقام خاطئة</td>"#),
        "{page}"
    );
    assert!(page.contains("<th scope=\"row\">body</th>"));
    assert!(page.contains("The provider fixed the routing fault."));
    // The Arabic advice lags, and only it is marked.
    assert!(page.contains(r#"<td lang="ar" dir="rtl" class="lag"><span class="lag-mark">may lag</span>تجاهل الرموز"#), "{page}");
    assert_eq!(page.matches("class=\"lag\"").count(), 1, "{page}");
    assert!(
        page.contains("livereload.js"),
        "it reloads after each rebuild"
    );
    let (status, _, css) = http(&addr, "GET", "/__bayan/review.css");
    assert_eq!(status, 200);
    assert!(!css.is_empty());
    assert_eq!(http(&addr, "GET", "/__review/2026-01-nope/").0, 404);
    let (status, head, _) = http(&addr, "GET", &format!("/__review/{INC}"));
    assert_eq!(status, 308);
    assert!(
        head.contains(&format!("location: /__review/{INC}/")),
        "{head}"
    );

    // Arabic follows: after the rebuild nothing is marked.
    edit(root, &yaml, "ar: تجاهل الرموز", "ar: يرجى تجاهل الرموز");
    s.expect("rebuilt");
    let (_, _, body) = http(&addr, "GET", &format!("/__review/{INC}/"));
    let page = String::from_utf8(body).unwrap();
    assert!(page.contains("يرجى تجاهل الرموز"), "{page}");
    assert!(!page.contains("class=\"lag\""), "{page}");
    assert!(
        tree(&root.join("output"))
            .keys()
            .all(|p| !p.contains("review"))
    );
}

/// Issue 13: `serve` shows each advisory's notices beside its page: an index
/// with the SMS part counts, the HTML part as a mail client renders it, the
/// plain text and the SMS as sent; it follows edits and writes nothing to
/// output/.
#[test]
fn serve_previews_each_advisorys_notices_beside_its_page() {
    let site = fixture("minimal");
    let root = site.path();
    let (s, addr) = serve(root, &[]);
    let (status, head, body) = http(&addr, "GET", &format!("/__notice/{INC}/"));
    assert_eq!(status, 200, "{head}");
    let index = String::from_utf8(body).unwrap();
    for file in [
        "ar.html",
        "en.html",
        "bilingual.html",
        "ar.txt",
        "en.sms.txt",
    ] {
        assert!(
            index.contains(&format!("<a href=\"{file}\">{file}</a>")),
            "{file}: {index}"
        );
    }
    assert!(index.contains("the SMS: "), "{index}");
    assert!(
        index.contains("UCS-2"),
        "the Arabic SMS is counted: {index}"
    );
    assert!(
        index.contains("livereload.js"),
        "it reloads after each rebuild"
    );
    // Issue 23: the previews send a Content-Security-Policy, the review page's.
    assert!(
        head.contains(
            "content-security-policy: default-src 'self'; style-src 'self'; script-src 'self'"
        ),
        "{head}"
    );
    let (status, head, html) = http(&addr, "GET", &format!("/__notice/{INC}/ar.html"));
    assert_eq!(status, 200);
    assert!(head.contains("text/html"), "{head}");
    assert!(
        head.contains("content-security-policy: default-src 'none'; style-src 'unsafe-inline'"),
        "a message loads and runs nothing: {head}"
    );
    let html = String::from_utf8(html).unwrap();
    assert!(html.contains("dir=\"rtl\""), "{html}");
    assert!(
        !html.contains("livereload.js"),
        "a message is shown as sent"
    );
    let (status, head, sms) = http(&addr, "GET", &format!("/__notice/{INC}/en.sms.txt"));
    assert_eq!(status, 200);
    assert!(head.contains("text/plain"), "{head}");
    let sms = String::from_utf8(sms).unwrap();
    assert!(sms.contains(&format!("/en/incidents/{INC}/")), "{sms}");
    assert_eq!(http(&addr, "GET", "/__notice/2026-01-nope/").0, 404);
    assert_eq!(
        http(&addr, "GET", &format!("/__notice/{INC}/nope.txt")).0,
        404
    );
    let (status, head, _) = http(&addr, "GET", &format!("/__notice/{INC}"));
    assert_eq!(status, 308);
    assert!(
        head.contains(&format!("location: /__notice/{INC}/")),
        "{head}"
    );

    // An edit reaches the preview with the rebuild.
    let yaml = format!("content/incidents/{INC}/incident.yaml");
    edit(root, &yaml, "en: Ignore codes", "en: Please ignore codes");
    s.expect("rebuilt");
    let (_, _, text) = http(&addr, "GET", &format!("/__notice/{INC}/en.txt"));
    assert!(
        String::from_utf8(text)
            .unwrap()
            .contains("Please ignore codes")
    );
    assert!(
        tree(&root.join("output"))
            .keys()
            .all(|p| !p.contains("notice") && !p.ends_with(".eml"))
    );
}

#[test]
fn after_a_failed_first_build_serve_prints_its_address_with_the_base_path() {
    let site = fixture("arabic-subpath");
    let root = site.path();
    edit(
        root,
        "content/incidents/2026-03-crm-export/incident.yaml",
        "severity: ",
        "severity: x",
    );
    let s = Running::start(root, &["serve", "--port", "0"]);
    let line = s.expect("serving http://");
    assert!(line.contains("/advisories/ (Ctrl-C"), "{line}");
}
