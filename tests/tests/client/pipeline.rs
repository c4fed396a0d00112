//! The call pipeline against the simulator: token caching, refresh on rejection, single-flight,
//! retries, and what never happens (a loop, a resent message, a leaked secret).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::common::*;
use serde_json::json;
use tokio::sync::Notify;
use wechat_runtime::simulator::Fault;
use wechat_runtime::{
    async_trait, Client, ClientStorage, Error, Hub, MemoryStore, Part, Result, Ticket, TicketType,
    Token, TokenKey,
};

async fn user_info<S: ClientStorage + 'static>(client: &Client<S>) -> Result<serde_json::Value> {
    client
        .get("/cgi-bin/user/info")
        .query("openid", OPENID)
        .await?
        .json()
}

#[tokio::test]
async fn a_cached_token_makes_no_storage_call() {
    let sim = simulator().await;
    let storage = Counted::new(hub(&sim));
    let client = client(&sim, storage.clone());

    for _ in 0..3 {
        let user = user_info(&client).await.unwrap();
        assert_eq!(user["openid"], OPENID);
    }
    assert_eq!(storage.fetches(), 1);
    assert_eq!(sim.calls("/cgi-bin/stable_token"), 1);
    assert_eq!(sim.calls("/cgi-bin/user/info"), 3);
    // The token went into the query string, as WeChat wants it.
    let sent = sim
        .requests()
        .into_iter()
        .find(|r| r.path == "/cgi-bin/user/info")
        .unwrap();
    assert_eq!(sent.method, "GET");
    assert_eq!(sent.query_param("openid"), Some(OPENID));
    assert_eq!(
        sent.query_param("access_token"),
        sim.current_access_token(APPID).as_deref()
    );
}

#[tokio::test]
async fn a_rejected_token_is_refreshed_once_and_the_call_retried() {
    let sim = simulator().await;
    let storage = Counted::new(hub(&sim));
    let client = client(&sim, storage.clone());
    user_info(&client).await.unwrap();
    let stale = sim.current_access_token(APPID).unwrap();

    sim.revoke_access_token(&stale);
    let user = user_info(&client).await.unwrap();

    assert_eq!(user["openid"], OPENID);
    assert_eq!(storage.refreshes(), 1);
    assert_eq!(sim.calls("/cgi-bin/user/info"), 3);
    assert_ne!(sim.current_access_token(APPID).unwrap(), stale);
}

#[tokio::test]
async fn an_expired_token_is_refreshed_too() {
    let sim = simulator().await;
    let storage = Counted::new(hub(&sim));
    let client = client(&sim, storage.clone());
    user_info(&client).await.unwrap();

    sim.expire_access_tokens(APPID);
    user_info(&client).await.unwrap();
    assert_eq!(storage.refreshes(), 1);
}

/// A storage that keeps handing back the same rejected token.
struct Stubborn {
    refreshes: AtomicUsize,
}

#[async_trait]
impl ClientStorage for Stubborn {
    type Args = ();
    async fn fetch_access_token(&self, _: &str, _: &()) -> Result<Token> {
        Ok(Token::new("revoked-token", 7200))
    }
    async fn refresh_access_token(&self, _: &str, _: &str, _: &()) -> Result<Token> {
        self.refreshes.fetch_add(1, Ordering::SeqCst);
        Ok(Token::new("revoked-token", 7200))
    }
    async fn fetch_ticket(&self, _: &str, _: TicketType, _: &()) -> Result<Ticket> {
        Err(Error::storage("no tickets here"))
    }
}

#[tokio::test]
async fn a_second_rejection_is_an_error_not_a_loop() {
    let sim = simulator().await;
    let client = client(
        &sim,
        Stubborn {
            refreshes: AtomicUsize::new(0),
        },
    );

    let err = user_info(&client).await.unwrap_err();

    assert!(err.is_token_expired(), "{err}");
    assert_eq!(client.storage().refreshes.load(Ordering::SeqCst), 1);
    assert_eq!(sim.calls("/cgi-bin/user/info"), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_callers_at_expiry_make_one_upstream_token_call() {
    let sim = simulator().await;
    let storage = Counted::new(hub(&sim));
    let client = client(&sim, storage.clone());
    user_info(&client).await.unwrap();
    sim.expire_access_tokens(APPID);
    sim.reset_counters();

    let calls: Vec<_> = (0..1000)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { user_info(&client).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }

    assert_eq!(sim.calls("/cgi-bin/stable_token"), 1);
    assert_eq!(storage.refreshes(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_cold_callers_make_one_storage_call() {
    let sim = simulator().await;
    let storage = Counted::new(hub(&sim));
    let client = client(&sim, storage.clone());

    let calls: Vec<_> = (0..1000)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.access_token().await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(storage.fetches(), 1);
    assert_eq!(sim.calls("/cgi-bin/stable_token"), 1);
}

/// A storage whose first fetch never finishes on its own.
struct FirstFetchHangs {
    fetches: AtomicUsize,
    entered: Notify,
}

#[async_trait]
impl ClientStorage for FirstFetchHangs {
    type Args = ();
    async fn fetch_access_token(&self, _: &str, _: &()) -> Result<Token> {
        if self.fetches.fetch_add(1, Ordering::SeqCst) == 0 {
            self.entered.notify_one();
            std::future::pending::<()>().await;
        }
        Ok(Token::new("token-from-the-second-fetch", 7200))
    }
    async fn refresh_access_token(&self, _: &str, _: &str, _: &()) -> Result<Token> {
        unreachable!("no refresh in this test")
    }
    async fn fetch_ticket(&self, _: &str, _: TicketType, _: &()) -> Result<Ticket> {
        unreachable!("no ticket in this test")
    }
}

#[tokio::test]
async fn a_cancelled_caller_leaves_nobody_waiting() {
    let sim = simulator().await;
    let client = client(
        &sim,
        FirstFetchHangs {
            fetches: AtomicUsize::new(0),
            entered: Notify::new(),
        },
    );
    let leader = tokio::spawn({
        let client = client.clone();
        async move { client.access_token().await }
    });
    client.storage().entered.notified().await;
    let waiters: Vec<_> = (0..10)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.access_token().await })
        })
        .collect();

    leader.abort();
    for waiter in waiters {
        let token = waiter.await.unwrap().unwrap();
        assert_eq!(token.access_token, "token-from-the-second-fetch");
    }
    assert_eq!(client.storage().fetches.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_refresh_with_a_stale_token_makes_no_upstream_call() {
    let sim = simulator().await;
    let hub = hub(&sim);
    let key = TokenKey::app(APPID);
    let stored = hub.token(&key).await.unwrap();
    assert_eq!(sim.calls("/cgi-bin/stable_token"), 1);

    let refreshed = hub
        .refresh(&key, "a-token-someone-replaced-already")
        .await
        .unwrap();

    assert_eq!(refreshed.access_token, stored.access_token);
    assert_eq!(sim.calls("/cgi-bin/stable_token"), 1);
}

#[tokio::test]
async fn a_refresh_of_the_stored_token_forces_a_new_one() {
    let sim = simulator().await;
    let hub = hub(&sim);
    let key = TokenKey::app(APPID);
    let stored = hub.token(&key).await.unwrap();

    let refreshed = hub.refresh(&key, &stored.access_token).await.unwrap();

    assert_ne!(refreshed.access_token, stored.access_token);
    assert_eq!(
        Some(refreshed.access_token),
        sim.current_access_token(APPID)
    );
    let forced = sim
        .requests()
        .iter()
        .filter_map(|r| r.json())
        .filter(|body| body["force_refresh"] == json!(true))
        .count();
    assert_eq!(forced, 1);
}

#[tokio::test]
async fn transient_failures_are_retried_a_bounded_number_of_times() {
    let sim = simulator().await;
    let client = client(&sim, hub(&sim));
    user_info(&client).await.unwrap();
    sim.reset_counters();

    sim.inject_fault("/cgi-bin/user/info", Fault::Status(503), 2);
    user_info(&client).await.unwrap();
    assert_eq!(sim.calls("/cgi-bin/user/info"), 3);

    sim.reset_counters();
    sim.inject_fault("/cgi-bin/user/info", Fault::SystemBusy, 10);
    let err = user_info(&client).await.unwrap_err();
    assert_eq!(err.errcode(), Some(-1));
    assert!(err.is_transient());
    assert_eq!(
        sim.calls("/cgi-bin/user/info"),
        3,
        "one attempt and two retries"
    );
}

#[tokio::test]
async fn a_dropped_connection_is_a_transport_error() {
    let sim = simulator().await;
    let client = client(&sim, hub(&sim));
    user_info(&client).await.unwrap();
    sim.inject_fault("/cgi-bin/user/info", Fault::DropConnection, 10);
    let err = user_info(&client).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(err.is_transient());
    // The printed chain says each thing once: the message does not repeat its source.
    let mut chain = vec![err.to_string()];
    let mut source = std::error::Error::source(&err);
    while let Some(cause) = source {
        chain.push(cause.to_string());
        source = cause.source();
    }
    assert!(
        chain[0].starts_with("transport error on /cgi-bin/user/info"),
        "{chain:?}"
    );
    for (i, message) in chain.iter().enumerate() {
        for later in &chain[i + 1..] {
            assert!(!message.contains(later.as_str()), "{chain:?}");
        }
    }
    assert_eq!(
        sim.calls("/cgi-bin/user/info"),
        4,
        "one call, then one attempt and two retries"
    );

    // A dropped POST may have been acted on: it is not sent again.
    sim.reset_counters();
    sim.inject_fault("/cgi-bin/message/custom/send", Fault::DropConnection, 1);
    let err = client
        .post("/cgi-bin/message/custom/send")
        .json(&text_message())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(sim.calls("/cgi-bin/message/custom/send"), 1);
}

fn text_message() -> serde_json::Value {
    json!({"touser": OPENID, "msgtype": "text", "text": {"content": "hello"}})
}

#[tokio::test]
async fn a_message_send_that_timed_out_after_the_server_got_it_is_not_resent() {
    let sim = simulator().await;
    let client = client(&sim, hub(&sim));
    user_info(&client).await.unwrap();

    sim.inject_fault(
        "/cgi-bin/message/custom/send",
        Fault::Delay(Duration::from_secs(5)),
        1,
    );
    let err = client
        .post("/cgi-bin/message/custom/send")
        .json(&text_message())
        .timeout(Duration::from_millis(300))
        .await
        .unwrap_err();

    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(sim.calls("/cgi-bin/message/custom/send"), 1);
    assert_eq!(sim.sent_messages().len(), 1, "the server did get it once");
}

#[tokio::test]
async fn a_non_2xx_answer_with_a_wechat_body_keeps_its_errcode() {
    let sim = simulator().await;
    let client = client(&sim, hub(&sim));

    // The simulator answers an unknown path as WeChat does: HTTP 404, errcode 40066.
    let err = client.get("/cgi-bin/no/such/api").await.unwrap_err();

    match &err {
        Error::Api {
            errcode, errmsg, ..
        } => {
            assert_eq!(*errcode, 40066);
            assert_eq!(errmsg, "invalid url");
        }
        other => panic!("expected the WeChat error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_message_send_answered_with_a_5xx_is_not_resent() {
    let sim = simulator().await;
    let client = client(&sim, hub(&sim));
    user_info(&client).await.unwrap();
    sim.inject_fault("/cgi-bin/message/custom/send", Fault::Status(502), 1);

    let err = client
        .post("/cgi-bin/message/custom/send")
        .json(&text_message())
        .await
        .unwrap_err();

    assert!(matches!(err, Error::Status { status: 502, .. }), "{err:?}");
    assert_eq!(sim.calls("/cgi-bin/message/custom/send"), 1);

    // Marked idempotent, the same failure is retried.
    sim.inject_fault("/cgi-bin/message/custom/send", Fault::Status(502), 1);
    client
        .post("/cgi-bin/message/custom/send")
        .json(&text_message())
        .idempotent(true)
        .await
        .unwrap();
    assert_eq!(sim.calls("/cgi-bin/message/custom/send"), 3);
}

#[tokio::test]
async fn a_bad_secret_is_an_error_without_retry() {
    let sim = simulator().await;
    let hub = Hub::builder(MemoryStore::new().with_app(APPID, "not-the-secret"))
        .base_url(sim.base_url())
        .build()
        .unwrap();
    let client = client(&sim, hub);

    let err = user_info(&client).await.unwrap_err();

    assert!(err.errcode().is_some(), "{err:?}");
    assert!(!err.to_string().contains("not-the-secret"));
    assert_eq!(sim.calls("/cgi-bin/stable_token"), 1);
    assert_eq!(sim.calls("/cgi-bin/user/info"), 0);
}

#[tokio::test]
async fn a_missing_secret_names_the_appid() {
    let sim = simulator().await;
    let hub = Hub::builder(MemoryStore::new())
        .base_url(sim.base_url())
        .build()
        .unwrap();
    let client = client(&sim, hub);
    let err = user_info(&client).await.unwrap_err();
    assert!(
        matches!(err, Error::Missing { what: "secret", .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains(APPID), "{err}");
    assert_eq!(sim.calls("/cgi-bin/stable_token"), 0);
}

#[tokio::test]
async fn the_classic_token_endpoint_is_an_option() {
    let sim = simulator().await;
    let hub = Hub::builder(MemoryStore::new().with_app(APPID, SECRET))
        .base_url(sim.base_url())
        .token_endpoint(wechat_runtime::TokenEndpoint::Classic)
        .build()
        .unwrap();
    let client = client(&sim, hub);
    user_info(&client).await.unwrap();
    let sent = sim
        .requests()
        .into_iter()
        .find(|r| r.path == "/cgi-bin/token")
        .unwrap();
    assert_eq!(sent.method, "GET");
    assert_eq!(sent.query_param("grant_type"), Some("client_credential"));
    assert_eq!(sent.query_param("appid"), Some(APPID));
    assert_eq!(sim.calls("/cgi-bin/stable_token"), 0);
}

#[tokio::test]
async fn tickets_are_fetched_once_and_cached() {
    let sim = simulator().await;
    let storage = Counted::new(hub(&sim));
    let client = client(&sim, storage.clone());

    let jsapi = client.ticket(TicketType::Jsapi).await.unwrap();
    let again = client.ticket(TicketType::Jsapi).await.unwrap();
    let card = client.ticket(TicketType::WxCard).await.unwrap();

    assert_eq!(jsapi, again);
    assert_eq!(card.ticket_type, TicketType::WxCard);
    assert_eq!(storage.tickets.load(Ordering::SeqCst), 2);
    assert_eq!(sim.calls("/cgi-bin/ticket/getticket"), 2);
    let types: Vec<_> = sim
        .requests()
        .into_iter()
        .filter(|r| r.path == "/cgi-bin/ticket/getticket")
        .map(|r| r.query_param("type").unwrap().to_owned())
        .collect();
    assert_eq!(types, ["jsapi", "wx_card"]);
}

#[tokio::test]
async fn uploads_and_downloads_carry_real_bytes() {
    let sim = simulator().await;
    let client = client(&sim, hub(&sim));
    let image: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();

    let uploaded: serde_json::Value = client
        .post("/cgi-bin/media/upload")
        .query("type", "image")
        .part(Part::bytes("media", "photo.png", image.clone()).content_type("image/png"))
        .await
        .unwrap()
        .json()
        .unwrap();
    let media_id = uploaded["media_id"].as_str().unwrap();
    let upload = sim
        .requests()
        .into_iter()
        .find(|r| r.path == "/cgi-bin/media/upload")
        .unwrap();
    assert!(upload
        .content_type
        .as_deref()
        .unwrap()
        .starts_with("multipart/form-data"));
    assert_eq!(upload.query_param("type"), Some("image"));

    let downloaded = client
        .get("/cgi-bin/media/get")
        .query("media_id", media_id)
        .await
        .unwrap();
    assert_eq!(downloaded.bytes().as_ref(), image.as_slice());

    let err = client
        .get("/cgi-bin/media/get")
        .query("media_id", "no-such-media")
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40007));
}

#[tokio::test]
async fn a_file_upload_reads_the_file() {
    let sim = simulator().await;
    let client = client(&sim, hub(&sim));
    let path = std::env::temp_dir().join(format!("wechat-rs-upload-{}.jpg", std::process::id()));
    std::fs::write(&path, b"\xff\xd8\xff\xe0 not really a jpeg").unwrap();

    let part = Part::file("media", &path).await.unwrap();
    client
        .post("/cgi-bin/media/upload?type=image")
        .part(part)
        .await
        .unwrap();
    std::fs::remove_file(&path).ok();

    let upload = sim
        .requests()
        .into_iter()
        .find(|r| r.path == "/cgi-bin/media/upload")
        .unwrap();
    let body = String::from_utf8_lossy(&upload.body);
    assert!(body.contains(&format!(
        "filename=\"{}\"",
        path.file_name().unwrap().to_string_lossy()
    )));
    assert!(body.contains("not really a jpeg"));

    let missing = Part::file("media", "/no/such/file.jpg").await.unwrap_err();
    assert!(matches!(missing, Error::InvalidInput(_)));
}

#[tokio::test]
async fn a_per_call_storage_override_leaves_the_client_storage_alone() {
    let sim = simulator().await;
    let own = Counted::new(hub(&sim));
    let client = client(&sim, own.clone());
    let other = Counted::new(hub(&sim));

    client
        .get("/cgi-bin/user/info")
        .query("openid", OPENID)
        .with_storage(&other, ())
        .await
        .unwrap();

    assert_eq!(other.fetches(), 1);
    assert_eq!(own.fetches(), 0);
}

// ---- Typed calls, whose answer and errcode are decoded in one pass ---------------------------

#[tokio::test]
async fn a_typed_call_with_a_rejected_token_is_refreshed_once_and_retried() {
    let sim = simulator().await;
    let storage = Counted::new(hub(&sim));
    let client = client(&sim, storage.clone());
    client.user().info(OPENID).await.unwrap();
    let stale = sim.current_access_token(APPID).unwrap();

    sim.revoke_access_token(&stale);
    let user = client.user().info(OPENID).await.unwrap();

    assert_eq!(user.openid, OPENID);
    assert_eq!(storage.refreshes(), 1);
    assert_eq!(sim.calls("/cgi-bin/user/info"), 3);
}

#[tokio::test]
async fn a_typed_call_answered_system_busy_is_retried_then_decoded() {
    let sim = simulator().await;
    let client = client(&sim, hub(&sim));
    sim.inject_fault("/cgi-bin/user/info", Fault::SystemBusy, 2);
    let user = client.user().info(OPENID).await.unwrap();
    assert_eq!(user.openid, OPENID);
    assert_eq!(sim.calls("/cgi-bin/user/info"), 3);
}

#[tokio::test]
async fn a_typed_call_answered_with_an_errcode_is_an_api_error() {
    let sim = simulator().await;
    let client = client(&sim, hub(&sim));
    sim.inject_fault(
        "/cgi-bin/user/info",
        Fault::Errcode(40003, "invalid openid".to_owned()),
        1,
    );
    let err = client.user().info(OPENID).await.unwrap_err();
    assert_eq!(err.errcode(), Some(40003), "{err:?}");
    assert!(err.to_string().contains("invalid openid"));
}

#[tokio::test]
async fn the_request_under_a_typed_call_answers_a_response() {
    let sim = simulator().await;
    let client = client(&sim, hub(&sim));
    let response = client.user().info(OPENID).into_request().await.unwrap();
    let user: serde_json::Value = response.json().unwrap();
    assert_eq!(user["openid"], OPENID);
}

// ---- The transport every caller shares --------------------------------------------------------

#[tokio::test]
async fn requests_carry_the_user_agent_and_keep_the_base_urls_path() {
    let mock = crate::common::mock::MockServer::start().await;
    mock.route(
        "/proxy/wechat/cgi-bin/stable_token",
        200,
        r#"{"access_token":"T","expires_in":7200}"#,
    );
    mock.route("/proxy/wechat/cgi-bin/menu/get", 200, r#"{"menu":{}}"#);
    let base_url = format!("{}/proxy/wechat/", mock.base_url);
    let hub = Hub::builder(MemoryStore::new().with_app(APPID, SECRET))
        .base_url(&base_url)
        .build()
        .unwrap();
    let client = Client::builder(hub)
        .appid(APPID)
        .base_url(&base_url)
        .user_agent("my-app/1.0")
        .build()
        .unwrap();
    client.get("/cgi-bin/menu/get").await.unwrap();

    let recorded = mock.requests();
    let token = recorded
        .iter()
        .find(|r| r.path().ends_with("stable_token"))
        .unwrap();
    let default_agent = token.header("user-agent").unwrap();
    assert!(default_agent.starts_with("wechat-rs/"), "{default_agent}");
    let call = recorded
        .iter()
        .find(|r| r.path().ends_with("menu/get"))
        .unwrap();
    assert_eq!(call.path(), "/proxy/wechat/cgi-bin/menu/get");
    assert_eq!(call.header("user-agent"), Some("my-app/1.0"));
}
