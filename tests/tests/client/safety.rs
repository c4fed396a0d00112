//! Bad input gives typed errors, never a panic; secrets appear in no error and no trace.

use crate::common::mock::MockServer;
use crate::common::*;
use wechat_runtime::simulator::Fault;
use wechat_runtime::{
    async_trait, Client, ClientStorage, Error, Hub, MemoryStore, Result, Ticket, TicketType, Token,
    TokenKey,
};

/// A server on 127.0.0.1 that answers the token endpoint with HTTP 200 and `body`.
async fn answering(body: &str) -> MockServer {
    let mock = MockServer::start().await;
    mock.route("/cgi-bin/stable_token", 200, body);
    mock
}

fn hub_at(base_url: &str) -> Hub<MemoryStore> {
    Hub::builder(MemoryStore::new().with_app(APPID, SECRET))
        .base_url(base_url)
        .retry_policy(quick_retries())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_token_answer_without_a_token_is_a_decode_error() {
    for body in [
        r#"{}"#,
        r#"{"access_token":"","expires_in":7200}"#,
        r#"{"errcode":0}"#,
    ] {
        let hub = hub_at(&answering(body).await.base_url);
        let err = hub.token(&TokenKey::app(APPID)).await.unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{body}: {err:?}");
    }
}

#[tokio::test]
async fn a_token_answer_that_is_not_json_is_a_decode_error() {
    let err = hub_at(&answering("<html>gateway</html>").await.base_url)
        .token(&TokenKey::app(APPID))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");

    let sim = simulator().await;
    sim.inject_fault("/cgi-bin/stable_token", Fault::MalformedJson, 1);
    let err = hub(&sim).token(&TokenKey::app(APPID)).await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn an_empty_appid_is_rejected_before_sending() {
    let sim = simulator().await;
    let client = client(&sim, hub(&sim));
    let err = client
        .get("/cgi-bin/user/info")
        .appid("")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");

    let err = hub(&sim).token(&TokenKey::app("")).await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");

    let err = Client::builder(hub(&sim)).appid(" ").build().unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(sim.requests().is_empty());
}

#[tokio::test]
async fn no_appid_at_all_is_a_configuration_error() {
    let sim = simulator().await;
    let client = Client::builder(hub(&sim))
        .base_url(sim.base_url())
        .build()
        .unwrap();
    let err = client.get("/cgi-bin/menu/get").await.unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
}

#[tokio::test]
async fn a_bad_path_or_base_url_is_rejected() {
    let sim = simulator().await;
    let client = client(&sim, hub(&sim));
    let err = client.get("cgi-bin/menu/get").await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");

    let err = Client::builder(hub(&sim))
        .base_url("ftp://example")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    let err = Client::builder(hub(&sim))
        .base_url("not a url")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
}

#[test]
fn an_unknown_ticket_type_is_a_typed_error() {
    let err = "jsapi2".parse::<TicketType>().unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert!(serde_json::from_str::<TicketType>("\"card\"").is_err());
}

struct Broken;

#[async_trait]
impl ClientStorage for Broken {
    type Args = ();
    async fn fetch_access_token(&self, _: &str, _: &()) -> Result<Token> {
        Err(Error::storage_with_source(
            "the token service is down",
            std::io::Error::other("connection refused"),
        ))
    }
    async fn refresh_access_token(&self, _: &str, _: &str, _: &()) -> Result<Token> {
        Err(Error::storage("the token service is down"))
    }
    async fn fetch_ticket(&self, _: &str, _: TicketType, _: &()) -> Result<Ticket> {
        Err(Error::storage("the token service is down"))
    }
}

#[tokio::test]
async fn a_storage_error_is_returned_as_it_is() {
    let sim = simulator().await;
    let client = client(&sim, Broken);
    let err = client.get("/cgi-bin/menu/get").await.unwrap_err();
    assert!(matches!(err, Error::Storage { .. }), "{err:?}");
    assert!(std::error::Error::source(&err).is_some());
    assert!(sim.requests().is_empty());
}

#[test]
fn a_proxys_password_in_the_base_url_shows_nowhere() {
    let base_url = "http://proxyuser:PROXY-PASSWORD@127.0.0.1:9/wechat";
    let hub = Hub::builder(MemoryStore::new())
        .base_url(base_url)
        .build()
        .unwrap();
    let hub_client = wechat_runtime::HubClient::builder(base_url)
        .build()
        .unwrap();
    let client = Client::builder(Hub::new(MemoryStore::new()))
        .base_url(base_url)
        .build()
        .unwrap();
    let shown = format!("{hub:?} {hub_client:?} {client:?}");
    assert!(!shown.contains("PROXY-PASSWORD"), "{shown}");
    assert!(shown.contains("127.0.0.1:9/wechat"), "{shown}");
}

#[tokio::test]
async fn an_answer_over_the_size_limit_is_refused_unread() {
    let mock = MockServer::start().await;
    mock.route(
        "/cgi-bin/stable_token",
        200,
        r#"{"access_token":"T","expires_in":7200}"#,
    );
    let big = format!(r#"{{"menu":"{}"}}"#, "x".repeat(4096));
    mock.route("/cgi-bin/menu/get", 200, &big);
    let client = Client::builder(hub_at(&mock.base_url))
        .appid(APPID)
        .base_url(&mock.base_url)
        .max_response_size(1024)
        .build()
        .unwrap();
    let err = client.get("/cgi-bin/menu/get").await.unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { limit: 1024, ref path } if path == "/cgi-bin/menu/get"),
        "{err:?}"
    );

    // Without a declared length, it is read until it passes the limit.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut request = [0u8; 4096];
            let _ = socket.read(&mut request).await;
            let mut answer = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n".to_vec();
            for _ in 0..8 {
                answer.extend_from_slice(b"200\r\n");
                answer.extend_from_slice(&[b' '; 0x200]);
                answer.extend_from_slice(b"\r\n");
            }
            answer.extend_from_slice(b"0\r\n\r\n");
            let _ = socket.write_all(&answer).await;
        }
    });
    let client = Client::builder(Hub::new(MemoryStore::new()))
        .base_url(&base_url)
        .max_response_size(1024)
        .build()
        .unwrap();
    let err = client.get("/cgi-bin/token").await.unwrap_err();
    assert!(matches!(err, Error::ResponseTooLarge { .. }), "{err:?}");
    let client = Client::builder(Hub::new(MemoryStore::new()))
        .base_url(&base_url)
        .build()
        .unwrap();
    let body = client.get("/cgi-bin/token").await.unwrap();
    assert_eq!(body.bytes().len(), 8 * 0x200);
}
