//! Desks as separate processes (the `spoc-desk` binary this package builds), as replicas run behind
//! a load balancer: what several of them on one database do, and what `kill -9` of one leaves.

use std::net::SocketAddr;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// How long a desk process may take to say it is listening (migrations on an empty database).
const START_TIMEOUT: Duration = Duration::from_secs(60);

pub struct DeskProcess {
    pub addr: SocketAddr,
    /// The first admin's one-time password, if this process made the first admin.
    pub first_admin_password: Option<String>,
    child: Child,
}

/// `spoc-desk` with these arguments after the usual ones.
pub fn desk_command(database_url: &str, kek_file: &Path, extra: &[&str]) -> Command {
    // Cargo names the binary to integration tests only; the benchmark example that shares this
    // module (examples/scale_bench.rs) runs its desks in its own process and never gets here.
    let Some(binary) = option_env!("CARGO_BIN_EXE_spoc-desk") else {
        panic!("spoc-desk is built for integration tests only");
    };
    let mut command = Command::new(binary);
    command
        .args(["--database-url", database_url])
        .arg("--seal-kek-file")
        .arg(kek_file)
        .args(extra)
        .env("RUST_LOG", "error")
        .env_remove("SPOC_SEAL_KEK")
        .kill_on_drop(true);
    command
}

impl DeskProcess {
    /// Starts a desk serving the API only, on a loopback port of its own choosing, and waits for its
    /// `listening on` line.
    pub async fn start(database_url: &str, kek_file: &Path) -> DeskProcess {
        let mut child = desk_command(
            database_url,
            kek_file,
            &["--listen", "127.0.0.1:0", "--app-dir", "/nonexistent"],
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start spoc-desk");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let mut first_admin_password = None;
        let addr = tokio::time::timeout(START_TIMEOUT, async {
            while let Some(line) = lines.next_line().await.expect("read stdout") {
                if let Some(password) = line.strip_prefix("first admin account: admin; one-time password: ") {
                    first_admin_password = Some(password.to_string());
                }
                if let Some(addr) = line.strip_prefix("listening on http://") {
                    return addr.parse::<SocketAddr>().expect("an address");
                }
            }
            panic!("spoc-desk exited before it listened");
        })
        .await
        .expect("spoc-desk did not start in time");
        // Nothing more is read: the desk writes nothing else to stdout.
        drop(lines);
        DeskProcess {
            addr,
            first_admin_password,
            child,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// `kill -9`: no shutdown, no flush, transactions in flight cut off.
    pub async fn kill(mut self) {
        self.child.start_kill().expect("kill");
        self.child.wait().await.expect("reap");
    }
}
