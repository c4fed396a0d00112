//! Component applications: the component token from the verify ticket, authorizer tokens from
//! refresh tokens that rotate, and the mistakes a component client can make.

use crate::common::*;
use wechat_runtime::simulator::Simulator;
use wechat_runtime::{
    Client, ClientBuilder, Component, ComponentHubStorage, Error, Hub, MemoryStore, TokenKey,
};

struct Platform {
    sim: Simulator,
    client: Client<Hub<MemoryStore>, Component>,
    initial_refresh_token: String,
}

async fn platform() -> Platform {
    let sim = simulator().await;
    let refresh_token = add_platform(&sim);
    let hub = hub_over(&sim, platform_store(&sim));
    let client = ClientBuilder::component(hub, ())
        .appid(COMPONENT_APPID)
        .authorizer_appid(AUTHORIZER_APPID)
        .base_url(sim.base_url())
        .retry_policy(quick_retries())
        .build()
        .unwrap();
    Platform {
        sim,
        client,
        initial_refresh_token: refresh_token,
    }
}

#[tokio::test]
async fn an_authorizer_call_goes_through_the_component_token() {
    let Platform {
        sim,
        client,
        initial_refresh_token,
    } = platform().await;

    let user: serde_json::Value = client
        .get("/cgi-bin/user/info")
        .query("openid", OPENID)
        .await
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(user["openid"], OPENID);

    let requests = sim.requests();
    let component = requests
        .iter()
        .find(|r| r.path == "/cgi-bin/component/api_component_token")
        .unwrap();
    let body = component.json().unwrap();
    assert_eq!(component.method, "POST");
    assert_eq!(body["component_appid"], COMPONENT_APPID);
    assert_eq!(body["component_appsecret"], COMPONENT_SECRET);
    assert!(body["component_verify_ticket"].is_string());

    let authorizer = requests
        .iter()
        .find(|r| r.path == "/cgi-bin/component/api_authorizer_token")
        .unwrap();
    assert_eq!(
        authorizer.query_param("component_access_token"),
        sim.current_access_token(COMPONENT_APPID).as_deref()
    );
    let body = authorizer.json().unwrap();
    assert_eq!(body["authorizer_appid"], AUTHORIZER_APPID);
    assert_eq!(
        body["authorizer_refresh_token"],
        initial_refresh_token.as_str()
    );

    let info = requests
        .iter()
        .find(|r| r.path == "/cgi-bin/user/info")
        .unwrap();
    assert_eq!(
        info.query_param("access_token"),
        sim.current_access_token(AUTHORIZER_APPID).as_deref()
    );
}

#[tokio::test]
async fn the_rotated_refresh_token_is_saved() {
    let Platform {
        sim,
        client,
        initial_refresh_token,
    } = platform().await;
    client.access_token().await.unwrap();

    let stored = client
        .storage()
        .store()
        .authorizer_refresh_token(COMPONENT_APPID, AUTHORIZER_APPID)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        Some(stored.clone()),
        sim.current_authorizer_refresh_token(AUTHORIZER_APPID)
    );
    assert_ne!(stored, initial_refresh_token);

    // A forced refresh uses the rotated token, which the simulator accepts.
    let key = TokenKey::authorizer(COMPONENT_APPID, AUTHORIZER_APPID);
    let current = client.storage().token(&key).await.unwrap();
    client
        .storage()
        .refresh(&key, &current.access_token)
        .await
        .unwrap();
    assert_eq!(sim.calls("/cgi-bin/component/api_authorizer_token"), 2);
}

#[tokio::test]
async fn an_expired_authorizer_token_is_refreshed() {
    let Platform { sim, client, .. } = platform().await;
    client.access_token().await.unwrap();
    sim.expire_access_tokens(AUTHORIZER_APPID);

    client
        .get("/cgi-bin/user/info")
        .query("openid", OPENID)
        .await
        .unwrap();
    assert_eq!(sim.calls("/cgi-bin/component/api_authorizer_token"), 2);
    assert_eq!(sim.calls("/cgi-bin/component/api_component_token"), 1);
}

#[tokio::test]
async fn the_authorizer_can_be_set_per_call() {
    let Platform { sim, client, .. } = platform().await;
    let other = "wxa000000000000002";
    let refresh_token = sim.add_authorizer(COMPONENT_APPID, other);
    client
        .storage()
        .store()
        .save_authorizer_refresh_token(COMPONENT_APPID, other, &refresh_token)
        .await
        .unwrap();

    client
        .get("/cgi-bin/user/info")
        .query("openid", OPENID)
        .authorizer_appid(other)
        .await
        .unwrap();
    let info = sim
        .requests()
        .into_iter()
        .find(|r| r.path == "/cgi-bin/user/info")
        .unwrap();
    assert_eq!(
        info.query_param("access_token"),
        sim.current_access_token(other).as_deref()
    );
}

#[tokio::test]
async fn a_missing_verify_ticket_is_named() {
    let sim = simulator().await;
    sim.add_component(COMPONENT_APPID, COMPONENT_SECRET);
    let hub = Hub::builder(MemoryStore::new().with_app(COMPONENT_APPID, COMPONENT_SECRET))
        .base_url(sim.base_url())
        .build()
        .unwrap();
    let err = hub
        .token(&TokenKey::component(COMPONENT_APPID))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Missing { what: "component_verify_ticket", ref appid } if appid == COMPONENT_APPID),
        "{err:?}"
    );
    assert_eq!(sim.calls("/cgi-bin/component/api_component_token"), 0);
}

#[tokio::test]
async fn a_missing_authorizer_refresh_token_is_found_in_the_list_or_named() {
    let Platform { client, sim, .. } = platform().await;
    // An authorizer whose refresh token the hub never stored: WeChat's list has it.
    let other = "wxa0000000000000ee";
    sim.add_authorizer(COMPONENT_APPID, other);
    let user: serde_json::Value = client
        .get("/cgi-bin/user/info")
        .query("openid", OPENID)
        .authorizer_appid(other)
        .await
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(user["openid"], OPENID);
    assert_eq!(sim.calls("/cgi-bin/component/api_get_authorizer_list"), 1);
    let listed = sim
        .requests()
        .into_iter()
        .find(|r| r.path == "/cgi-bin/component/api_get_authorizer_list")
        .unwrap();
    assert_eq!(listed.method, "POST");
    assert_eq!(
        listed.query_param("component_access_token"),
        sim.current_access_token(COMPONENT_APPID).as_deref()
    );
    assert_eq!(
        listed.json().unwrap(),
        serde_json::json!({ "component_appid": COMPONENT_APPID, "offset": 0, "count": 500 })
    );
    let stored = client
        .storage()
        .store()
        .authorizer_refresh_token(COMPONENT_APPID, other)
        .await
        .unwrap();
    assert_eq!(stored, sim.current_authorizer_refresh_token(other));

    // One that is not in the list either: an error that names it.
    let err = client
        .get("/cgi-bin/user/info")
        .query("openid", OPENID)
        .authorizer_appid("wxa0000000000000ff")
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Missing { what: "authorizer_refresh_token", ref appid } if appid == "wxa0000000000000ff"),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_component_client_needs_an_authorizer_for_access_token_paths() {
    let sim = simulator().await;
    let client = Client::component_builder(Hub::new(MemoryStore::new()))
        .appid(COMPONENT_APPID)
        .base_url(sim.base_url())
        .build()
        .unwrap();
    let err: Error = client.get("/cgi-bin/user/info").await.unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(err.to_string().contains("authorizer_appid"), "{err}");
    assert!(sim.requests().is_empty());
}

#[tokio::test]
async fn a_common_client_cannot_call_component_paths() {
    let sim = simulator().await;
    let client = client(&sim, hub(&sim));
    let err = client
        .post("/cgi-bin/component/api_get_authorizer_info")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(err.to_string().contains("component"), "{err}");
    assert!(sim.requests().is_empty());
}
