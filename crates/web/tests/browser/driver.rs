//! The browser's end of a test: Debian's chromedriver started on a free port for one test, and a
//! WebDriver session over it that runs headless Chromium with a fresh, throw-away profile.
//!
//! Readiness is polled on chromedriver's `/status`, never waited for with a fixed sleep.
//! chromedriver runs in a process group of its own, and that group (chromedriver and every
//! Chromium process it started) is killed when the [`Driver`] is dropped, so a failing test
//! leaves no browser behind. Nothing here may reach beyond 127.0.0.1.

use std::fs::File;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tempfile::TempDir;

use super::webdriver::Session;

/// How long chromedriver gets to answer `/status` with `ready: true`.
const READY_WITHIN: Duration = Duration::from_secs(30);
/// How often `/status` is asked meanwhile.
const POLL_EVERY: Duration = Duration::from_millis(50);
/// How many ports are tried when chromedriver loses the race for a free port.
const ATTEMPTS: usize = 3;

/// The browser to drive: `$JOBBRO_CHROMIUM`, or Debian's.
fn chromium() -> PathBuf {
    std::env::var_os("JOBBRO_CHROMIUM").map_or_else(|| "/usr/bin/chromium".into(), PathBuf::from)
}

/// The driver: `$JOBBRO_CHROMEDRIVER`, or Debian's.
fn chromedriver() -> PathBuf {
    std::env::var_os("JOBBRO_CHROMEDRIVER")
        .map_or_else(|| "/usr/bin/chromedriver".into(), PathBuf::from)
}

/// A running chromedriver, killed with its browsers on drop.
pub struct Driver {
    child: Child,
    /// Where WebDriver listens, `http://127.0.0.1:PORT`.
    url: String,
    /// chromedriver's log and the browser profile; removed after the processes are gone.
    dir: TempDir,
}

impl Driver {
    /// Starts chromedriver and waits until it says it is ready. Fails the test, saying what to
    /// do, when chromedriver or Chromium is not installed.
    pub async fn start() -> Driver {
        let exe = chromedriver();
        assert!(
            exe.is_file(),
            "chromedriver not found at {} (JOBBRO_CHROMEDRIVER): run the tests through \
             scripts/test, which installs Debian's chromium and chromium-driver, or set \
             JOBBRO_TEST_SKIP_BROWSER=1 to skip the browser tests",
            exe.display()
        );
        let browser = chromium();
        assert!(
            browser.is_file(),
            "Chromium not found at {} (JOBBRO_CHROMIUM): run the tests through scripts/test, \
             which installs it, or set JOBBRO_TEST_SKIP_BROWSER=1 to skip the browser tests",
            browser.display()
        );
        let mut failures = Vec::new();
        for _ in 0..ATTEMPTS {
            let dir = tempfile::tempdir().unwrap();
            let port = free_port();
            let log = dir.path().join("chromedriver.log");
            let child = Command::new(&exe)
                .arg(format!("--port={port}"))
                .arg(format!("--log-path={}", log.display()))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(File::create(dir.path().join("stderr.log")).unwrap())
                // A group of its own: on drop, the whole group goes, browsers included.
                .process_group(0)
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {}: {e}", exe.display()));
            let mut driver = Driver {
                child,
                url: format!("http://127.0.0.1:{port}"),
                dir,
            };
            match driver.wait_until_ready().await {
                Ok(()) => return driver,
                // Dropping the driver kills it and removes its folder.
                Err(why) => failures.push(format!("port {port}: {why}")),
            }
        }
        panic!("chromedriver did not start: {}", failures.join("; "));
    }

    /// Polls `/status` until chromedriver is ready, or says why it never will be.
    async fn wait_until_ready(&mut self) -> Result<(), String> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .no_proxy()
            .build()
            .map_err(|e| e.to_string())?;
        let status = format!("{}/status", self.url);
        let deadline = Instant::now() + READY_WITHIN;
        loop {
            if let Ok(Some(exit)) = self.child.try_wait() {
                let stderr =
                    std::fs::read_to_string(self.dir.path().join("stderr.log")).unwrap_or_default();
                return Err(format!("chromedriver exited ({exit}): {}", stderr.trim()));
            }
            if let Ok(answer) = http.get(&status).send().await
                && let Ok(body) = answer.text().await
                && let Ok(body) = serde_json::from_str::<Value>(&body)
                && body["value"]["ready"] == json!(true)
            {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("not ready after {READY_WITHIN:?}"));
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// A new browser session: headless Chromium in a fresh profile, its window 1280×900, asking
    /// for pages in `language` (an `Accept-Language` tag such as `en-GB` or `da`).
    pub async fn session(&self, language: &str) -> Session {
        let profile = self.dir.path().join("profile");
        let args = [
            "--headless=new".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            format!("--user-data-dir={}", profile.display()),
            "--window-size=1280,900".to_owned(),
            format!("--lang={language}"),
        ];
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium(),
                "args": args,
                "prefs": {"intl.accept_languages": language},
            },
        });
        Session::new(&self.url, capabilities)
            .await
            .unwrap_or_else(|e| panic!("cannot open a Chromium session through chromedriver: {e}"))
    }

    /// Kills chromedriver's process group (it and the browsers it started), then reaps it.
    fn kill(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let group = format!("-{}", self.child.id());
            let _ = Command::new("kill")
                .args(["-KILL", "--", &group])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A port nobody listens on right now (chromedriver may still lose it to someone else; then
/// [`Driver::start`] tries another).
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}
