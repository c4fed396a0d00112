//! The instructions one typed call costs, against raw reqwest doing the same request and
//! decoding the same answer. Counted by callgrind, which is deterministic on a noisy machine:
//!
//! ```text
//! bash scripts/bench-call-cost.sh
//! ```
//!
//! The script starts the simulator binary as a process of its own (so its instructions are not
//! counted) and runs this binary under `valgrind --tool=callgrind` for each side with two call
//! counts; the difference divided by the difference in calls is the cost of one call, without
//! the start-up both sides share.
//!
//! Arguments: `sdk|raw CALLS`; environment: `WECHAT_SIM_URL`, the simulator's base URL.

use serde::Deserialize;
use wechat_runtime::{Client, Hub, MemoryStore};

const APPID: &str = "wx0000000000000001";
const SECRET: &str = "bench-secret";
const OPENID: &str = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M";

/// What a raw caller decodes: the fields of `UserInfo`, and the errcode it must look at too.
#[derive(Deserialize)]
#[allow(dead_code)]
struct RawUserInfo {
    #[serde(default)]
    errcode: i64,
    #[serde(default)]
    errmsg: Option<String>,
    #[serde(default)]
    subscribe: u8,
    openid: String,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    subscribe_time: Option<u64>,
    #[serde(default)]
    unionid: Option<String>,
    #[serde(default)]
    remark: Option<String>,
    #[serde(default)]
    groupid: Option<i64>,
    #[serde(default)]
    tagid_list: Vec<u64>,
    #[serde(default)]
    subscribe_scene: Option<String>,
    #[serde(default)]
    qr_scene: Option<u64>,
    #[serde(default)]
    qr_scene_str: Option<String>,
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let side = args.next().expect("sdk or raw");
    let calls: usize = args.next().expect("a number of calls").parse().unwrap();
    let base_url = std::env::var("WECHAT_SIM_URL").expect("WECHAT_SIM_URL");

    let hub = Hub::builder(MemoryStore::new().with_app(APPID, SECRET))
        .base_url(&base_url)
        .build()
        .unwrap();
    let sdk: Client<Hub<MemoryStore>> = Client::builder(hub)
        .appid(APPID)
        .base_url(&base_url)
        .build()
        .unwrap();
    let token = sdk.access_token().await.unwrap().access_token;
    let raw = reqwest::Client::new();
    let url = format!("{base_url}/cgi-bin/user/info?openid={OPENID}&access_token={token}");
    // One call of each before counting, so that both have a warm connection.
    sdk.user().info(OPENID).await.unwrap();
    raw.get(&url).send().await.unwrap().bytes().await.unwrap();

    match side.as_str() {
        "sdk" => {
            for _ in 0..calls {
                let user = sdk.user().info(OPENID).await.unwrap();
                assert_eq!(user.openid, OPENID);
            }
        }
        "raw" => {
            for _ in 0..calls {
                let response = raw
                    .get(&url)
                    .timeout(wechat_runtime::DEFAULT_TIMEOUT)
                    .send()
                    .await
                    .unwrap();
                let body = response.bytes().await.unwrap();
                let user: RawUserInfo = serde_json::from_slice(&body).unwrap();
                assert_eq!(user.errcode, 0);
                assert_eq!(user.openid, OPENID);
            }
        }
        other => panic!("unknown side {other}"),
    }
}
