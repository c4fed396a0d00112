//! Third-party platform (component) tokens and authorizer tokens.

use serde_json::{json, Value};
use wechat_simulator::{errcode, Simulator};

use crate::common::*;

async fn component_sim() -> (Simulator, String) {
    let sim = sim().await;
    sim.add_component(COMPONENT, COMPONENT_SECRET);
    let ticket = sim.push_verify_ticket(COMPONENT);
    (sim, ticket)
}

async fn component_token(sim: &Simulator, ticket: &str) -> Value {
    post_json(
        sim,
        "/cgi-bin/component/api_component_token",
        json!({
            "component_appid": COMPONENT,
            "component_appsecret": COMPONENT_SECRET,
            "component_verify_ticket": ticket,
        }),
    )
    .await
}

async fn authorizer_token(sim: &Simulator, cat: &str, refresh: &str) -> Value {
    post_json(
        sim,
        &format!("/cgi-bin/component/api_authorizer_token?component_access_token={cat}"),
        json!({
            "component_appid": COMPONENT,
            "authorizer_appid": AUTHORIZER,
            "authorizer_refresh_token": refresh,
        }),
    )
    .await
}

#[tokio::test]
async fn component_token_needs_the_latest_or_previous_ticket() {
    let (sim, first) = component_sim().await;
    let body = component_token(&sim, &first).await;
    assert_eq!(body["expires_in"], 7200);
    let cat = body["component_access_token"].as_str().unwrap();
    assert!(cat.len() >= 64);
    assert_eq!(sim.current_access_token(COMPONENT).as_deref(), Some(cat));

    let second = sim.push_verify_ticket(COMPONENT);
    assert!(second.starts_with("ticket@@@"));
    assert!(component_token(&sim, &first)
        .await
        .get("component_access_token")
        .is_some());
    assert!(component_token(&sim, &second)
        .await
        .get("component_access_token")
        .is_some());
    let _third = sim.push_verify_ticket(COMPONENT);
    assert_eq!(
        errcode(&component_token(&sim, &first).await),
        errcode::COMPONENT_TICKET_INVALID
    );
    assert_eq!(
        errcode(&component_token(&sim, "ticket@@@forged").await),
        errcode::COMPONENT_TICKET_INVALID
    );
}

#[tokio::test]
async fn component_token_errcodes() {
    let (sim, ticket) = component_sim().await;
    let cases = [
        (
            json!({"component_appsecret": COMPONENT_SECRET, "component_verify_ticket": ticket}),
            errcode::MISSING_COMPONENT_APPID,
        ),
        (
            json!({"component_appid": "wxnope", "component_appsecret": COMPONENT_SECRET, "component_verify_ticket": ticket}),
            errcode::INVALID_COMPONENT,
        ),
        (
            json!({"component_appid": COMPONENT, "component_verify_ticket": ticket}),
            errcode::APPSECRET_MISSING,
        ),
        (
            json!({"component_appid": COMPONENT, "component_appsecret": "bad", "component_verify_ticket": ticket}),
            errcode::INVALID_APPSECRET,
        ),
        (
            json!({"component_appid": COMPONENT, "component_appsecret": COMPONENT_SECRET}),
            errcode::COMPONENT_TICKET_INVALID,
        ),
    ];
    for (body, expected) in cases {
        let answer = post_json(&sim, "/cgi-bin/component/api_component_token", body.clone()).await;
        assert_eq!(errcode(&answer), expected, "{body}: {answer}");
    }
}

#[tokio::test]
async fn authorizer_refresh_token_rotates() {
    let (sim, ticket) = component_sim().await;
    let initial = sim.add_authorizer(COMPONENT, AUTHORIZER);
    assert_eq!(
        sim.current_authorizer_refresh_token(AUTHORIZER),
        Some(initial.clone())
    );
    let cat = component_token(&sim, &ticket).await["component_access_token"]
        .as_str()
        .unwrap()
        .to_owned();

    let first = authorizer_token(&sim, &cat, &initial).await;
    assert_eq!(first["expires_in"], 7200);
    let rotated = first["authorizer_refresh_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(rotated, initial);
    assert_eq!(
        sim.current_authorizer_refresh_token(AUTHORIZER),
        Some(rotated.clone())
    );
    let access = first["authorizer_access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(sim.current_access_token(AUTHORIZER), Some(access.clone()));

    // The authorizer token works on ordinary APIs.
    let menu = get_json(&sim, &format!("/cgi-bin/menu/get?access_token={access}")).await;
    assert!(menu.get("menu").is_some(), "{menu}");

    // The old refresh token is rejected; the new one works and rotates again.
    let stale = authorizer_token(&sim, &cat, &initial).await;
    assert_eq!(errcode(&stale), errcode::REFRESH_TOKEN_INVALID);
    assert_eq!(stale["errmsg"], "refresh_token is invalid");
    let second = authorizer_token(&sim, &cat, &rotated).await;
    let newer = second["authorizer_access_token"].as_str().unwrap();
    assert_ne!(newer, access);
    assert_ne!(second["authorizer_refresh_token"], rotated.as_str());

    // The previous authorizer access token is no longer the latest.
    let menu = get_json(&sim, &format!("/cgi-bin/menu/get?access_token={access}")).await;
    assert_eq!(errcode(&menu), errcode::INVALID_CREDENTIAL);

    // expire_access_tokens covers authorizer and component tokens.
    sim.expire_access_tokens(AUTHORIZER);
    let menu = get_json(&sim, &format!("/cgi-bin/menu/get?access_token={newer}")).await;
    assert_eq!(errcode(&menu), errcode::ACCESS_TOKEN_EXPIRED);
    sim.expire_access_tokens(COMPONENT);
    let refresh = sim.current_authorizer_refresh_token(AUTHORIZER).unwrap();
    let expired = authorizer_token(&sim, &cat, &refresh).await;
    assert_eq!(errcode(&expired), errcode::ACCESS_TOKEN_EXPIRED);
}

#[tokio::test]
async fn authorizer_token_errcodes() {
    let (sim, ticket) = component_sim().await;
    let refresh = sim.add_authorizer(COMPONENT, AUTHORIZER);
    let cat = component_token(&sim, &ticket).await["component_access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/cgi-bin/component/api_authorizer_token?component_access_token={cat}");
    let cases = [
        (
            json!({"authorizer_appid": AUTHORIZER, "authorizer_refresh_token": refresh}),
            errcode::MISSING_COMPONENT_APPID,
        ),
        (
            json!({"component_appid": COMPONENT, "authorizer_appid": "wxother", "authorizer_refresh_token": refresh}),
            errcode::COMPONENT_NOT_AUTHORIZED,
        ),
        (
            json!({"component_appid": COMPONENT, "authorizer_appid": AUTHORIZER}),
            errcode::REFRESH_TOKEN_INVALID,
        ),
    ];
    for (body, expected) in cases {
        let answer = post_json(&sim, &path, body.clone()).await;
        assert_eq!(errcode(&answer), expected, "{body}: {answer}");
    }
    // Nothing rotated.
    assert_eq!(
        sim.current_authorizer_refresh_token(AUTHORIZER),
        Some(refresh)
    );
}

#[tokio::test]
async fn component_apis_check_the_component_access_token() {
    let (sim, ticket) = component_sim().await;
    let body = json!({"component_appid": COMPONENT});
    let path = "/cgi-bin/component/api_create_preauthcode";

    let missing = post_json(&sim, path, body.clone()).await;
    assert_eq!(errcode(&missing), errcode::ACCESS_TOKEN_MISSING);
    let unknown = post_json(
        &sim,
        &format!("{path}?component_access_token=nope"),
        body.clone(),
    )
    .await;
    assert_eq!(errcode(&unknown), errcode::INVALID_CREDENTIAL);
    let app_token = token(&sim).await;
    let wrong_kind = post_json(
        &sim,
        &format!("{path}?component_access_token={app_token}"),
        body.clone(),
    )
    .await;
    assert_eq!(errcode(&wrong_kind), errcode::MUST_USE_COMPONENT_TOKEN);

    let first = component_token(&sim, &ticket).await["component_access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let ok = post_json(
        &sim,
        &format!("{path}?component_access_token={first}"),
        body.clone(),
    )
    .await;
    assert!(
        ok["pre_auth_code"]
            .as_str()
            .unwrap()
            .starts_with("preauthcode@@@"),
        "{ok}"
    );
    assert_eq!(ok["expires_in"], 1800);

    // A new component token makes the previous one "not latest".
    let second = component_token(&sim, &ticket).await["component_access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let stale = post_json(
        &sim,
        &format!("{path}?component_access_token={first}"),
        body.clone(),
    )
    .await;
    assert_eq!(errcode(&stale), errcode::INVALID_CREDENTIAL);

    // A component token is not an access token.
    let menu = get_json(&sim, &format!("/cgi-bin/menu/get?access_token={second}")).await;
    assert_eq!(errcode(&menu), errcode::INVALID_CREDENTIAL);

    sim.expire_access_tokens(COMPONENT);
    let expired = post_json(
        &sim,
        &format!("{path}?component_access_token={second}"),
        body,
    )
    .await;
    assert_eq!(errcode(&expired), errcode::ACCESS_TOKEN_EXPIRED);
}
