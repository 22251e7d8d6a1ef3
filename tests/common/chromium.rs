//! Headless Chromium for the browser tests (the review site, the serve page): Debian's
//! package `chromium`, installed with apt-get when missing (the test command runs as root
//! in CI), started with the flags a closed sandbox needs: without the background-network
//! flags Chromium's many connection attempts fail noisily.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

/// The browser, installed on first use; the tests of one binary share one install.
pub fn chromium() -> &'static Path {
    static BROWSER: OnceLock<PathBuf> = OnceLock::new();
    static INSTALL: Mutex<()> = Mutex::new(());
    BROWSER.get_or_init(|| {
        let _one_at_a_time = INSTALL.lock().unwrap();
        if let Some(found) = find() {
            return found;
        }
        let apt = |args: &[&str]| Command::new("apt-get").args(args).env("DEBIAN_FRONTEND", "noninteractive").status();
        let install = ["install", "-y", "-q", "--no-install-recommends", "chromium"];
        let installed = apt(&install).is_ok_and(|s| s.success())
            || (apt(&["update", "-q"]).is_ok_and(|s| s.success()) && apt(&install).is_ok_and(|s| s.success()));
        assert!(installed, "the browser tests need Chromium: `apt-get install -y chromium` failed (run as root with network)");
        find().expect("chromium is on the PATH after installing it")
    })
}

fn find() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// A headless Chromium with its own empty profile in `profile`; the caller adds what to
/// do (`--dump-dom URL`, `--screenshot`).
pub fn headless(profile: &Path) -> Command {
    let mut command = Command::new(chromium());
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()));
    command
}
