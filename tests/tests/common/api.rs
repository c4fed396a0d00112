//! For typed API tests: a client with a fixed token against a recording mock, and assertions on
//! the request it sent.

use serde_json::Value;
use wechat_runtime::{
    async_trait, Client, ClientBuilder, ClientStorage, Component, ComponentClientStorage, Error,
    Result, Ticket, TicketType, Token,
};

use super::mock::{Answer, MockServer, Recorded};
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

    /// Answers `path` with `bytes` as `content_type` plus `extra_headers` (HTTP 200), as WeChat's
    /// downloads do.
    pub fn answer_bytes(
        &self,
        path: &str,
        content_type: &str,
        extra_headers: &[(&str, &str)],
        bytes: impl Into<Vec<u8>>,
    ) {
        let mut headers = vec![("content-type", content_type)];
        headers.extend_from_slice(extra_headers);
        self.mock.route_bytes(path, 200, &headers, bytes);
    }

    /// Answers successive requests to `path` with successive `pages` (HTTP 200); the last one
    /// repeats.
    pub fn answer_pages(&self, path: &str, pages: Vec<Value>) {
        self.mock.route_sequence(
            path,
            pages
                .iter()
                .map(|page| Answer::json(200, &page.to_string())),
        );
    }

    /// The last request sent.
    pub fn last(&self) -> Recorded {
        self.mock.requests().pop().expect("a request was sent")
    }

    /// The last request sent, checked against what WeChat documents: the method, the path, the
    /// query (the token included) and the JSON body.
    pub fn expect(
        &self,
        method: &str,
        path: &str,
        query: &[(&str, &str)],
        body: Option<Value>,
    ) -> Recorded {
        let request = self.last();
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

/// The error a bad input is rejected with, before anything is sent.
pub fn assert_invalid(err: Error) {
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
}

/// The parts of a recorded `multipart/form-data` body: (part headers in lower case, content).
pub fn multipart_parts(request: &Recorded) -> Vec<(String, Vec<u8>)> {
    let content_type = request.header("content-type").expect("a content type");
    assert!(
        content_type.starts_with("multipart/form-data"),
        "{content_type}"
    );
    let boundary = content_type
        .split("boundary=")
        .nth(1)
        .expect("a boundary")
        .trim_matches('"');
    let delimiter = format!("--{boundary}");
    let body = &request.body;
    let mut starts = Vec::new();
    let mut at = 0;
    while let Some(i) = body[at..]
        .windows(delimiter.len())
        .position(|w| w == delimiter.as_bytes())
    {
        starts.push(at + i);
        at += i + delimiter.len();
    }
    starts
        .windows(2)
        .map(|w| {
            let part = &body[w[0] + delimiter.len()..w[1]];
            let part = part.strip_prefix(b"\r\n").unwrap_or(part);
            let part = part.strip_suffix(b"\r\n").unwrap_or(part);
            let split = part
                .windows(4)
                .position(|w| w == b"\r\n\r\n")
                .expect("part headers");
            (
                String::from_utf8_lossy(&part[..split]).to_lowercase(),
                part[split + 4..].to_vec(),
            )
        })
        .collect()
}

/// The part named `name` of `parts`: its headers and content.
pub fn multipart_part<'a>(parts: &'a [(String, Vec<u8>)], name: &str) -> &'a (String, Vec<u8>) {
    parts
        .iter()
        .find(|(headers, _)| headers.contains(&format!("name=\"{name}\"")))
        .unwrap_or_else(|| panic!("no part {name} in {parts:?}"))
}
