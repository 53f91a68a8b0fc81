//! Test helpers: a fresh library folder per test, the `jianbao` binary, and a local HTTP server.

pub mod portal;
pub mod server;

pub use server::{Reply, TestServer};

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's fixtures folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A library folder of its own and the CLI pointed at it.
pub struct Jb {
    pub dir: tempfile::TempDir,
    starter: bool,
}

impl Jb {
    /// A new library without the starter set.
    pub fn empty() -> Jb {
        Jb { dir: tempfile::tempdir().expect("temp dir"), starter: false }
    }

    /// A new library with the starter set, as a new user gets it.
    pub fn with_starter() -> Jb {
        Jb { dir: tempfile::tempdir().expect("temp dir"), starter: true }
    }

    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    /// A `jianbao` command with this library's folder.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_jianbao"));
        cmd.arg("--data-dir").arg(self.dir.path());
        cmd.env_remove("JIANBAO_DATA_DIR").env_remove("JIANBAO_NO_STARTER").env("NO_COLOR", "1");
        if !self.starter {
            cmd.arg("--no-starter");
        }
        cmd
    }

    /// Runs with these arguments and returns what happened.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().expect("run jianbao")
    }

    /// Runs, asserts success, returns standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "jianbao {args:?} failed with {}:\nstdout: {}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }

    /// Runs with `--json` appended and parses the output.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        serde_json::from_str(&self.ok(&all)).expect("JSON output")
    }

    /// Subscribes and returns the new source's id.
    pub fn add(&self, url: &str) -> i64 {
        let out = self.ok(&["add", url]);
        out.split('\t').next().and_then(|id| id.trim().parse().ok()).unwrap_or_else(|| panic!("no id in {out:?}"))
    }

    /// Every listed article as JSON.
    pub fn articles(&self, extra: &[&str]) -> Vec<Value> {
        let mut args = vec!["list"];
        args.extend_from_slice(extra);
        self.json(&args).as_array().expect("a list").clone()
    }

    /// The article titled `title`, whole.
    pub fn article_titled(&self, title: &str) -> Value {
        let id = self
            .articles(&["--limit", "10000"])
            .into_iter()
            .find(|a| a["title"] == title)
            .unwrap_or_else(|| panic!("no article titled {title}"))["id"]
            .as_i64()
            .unwrap();
        self.json(&["show", &id.to_string()])
    }
}

/// Standard error as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Standard output as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A private Secret Service for one test: its own D-Bus session bus and an unlocked gnome-keyring-daemon whose
/// files are in a temporary folder, so a test never touches the user's keyring. Stopped when dropped.
pub struct Keyring {
    home: tempfile::TempDir,
    bus_address: String,
    bus_pid: u32,
}

impl Keyring {
    pub fn start() -> Keyring {
        let home = tempfile::tempdir().expect("temp dir");
        let out = Command::new("dbus-daemon")
            .args(["--session", "--fork", "--print-address=1", "--print-pid=1", "--nopidfile"])
            .output()
            .expect("dbus-daemon runs (apt install dbus)");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut lines = text.lines();
        let bus_address = lines.next().expect("the bus address").trim().to_owned();
        let bus_pid = lines.next().and_then(|p| p.trim().parse().ok()).expect("the bus pid");
        let keyring = Keyring { home, bus_address, bus_pid };
        let mut daemon = Command::new("gnome-keyring-daemon");
        daemon.args(["--unlock", "--components=secrets"]).stdin(std::process::Stdio::piped());
        keyring.apply(&mut daemon);
        let mut child = daemon.spawn().expect("gnome-keyring-daemon runs (apt install gnome-keyring)");
        use std::io::Write;
        child.stdin.take().expect("stdin").write_all(b"test-keyring-password").expect("unlock password");
        assert!(child.wait().expect("the daemon starts").success(), "gnome-keyring-daemon failed to start");
        keyring
    }

    /// Points a command at this keyring.
    pub fn apply(&self, cmd: &mut Command) {
        let home = self.home.path();
        cmd.env("DBUS_SESSION_BUS_ADDRESS", &self.bus_address)
            .env("HOME", home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_RUNTIME_DIR", home);
    }
}

impl Drop for Keyring {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(self.bus_pid.to_string()).status();
    }
}
