//! `bayan serve`.

use bayan::Error;
use std::process::ExitCode;

use clap::Args;

use super::watch::{WatchArgs, live_options, report};

#[derive(Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    pub(crate) watch: WatchArgs,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8000)]
    pub(crate) port: u16,
    /// Address to listen on; anything but loopback exposes drafts to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub(crate) bind: std::net::IpAddr,
}

pub(crate) fn serve(a: ServeArgs, quiet: bool) -> Result<(), Error> {
    let listener = bayan::serve::bind(std::net::SocketAddr::new(a.bind, a.port))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::Usage(format!("cannot listen: {e}")))?;
    let (mut live, first) = bayan::live::Live::start(&live_options(&a.watch)?)?;
    report(&first, quiet);
    let (out, base) = bayan::serve::site_paths(&live);
    let shared = bayan::serve::Shared::new(out, base.clone(), a.bind);
    if first.error.is_some() {
        shared.rebuilt(&first);
    }
    shared.reviewed(&live, None);
    let mut changes = bayan::watch::Changes::watch(&a.watch.site.root.root)?;
    let for_watch = shared.clone();
    std::thread::spawn(move || {
        let result = bayan::watch::run(&mut live, &mut changes, |o, live| {
            // The server's state first, then the line: whoever reads the line
            // and asks for a page sees what it says.
            for_watch.reviewed(live, Some(o));
            for_watch.rebuilt(o);
            report(o, quiet);
        });
        if let Err(e) = result {
            tell!("{e}");
            std::process::exit(2);
        }
    });
    // Always printed, even with --quiet: it is how a person (or a test) finds the site.
    say!("serving http://{addr}{base} (Ctrl-C to stop)");
    bayan::serve::run(listener, shared)
}

pub(crate) fn run(a: ServeArgs, g: super::Global) -> ExitCode {
    super::finish(serve(a, g.quiet).map(|()| ExitCode::SUCCESS))
}
