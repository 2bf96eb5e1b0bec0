//! Save-to-served latency of `bayan serve`: edits one incident's body EDITS times
//! and measures, for each save, the time until the server has sent its reload
//! event and serves the page with the new text.
//!
//! cargo run --release --example watch_latency -- BAYAN SITE_ROOT [EDITS]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

fn get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut body = String::new();
    s.read_to_string(&mut body).unwrap();
    body
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(bayan), Some(root)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: watch_latency BAYAN SITE_ROOT [EDITS]");
        std::process::exit(2);
    };
    let edits: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(20);
    let mut child = Command::new(bayan)
        .args(["serve", "-q", "--port", "0", "--root", root])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start bayan serve");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = loop {
        let line = lines.next().expect("serve ended").unwrap();
        if let Some(rest) = line.strip_prefix("serving http://") {
            break rest.split_whitespace().next().unwrap().to_owned();
        }
    };
    let (addr, base) = url.split_at(url.find('/').unwrap());
    let addr = addr.to_owned();

    // The first incident folder, and the page its English body lands on.
    let mut ids: Vec<_> = std::fs::read_dir(format!("{root}/content/incidents"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    let id = &ids[0];
    let body_path = format!("{root}/content/incidents/{id}/en.md");
    let page = format!("{base}en/incidents/{id}/");
    let original = std::fs::read_to_string(&body_path).unwrap();

    let (tx, rx) = channel();
    let events_addr = addr.clone();
    let events_path = format!("{base}__bayan/events");
    std::thread::spawn(move || {
        let mut s = TcpStream::connect(&events_addr).unwrap();
        write!(
            s,
            "GET {events_path} HTTP/1.1\r\nHost: {events_addr}\r\n\r\n"
        )
        .unwrap();
        for line in BufReader::new(s).lines().map_while(Result::ok) {
            if line.starts_with("data: ") && tx.send(Instant::now()).is_err() {
                break;
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("first event");

    let mut latencies = Vec::new();
    for i in 0..edits {
        let token = format!("latency-token-{i}");
        let saved = Instant::now();
        std::fs::write(&body_path, format!("{original}\n\n{token}\n")).unwrap();
        loop {
            rx.recv_timeout(Duration::from_secs(20))
                .expect("no reload event");
            if get(&addr, &page).contains(&token) {
                break;
            }
        }
        latencies.push(saved.elapsed());
        std::thread::sleep(Duration::from_millis(150));
    }
    std::fs::write(&body_path, original).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p95 = latencies[((latencies.len() as f64 * 0.95).ceil() as usize).saturating_sub(1)];
    println!(
        "{} edits: median {:.1} ms, p95 {:.1} ms, min {:.1} ms, max {:.1} ms (save to new page served)",
        latencies.len(),
        ms(latencies[latencies.len() / 2]),
        ms(p95),
        ms(latencies[0]),
        ms(latencies[latencies.len() - 1])
    );
}
