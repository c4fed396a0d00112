//! The quickstart: a real call through `Hub<MemoryStore>`, offline, against the built-in WeChat
//! simulator.
//!
//! ```text
//! cargo run -p wechat-examples --example quickstart
//! ```
//!
//! It shows the token fetched once and reused, then WeChat expiring it and one refresh healing
//! the next call.

use wechat_runtime::simulator::Simulator;
use wechat_runtime::{wechat_client, Hub, MemoryStore};

const APPID: &str = "wx0123456789abcdef";
const SECRET: &str = "quickstart-appsecret";

/// An Official Account whose tokens a `Hub` fetches from WeChat and keeps in memory.
#[wechat_client(storage = Hub<MemoryStore>, appid = APPID)]
pub struct OfficialAccount;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    wechat_examples::init_logs();
    // A stand-in for api.weixin.qq.com on 127.0.0.1, with one Official Account.
    let wechat = Simulator::start().await?;
    wechat.add_app(APPID, SECRET);
    println!("WeChat simulator listening on {}", wechat.base_url());

    // The hub fetches tokens with the appsecret and keeps them; the client reads them from it.
    let hub = Hub::builder(MemoryStore::new().with_app(APPID, SECRET))
        .base_url(wechat.base_url())
        .build()?;
    let account = OfficialAccount::builder(hub)
        .base_url(wechat.base_url())
        .build()?;

    let openid = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M";
    for round in 1..=3 {
        // A typed call: `GET /cgi-bin/user/info`, decoded into `UserInfo`.
        let user = account.user().info(openid).await?;
        println!(
            "call {round}: user().info -> subscribed {}, {} token fetch(es) so far",
            user.subscribe == 1,
            wechat.calls("/cgi-bin/stable_token")
        );
    }

    // Any path without a typed method, with the same token handling.
    let menu: serde_json::Value = account.get("/cgi-bin/menu/get").await?.json()?;
    println!(
        "/cgi-bin/menu/get -> {} top-level button(s)",
        menu["menu"]["button"].as_array().map_or(0, Vec::len)
    );

    // WeChat expires the token early (it does, for instance when another server forced a new one).
    wechat.expire_access_tokens(APPID);
    println!("the simulator expired the access token");
    let user = account.user().info(openid).await?;
    println!(
        "after expiry: user().info -> openid {} ({} calls in all: one was rejected with 42001, \
         one refresh fetched a new token, one retry succeeded)",
        user.openid,
        wechat.calls("/cgi-bin/user/info")
    );
    println!(
        "token fetches in all: {} (one at start, one after the expiry)",
        wechat.calls("/cgi-bin/stable_token")
    );
    Ok(())
}
