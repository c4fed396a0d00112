//! Injected faults, counters and recorded requests.

use std::time::Duration;

use serde_json::json;
use wechat_simulator::{Fault, Simulator};

use crate::common::*;

const TOKEN_PATH: &str = "/cgi-bin/token";

fn token_url(sim: &Simulator) -> String {
    format!(
        "{}{TOKEN_PATH}?grant_type=client_credential&appid={APPID}&secret={SECRET}",
        sim.base_url()
    )
}

/// Waits (bounded) until `check` holds; the server may still be finishing a request.
async fn eventually(check: impl Fn() -> bool) -> bool {
    for _ in 0..200 {
        if check() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    check()
}

#[tokio::test]
async fn status_fault_answers_the_status_without_processing() {
    let sim = sim().await;
    sim.inject_fault(TOKEN_PATH, Fault::Status(502), 2);
    for _ in 0..2 {
        let response = client().get(token_url(&sim)).send().await.unwrap();
        assert_eq!(response.status(), 502);
        assert!(response.text().await.unwrap().contains("502"));
    }
    assert_eq!(sim.current_access_token(APPID), None);
    let response = client().get(token_url(&sim)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(sim.current_access_token(APPID).is_some());
    assert_eq!(sim.calls(TOKEN_PATH), 3);
}

#[tokio::test]
async fn json_faults_answer_200_without_processing() {
    let sim = sim().await;
    sim.inject_fault(TOKEN_PATH, Fault::MalformedJson, 1);
    sim.inject_fault(TOKEN_PATH, Fault::SystemBusy, 1);
    sim.inject_fault(
        TOKEN_PATH,
        Fault::Errcode(45009, "reach max api daily quota limit".into()),
        1,
    );

    let malformed = client().get(token_url(&sim)).send().await.unwrap();
    assert_eq!(malformed.status(), 200);
    assert!(malformed.json::<serde_json::Value>().await.is_err());

    let busy: serde_json::Value = client()
        .get(token_url(&sim))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(busy, json!({"errcode": -1, "errmsg": "system error"}));

    let quota: serde_json::Value = client()
        .get(token_url(&sim))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        quota,
        json!({"errcode": 45009, "errmsg": "reach max api daily quota limit"})
    );

    assert_eq!(sim.current_access_token(APPID), None);
    assert_eq!(sim.calls(TOKEN_PATH), 3);
    let ok: serde_json::Value = client()
        .get(token_url(&sim))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(ok["access_token"].is_string());
}

#[tokio::test]
async fn faults_apply_only_to_their_path_in_fifo_order() {
    let sim = sim().await;
    sim.inject_fault(TOKEN_PATH, Fault::Status(500), 1);
    sim.inject_fault(TOKEN_PATH, Fault::Status(503), 1);
    sim.inject_fault(TOKEN_PATH, Fault::Status(504), 0);
    let stable = post_json(
        &sim,
        "/cgi-bin/stable_token",
        json!({"grant_type": "client_credential", "appid": APPID, "secret": SECRET}),
    )
    .await;
    assert!(stable["access_token"].is_string());
    let client = client();
    let statuses = [
        client.get(token_url(&sim)).send().await.unwrap().status(),
        client.get(token_url(&sim)).send().await.unwrap().status(),
        client.get(token_url(&sim)).send().await.unwrap().status(),
    ];
    assert_eq!(statuses.map(|s| s.as_u16()), [500, 503, 200]);
}

#[tokio::test]
async fn drop_connection_gives_the_client_an_error_not_a_response() {
    let sim = sim().await;
    let client = client();
    // A pooled connection first, so the drop also hits a kept-alive connection.
    assert!(client
        .get(token_url(&sim))
        .send()
        .await
        .unwrap()
        .status()
        .is_success());
    let before = sim.current_access_token(APPID);

    sim.inject_fault(TOKEN_PATH, Fault::DropConnection, 2);
    let pooled = client.get(token_url(&sim)).send().await;
    let err = pooled.expect_err("a dropped connection must not produce a response");
    assert!(!err.is_timeout(), "{err}");
    let fresh = self::client().get(token_url(&sim)).send().await;
    assert!(fresh.is_err());

    // Recorded and counted, but not processed; the server keeps serving.
    assert_eq!(sim.calls(TOKEN_PATH), 3);
    assert_eq!(sim.current_access_token(APPID), before);
    assert!(client
        .get(token_url(&sim))
        .send()
        .await
        .unwrap()
        .status()
        .is_success());
    assert_eq!(sim.calls(TOKEN_PATH), 4);
}

#[tokio::test]
async fn delay_processes_the_request_before_answering() {
    let sim = sim().await;
    sim.inject_fault(TOKEN_PATH, Fault::Delay(Duration::from_secs(30)), 1);
    let impatient = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    let err = impatient.get(token_url(&sim)).send().await.unwrap_err();
    assert!(err.is_timeout(), "{err}");

    // The server acted although the client gave up: the token was issued and recorded.
    assert!(eventually(|| sim.current_access_token(APPID).is_some()).await);
    assert_eq!(sim.calls(TOKEN_PATH), 1);
    let issued = sim.current_access_token(APPID).unwrap();
    let menu = get_json(&sim, &format!("/cgi-bin/menu/get?access_token={issued}")).await;
    assert!(menu.get("menu").is_some(), "{menu}");
}

#[tokio::test]
async fn short_delay_still_answers() {
    let sim = sim().await;
    sim.inject_fault(TOKEN_PATH, Fault::Delay(Duration::from_millis(20)), 1);
    let body: serde_json::Value = client()
        .get(token_url(&sim))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        body["access_token"].as_str(),
        sim.current_access_token(APPID).as_deref()
    );
}

#[tokio::test]
async fn requests_are_recorded_in_order_and_counters_reset() {
    let sim = sim().await;
    let token = token(&sim).await;
    post_json(
        &sim,
        &format!("/cgi-bin/message/custom/send?access_token={token}&z=1&a=2"),
        json!({"touser": "oUSER", "msgtype": "text", "text": {"content": "hi"}}),
    )
    .await;
    sim.inject_fault("/cgi-bin/menu/get", Fault::SystemBusy, 1);
    get_json(&sim, "/cgi-bin/menu/get?access_token=whatever").await;

    let requests = sim.requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[0].method, "GET");
    assert_eq!(requests[0].path, TOKEN_PATH);
    assert_eq!(requests[0].query_param("appid"), Some(APPID));
    assert!(requests[0].body.is_empty());
    let send = &requests[1];
    assert_eq!(send.method, "POST");
    assert_eq!(send.path, "/cgi-bin/message/custom/send");
    let keys: Vec<&str> = send.query.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["access_token", "z", "a"]);
    assert_eq!(send.content_type.as_deref(), Some("application/json"));
    assert_eq!(send.json().unwrap()["text"]["content"], "hi");
    assert_eq!(requests[2].path, "/cgi-bin/menu/get");

    assert_eq!(sim.calls("/cgi-bin/message/custom/send"), 1);
    assert_eq!(sim.calls("/cgi-bin/menu/get"), 1);
    assert_eq!(sim.calls("/never"), 0);

    sim.reset_counters();
    assert_eq!(sim.calls(TOKEN_PATH), 0);
    assert!(sim.requests().is_empty());
    // Tokens survive a reset.
    let menu = get_json(&sim, &format!("/cgi-bin/menu/get?access_token={token}")).await;
    assert!(menu.get("menu").is_some());
    assert_eq!(sim.calls("/cgi-bin/menu/get"), 1);
}

#[tokio::test]
async fn dropping_the_simulator_stops_the_server() {
    let sim = sim().await;
    let url = token_url(&sim);
    drop(sim);
    let stopped = eventually(|| {
        std::net::TcpStream::connect(url.trim_start_matches("http://").split('/').next().unwrap())
            .is_err()
    })
    .await;
    assert!(stopped);
}
