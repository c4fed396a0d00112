//! The control API under `/__sim/`, as an application in another language drives the binary:
//! plain HTTP and JSON.

use serde_json::{json, Value};
use wechat_simulator::{errcode, Simulator};

use crate::common::*;

async fn control(sim: &Simulator, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let url = format!("{}/__sim{path}", sim.base_url());
    let request = match method {
        "GET" => client().get(url),
        "DELETE" => client().delete(url),
        _ => client().post(url),
    };
    let request = match body {
        Some(body) => request.json(&body),
        None => request,
    };
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn apps_tokens_and_faults_are_driven_over_http() {
    let sim = Simulator::start().await.unwrap();
    let (status, _) = control(
        &sim,
        "POST",
        "/apps",
        Some(json!({ "appid": APPID, "secret": SECRET })),
    )
    .await;
    assert_eq!(status, 200);
    let token = token(&sim).await;
    let (_, current) = control(&sim, "GET", &format!("/tokens/{APPID}"), None).await;
    assert_eq!(current["access_token"], token.as_str());

    // Expired over HTTP: the next call answers 42001.
    control(&sim, "POST", &format!("/tokens/{APPID}/expire"), None).await;
    let info = get_json(
        &sim,
        &format!("/cgi-bin/user/info?access_token={token}&openid=o6_x"),
    )
    .await;
    assert_eq!(errcode(&info), errcode::ACCESS_TOKEN_EXPIRED);

    // A fault over HTTP.
    let (status, _) = control(
        &sim,
        "POST",
        "/faults",
        Some(json!({ "path": "/cgi-bin/token", "fault": { "errcode": 45009 }, "times": 1 })),
    )
    .await;
    assert_eq!(status, 200);
    let body = get_json(
        &sim,
        &format!("/cgi-bin/token?grant_type=client_credential&appid={APPID}&secret={SECRET}"),
    )
    .await;
    assert_eq!(errcode(&body), 45009);

    // Counters and recorded requests; control calls are not among them.
    let (_, calls) = control(&sim, "GET", "/calls?path=/cgi-bin/token", None).await;
    assert_eq!(calls["calls"], 2);
    let (_, requests) = control(&sim, "GET", "/requests", None).await;
    let requests = requests.as_array().unwrap();
    assert_eq!(requests.len(), 3, "{requests:?}");
    assert!(requests
        .iter()
        .all(|r| !r["path"].as_str().unwrap().starts_with("/__sim")));
    assert_eq!(requests[0]["query"][1], json!(["appid", APPID]));

    // Followers over HTTP.
    control(
        &sim,
        "POST",
        "/users",
        Some(json!({ "appid": APPID, "openids": ["o6_a", "o6_b"] })),
    )
    .await;
    let (_, users) = control(&sim, "GET", &format!("/users/{APPID}"), None).await;
    assert_eq!(users["openids"], json!(["o6_a", "o6_b"]));

    control(&sim, "POST", "/reset", None).await;
    let (_, calls) = control(&sim, "GET", "/calls?path=/cgi-bin/token", None).await;
    assert_eq!(calls["calls"], 0);
}

#[tokio::test]
async fn components_and_authorizers_are_set_up_over_http() {
    let sim = Simulator::start().await.unwrap();
    control(
        &sim,
        "POST",
        "/components",
        Some(json!({ "appid": COMPONENT, "secret": COMPONENT_SECRET })),
    )
    .await;
    let (_, ticket) = control(
        &sim,
        "POST",
        &format!("/components/{COMPONENT}/verify_ticket"),
        None,
    )
    .await;
    let (_, refresh) = control(
        &sim,
        "POST",
        "/authorizers",
        Some(json!({ "component_appid": COMPONENT, "authorizer_appid": AUTHORIZER })),
    )
    .await;
    assert_eq!(
        refresh["authorizer_refresh_token"].as_str(),
        sim.current_authorizer_refresh_token(AUTHORIZER).as_deref()
    );
    let body = post_json(
        &sim,
        "/cgi-bin/component/api_component_token",
        json!({
            "component_appid": COMPONENT,
            "component_appsecret": COMPONENT_SECRET,
            "component_verify_ticket": ticket["component_verify_ticket"],
        }),
    )
    .await;
    assert!(body["component_access_token"].is_string(), "{body}");
}

#[tokio::test]
async fn mistakes_get_a_clear_error() {
    let sim = Simulator::start().await.unwrap();
    let (status, body) = control(&sim, "POST", "/apps", Some(json!({ "appid": APPID }))).await;
    assert_eq!(status, 400);
    assert!(body["error"].as_str().unwrap().contains("secret"), "{body}");
    let (status, body) = control(
        &sim,
        "POST",
        "/faults",
        Some(json!({ "path": "/cgi-bin/token", "fault": "explode" })),
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        body["error"].as_str().unwrap().contains("system_busy"),
        "{body}"
    );
    let (status, body) = control(
        &sim,
        "POST",
        "/push",
        Some(json!({ "appid": APPID, "type": "text", "openid": "o6_x", "content": "hi" })),
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        body["error"].as_str().unwrap().contains("set_callback"),
        "{body}"
    );
    let (status, _) = control(&sim, "GET", "/nothing", None).await;
    assert_eq!(status, 404);
}

/// `curl -d '{...}'` sends `application/x-www-form-urlencoded`: the control API reads the body
/// as JSON whatever its type, so the README's curl lines work as written.
#[tokio::test]
async fn a_json_body_is_read_whatever_its_content_type() {
    let sim = Simulator::start().await.unwrap();
    let response = client()
        .post(format!("{}/__sim/apps", sim.base_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(json!({ "appid": APPID, "secret": SECRET }).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    token(&sim).await;

    // A body that is not the JSON expected is a 400 that says so.
    let response = client()
        .post(format!("{}/__sim/apps", sim.base_url()))
        .body("appid=wx1")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert!(body["error"]
        .as_str()
        .unwrap()
        .contains("not the JSON expected"));
}
