//! The two engines' migrations are one history: both folders list the same versions, and SQLite's
//! first four are the released ones, so a database made by the release before opens and migrates.

use std::path::Path;

/// `(version, name)` of every migration in `migrations/ENGINE`, in order.
fn migrations(engine: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(engine);
    let mut found: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let name = entry.unwrap().file_name().to_string_lossy().to_string();
            let (version, rest) = name.split_once('_').expect("VERSION_name.sql");
            assert!(rest.ends_with(".sql"), "{name}");
            (version.to_string(), rest.to_string())
        })
        .collect();
    found.sort();
    found
}

#[test]
fn both_engines_list_the_same_versions_under_the_same_names() {
    let sqlite = migrations("sqlite");
    let postgres = migrations("postgres");
    assert_eq!(sqlite, postgres);
    let versions: Vec<&str> = sqlite.iter().map(|(v, _)| v.as_str()).collect();
    assert_eq!(
        &versions[..4],
        ["0001", "0002", "0003", "0004"],
        "the released SQLite migrations"
    );
    assert!(
        versions.windows(2).all(|w| w[0] < w[1]),
        "no version twice: {versions:?}"
    );
}
