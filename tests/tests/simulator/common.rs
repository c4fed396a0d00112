//! Helpers shared by the simulator tests: fixed credentials, a proxy-free client, JSON calls.

use serde_json::Value;
use wechat_simulator::Simulator;

pub const APPID: &str = "wx1111111111111111";
pub const SECRET: &str = "app-secret-1111";
pub const COMPONENT: &str = "wxc000000000000001";
pub const COMPONENT_SECRET: &str = "component-secret-1";
pub const AUTHORIZER: &str = "wxa000000000000001";

/// A client that never goes through a proxy.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("client")
}

/// A simulator with one app.
pub async fn sim() -> Simulator {
    let sim = Simulator::start().await.expect("start");
    sim.add_app(APPID, SECRET);
    sim
}

pub async fn get_json(sim: &Simulator, path_and_query: &str) -> Value {
    client()
        .get(format!("{}{path_and_query}", sim.base_url()))
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json")
}

pub async fn post_json(sim: &Simulator, path_and_query: &str, body: Value) -> Value {
    client()
        .post(format!("{}{path_and_query}", sim.base_url()))
        .json(&body)
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json")
}

/// A fresh `/cgi-bin/token` access token for [`APPID`].
pub async fn token(sim: &Simulator) -> String {
    let body = get_json(
        sim,
        &format!("/cgi-bin/token?grant_type=client_credential&appid={APPID}&secret={SECRET}"),
    )
    .await;
    body["access_token"]
        .as_str()
        .expect("access_token")
        .to_owned()
}

pub fn errcode(body: &Value) -> i64 {
    body["errcode"].as_i64().unwrap_or(0)
}

/// An SDK client over `sim` for [`APPID`], its tokens kept by a hub that calls `sim`: the
/// typed calls of `wechat_runtime::api` run against the simulator as they would against WeChat.
pub fn sdk_client(
    sim: &Simulator,
) -> wechat_runtime::Client<wechat_runtime::Hub<wechat_runtime::MemoryStore>> {
    let hub =
        wechat_runtime::Hub::builder(wechat_runtime::MemoryStore::new().with_app(APPID, SECRET))
            .base_url(sim.base_url())
            .build()
            .expect("the hub builds");
    wechat_runtime::Client::builder(hub)
        .appid(APPID)
        .base_url(sim.base_url())
        .build()
        .expect("the client builds")
}
