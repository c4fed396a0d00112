//! The hub server over a real socket, HubClient against it and against a mock elixir_wechat
//! hub, and the hub's gatekeeping.

use std::time::Duration;

use crate::common::mock::MockServer;
use crate::common::*;
use tokio::sync::oneshot;
use wechat_runtime::hub::server::{Caller, HubServer};
use wechat_runtime::simulator::Simulator;
use wechat_runtime::{
    Client, ClientStorage, ComponentClientStorage, ComponentHubStorage, Error, HubClient,
    RetryPolicy, TicketType,
};

const CALLER_SECRET: &str = "caller-secret-0123456789";

/// A hub server on 127.0.0.1 over a `Hub<MemoryStore>` that calls the simulator.
struct RunningHub {
    sim: Simulator,
    base_url: String,
    stop: Option<oneshot::Sender<()>>,
    done: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl RunningHub {
    async fn start(elixir_compat: bool) -> RunningHub {
        let sim = simulator().await;
        add_platform(&sim);
        let hub = hub_over(&sim, platform_store(&sim).with_app(APPID, SECRET));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        let server = HubServer::new(hub)
            .caller(Caller::new("web", CALLER_SECRET, [APPID, COMPONENT_APPID]))
            .caller(Caller::new(
                "other",
                "other-secret-0123456789",
                ["wx00000000000000ff"],
            ))
            .elixir_compat(elixir_compat);
        let done = tokio::spawn(server.serve(listener, async {
            let _ = stopped.await;
        }));
        RunningHub {
            sim,
            base_url,
            stop: Some(stop),
            done,
        }
    }

    fn client(&self) -> HubClient {
        HubClient::builder(&self.base_url)
            .secret(CALLER_SECRET)
            .retry_policy(quick_retries())
            .build()
            .unwrap()
    }

    async fn get(&self, path_and_query: &str, secret: Option<&str>) -> reqwest::Response {
        let mut request = reqwest::Client::new().get(format!("{}{path_and_query}", self.base_url));
        if let Some(secret) = secret {
            request = request.bearer_auth(secret);
        }
        request.send().await.unwrap()
    }
}

#[tokio::test]
async fn a_client_reads_its_tokens_through_the_hub_server() {
    let hub = RunningHub::start(false).await;
    let client = Client::builder(hub.client())
        .appid(APPID)
        .base_url(hub.sim.base_url())
        .retry_policy(quick_retries())
        .build()
        .unwrap();

    for _ in 0..3 {
        client
            .get("/cgi-bin/user/info")
            .query("openid", OPENID)
            .await
            .unwrap();
    }
    assert_eq!(hub.sim.calls("/cgi-bin/stable_token"), 1);
    let sent = hub
        .sim
        .requests()
        .into_iter()
        .find(|r| r.path == "/cgi-bin/user/info")
        .unwrap();
    assert_eq!(
        sent.query_param("access_token"),
        hub.sim.current_access_token(APPID).as_deref()
    );

    // A token WeChat rejects is refreshed through the hub, once.
    hub.sim
        .revoke_access_token(&hub.sim.current_access_token(APPID).unwrap());
    client
        .get("/cgi-bin/user/info")
        .query("openid", OPENID)
        .await
        .unwrap();
    assert_eq!(hub.sim.calls("/cgi-bin/user/info"), 5);

    let ticket = client.ticket(TicketType::Jsapi).await.unwrap();
    assert_eq!(ticket.ticket_type, TicketType::Jsapi);
    assert!(!ticket.value.is_empty());
}

#[tokio::test]
async fn component_tokens_come_through_the_hub_server() {
    let hub = RunningHub::start(false).await;
    let storage = hub.client();
    let component = storage
        .fetch_component_access_token(COMPONENT_APPID, &())
        .await
        .unwrap();
    assert_eq!(
        Some(component.access_token.clone()),
        hub.sim.current_access_token(COMPONENT_APPID)
    );
    let authorizer = ComponentClientStorage::fetch_access_token(
        &storage,
        COMPONENT_APPID,
        AUTHORIZER_APPID,
        &(),
    )
    .await
    .unwrap();
    assert_eq!(
        Some(authorizer.access_token.clone()),
        hub.sim.current_access_token(AUTHORIZER_APPID)
    );
    let refreshed = storage
        .refresh_component_access_token(COMPONENT_APPID, &component.access_token, &())
        .await
        .unwrap();
    assert_ne!(refreshed.access_token, component.access_token);
    let ticket = ComponentClientStorage::fetch_ticket(
        &storage,
        COMPONENT_APPID,
        AUTHORIZER_APPID,
        TicketType::WxCard,
        &(),
    )
    .await
    .unwrap();
    assert_eq!(ticket.ticket_type, TicketType::WxCard);
}

#[tokio::test]
async fn callers_without_the_right_credentials_get_no_token() {
    let hub = RunningHub::start(false).await;
    let path = format!("/client/access_token?appid={APPID}");

    let anonymous = hub.get(&path, None).await;
    assert_eq!(anonymous.status(), 401);
    let wrong = hub.get(&path, Some("not-the-secret")).await;
    assert_eq!(wrong.status(), 401);
    let outside = hub.get(&path, Some("other-secret-0123456789")).await;
    assert_eq!(outside.status(), 403);
    for response in [anonymous, wrong, outside] {
        let body = response.text().await.unwrap();
        assert!(!body.contains("access_token"), "{body}");
    }
    assert_eq!(hub.sim.calls("/cgi-bin/stable_token"), 0);

    let refresh = reqwest::Client::new()
        .post(format!("{}/refresh/access_token", hub.base_url))
        .json(&serde_json::json!({"appid": APPID, "access_token": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refresh.status(), 401);

    let allowed = hub.get(&path, Some(CALLER_SECRET)).await;
    assert_eq!(allowed.status(), 200);
    let body: serde_json::Value = allowed.json().await.unwrap();
    assert!(body["access_token"].is_string());
    assert!(body["expires_in"].is_u64());
    assert!(body["timestamp"].is_u64());

    let health = hub.get("/healthz", None).await;
    assert_eq!(health.status(), 200);
}

#[tokio::test]
async fn elixir_compat_lets_anonymous_callers_in_only_when_switched_on() {
    let hub = RunningHub::start(true).await;
    let anonymous = hub
        .get(&format!("/client/access_token?appid={APPID}"), None)
        .await;
    assert_eq!(anonymous.status(), 200);
    // A secret, when sent, is still checked.
    let wrong = hub
        .get(
            &format!("/client/access_token?appid={APPID}"),
            Some("wrong"),
        )
        .await;
    assert_eq!(wrong.status(), 401);
    let elixir = HubClient::builder(&hub.base_url).build().unwrap();
    let token = ClientStorage::fetch_access_token(&elixir, APPID, &())
        .await
        .unwrap();
    assert_eq!(
        Some(token.access_token),
        hub.sim.current_access_token(APPID)
    );
}

#[tokio::test]
async fn hub_errors_and_oversized_bodies_are_answered_cleanly() {
    let hub = RunningHub::start(false).await;
    let unknown = hub
        .get(
            "/client/access_token?appid=wx00000000000000ff",
            Some("other-secret-0123456789"),
        )
        .await;
    assert_eq!(unknown.status(), 404);
    let body: serde_json::Value = unknown.json().await.unwrap();
    assert_eq!(body["reason"], "not_configured");
    assert_eq!(body["http_status"], 404);

    let bad_type = hub
        .get(
            &format!("/client/ticket?appid={APPID}&type=card"),
            Some(CALLER_SECRET),
        )
        .await;
    assert_eq!(bad_type.status(), 400);

    let huge = reqwest::Client::new()
        .post(format!("{}/refresh/access_token", hub.base_url))
        .bearer_auth(CALLER_SECRET)
        .header("content-type", "application/json")
        .body(vec![b' '; 1 << 20])
        .send()
        .await
        .unwrap();
    assert_eq!(huge.status(), 413);
}

#[tokio::test]
async fn malformed_requests_get_the_protocols_error_shape() {
    let hub = RunningHub::start(false).await;
    let invalid = |response: reqwest::Response| async move {
        assert_eq!(response.status(), 400);
        let body: serde_json::Value = response.json().await.expect("a JSON error body");
        assert_eq!(body["reason"], "invalid_request", "{body}");
        assert_eq!(body["http_status"], 400);
        body
    };
    // No appid, an empty one, no ticket type: the error shape, not axum's plain text.
    invalid(hub.get("/client/access_token", Some(CALLER_SECRET)).await).await;
    invalid(
        hub.get("/client/access_token?appid=", Some(CALLER_SECRET))
            .await,
    )
    .await;
    let body = invalid(
        hub.get(
            &format!("/client/ticket?appid={APPID}"),
            Some(CALLER_SECRET),
        )
        .await,
    )
    .await;
    assert!(body["message"].as_str().unwrap().contains("type"), "{body}");
    let post = |body: &'static str, content_type: &'static str| {
        reqwest::Client::new()
            .post(format!("{}/refresh/access_token", hub.base_url))
            .bearer_auth(CALLER_SECRET)
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    invalid(
        post(r#"{"access_token":"x"}"#, "application/json")
            .await
            .unwrap(),
    )
    .await;
    invalid(post("not json", "application/json").await.unwrap()).await;

    // A urlencoded refresh, as elixir_wechat hubs take it.
    let token: serde_json::Value = hub
        .get(
            &format!("/client/access_token?appid={APPID}"),
            Some(CALLER_SECRET),
        )
        .await
        .json()
        .await
        .unwrap();
    let stale = token["access_token"].as_str().unwrap().to_owned();
    let form = reqwest::Client::new()
        .post(format!("{}/refresh/access_token", hub.base_url))
        .bearer_auth(CALLER_SECRET)
        .form(&[("appid", APPID), ("access_token", stale.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 200);
    let refreshed: serde_json::Value = form.json().await.unwrap();
    assert_ne!(refreshed["access_token"], token["access_token"]);
}

#[tokio::test]
async fn the_server_shuts_down_gracefully() {
    let mut hub = RunningHub::start(false).await;
    let client = hub.client();
    ClientStorage::fetch_access_token(&client, APPID, &())
        .await
        .unwrap();
    hub.stop.take().unwrap().send(()).unwrap();
    (&mut hub.done).await.unwrap().unwrap();
    let fresh = HubClient::builder(&hub.base_url)
        .secret(CALLER_SECRET)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = ClientStorage::fetch_access_token(&fresh, APPID, &())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
}

// ---- HubClient against an elixir_wechat 0.4 hub ---------------------------------------------

async fn elixir_hub() -> (MockServer, HubClient) {
    let mock = MockServer::start().await;
    let client = HubClient::builder(&mock.base_url)
        .retry_policy(quick_retries())
        .build()
        .unwrap();
    (mock, client)
}

#[tokio::test]
async fn hub_client_speaks_the_elixir_wechat_protocol() {
    let (mock, client) = elixir_hub().await;
    // Tokens issued now, so that they are still good while the test runs.
    let now = wechat_runtime::now_unix();
    let token_body = |token: &str| {
        format!(r#"{{"access_token":"{token}","expires_in":7200,"timestamp":{now}}}"#)
    };
    mock.route("/client/access_token", 200, &token_body("elixir-token-1"));
    mock.route("/refresh/access_token", 200, &token_body("elixir-token-2"));
    mock.route(
        "/client/component_access_token",
        200,
        r#"{"access_token":"elixir-component","expires_in":7200}"#,
    );
    mock.route(
        "/client/ticket",
        200,
        r#"{"ticket":"elixir-ticket","type":"wx_card","expires_in":7200,"timestamp":1700000000}"#,
    );

    let token =
        ComponentClientStorage::fetch_access_token(&client, COMPONENT_APPID, AUTHORIZER_APPID, &())
            .await
            .unwrap();
    assert_eq!(token.access_token, "elixir-token-1");
    assert_eq!(token.timestamp, now);
    let refreshed = ComponentClientStorage::refresh_access_token(
        &client,
        COMPONENT_APPID,
        AUTHORIZER_APPID,
        "elixir-token-1",
        &(),
    )
    .await
    .unwrap();
    assert_eq!(refreshed.access_token, "elixir-token-2");
    client
        .fetch_component_access_token(COMPONENT_APPID, &())
        .await
        .unwrap();
    let ticket = ClientStorage::fetch_ticket(&client, APPID, TicketType::WxCard, &())
        .await
        .unwrap();
    assert_eq!(ticket.value, "elixir-ticket");

    let requests = mock.requests();
    assert_eq!(requests.len(), 4, "{requests:?}");
    let fetch = &requests[0];
    assert_eq!(
        (fetch.method.as_str(), fetch.path()),
        ("GET", "/client/access_token")
    );
    assert_eq!(
        fetch.query(),
        [
            ("appid".to_owned(), COMPONENT_APPID.to_owned()),
            ("authorizer_appid".to_owned(), AUTHORIZER_APPID.to_owned())
        ]
    );
    assert_eq!(
        fetch.header("authorization"),
        None,
        "elixir hubs take no credentials"
    );
    let refresh = &requests[1];
    assert_eq!(
        (refresh.method.as_str(), refresh.path()),
        ("POST", "/refresh/access_token")
    );
    assert_eq!(
        refresh.json(),
        serde_json::json!({"appid": COMPONENT_APPID, "access_token": "elixir-token-1", "authorizer_appid": AUTHORIZER_APPID})
    );
    assert_eq!(
        requests[2].query(),
        [("appid".to_owned(), COMPONENT_APPID.to_owned())]
    );
    assert_eq!(
        requests[3].query(),
        [
            ("appid".to_owned(), APPID.to_owned()),
            ("type".to_owned(), "wx_card".to_owned())
        ]
    );

    // Cached: asking again makes no call.
    ComponentClientStorage::fetch_access_token(&client, COMPONENT_APPID, AUTHORIZER_APPID, &())
        .await
        .unwrap();
    assert_eq!(mock.requests().len(), 4);
}

#[tokio::test]
async fn elixir_error_bodies_and_bad_answers_are_typed_errors() {
    let (mock, client) = elixir_hub().await;
    mock.route(
        "/client/access_token",
        200,
        r#"{"errcode":40013,"http_status":400,"message":"invalid appid","reason":"wechat_error"}"#,
    );
    let err = ClientStorage::fetch_access_token(&client, APPID, &())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Hub {
                errcode: Some(40013),
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("invalid appid"), "{err}");

    // elixir hubs send null for what they leave out.
    mock.route(
        "/client/access_token",
        200,
        r#"{"errcode":null,"http_status":null,"message":null,"reason":"appid_not_found"}"#,
    );
    let err = ClientStorage::fetch_access_token(&client, APPID, &())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("appid_not_found"), "{err}");

    mock.route("/client/access_token", 200, "{}");
    let err = ClientStorage::fetch_access_token(&client, APPID, &())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Hub { errcode: None, .. }), "{err:?}");

    mock.route(
        "/client/access_token",
        200,
        r#"{"access_token":12345,"expires_in":7200}"#,
    );
    let err = ClientStorage::fetch_access_token(&client, APPID, &())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");

    mock.route(
        "/client/access_token",
        200,
        r#"{"access_token":"x","expires_in":"#,
    );
    let err = ClientStorage::fetch_access_token(&client, APPID, &())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");

    mock.route(
        "/client/access_token",
        200,
        r#"{"access_token":"x","expires_in":"soon"}"#,
    );
    let err = ClientStorage::fetch_access_token(&client, APPID, &())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");

    // Unrouted: the mock's HTML 404.
    let err = client
        .fetch_component_access_token(COMPONENT_APPID, &())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Status { status: 404, .. }), "{err:?}");

    let err = ClientStorage::fetch_access_token(&client, "", &())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
}

#[tokio::test]
async fn an_unreachable_hub_is_a_clear_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = HubClient::builder(format!("http://127.0.0.1:{port}"))
        .retry_policy(quick_retries())
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    let err = ClientStorage::fetch_access_token(&client, APPID, &())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(err.to_string().contains("/client/access_token"), "{err}");
}

/// Reads from `socket` until the server closes it; fails if that takes more than `deadline`.
async fn closed_by_server(socket: &mut tokio::net::TcpStream, deadline: Duration) {
    use tokio::io::AsyncReadExt;
    let mut buf = [0u8; 1024];
    let closed = tokio::time::timeout(deadline, async {
        loop {
            match socket.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => continue,
            }
        }
    })
    .await;
    assert!(closed.is_ok(), "the server kept the connection open");
}

#[tokio::test]
async fn slow_idle_and_surplus_connections_are_cut_off() {
    use tokio::io::AsyncWriteExt;
    let sim = simulator().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = HubServer::new(hub(&sim))
        .caller(Caller::new("web", CALLER_SECRET, [APPID]))
        .header_read_timeout(Duration::from_millis(200))
        .max_connections(1);
    let (stop, stopped) = oneshot::channel::<()>();
    let done = tokio::spawn(server.serve(listener, async {
        let _ = stopped.await;
    }));

    // Half a request's headers, then silence: closed after the header-read timeout.
    let mut slow = tokio::net::TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    // While it holds the one connection allowed, another is closed at once.
    let mut surplus = tokio::net::TcpStream::connect(addr).await.unwrap();
    closed_by_server(&mut surplus, Duration::from_secs(5)).await;
    closed_by_server(&mut slow, Duration::from_secs(5)).await;

    // A kept-alive connection left idle after its request is closed too.
    let mut idle = tokio::net::TcpStream::connect(addr).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    closed_by_server(&mut idle, Duration::from_secs(5)).await;

    // And the hub still answers.
    let ok = reqwest::Client::new()
        .get(format!("http://{addr}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    stop.send(()).unwrap();
    done.await.unwrap().unwrap();
}

#[tokio::test]
async fn metrics_count_upstream_calls_lookups_and_requests() {
    let hub = RunningHub::start(false).await;
    let path = format!("/client/access_token?appid={APPID}");
    for _ in 0..3 {
        assert_eq!(hub.get(&path, Some(CALLER_SECRET)).await.status(), 200);
    }
    assert_eq!(hub.get(&path, None).await.status(), 401);
    let ready = hub.get("/readyz", None).await;
    assert_eq!(ready.status(), 200);

    let metrics = hub.get("/metrics", None).await;
    assert_eq!(metrics.status(), 200);
    let text = metrics.text().await.unwrap();
    for line in [
        r#"wechat_hub_upstream_calls_total{path="/cgi-bin/stable_token",outcome="ok"} 1"#,
        r#"wechat_hub_store_lookups_total{result="hit"} 2"#,
        r#"wechat_hub_store_lookups_total{result="miss"} 1"#,
        r#"wechat_hub_requests_total{route="/client/access_token",status="200"} 3"#,
        r#"wechat_hub_requests_total{route="/client/access_token",status="401"} 1"#,
        r#"wechat_hub_request_duration_seconds_count{route="/client/access_token"} 4"#,
    ] {
        assert!(text.contains(line), "{line} missing from\n{text}");
    }
    // No appid, caller or token in them.
    assert!(!text.contains(APPID) && !text.contains("web"), "{text}");
}

#[tokio::test]
async fn hub_client_fails_over_to_the_next_hub() {
    let sim = simulator().await;
    let mut urls = Vec::new();
    let mut stops = Vec::new();
    let mut dones = Vec::new();
    for _ in 0..2 {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        urls.push(format!("http://{}", listener.local_addr().unwrap()));
        let (stop, stopped) = oneshot::channel::<()>();
        let server = HubServer::new(hub(&sim)).caller(Caller::new("web", CALLER_SECRET, ["*"]));
        dones.push(tokio::spawn(server.serve(listener, async {
            let _ = stopped.await;
        })));
        stops.push(stop);
    }
    let client = HubClient::builder(&urls[0])
        .failover(&urls[1])
        .secret(CALLER_SECRET)
        .retry_policy(quick_retries())
        .build()
        .unwrap();
    ClientStorage::fetch_access_token(&client, APPID, &())
        .await
        .unwrap();

    // The first hub goes away: the next read that reaches a hub gets its answer from the second.
    stops.remove(0).send(()).unwrap();
    dones.remove(0).await.unwrap().unwrap();
    let ticket = ClientStorage::fetch_ticket(&client, APPID, TicketType::Jsapi, &())
        .await
        .unwrap();
    assert!(!ticket.value.is_empty());
    // The second hub served the ticket, and nothing before it: the first hub served the token.
    let metrics = reqwest::get(format!("{}/metrics", urls[1]))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for line in [
        r#"wechat_hub_requests_total{route="/client/ticket",status="200"} 1"#,
        r#"wechat_hub_requests_total{route="/client/access_token",status="200"} 0"#,
    ] {
        assert!(metrics.contains(line), "{line} missing from\n{metrics}");
    }
    stops.remove(0).send(()).unwrap();
}

// ---- The component's callback route: the hub stands alone as a component hub --------------

const COMPONENT_TOKEN: &str = "component-callback-token";
const COMPONENT_KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

/// What WeChat does: encrypts `inner` for the component, signs it, and POSTs it.
async fn push(base_url: &str, inner: &str, signed_with: &str) -> reqwest::Response {
    use wechat_runtime::callback::{msg_signature, MessageCrypt};
    let crypt = MessageCrypt::new(COMPONENT_TOKEN, COMPONENT_KEY, COMPONENT_APPID).unwrap();
    let encrypt = crypt.encrypt(inner).unwrap();
    let body = format!(
        "<xml><AppId><![CDATA[{COMPONENT_APPID}]]></AppId><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
    );
    let timestamp = wechat_runtime::now_unix().to_string();
    let signature = msg_signature(signed_with, &timestamp, "nonce1", &encrypt);
    reqwest::Client::new()
        .post(format!(
            "{base_url}/callback/component/{COMPONENT_APPID}?timestamp={timestamp}&nonce=nonce1&encrypt_type=aes&msg_signature={signature}"
        ))
        .body(body)
        .send()
        .await
        .unwrap()
}

fn notification(info_type: &str, fields: &str) -> String {
    format!(
        "<xml><AppId><![CDATA[{COMPONENT_APPID}]]></AppId><CreateTime>1413192760</CreateTime><InfoType><![CDATA[{info_type}]]></InfoType>{fields}</xml>"
    )
}

#[tokio::test]
async fn a_component_hub_receives_its_verify_ticket_and_authorizations() {
    let sim = simulator().await;
    sim.add_component(COMPONENT_APPID, COMPONENT_SECRET);
    // The hub starts knowing only the component's secret.
    let hub = hub_over(
        &sim,
        wechat_runtime::MemoryStore::new().with_app(COMPONENT_APPID, COMPONENT_SECRET),
    );
    let endpoint =
        wechat_runtime::callback::Endpoint::safe(COMPONENT_TOKEN, COMPONENT_KEY, COMPONENT_APPID)
            .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let hub = std::sync::Arc::new(hub);
    let server = HubServer::new(hub.clone())
        .caller(Caller::new("web", CALLER_SECRET, ["*"]))
        .component_callback(COMPONENT_APPID, endpoint);
    let (stop, stopped) = oneshot::channel::<()>();
    let done = tokio::spawn(server.serve(listener, async {
        let _ = stopped.await;
    }));

    // A forged push is refused before anything is parsed.
    let ticket = sim.push_verify_ticket(COMPONENT_APPID);
    let verify = notification(
        "component_verify_ticket",
        &format!("<ComponentVerifyTicket><![CDATA[{ticket}]]></ComponentVerifyTicket>"),
    );
    assert_eq!(
        push(&base_url, &verify, "not-the-token").await.status(),
        403
    );
    assert_eq!(
        hub.store().verify_ticket(COMPONENT_APPID).await.unwrap(),
        None
    );

    // The verify ticket: stored, and the component token can be fetched.
    let answer = push(&base_url, &verify, COMPONENT_TOKEN).await;
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.text().await.unwrap(), "success");
    assert_eq!(
        hub.store().verify_ticket(COMPONENT_APPID).await.unwrap(),
        Some(ticket)
    );

    // An account authorizes the platform: the code becomes a stored refresh token, and a
    // HubClient reads the authorizer's token through the hub.
    let code = sim.authorize(COMPONENT_APPID, AUTHORIZER_APPID);
    let authorized = notification(
        "authorized",
        &format!(
            "<AuthorizerAppid><![CDATA[{AUTHORIZER_APPID}]]></AuthorizerAppid><AuthorizationCode><![CDATA[{code}]]></AuthorizationCode><AuthorizationCodeExpiredTime>1413196360</AuthorizationCodeExpiredTime><PreAuthCode><![CDATA[preauthcode@@@x]]></PreAuthCode>"
        ),
    );
    assert_eq!(
        push(&base_url, &authorized, COMPONENT_TOKEN).await.status(),
        200
    );
    assert_eq!(
        hub.store()
            .authorizer_refresh_token(COMPONENT_APPID, AUTHORIZER_APPID)
            .await
            .unwrap(),
        sim.current_authorizer_refresh_token(AUTHORIZER_APPID)
    );
    let client = HubClient::builder(&base_url)
        .secret(CALLER_SECRET)
        .build()
        .unwrap();
    let token =
        ComponentClientStorage::fetch_access_token(&client, COMPONENT_APPID, AUTHORIZER_APPID, &())
            .await
            .unwrap();
    assert_eq!(
        Some(token.access_token),
        sim.current_access_token(AUTHORIZER_APPID)
    );
    assert_eq!(sim.calls("/cgi-bin/component/api_query_auth"), 1);
    let query_auth = sim
        .requests()
        .into_iter()
        .find(|r| r.path == "/cgi-bin/component/api_query_auth")
        .unwrap();
    assert_eq!(query_auth.method, "POST");
    assert_eq!(
        query_auth.query_param("component_access_token"),
        sim.current_access_token(COMPONENT_APPID).as_deref()
    );
    assert_eq!(
        query_auth.json().unwrap(),
        serde_json::json!({ "component_appid": COMPONENT_APPID, "authorization_code": code })
    );

    // The same code pushed again (WeChat retries) is spent: an error, so WeChat retries.
    assert_ne!(
        push(&base_url, &authorized, COMPONENT_TOKEN).await.status(),
        200
    );

    // It withdraws: forgotten.
    let unauthorized = notification(
        "unauthorized",
        &format!("<AuthorizerAppid><![CDATA[{AUTHORIZER_APPID}]]></AuthorizerAppid>"),
    );
    assert_eq!(
        push(&base_url, &unauthorized, COMPONENT_TOKEN)
            .await
            .status(),
        200
    );
    assert_eq!(
        hub.store()
            .authorizer_refresh_token(COMPONENT_APPID, AUTHORIZER_APPID)
            .await
            .unwrap(),
        None
    );
    stop.send(()).unwrap();
    done.await.unwrap().unwrap();
}
