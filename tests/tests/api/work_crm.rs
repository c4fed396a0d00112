//! WeCom's customer-facing areas against a recording mock: external contacts (customers, corp
//! tags, "contact me" ways, customer group chats, welcome messages), WeChat customer service
//! (`kf`) and OA approval. For each endpoint the exact request, a realistic answer, an errcode,
//! and input WeCom would refuse, rejected before anything is sent.

mod approval;
mod customers;
mod kf;
mod tags_and_ways;

use wechat_runtime::work::{WorkApp, WorkClientStorage, WorkKey};
use wechat_runtime::{async_trait, Client, Result, Ticket, TicketType, Token, Work};

use crate::common::api::ApiMock;
use crate::common::quick_retries;

pub const CORPID: &str = "ww0000000000000001";
pub const WORK_TOKEN: &str = "WORK_ACCESS_TOKEN_VALUE";

/// A WeCom storage that always hands out the same token.
#[derive(Debug, Default)]
pub struct FixedWorkToken;

#[async_trait]
impl WorkClientStorage for FixedWorkToken {
    type Args = ();
    async fn fetch_work_token(&self, _: &WorkKey, _: &()) -> Result<Token> {
        Ok(Token::new(WORK_TOKEN, 7200))
    }
    async fn refresh_work_token(&self, _: &WorkKey, _: &str, _: &()) -> Result<Token> {
        Ok(Token::new(WORK_TOKEN, 7200))
    }
    async fn fetch_work_ticket(
        &self,
        _: &WorkKey,
        ticket_type: TicketType,
        _: &(),
    ) -> Result<Ticket> {
        Ok(Ticket::new("WORK_TICKET", ticket_type, 7200))
    }
}

/// A recording mock and a WeCom client of `app` against it.
pub async fn work_mock(app: WorkApp) -> (ApiMock, Client<FixedWorkToken, Work>) {
    let api = ApiMock::start().await;
    let client = Client::work_builder(FixedWorkToken)
        .corpid(CORPID)
        .work_app(app)
        .base_url(&api.mock.base_url)
        .retry_policy(quick_retries())
        .build()
        .unwrap();
    (api, client)
}

/// The query of every WeCom call: the token only.
pub const TOKEN_QUERY: &[(&str, &str)] = &[("access_token", WORK_TOKEN)];

/// `{"errcode":0,"errmsg":"ok"}`.
pub fn ok() -> serde_json::Value {
    serde_json::json!({"errcode": 0, "errmsg": "ok"})
}
