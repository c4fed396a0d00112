//! `/cgi-bin/token`, `/cgi-bin/stable_token` and token validation.

use serde_json::json;
use wechat_simulator::{errcode, Simulator, SimulatorConfig};

use crate::common::*;

fn token_url(appid: &str, secret: &str) -> String {
    format!("/cgi-bin/token?grant_type=client_credential&appid={appid}&secret={secret}")
}

async fn menu_errcode(sim: &Simulator, token: &str) -> i64 {
    errcode(&get_json(sim, &format!("/cgi-bin/menu/get?access_token={token}")).await)
}

#[tokio::test]
async fn token_issues_a_new_token_and_invalidates_the_previous_one() {
    let sim = sim().await;
    let first = get_json(&sim, &token_url(APPID, SECRET)).await;
    assert_eq!(first["expires_in"], 7200);
    let first = first["access_token"].as_str().unwrap().to_owned();
    assert!(first.len() >= 64, "{first}");
    assert_eq!(menu_errcode(&sim, &first).await, 0);

    let second = token(&sim).await;
    assert_ne!(first, second);
    assert_eq!(
        menu_errcode(&sim, &first).await,
        errcode::INVALID_CREDENTIAL
    );
    assert_eq!(menu_errcode(&sim, &second).await, 0);
    assert_eq!(sim.current_access_token(APPID), Some(second));
    assert_eq!(sim.calls("/cgi-bin/token"), 2);
}

#[tokio::test]
async fn token_errcodes() {
    let sim = sim().await;
    sim.add_component(COMPONENT, COMPONENT_SECRET);
    let cases = [
        (token_url(APPID, "wrong"), errcode::INVALID_CREDENTIAL),
        (token_url("wxunknown", SECRET), errcode::INVALID_APPID),
        (
            token_url(COMPONENT, COMPONENT_SECRET),
            errcode::MUST_USE_COMPONENT_TOKEN_API,
        ),
        (
            format!("/cgi-bin/token?grant_type=client_credential&secret={SECRET}"),
            errcode::APPID_MISSING,
        ),
        (
            format!("/cgi-bin/token?grant_type=client_credential&appid={APPID}"),
            errcode::APPSECRET_MISSING,
        ),
        (
            format!("/cgi-bin/token?grant_type=password&appid={APPID}&secret={SECRET}"),
            errcode::INVALID_GRANT_TYPE,
        ),
    ];
    for (url, expected) in cases {
        let body = get_json(&sim, &url).await;
        assert_eq!(errcode(&body), expected, "{url}: {body}");
        assert_eq!(body["errmsg"], errcode::message(expected));
        assert!(body.get("access_token").is_none());
    }
    assert_eq!(sim.current_access_token(APPID), None);
}

#[tokio::test]
async fn stable_token_reuses_the_live_token_unless_forced() {
    let sim = sim().await;
    let request = json!({"grant_type": "client_credential", "appid": APPID, "secret": SECRET});
    let first = post_json(&sim, "/cgi-bin/stable_token", request.clone()).await;
    let first_token = first["access_token"].as_str().unwrap().to_owned();
    let again = post_json(&sim, "/cgi-bin/stable_token", request.clone()).await;
    assert_eq!(again["access_token"], first_token.as_str());
    let remaining = again["expires_in"].as_u64().unwrap();
    assert!(remaining > 0 && remaining <= 7200, "{remaining}");

    let mut forced = request.clone();
    forced["force_refresh"] = json!(true);
    let forced = post_json(&sim, "/cgi-bin/stable_token", forced).await;
    let forced_token = forced["access_token"].as_str().unwrap().to_owned();
    assert_ne!(forced_token, first_token);
    assert_eq!(forced["expires_in"], 7200);
    assert_eq!(
        menu_errcode(&sim, &first_token).await,
        errcode::INVALID_CREDENTIAL
    );
    assert_eq!(menu_errcode(&sim, &forced_token).await, 0);
    assert_eq!(sim.calls("/cgi-bin/stable_token"), 3);
}

#[tokio::test]
async fn stable_token_is_isolated_from_token() {
    let sim = sim().await;
    let request = json!({"grant_type": "client_credential", "appid": APPID, "secret": SECRET});
    let stable = post_json(&sim, "/cgi-bin/stable_token", request).await;
    let stable = stable["access_token"].as_str().unwrap().to_owned();
    let basic = token(&sim).await;
    assert_eq!(menu_errcode(&sim, &stable).await, 0);
    assert_eq!(menu_errcode(&sim, &basic).await, 0);
}

#[tokio::test]
async fn stable_token_errcodes() {
    let sim = sim().await;
    let cases = [
        (
            json!({"grant_type": "client_credential", "appid": APPID, "secret": "bad"}),
            errcode::INVALID_APPSECRET,
        ),
        (
            json!({"grant_type": "client_credential", "appid": "wxnope", "secret": SECRET}),
            errcode::INVALID_APPID,
        ),
        (
            json!({"grant_type": "client_credential", "secret": SECRET}),
            errcode::APPID_MISSING,
        ),
        (
            json!({"grant_type": "client_credential", "appid": APPID}),
            errcode::APPSECRET_MISSING,
        ),
        (
            json!({"appid": APPID, "secret": SECRET}),
            errcode::INVALID_GRANT_TYPE,
        ),
        (
            json!({"grant_type": "client_credential", "appid": APPID, "secret": SECRET, "force_refresh": "yes"}),
            errcode::DATA_FORMAT_ERROR,
        ),
    ];
    for (body, expected) in cases {
        let answer = post_json(&sim, "/cgi-bin/stable_token", body.clone()).await;
        assert_eq!(errcode(&answer), expected, "{body}: {answer}");
    }
    let client = client();
    let url = format!("{}/cgi-bin/stable_token", sim.base_url());
    let empty: serde_json::Value = client
        .post(&url)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(errcode(&empty), errcode::EMPTY_POST_DATA);
    let garbage: serde_json::Value = client
        .post(&url)
        .body("{not json")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(errcode(&garbage), errcode::DATA_FORMAT_ERROR);
    let wrong_method = get_json(&sim, "/cgi-bin/stable_token").await;
    assert_eq!(errcode(&wrong_method), errcode::REQUIRE_POST_METHOD);
}

#[tokio::test]
async fn access_token_validation_errcodes() {
    let sim = sim().await;
    let missing = get_json(&sim, "/cgi-bin/menu/get").await;
    assert_eq!(errcode(&missing), errcode::ACCESS_TOKEN_MISSING);
    assert_eq!(missing["errmsg"], "access_token missing");
    let empty = get_json(&sim, "/cgi-bin/menu/get?access_token=").await;
    assert_eq!(errcode(&empty), errcode::ACCESS_TOKEN_MISSING);
    assert_eq!(
        menu_errcode(&sim, "unknown-token").await,
        errcode::INVALID_CREDENTIAL
    );
    assert_eq!(
        menu_errcode(&sim, "bad%20token%21").await,
        errcode::INVALID_ACCESS_TOKEN
    );
}

#[tokio::test]
async fn expire_and_revoke() {
    let sim = sim().await;
    let request = json!({"grant_type": "client_credential", "appid": APPID, "secret": SECRET});
    let stable = post_json(&sim, "/cgi-bin/stable_token", request.clone()).await;
    let stable = stable["access_token"].as_str().unwrap().to_owned();
    let basic = token(&sim).await;

    sim.revoke_access_token(&basic);
    assert_eq!(
        menu_errcode(&sim, &basic).await,
        errcode::INVALID_CREDENTIAL
    );
    assert_eq!(menu_errcode(&sim, &stable).await, 0);

    sim.expire_access_tokens(APPID);
    assert_eq!(
        menu_errcode(&sim, &stable).await,
        errcode::ACCESS_TOKEN_EXPIRED
    );
    // A revoked token stays revoked.
    assert_eq!(
        menu_errcode(&sim, &basic).await,
        errcode::INVALID_CREDENTIAL
    );

    // stable_token now issues a new token, since the current one is not live.
    let renewed = post_json(&sim, "/cgi-bin/stable_token", request).await;
    let renewed = renewed["access_token"].as_str().unwrap().to_owned();
    assert_ne!(renewed, stable);
    assert_eq!(menu_errcode(&sim, &renewed).await, 0);
}

#[tokio::test]
async fn token_ttl_is_configurable() {
    let sim = Simulator::start_with(
        SimulatorConfig::new()
            .with_app(APPID, SECRET)
            .with_token_ttl(60),
    )
    .await
    .unwrap();
    let body = get_json(&sim, &token_url(APPID, SECRET)).await;
    assert_eq!(body["expires_in"], 60);

    sim.set_token_ttl(0);
    let body = get_json(&sim, &token_url(APPID, SECRET)).await;
    assert_eq!(body["expires_in"], 0);
    let expired = body["access_token"].as_str().unwrap();
    assert_eq!(
        menu_errcode(&sim, expired).await,
        errcode::ACCESS_TOKEN_EXPIRED
    );
}

#[tokio::test]
async fn tokens_are_distinct_across_many_issues() {
    let sim = sim().await;
    let mut seen = std::collections::HashSet::new();
    for _ in 0..20 {
        assert!(seen.insert(token(&sim).await));
    }
}
