//! The cost of the SDK over raw reqwest, and the expiry storm.
//!
//! ```text
//! cargo bench -p wechat-tests --bench pipeline
//! ```
//!
//! Both sides call the same endpoint of one local simulator with the same token, interleaved in
//! one run, so machine noise hits both alike: read the ratios, not the absolute times.

use std::time::{Duration, Instant};

use wechat_runtime::simulator::Simulator;
use wechat_runtime::{Client, Hub, MemoryStore};

const APPID: &str = "wx0000000000000001";
const SECRET: &str = "bench-secret";
const OPENID: &str = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M";
const SEQUENTIAL: usize = 10_000;
const CONCURRENCY: usize = 64;
const PER_CALLER: usize = 150;
const ROUNDS: usize = 3;

type Sdk = Client<Hub<MemoryStore>>;

async fn sdk_call(client: &Sdk) {
    let response = client
        .get("/cgi-bin/user/info")
        .query("openid", OPENID)
        .await
        .expect("sdk call");
    assert!(!response.bytes().is_empty());
}

async fn raw_call(http: &reqwest::Client, url: &str, timeout: Option<Duration>) {
    let mut request = http.get(url);
    if let Some(timeout) = timeout {
        request = request.timeout(timeout);
    }
    let response = request.send().await.expect("raw call");
    let body = response.bytes().await.expect("raw body");
    // What any caller must do too: look for an errcode.
    let value: serde_json::Value = serde_json::from_slice(&body).expect("json");
    assert!(value.get("errcode").is_none());
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let sim = Simulator::start().await.expect("simulator");
    sim.add_app(APPID, SECRET);
    let hub = Hub::builder(MemoryStore::new().with_app(APPID, SECRET))
        .base_url(sim.base_url())
        .build()
        .unwrap();
    let sdk: Sdk = Client::builder(hub)
        .appid(APPID)
        .base_url(sim.base_url())
        .build()
        .unwrap();
    sdk_call(&sdk).await;
    let token = sdk.access_token().await.unwrap().access_token;
    let raw = reqwest::Client::new();
    let url = format!(
        "{}/cgi-bin/user/info?openid={OPENID}&access_token={token}",
        sim.base_url()
    );
    // The SDK gives every request a total timeout (30 s by default), which costs reqwest a
    // timer per request; raw reqwest is measured with and without the same timeout.
    let timeout = Some(wechat_runtime::DEFAULT_TIMEOUT);
    for _ in 0..500 {
        raw_call(&raw, &url, None).await;
        raw_call(&raw, &url, timeout).await;
        sdk_call(&sdk).await;
    }

    // Latency: one caller, the three kinds of call interleaved.
    let mut times: [Vec<Duration>; 3] = Default::default();
    for i in 0..SEQUENTIAL {
        // Rotate which goes first, so none always gets the warmer connection.
        for k in 0..3 {
            let which = (i + k) % 3;
            let t = Instant::now();
            match which {
                0 => raw_call(&raw, &url, None).await,
                1 => raw_call(&raw, &url, timeout).await,
                _ => sdk_call(&sdk).await,
            }
            times[which].push(t.elapsed());
        }
    }
    let mut stats = Vec::new();
    println!("latency, 1 caller, {SEQUENTIAL} calls each, interleaved:");
    for (name, times) in [
        "raw reqwest, no timeout",
        "raw reqwest, 30 s timeout",
        "sdk client (cached token)",
    ]
    .iter()
    .zip(times.iter_mut())
    {
        times.sort();
        let (p50, p99) = (percentile(times, 0.50), percentile(times, 0.99));
        println!(
            "  {name:26} p50 {:8.1} us  p99 {:8.1} us",
            micros(p50),
            micros(p99)
        );
        stats.push((micros(p50), micros(p99)));
    }
    println!(
        "  ratio sdk / raw no timeout    p50 {:.3}  p99 {:.3}",
        stats[2].0 / stats[0].0,
        stats[2].1 / stats[0].1
    );
    println!(
        "  ratio sdk / raw same timeout  p50 {:.3}  p99 {:.3}   (goal p50 <= 1.05)",
        stats[2].0 / stats[1].0,
        stats[2].1 / stats[1].1
    );

    // Throughput: 64 concurrent callers, alternating rounds.
    let mut ratios = Vec::new();
    println!(
        "throughput, {CONCURRENCY} concurrent callers x {PER_CALLER} calls, {ROUNDS} rounds (raw with the same timeout):"
    );
    for round in 1..=ROUNDS {
        let t = Instant::now();
        let tasks: Vec<_> = (0..CONCURRENCY)
            .map(|_| {
                let (raw, url) = (raw.clone(), url.clone());
                tokio::spawn(async move {
                    for _ in 0..PER_CALLER {
                        raw_call(&raw, &url, timeout).await;
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        let raw_rps = (CONCURRENCY * PER_CALLER) as f64 / t.elapsed().as_secs_f64();

        let t = Instant::now();
        let tasks: Vec<_> = (0..CONCURRENCY)
            .map(|_| {
                let sdk = sdk.clone();
                tokio::spawn(async move {
                    for _ in 0..PER_CALLER {
                        sdk_call(&sdk).await;
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        let sdk_rps = (CONCURRENCY * PER_CALLER) as f64 / t.elapsed().as_secs_f64();
        ratios.push(sdk_rps / raw_rps);
        println!(
            "  round {round}: raw {raw_rps:8.0} req/s  sdk {sdk_rps:8.0} req/s  ratio sdk/raw {:.3}",
            sdk_rps / raw_rps
        );
    }
    ratios.sort_by(f64::total_cmp);
    println!(
        "  median throughput ratio sdk/raw {:.3}",
        ratios[ROUNDS / 2]
    );

    // The expiry storm: WeChat expires the token under 1,000 concurrent calls.
    sim.expire_access_tokens(APPID);
    sim.reset_counters();
    let t = Instant::now();
    let tasks: Vec<_> = (0..1000)
        .map(|_| {
            let sdk = sdk.clone();
            tokio::spawn(async move { sdk_call(&sdk).await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    println!(
        "expiry storm: 1000 concurrent calls -> {} upstream token call(s), {} calls of the API (1000 + the rejected ones), {:.0} ms",
        sim.calls("/cgi-bin/stable_token"),
        sim.calls("/cgi-bin/user/info"),
        t.elapsed().as_secs_f64() * 1e3
    );
}
