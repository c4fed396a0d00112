//! For typed API tests: a client with a fixed token against a recording mock, and assertions on
//! the request it sent.

use serde_json::Value;
use wechat_runtime::{
    async_trait, Client, ClientBuilder, ClientStorage, Component, ComponentClientStorage, Result,
    Ticket, TicketType, Token,
};

use super::mock::{MockServer, Recorded};
use super::{quick_retries, APPID, AUTHORIZER_APPID, COMPONENT_APPID};

pub const ACCESS_TOKEN: &str = "ACCESS_TOKEN_VALUE";
pub const COMPONENT_ACCESS_TOKEN: &str = "COMPONENT_ACCESS_TOKEN_VALUE";

/// A storage that always hands out the same tokens.
#[derive(Debug, Default)]
pub struct StaticToken;

#[async_trait]
impl ClientStorage for StaticToken {
    type Args = ();
    async fn fetch_access_token(&self, _: &str, _: &()) -> Result<Token> {
        Ok(Token::new(ACCESS_TOKEN, 7200))
    }
    async fn refresh_access_token(&self, _: &str, _: &str, _: &()) -> Result<Token> {
        Ok(Token::new(ACCESS_TOKEN, 7200))
    }
    async fn fetch_ticket(&self, _: &str, ticket_type: TicketType, _: &()) -> Result<Ticket> {
        Ok(Ticket::new("TICKET_VALUE", ticket_type, 7200))
    }
}

#[async_trait]
impl ComponentClientStorage for StaticToken {
    type Args = ();
    async fn fetch_access_token(&self, _: &str, _: &str, _: &()) -> Result<Token> {
        Ok(Token::new(ACCESS_TOKEN, 7200))
    }
    async fn fetch_component_access_token(&self, _: &str, _: &()) -> Result<Token> {
        Ok(Token::new(COMPONENT_ACCESS_TOKEN, 7200))
    }
    async fn refresh_access_token(&self, _: &str, _: &str, _: &str, _: &()) -> Result<Token> {
        Ok(Token::new(ACCESS_TOKEN, 7200))
    }
    async fn fetch_ticket(
        &self,
        _: &str,
        _: &str,
        ticket_type: TicketType,
        _: &(),
    ) -> Result<Ticket> {
        Ok(Ticket::new("TICKET_VALUE", ticket_type, 7200))
    }
}

/// A recording mock and clients against it.
pub struct ApiMock {
    pub mock: MockServer,
    pub client: Client<StaticToken>,
    pub component: Client<StaticToken, Component>,
}

impl ApiMock {
    pub async fn start() -> ApiMock {
        let mock = MockServer::start().await;
        let client = Client::builder(StaticToken)
            .appid(APPID)
            .base_url(&mock.base_url)
            .retry_policy(quick_retries())
            .build()
            .unwrap();
        let component = ClientBuilder::component(StaticToken, ())
            .appid(COMPONENT_APPID)
            .authorizer_appid(AUTHORIZER_APPID)
            .base_url(&mock.base_url)
            .retry_policy(quick_retries())
            .build()
            .unwrap();
        ApiMock {
            mock,
            client,
            component,
        }
    }

    /// Answers `path` with `body` (HTTP 200).
    pub fn answer(&self, path: &str, body: Value) {
        self.mock.route(path, 200, &body.to_string());
    }

    /// Answers `path` with raw bytes-as-text and a 200.
    pub fn answer_text(&self, path: &str, body: &str) {
        self.mock.route(path, 200, body);
    }

    /// The one request sent since the last call of `take`, checked against what WeChat
    /// documents: the method, the path, the query (the token included) and the JSON body.
    pub fn expect(
        &self,
        method: &str,
        path: &str,
        query: &[(&str, &str)],
        body: Option<Value>,
    ) -> Recorded {
        let requests = self.mock.requests();
        let request = requests.last().expect("a request was sent").clone();
        assert_eq!(request.method, method, "{request:?}");
        assert_eq!(request.path(), path, "{request:?}");
        let expected: Vec<(String, String)> = query
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut sent = request.query();
        sent.sort();
        let mut expected_sorted = expected.clone();
        expected_sorted.sort();
        assert_eq!(sent, expected_sorted, "query of {path}");
        if let Some(body) = body {
            assert_eq!(request.json(), body, "body of {path}");
        }
        request
    }

    /// How many requests reached the mock.
    pub fn sent(&self) -> usize {
        self.mock.requests().len()
    }
}

/// An errcode answer, as WeChat sends it.
pub fn errcode(code: i64, message: &str) -> Value {
    serde_json::json!({"errcode": code, "errmsg": format!("{message} rid: 6523d1a3-0d5f2b1c-1a2b3c4d")})
}
