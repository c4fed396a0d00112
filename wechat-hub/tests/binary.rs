//! The `wechat-hub` binary, started as a real process from a TOML file and environment
//! variables, serving tokens it fetched from the simulator.

use std::io::Write;
use std::process::Stdio;

use tokio::io::{AsyncBufReadExt, BufReader};
use wechat_runtime::{ClientStorage, HubClient};
use wechat_simulator::Simulator;

const APPID: &str = "wx0000000000000001";

#[tokio::test]
async fn the_binary_serves_tokens_from_its_config() {
    let sim = Simulator::start().await.unwrap();
    sim.add_app(APPID, "app-secret-from-env");
    let dir = std::env::temp_dir().join(format!("wechat-hub-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("hub.toml");
    let mut file = std::fs::File::create(&config).unwrap();
    write!(
        file,
        r#"
listen = "127.0.0.1:0"

[[apps]]
appid = "{APPID}"
secret_env = "TEST_APP_SECRET"

[[callers]]
name = "web"
secret_env = "TEST_CALLER_SECRET"
appids = ["{APPID}"]
"#
    )
    .unwrap();

    let mut hub = tokio::process::Command::new(env!("CARGO_BIN_EXE_wechat-hub"))
        .arg("--config")
        .arg(&config)
        .env("WECHAT_HUB_BASE_URL", sim.base_url())
        .env("TEST_APP_SECRET", "app-secret-from-env")
        .env("TEST_CALLER_SECRET", "caller-secret-from-env")
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(hub.stdout.take().unwrap()).lines();
    let first = lines
        .next_line()
        .await
        .unwrap()
        .expect("the hub says where it listens");
    let base_url = first
        .strip_prefix("wechat-hub listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {first}"))
        .to_owned();

    let client = HubClient::builder(&base_url)
        .secret("caller-secret-from-env")
        .build()
        .unwrap();
    let token = client.fetch_access_token(APPID, &()).await.unwrap();
    assert_eq!(Some(token.access_token), sim.current_access_token(APPID));
    assert_eq!(sim.calls("/cgi-bin/stable_token"), 1);

    // SIGTERM: a graceful stop with a success status.
    let pid = hub.id().unwrap().to_string();
    std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    let output = hub.wait_with_output().await.unwrap();
    assert!(output.status.success(), "{:?}", output.status);
    // Logs on stderr, without colour codes when it is not a terminal.
    let logs = String::from_utf8_lossy(&output.stderr);
    assert!(logs.contains("hub server listening"), "{logs}");
    assert!(!logs.contains('\u{1b}'), "{logs}");
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn a_bad_config_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("wechat-hub-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("hub.toml");
    std::fs::write(&config, "[[apps]]\nappid = \"wx1\"\nsecret_env = \"NOT_SET_ANYWHERE\"\n[[callers]]\nname = \"a\"\nsecret = \"b\"\nappids = [\"*\"]\n").unwrap();
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_wechat-hub"))
        .arg("--config")
        .arg(&config)
        .output()
        .await
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("NOT_SET_ANYWHERE"), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn help_goes_to_stdout_with_success() {
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_wechat-hub"))
        .arg("--help")
        .output()
        .await
        .unwrap();
    assert!(output.status.success(), "{:?}", output.status);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("usage: wechat-hub --config"), "{stdout}");
    assert!(output.stderr.is_empty());
}

#[path = "../../tests/tests/common/redis_server.rs"]
#[allow(dead_code)]
mod redis_server;

/// A `wechat-hub` process on `redis_url`, and the URL it listens on.
async fn start_hub(
    config: &std::path::Path,
    sim: &Simulator,
    redis_url: &str,
) -> (tokio::process::Child, String) {
    let mut hub = tokio::process::Command::new(env!("CARGO_BIN_EXE_wechat-hub"))
        .arg("--config")
        .arg(config)
        .env("WECHAT_HUB_BASE_URL", sim.base_url())
        .env("WECHAT_HUB_REDIS_URL", redis_url)
        .env("RUST_LOG", "error")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(hub.stdout.take().unwrap()).lines();
    let first = lines
        .next_line()
        .await
        .unwrap()
        .expect("the hub says where it listens");
    let base_url = first
        .strip_prefix("wechat-hub listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {first}"))
        .to_owned();
    (hub, base_url)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hubs_on_one_redis_survive_a_killed_one() {
    let redis = redis_server::RedisServer::start();
    let sim = Simulator::start().await.unwrap();
    sim.add_app(APPID, "app-secret");
    let dir = std::env::temp_dir().join(format!("wechat-hub-ha-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("hub.toml");
    std::fs::write(
        &config,
        format!(
            "listen = \"127.0.0.1:0\"\n[[apps]]\nappid = \"{APPID}\"\nsecret = \"app-secret\"\n\
             [[callers]]\nname = \"web\"\nsecret = \"caller-secret\"\nappids = [\"{APPID}\"]\n"
        ),
    )
    .unwrap();
    let (mut first, first_url) = start_hub(&config, &sim, &redis.url()).await;
    let (_second, second_url) = start_hub(&config, &sim, &redis.url()).await;

    // Callers under load, each read reaching a hub (a new HubClient has an empty cache).
    let read = {
        let (first_url, second_url) = (first_url.clone(), second_url.clone());
        move || {
            let client = HubClient::builder(&first_url)
                .failover(&second_url)
                .secret("caller-secret")
                .build()
                .unwrap();
            async move { client.fetch_access_token(APPID, &()).await }
        }
    };
    let (stop, stopped) = tokio::sync::watch::channel(false);
    // The hub is killed once every loader has read at least once: the load is on by then.
    let loading = std::sync::Arc::new(tokio::sync::Barrier::new(5));
    let loaders: Vec<_> = (0..4)
        .map(|_| {
            let read = read.clone();
            let stopped = stopped.clone();
            let loading = loading.clone();
            tokio::spawn(async move {
                let mut reads = 0usize;
                loop {
                    read().await.expect("every read gets a token");
                    reads += 1;
                    if reads == 1 {
                        loading.wait().await;
                    }
                    if *stopped.borrow() {
                        return reads;
                    }
                }
            })
        })
        .collect();
    let before = read().await.unwrap();
    loading.wait().await;
    // SIGKILL the first hub mid-load: no graceful stop.
    first.start_kill().unwrap();
    first.wait().await.unwrap();
    let after = read().await.unwrap();
    assert_eq!(after.access_token, before.access_token);
    stop.send(true).unwrap();
    for loader in loaders {
        assert!(loader.await.unwrap() >= 1);
    }
    // One upstream fetch for the token, whichever hub made it.
    assert_eq!(sim.calls("/cgi-bin/stable_token"), 1);
    std::fs::remove_dir_all(&dir).ok();
}
