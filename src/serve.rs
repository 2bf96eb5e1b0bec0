//! `bayan serve`: the preview a team writes against.
//!
//! Serves output/ on loopback at base_url's path, rebuilds on every save (through
//! [`crate::watch`]) and reloads open pages: each served HTML page gets a
//! same-origin script that listens to a server-sent event stream, which the pages'
//! Content-Security-Policy allows (`script-src 'self'`, `connect-src 'self'`); no
//! inline script. While the last rebuild failed, pages carry an overlay with the
//! error. None of this is ever in `bayan build` output: it is added as pages are
//! served. Only GET and HEAD are answered, and no path can leave output/. Only
//! requests addressed to a loopback name or the `--bind` address are answered (DNS
//! rebinding), and a client must send its headers within [`HEADER_TIMEOUT`].

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::uri::Authority;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::Stream;
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::WatchStream;

use crate::live::{Live, Outcome};
use bayan_text::error::Error;

/// Where the preview's own files live, under the site's base path.
const PREFIX: &str = "__bayan/";

const LIVERELOAD_JS: &str = r#"// bayan serve: reload this page when the site is rebuilt.
(function () {
  var me = document.currentScript;
  var seen = new URL(me.src).searchParams.get("g");
  var events = new EventSource(me.src.replace(/livereload\.js.*$/, "events"));
  events.onmessage = function (e) {
    if (e.data !== seen) { location.reload(); }
  };
})();
"#;

const OVERLAY_CSS: &str = "#bayan-overlay{position:fixed;inset:0;z-index:2147483647;overflow:auto;\
margin:0;padding:1.5rem;background:rgba(20,10,10,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;\
white-space:pre-wrap;direction:ltr;text-align:start}#bayan-overlay h2{color:#ff9b93;font:700 16px/1.4 system-ui,sans-serif;margin:0 0 1rem}";

/// How long a client may take to send a request's line and headers. A slow or
/// stalled client is disconnected after this, so it cannot hold a connection (and
/// the memory behind it) forever.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);

/// The site's base path as base_url spells it (percent-encoded, for links and
/// redirects) and decoded (to compare with decoded request paths).
struct Base {
    encoded: String,
    decoded: String,
}

impl Base {
    fn new(encoded: String) -> Base {
        let decoded = decode(&encoded).unwrap_or_else(|| encoded.clone());
        Base { encoded, decoded }
    }
}

/// What the server and the rebuilding thread share.
pub struct Shared {
    out: PathBuf,
    /// Changes when a rebuild of site.yaml moves base_url.
    base: RwLock<Arc<Base>>,
    /// The `--bind` address: a Host naming it is accepted beside loopback names.
    bind: IpAddr,
    /// Bumped after each successful rebuild; open pages reload when it changes.
    generation: tokio::sync::watch::Sender<u64>,
    /// The last rebuild's error, shown over every page until a good save.
    error: Mutex<Option<Arc<Error>>>,
    /// The review pages (`__review/ID/`) of the site as last built, by id.
    reviews: RwLock<Arc<BTreeMap<String, String>>>,
    /// The notice previews (`__notice/ID/`) of the site as last built, by id.
    notices: RwLock<Arc<BTreeMap<String, bayan_render::notice::Preview>>>,
}

impl Shared {
    /// The state for serving the site written to `out` at the path `base`
    /// (base_url's, percent-encoded), with `bind` the address it listens on.
    pub fn new(out: PathBuf, base: String, bind: IpAddr) -> Arc<Shared> {
        Arc::new(Shared {
            out,
            base: RwLock::new(Arc::new(Base::new(base))),
            bind,
            generation: tokio::sync::watch::Sender::new(0),
            error: Mutex::new(None),
            reviews: RwLock::new(Arc::new(BTreeMap::new())),
            notices: RwLock::new(Arc::new(BTreeMap::new())),
        })
    }

    /// After a rebuild (`outcome`; `None` for the first build): the review pages
    /// and notice previews of the site `live` last built well. A failed rebuild
    /// keeps the last good site, and so its pages; a rebuild of some advisories
    /// redoes only theirs, since each page shows its own advisory alone, so an
    /// edit on a site of thousands costs what it costs on a site of one.
    pub fn reviewed(&self, live: &Live, outcome: Option<&Outcome>) {
        let Some(loaded) = live.loaded() else {
            return;
        };
        if outcome.is_some_and(|o| o.error.is_some()) {
            return;
        }
        let only = outcome.and_then(|o| o.rendered.as_deref());
        let mut reviews = self.reviews.write().unwrap_or_else(|e| e.into_inner());
        let mut notices = self.notices.write().unwrap_or_else(|e| e.into_inner());
        match only {
            Some(ids) if !reviews.is_empty() => {
                let (r, n) = (Arc::make_mut(&mut reviews), Arc::make_mut(&mut notices));
                for id in ids {
                    r.remove(id);
                    n.remove(id);
                    if let Some(inc) = loaded.site.incidents.iter().find(|i| i.id == *id) {
                        r.insert(id.clone(), crate::review::page_of(loaded, inc));
                        n.insert(
                            id.clone(),
                            bayan_render::notice::preview_of(&loaded.site, &loaded.theme, inc),
                        );
                    }
                }
            }
            _ => {
                *reviews = Arc::new(crate::review::pages(loaded));
                *notices = Arc::new(bayan_render::notice::previews(&loaded.site, &loaded.theme));
            }
        }
    }

    /// After a rebuild: take its base path if it has one (site.yaml may have moved
    /// base_url), remember its error (or clear it) and tell open pages to reload, a
    /// failed rebuild included, so its overlay appears without a click.
    pub fn rebuilt(&self, outcome: &Outcome) {
        if let Some(path) = &outcome.base_path {
            let mut base = self.base.write().unwrap_or_else(|e| e.into_inner());
            if base.encoded != *path {
                *base = Arc::new(Base::new(path.clone()));
            }
        }
        *self.error.lock().unwrap_or_else(|e| e.into_inner()) = outcome.error.clone();
        self.generation.send_modify(|g| *g += 1);
    }

    fn base(&self) -> Arc<Base> {
        self.base.read().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Binds the address now, so "port in use" is a clear usage error before any
/// build output is printed.
pub fn bind(addr: SocketAddr) -> Result<std::net::TcpListener, Error> {
    let listener = std::net::TcpListener::bind(addr).map_err(|e| Error::Server {
        what: format!("cannot listen on {addr}"),
        source: e.into(),
        hint: Some("choose another --port".into()),
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::server(format!("cannot listen on {addr}"), e))?;
    Ok(listener)
}

/// Serves until the process ends. Each connection is HTTP/1.1 with a header read
/// timeout ([`HEADER_TIMEOUT`]), which axum's own `serve` does not set.
pub fn run(listener: std::net::TcpListener, shared: Arc<Shared>) -> Result<(), Error> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::server("cannot start the server", e))?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| Error::server("cannot start the server", e))?;
        let app = axum::Router::new().fallback(handle).with_state(shared);
        loop {
            let stream = match listener.accept().await {
                Ok((stream, _)) => stream,
                Err(_) => {
                    // Out of file descriptors or a connection reset before it was
                    // accepted: wait a moment and go on serving the others.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let service = hyper_util::service::TowerToHyperService::new(app.clone());
            tokio::spawn(async move {
                let _ = hyper::server::conn::http1::Builder::new()
                    .timer(hyper_util::rt::TokioTimer::new())
                    .header_read_timeout(HEADER_TIMEOUT)
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
            });
        }
    })
}

/// The live engine's output folder and base path, for [`Shared::new`].
pub fn site_paths(live: &Live) -> (PathBuf, String) {
    (live.output().to_path_buf(), live.base_path())
}

async fn handle(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    if !host_allowed(&req, shared.bind) {
        return text(
            StatusCode::MISDIRECTED_REQUEST,
            "this preview answers only to localhost, 127.0.0.1, [::1] or its --bind address\n",
        );
    }
    let head = req.method() == Method::HEAD;
    if req.method() != Method::GET && !head {
        let mut r = text(
            StatusCode::METHOD_NOT_ALLOWED,
            "only GET and HEAD are served\n",
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let raw = req.uri().path();
    if raw.len() > 2048 {
        return text(StatusCode::URI_TOO_LONG, "address too long\n");
    }
    let Some(path) = decode(raw) else {
        return text(StatusCode::BAD_REQUEST, "bad address\n");
    };
    let base = shared.base();
    if path == "/" && base.decoded != "/" {
        let mut r = StatusCode::TEMPORARY_REDIRECT.into_response();
        if let Ok(v) = HeaderValue::from_str(&base.encoded) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return r;
    }
    let Some(rel) = path.strip_prefix(base.decoded.as_str()) else {
        return not_found(&shared, head);
    };
    if let Some(own) = rel.strip_prefix(PREFIX) {
        return match own {
            "livereload.js" => typed(include_type("js"), LIVERELOAD_JS.as_bytes().to_vec(), head),
            "overlay.css" => typed(include_type("css"), OVERLAY_CSS.as_bytes().to_vec(), head),
            "review.css" => typed(
                include_type("css"),
                crate::review::CSS.as_bytes().to_vec(),
                head,
            ),
            "events" => events(&shared).into_response(),
            _ => not_found(&shared, head),
        };
    }
    if let Some(id) = rel.strip_prefix(crate::review::PREFIX) {
        return review(&shared, id, head);
    }
    if let Some(rest) = rel.strip_prefix(bayan_render::notice::PREVIEW_PREFIX) {
        return notice(&shared, rest, head);
    }
    let Some(file) = resolve(&shared.out, rel) else {
        return not_found(&shared, head);
    };
    serve_file(&shared, &file, StatusCode::OK, head)
}

/// `__review/ID/`: the advisory's review page; `__review/ID` is sent on to it.
fn review(shared: &Shared, id: &str, head: bool) -> Response {
    let (id, slash) = match id.strip_suffix('/') {
        Some(id) => (id, true),
        None => (id, false),
    };
    let page = shared
        .reviews
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .get(id)
        .cloned();
    match page {
        Some(_) if !slash => {
            let mut r = StatusCode::PERMANENT_REDIRECT.into_response();
            let to = format!("{}{}{id}/", shared.base().encoded, crate::review::PREFIX);
            if let Ok(v) = HeaderValue::from_str(&to) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        Some(html) => typed(
            include_type("html"),
            inject(shared, html.into_bytes()),
            head,
        ),
        None => not_found(shared, head),
    }
}

/// What a notice message shown in the preview may do: style itself inline.
const MESSAGE_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/// `__notice/ID/` and the files under it: an advisory's notices as last built;
/// `__notice/ID` is sent on to its index.
fn notice(shared: &Shared, rest: &str, head: bool) -> Response {
    let (id, file) = rest.split_once('/').unwrap_or((rest, ""));
    let previews = shared
        .notices
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let Some(files) = previews.get(id) else {
        return not_found(shared, head);
    };
    if !rest.contains('/') {
        let mut r = StatusCode::PERMANENT_REDIRECT.into_response();
        let to = format!(
            "{}{}{id}/",
            shared.base().encoded,
            bayan_render::notice::PREVIEW_PREFIX
        );
        if let Ok(v) = HeaderValue::from_str(&to) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return r;
    }
    // A notice comes from a theme a pull request can change: the index gets the
    // review page's policy, and a message may style itself inline (as e-mail
    // does) but load and run nothing.
    let (mut r, csp) = match files.get(file) {
        // The index reloads with the site; a message is shown exactly as sent.
        Some((kind, bytes)) if file.is_empty() => (
            typed(kind, inject(shared, bytes.clone()), head),
            crate::review::CSP,
        ),
        Some((kind, bytes)) => (typed(kind, bytes.clone(), head), MESSAGE_CSP),
        None => return not_found(shared, head),
    };
    r.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    );
    r
}

/// `/a/b%20c/` → `/a/b c/`; `None` for a `%` that starts no escape, bytes that
/// are not UTF-8, or a NUL.
fn decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let hex = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_hexdigit);
    if path
        .match_indices('%')
        .any(|(i, _)| !(hex(i + 1) && hex(i + 2)))
    {
        return None;
    }
    let s = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    (!s.contains('\0')).then(|| s.into_owned())
}

/// Whether the request names this preview as its host: a loopback name or address
/// (with or without a port) or the `--bind` address. A page on another site that
/// rebinds its own name to 127.0.0.1 still sends its own name, and is refused, so it
/// cannot read the preview (drafts included).
fn host_allowed(req: &Request, bind: IpAddr) -> bool {
    let Some(host) = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
    else {
        return false;
    };
    let absolute_ok = req
        .uri()
        .authority()
        .is_none_or(|a| authority_allowed(a.as_str(), bind));
    absolute_ok && authority_allowed(host, bind)
}

fn authority_allowed(host: &str, bind: IpAddr) -> bool {
    let Ok(authority) = host.parse::<Authority>() else {
        return false;
    };
    if authority.as_str().contains('@') {
        return false;
    }
    let name = authority.host();
    let name = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name);
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    name.parse::<IpAddr>()
        .is_ok_and(|ip| ip.is_loopback() || ip == bind)
}

/// The file under `out` that `rel` names, refusing any path that would leave it:
/// `..`, absolute parts, and symlinks pointing outside.
fn resolve(out: &Path, rel: &str) -> Option<PathBuf> {
    let mut path = out.to_path_buf();
    for c in Path::new(rel).components() {
        match c {
            Component::Normal(part) => path.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if path.is_dir() {
        path.push("index.html");
    }
    let real = path.canonicalize().ok()?;
    let root = out.canonicalize().ok()?;
    (real.starts_with(&root) && real.is_file()).then_some(real)
}

fn not_found(shared: &Shared, head: bool) -> Response {
    match resolve(&shared.out, "404.html") {
        Some(p) => serve_file(shared, &p, StatusCode::NOT_FOUND, head),
        None => text(StatusCode::NOT_FOUND, "not found\n"),
    }
}

fn serve_file(shared: &Shared, path: &Path, status: StatusCode, head: bool) -> Response {
    let Ok(mut bytes) = std::fs::read(path) else {
        return text(StatusCode::NOT_FOUND, "not found\n");
    };
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if ext == "html" {
        bytes = inject(shared, bytes);
    }
    let mut r = typed(include_type(&ext), bytes, head);
    *r.status_mut() = status;
    r
}

/// Adds the live-reload script and, after a failed rebuild, the error overlay.
fn inject(shared: &Shared, html: Vec<u8>) -> Vec<u8> {
    let mut html = String::from_utf8(html)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    let generation = *shared.generation.borrow();
    let base = shared.base();
    let mut extra = format!(
        "<script src=\"{}{PREFIX}livereload.js?g={generation}\"></script>\n",
        base.encoded
    );
    if let Some(err) = shared
        .error
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_deref()
    {
        let mut escaped = String::new();
        let _ = pulldown_cmark_escape::escape_html(&mut escaped, &err.to_string());
        extra.push_str(&format!(
            "<link rel=\"stylesheet\" href=\"{}{PREFIX}overlay.css\">\n<div id=\"bayan-overlay\" role=\"alert\"><h2>bayan: the last save did not build; this is the last good version</h2>{escaped}</div>\n",
            base.encoded
        ));
    }
    match html.rfind("</body>") {
        Some(i) => html.insert_str(i, &extra),
        None => html.push_str(&extra),
    }
    html.into_bytes()
}

fn events(shared: &Shared) -> Sse<impl Stream<Item = Result<Event, Infallible>> + use<>> {
    let stream = WatchStream::new(shared.generation.subscribe())
        .map(|g| Ok(Event::default().data(g.to_string())));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn include_type(ext: &str) -> &'static str {
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "woff2" => "font/woff2",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn typed(content_type: &'static str, bytes: Vec<u8>, head: bool) -> Response {
    let len = bytes.len();
    let body = if head {
        Body::empty()
    } else {
        Body::from(bytes)
    };
    let mut r = Response::new(body);
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    r
}

fn text(status: StatusCode, msg: &'static str) -> Response {
    let mut r = typed("text/plain; charset=utf-8", msg.as_bytes().to_vec(), false);
    *r.status_mut() = status;
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_rebinding_hosts_are_refused() {
        let lo: IpAddr = "127.0.0.1".parse().unwrap();
        let lan: IpAddr = "192.168.1.20".parse().unwrap();
        for ok in [
            "localhost",
            "localhost:8000",
            "LOCALHOST:1",
            "127.0.0.1",
            "127.9.8.7:8000",
            "[::1]",
            "[::1]:8000",
        ] {
            assert!(authority_allowed(ok, lo), "{ok}");
        }
        assert!(authority_allowed("192.168.1.20:8000", lan));
        for bad in [
            "evil.example",
            "evil.example:8000",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "localhost@evil.example",
            "evil.example@localhost",
            "192.168.1.20",
            "[::ffff:7f00:1]",
            "0x7f000001",
            "",
            "localhost:8000:1",
        ] {
            assert!(!authority_allowed(bad, lo), "{bad}");
        }
    }

    #[test]
    fn paths_cannot_leave_the_output_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        std::fs::create_dir_all(out.join("en")).unwrap();
        std::fs::write(out.join("en/index.html"), "x").unwrap();
        std::fs::write(tmp.path().join("secret"), "s").unwrap();
        assert!(resolve(&out, "en/").is_some());
        assert!(resolve(&out, "../secret").is_none());
        assert!(resolve(&out, "en/../../secret").is_none());
        assert!(resolve(&out, "/etc/passwd").is_none());
        assert_eq!(decode("/%2e%2e/secret").as_deref(), Some("/../secret"));
        assert!(decode("/a%00b").is_none());
        assert!(decode("/a%zz").is_none());
        assert!(decode("/%ff").is_none());
    }
}
