//! A component application (a third-party platform) with its own token source: a storage that
//! implements only the four callbacks of elixir_wechat's `WeChat.Storage.ComponentClient`.
//!
//! ```text
//! cargo run -p wechat-examples --example component_storage
//! ```
//!
//! Here the tokens live in a table that another part of the system keeps fresh (a cron job, a
//! token service); the client only reads it. The runtime does the rest: injecting the right
//! token into each call, caching it, and asking for a new one when WeChat rejects it.

use std::collections::HashMap;
use std::sync::RwLock;

use wechat_runtime::simulator::Simulator;
use wechat_runtime::{
    async_trait, wechat_client, ComponentClientStorage, Error, Hub, MemoryStore, Result, Ticket,
    TicketType, Token, TokenKey,
};

const COMPONENT_APPID: &str = "wxc0123456789abcde";
const AUTHORIZER_APPID: &str = "wxa0123456789abcde";

/// Which table to read; bound to the client with `args = ...`, handed back to every callback.
#[derive(Debug, Default)]
pub struct TenantArgs {
    pub tenant: String,
}

impl TenantArgs {
    /// The tenant named by `TENANT`, or `demo`.
    pub fn from_env() -> Self {
        TenantArgs {
            tenant: std::env::var("TENANT").unwrap_or_else(|_| "demo".into()),
        }
    }
}

/// Tokens another service keeps, by tenant and key.
#[derive(Default)]
pub struct TokenTable {
    rows: RwLock<HashMap<(String, String), Token>>,
}

impl TokenTable {
    fn put(&self, tenant: &str, key: &str, token: Token) {
        self.rows
            .write()
            .unwrap()
            .insert((tenant.into(), key.into()), token);
    }

    fn get(&self, tenant: &str, key: &str) -> Result<Token> {
        self.rows
            .read()
            .unwrap()
            .get(&(tenant.to_owned(), key.to_owned()))
            .cloned()
            .ok_or_else(|| Error::storage(format!("no token for {key} in tenant {tenant}")))
    }
}

#[async_trait]
impl ComponentClientStorage for TokenTable {
    type Args = TenantArgs;

    async fn fetch_access_token(
        &self,
        appid: &str,
        authorizer_appid: &str,
        args: &TenantArgs,
    ) -> Result<Token> {
        self.get(&args.tenant, &format!("{appid}/{authorizer_appid}"))
    }

    async fn fetch_component_access_token(&self, appid: &str, args: &TenantArgs) -> Result<Token> {
        self.get(&args.tenant, appid)
    }

    async fn refresh_access_token(
        &self,
        appid: &str,
        authorizer_appid: &str,
        _stale: &str,
        args: &TenantArgs,
    ) -> Result<Token> {
        // The token service renews rejected tokens; read what it holds now.
        self.fetch_access_token(appid, authorizer_appid, args).await
    }

    async fn fetch_ticket(
        &self,
        _appid: &str,
        _authorizer_appid: &str,
        _ticket_type: TicketType,
        _args: &TenantArgs,
    ) -> Result<Ticket> {
        Err(Error::storage(
            "this deployment does not use JS-SDK tickets",
        ))
    }
}

/// The platform, acting for one authorizer by default.
#[wechat_client(
    component,
    storage = TokenTable,
    args = TenantArgs::from_env(),
    appid = COMPONENT_APPID,
    authorizer_appid = AUTHORIZER_APPID,
)]
pub struct Platform;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    wechat_examples::init_logs();
    let wechat = Simulator::start().await?;
    wechat.add_component(COMPONENT_APPID, "component-secret");
    let verify_ticket = wechat.push_verify_ticket(COMPONENT_APPID);
    let refresh_token = wechat.add_authorizer(COMPONENT_APPID, AUTHORIZER_APPID);

    // The "token service": here a hub in the same process fills the table once.
    let hub = Hub::builder(
        MemoryStore::new()
            .with_app(COMPONENT_APPID, "component-secret")
            .with_verify_ticket(COMPONENT_APPID, verify_ticket)
            .with_authorizer(COMPONENT_APPID, AUTHORIZER_APPID, refresh_token),
    )
    .base_url(wechat.base_url())
    .build()?;
    let table = TokenTable::default();
    let tenant = TenantArgs::from_env().tenant;
    table.put(
        &tenant,
        COMPONENT_APPID,
        hub.token(&TokenKey::component(COMPONENT_APPID)).await?,
    );
    table.put(
        &tenant,
        &format!("{COMPONENT_APPID}/{AUTHORIZER_APPID}"),
        hub.token(&TokenKey::authorizer(COMPONENT_APPID, AUTHORIZER_APPID))
            .await?,
    );

    let platform = Platform::builder(table)
        .base_url(wechat.base_url())
        .build()?;
    let user: serde_json::Value = platform
        .get("/cgi-bin/user/info")
        .query("openid", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M")
        .await?
        .json()?;
    println!("as authorizer {AUTHORIZER_APPID}: user {}", user["openid"]);
    let sent = wechat
        .requests()
        .into_iter()
        .find(|r| r.path == "/cgi-bin/user/info")
        .expect("the call reached the simulator");
    println!(
        "the call carried the authorizer's token: {}",
        sent.query_param("access_token")
            == wechat.current_access_token(AUTHORIZER_APPID).as_deref()
    );
    Ok(())
}
