//! A component hub (third-party platform) standing alone, offline: the simulator plays WeChat,
//! pushes the `component_verify_ticket` and an authorization to the hub's callback route, and a
//! `HubClient` then reads the component's and the authorizer's tokens from the hub.
//!
//! ```text
//! cargo run -p wechat-examples --example component_hub
//! ```
//!
//! The `wechat-hub` binary does the same with a `[[components]]` entry that has `token_env` and
//! `encoding_aes_key_env`; the README shows it driven by the simulator binary with curl.

use std::sync::Arc;

use wechat_runtime::callback::Endpoint;
use wechat_runtime::hub::server::{Caller, HubServer};
use wechat_runtime::simulator::{CallbackTarget, ComponentPush, Simulator};
use wechat_runtime::{ComponentClientStorage, Hub, HubClient, MemoryStore};

const COMPONENT: &str = "wxc0123456789abcde";
const COMPONENT_SECRET: &str = "component-appsecret";
const AUTHORIZER: &str = "wxa0123456789abcde";
// The platform's authorization event URL settings: its token and EncodingAESKey.
const CALLBACK_TOKEN: &str = "component-callback-token";
const AES_KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const CALLER_SECRET: &str = "secret-of-the-web-servers";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    wechat_examples::init_logs();
    let wechat = Simulator::start().await?;
    wechat.add_component(COMPONENT, COMPONENT_SECRET);

    // The hub starts with the component's secret only: no verify ticket, no authorizer.
    let hub = Hub::builder(MemoryStore::new().with_app(COMPONENT, COMPONENT_SECRET))
        .base_url(wechat.base_url())
        .build()?;
    let server = HubServer::new(Arc::new(hub))
        .caller(Caller::new("web", CALLER_SECRET, [COMPONENT]))
        .component_callback(
            COMPONENT,
            Endpoint::safe(CALLBACK_TOKEN, AES_KEY, COMPONENT)?,
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let hub_url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(server.serve(listener, std::future::pending()));
    println!("component hub listening on {hub_url}");

    // WeChat's side: the authorization event URL points at the hub's callback route.
    let callback_url = format!("{hub_url}/callback/component/{COMPONENT}");
    wechat.set_callback(
        COMPONENT,
        CallbackTarget::safe(callback_url, CALLBACK_TOKEN, AES_KEY)?,
    );
    let pushed = wechat
        .push_component(COMPONENT, ComponentPush::VerifyTicket)
        .await?;
    println!(
        "pushed a component_verify_ticket: the hub answered {:?}",
        pushed.body
    );
    let pushed = wechat
        .push_component(
            COMPONENT,
            ComponentPush::Authorized {
                authorizer_appid: AUTHORIZER.to_owned(),
            },
        )
        .await?;
    println!(
        "pushed an authorization of {AUTHORIZER}: the hub answered {:?}",
        pushed.body
    );

    // A web server reads tokens from the hub, never from WeChat.
    let client = HubClient::builder(&hub_url).secret(CALLER_SECRET).build()?;
    let component_token = client.fetch_component_access_token(COMPONENT, &()).await?;
    let authorizer_token = client
        .fetch_access_token(COMPONENT, AUTHORIZER, &())
        .await?;
    println!(
        "component_access_token expires in {} s; {AUTHORIZER}'s access token in {} s",
        component_token.expires_in, authorizer_token.expires_in
    );
    assert_eq!(
        Some(authorizer_token.access_token),
        wechat.current_access_token(AUTHORIZER)
    );
    println!(
        "WeChat saw {} api_component_token and {} api_query_auth call(s)",
        wechat.calls("/cgi-bin/component/api_component_token"),
        wechat.calls("/cgi-bin/component/api_query_auth")
    );
    Ok(())
}
