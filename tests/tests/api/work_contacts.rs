//! WeCom's contacts against a recording mock: members, departments, tags and invitations. For
//! each endpoint the exact request, a realistic answer, an errcode, and input WeCom would
//! refuse, rejected before anything is sent. The WeCom client of these tests (and of
//! `work_apps`) is built here.

mod departments;
mod tags;
mod users;

use serde_json::Value;
use wechat_runtime::work::{WorkApp, WorkClientStorage, WorkKey};
use wechat_runtime::{async_trait, Client, Result, Ticket, TicketType, Token, Work};

use crate::common::api::ApiMock;
use crate::common::quick_retries;

pub const CORP: &str = "ww00000000000000c1";
pub const TOKEN: &str = "WECOM_TOKEN_VALUE";
pub const JSAPI_TICKET: &str = "CORP_JSAPI_TICKET";
pub const AGENT_CONFIG_TICKET: &str = "AGENT_CONFIG_TICKET";
pub const AGENT: i64 = 1000002;

/// A WeCom storage with one fixed token, and a ticket per type.
#[derive(Debug, Default)]
pub struct StaticWorkToken;

#[async_trait]
impl WorkClientStorage for StaticWorkToken {
    type Args = ();
    async fn fetch_work_token(&self, _: &WorkKey, _: &()) -> Result<Token> {
        Ok(Token::new(TOKEN, 7200))
    }
    async fn refresh_work_token(&self, _: &WorkKey, _: &str, _: &()) -> Result<Token> {
        Ok(Token::new(TOKEN, 7200))
    }
    async fn fetch_work_ticket(&self, _: &WorkKey, kind: TicketType, _: &()) -> Result<Ticket> {
        let value = match kind {
            TicketType::AgentConfig => AGENT_CONFIG_TICKET,
            _ => JSAPI_TICKET,
        };
        Ok(Ticket::new(value, kind, 7200))
    }
}

/// A recording mock and a WeCom client of `app` against it.
pub async fn wecom(app: WorkApp) -> (ApiMock, Client<StaticWorkToken, Work>) {
    let api = ApiMock::start().await;
    let client = Client::work_builder(StaticWorkToken)
        .corpid(CORP)
        .work_app(app)
        .base_url(&api.mock.base_url)
        .retry_policy(quick_retries())
        .build()
        .unwrap();
    (api, client)
}

/// The query of every call: the token.
pub const Q: &[(&str, &str)] = &[("access_token", TOKEN)];

/// `{"errcode":0,"errmsg":msg}`.
pub fn done(msg: &str) -> Value {
    serde_json::json!({"errcode": 0, "errmsg": msg})
}
