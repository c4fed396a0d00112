//! How long `HubClient` takes to get a token when its hub was just killed: the read right after
//! a SIGKILL of the first of two `wechat-hub` processes on one Redis, against reads before it.
//!
//! ```text
//! cargo build --release -p wechat-hub && WECHAT_HUB_BIN=target/release/wechat-hub \
//!     cargo bench -p wechat-tests --bench hub_failover
//! ```

#[path = "../tests/common/redis_server.rs"]
#[allow(dead_code)]
mod redis_server;

use std::process::Stdio;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, BufReader};
use wechat_runtime::simulator::Simulator;
use wechat_runtime::{ClientStorage, HubClient};

const APPID: &str = "wx0000000000000001";
const ROUNDS: usize = 20;

async fn start_hub(
    bin: &str,
    config: &std::path::Path,
    sim: &str,
    redis: &str,
) -> (tokio::process::Child, String) {
    let mut hub = tokio::process::Command::new(bin)
        .arg("--config")
        .arg(config)
        .env("WECHAT_HUB_BASE_URL", sim)
        .env("WECHAT_HUB_REDIS_URL", redis)
        .env("RUST_LOG", "error")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("WECHAT_HUB_BIN starts");
    let mut lines = BufReader::new(hub.stdout.take().unwrap()).lines();
    let first = lines.next_line().await.unwrap().unwrap();
    let url = first
        .strip_prefix("wechat-hub listening on ")
        .unwrap()
        .to_owned();
    (hub, url)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let bin = std::env::var("WECHAT_HUB_BIN").expect("WECHAT_HUB_BIN: the wechat-hub binary");
    // Relative to the workspace root, where the command is typed (cargo runs benches in the
    // package's folder).
    let bin = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(bin)
        .to_string_lossy()
        .into_owned();
    let redis = redis_server::RedisServer::start();
    let sim = Simulator::start().await.unwrap();
    sim.add_app(APPID, "app-secret");
    let dir = std::env::temp_dir().join(format!("wechat-hub-failover-{}", std::process::id()));
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
    let mut normal = Vec::new();
    let mut failover = Vec::new();
    for _ in 0..ROUNDS {
        let (mut first, first_url) = start_hub(&bin, &config, &sim.base_url(), &redis.url()).await;
        let (_second, second_url) = start_hub(&bin, &config, &sim.base_url(), &redis.url()).await;
        let client = || {
            HubClient::builder(&first_url)
                .failover(&second_url)
                .secret("caller-secret")
                .build()
                .unwrap()
        };
        for _ in 0..5 {
            let c = client();
            let t = Instant::now();
            c.fetch_access_token(APPID, &()).await.unwrap();
            normal.push(t.elapsed());
        }
        let c = client();
        first.start_kill().unwrap();
        let t = Instant::now();
        c.fetch_access_token(APPID, &()).await.unwrap();
        failover.push(t.elapsed());
        first.wait().await.unwrap();
    }
    let (normal, failover) = (median(normal), median(failover));
    println!(
        "{ROUNDS} rounds: a read through the first hub {:.0} us (median), the read right after SIGKILL of that hub {:.0} us (median), ratio {:.2}",
        normal.as_secs_f64() * 1e6,
        failover.as_secs_f64() * 1e6,
        failover.as_secs_f64() / normal.as_secs_f64()
    );
    println!(
        "upstream token fetches: {}",
        sim.calls("/cgi-bin/stable_token")
    );
    std::fs::remove_dir_all(&dir).ok();
}
