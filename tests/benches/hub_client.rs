//! A HubClient cached read against a direct MemoryStore read, side by side in one run.
//!
//! ```text
//! cargo bench -p wechat-tests --bench hub_client
//! ```

use std::time::Instant;

use wechat_runtime::hub::server::{Caller, HubServer};
use wechat_runtime::simulator::Simulator;
use wechat_runtime::{ClientStorage, Hub, HubClient, HubStorage, MemoryStore, Token, TokenKey};

const APPID: &str = "wx0000000000000001";
const ROUNDS: usize = 5;
const READS: usize = 200_000;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let sim = Simulator::start().await.unwrap();
    sim.add_app(APPID, "bench-secret");
    let hub = Hub::builder(MemoryStore::new().with_app(APPID, "bench-secret"))
        .base_url(sim.base_url())
        .build()
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let server = HubServer::new(hub).caller(Caller::new("bench", "bench-caller-secret", [APPID]));
    tokio::spawn(server.serve(listener, std::future::pending()));

    let client = HubClient::builder(&base_url)
        .secret("bench-caller-secret")
        .build()
        .unwrap();
    let token = client.fetch_access_token(APPID, &()).await.unwrap();
    let store = MemoryStore::new();
    let key = TokenKey::app(APPID);
    store
        .save_token(&key, &Token::new(token.access_token.clone(), 7200))
        .await
        .unwrap();

    println!("HubClient cached read vs MemoryStore read, {READS} reads each, {ROUNDS} alternating rounds:");
    let mut ratios = Vec::new();
    for round in 1..=ROUNDS {
        let t = Instant::now();
        for _ in 0..READS {
            std::hint::black_box(store.token(&key).await.unwrap());
        }
        let direct = t.elapsed().as_nanos() as f64 / READS as f64;
        let t = Instant::now();
        for _ in 0..READS {
            std::hint::black_box(client.fetch_access_token(APPID, &()).await.unwrap());
        }
        let cached = t.elapsed().as_nanos() as f64 / READS as f64;
        ratios.push(cached / direct);
        println!(
            "  round {round}: MemoryStore {direct:6.1} ns/read  HubClient {cached:6.1} ns/read  ratio {:.2}",
            cached / direct
        );
    }
    ratios.sort_by(f64::total_cmp);
    println!(
        "  median ratio HubClient cached / MemoryStore direct: {:.2}",
        ratios[ROUNDS / 2]
    );
}
