//! Peak memory of loading a site, before rendering, and what its bodies hold:
//! `load_probe SITE [--render]`.
fn hwm() -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS"))
        .collect::<Vec<_>>()
        .join(" ")
}
fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("SITE"));
    let opts = bayan::BuildOptions {
        root,
        ..Default::default()
    };
    let loaded = bayan::load(&opts).unwrap();
    println!(
        "after load: {} incidents; {}",
        loaded.site.incidents.len(),
        hwm()
    );
    let src: usize = (loaded.site.incidents.iter())
        .flat_map(|inc| inc.bodies.values())
        .map(|b| b.source.len())
        .sum();
    println!("bodies: source {} MB", src / 1_000_000);
    // Then each part of a render, into a sink that keeps nothing: how far each
    // raises the peak (`load_probe SITE --render`).
    if std::env::args().nth(2).as_deref() == Some("--render") {
        let none = bayan_render::Scope {
            shared: false,
            lists: bayan_render::Lists::None,
            incidents: Some(&[]),
            statics: false,
            fragments: None,
        };
        let parts = [
            (
                "shared",
                bayan_render::Scope {
                    shared: true,
                    ..none
                },
            ),
            (
                "incidents",
                bayan_render::Scope {
                    incidents: None,
                    ..none
                },
            ),
            (
                "lists",
                bayan_render::Scope {
                    lists: bayan_render::Lists::All,
                    ..none
                },
            ),
        ];
        for (name, scope) in parts {
            let opts = bayan_render::Options::default();
            let sink = bayan_render::sink::NullSink;
            bayan_render::scoped(&loaded.site, &loaded.theme, &opts, scope, &sink).unwrap();
            println!("after {name}: {}", hwm());
        }
    }
}
