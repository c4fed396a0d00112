//! Callbacks pushed by the simulator into the SDK's own callback route, end to end: signed,
//! encrypted in safe mode, parsed into typed events, answered with a reply.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use wechat_runtime::callback::axum::callback;
use wechat_runtime::callback::{Endpoint, EventKind, Incoming, MessageCrypt, MessageKind, Reply};
use wechat_simulator::{CallbackTarget, ComponentPush, Push, PushError, Simulator};

use crate::common::*;

const TOKEN: &str = "callback-token";
const KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const OPENID: &str = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M";

/// The SDK's callback route on 127.0.0.1: every incoming message is kept; a text is echoed.
async fn app(endpoint: Endpoint) -> (String, Arc<Mutex<Vec<Incoming>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let kept = seen.clone();
    let app: Router = Router::new().route(
        "/wechat",
        callback(endpoint, move |incoming: Incoming| {
            let kept = kept.clone();
            async move {
                let reply = match &incoming {
                    Incoming::Message(m) => match &m.kind {
                        MessageKind::Text { content } => {
                            Some(Reply::text(format!("echo: {content}")))
                        }
                        _ => None,
                    },
                    _ => None,
                };
                kept.lock().unwrap().push(incoming);
                Ok::<_, std::convert::Infallible>(reply)
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/wechat", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, seen)
}

#[tokio::test]
async fn pushed_events_reach_the_sdk_route_signed_and_encrypted() {
    let sim = sim().await;
    let endpoint = Endpoint::safe(TOKEN, KEY, APPID).unwrap();
    let (url, seen) = app(endpoint).await;
    sim.set_callback(APPID, CallbackTarget::safe(url, TOKEN, KEY).unwrap());

    let delivery = sim.push(APPID, Push::text(OPENID, "hello")).await.unwrap();
    assert!(sim.users(APPID).is_empty());
    assert_eq!(delivery.status, 200);
    // The reply comes back encrypted, as the SDK answers an encrypted callback.
    let crypt = MessageCrypt::new(TOKEN, KEY, APPID).unwrap();
    let reply = crypt.decrypt_reply(&delivery.body).unwrap();
    assert!(reply.contains("echo: hello"), "{reply}");
    assert!(
        reply.contains(&format!("<ToUserName><![CDATA[{OPENID}]]>")),
        "{reply}"
    );

    sim.push(APPID, Push::subscribe(OPENID)).await.unwrap();
    assert_eq!(sim.users(APPID), [OPENID], "a subscribe makes a follower");
    for push in [
        Push::click(OPENID, "V1001_GOOD"),
        Push::scan(OPENID, "table-7"),
        Push::location(OPENID, 23.137466, 113.352425, 119.385040),
        Push::template_send_job_finish(OPENID, 200163836),
        Push::unsubscribe(OPENID),
    ] {
        let delivery = sim.push(APPID, push).await.unwrap();
        assert_eq!((delivery.status, delivery.body.as_str()), (200, "success"));
    }
    assert!(sim.users(APPID).is_empty(), "an unsubscribe ends it");

    let seen = seen.lock().unwrap();
    let kinds: Vec<EventKind> = seen
        .iter()
        .filter_map(|incoming| match incoming {
            Incoming::Event(event) => {
                assert_eq!(event.header.from_user_name, OPENID);
                assert_eq!(event.header.to_user_name, Simulator::original_id(APPID));
                Some(event.kind.clone())
            }
            _ => None,
        })
        .collect();
    assert!(
        matches!(
            &kinds[0],
            EventKind::Subscribe {
                event_key: None,
                ..
            }
        ),
        "{kinds:?}"
    );
    assert_eq!(
        kinds[1],
        EventKind::Click {
            event_key: "V1001_GOOD".into()
        }
    );
    assert!(
        matches!(&kinds[2], EventKind::Scan { event_key, ticket: Some(_) } if event_key == "table-7")
    );
    assert!(
        matches!(&kinds[3], EventKind::Location { latitude, .. } if (*latitude - 23.137466).abs() < 1e-6)
    );
    assert!(
        matches!(&kinds[4], EventKind::TemplateSendJobFinish { msg_id: 200163836, status } if status == "success")
    );
    assert_eq!(kinds[5], EventKind::Unsubscribe);
    assert_eq!(sim.pushes().len(), 7);
}

#[tokio::test]
async fn plaintext_pushes_are_signed_and_a_wrong_token_is_refused() {
    let sim = sim().await;
    let (url, seen) = app(Endpoint::plaintext(TOKEN).unwrap()).await;

    sim.set_callback(
        APPID,
        CallbackTarget::plaintext(url.clone(), "another-token"),
    );
    let refused = sim.push(APPID, Push::text(OPENID, "hi")).await.unwrap();
    assert_ne!(
        refused.status, 200,
        "a push signed with another token is refused"
    );
    assert!(seen.lock().unwrap().is_empty());

    sim.set_callback(APPID, CallbackTarget::plaintext(url, TOKEN));
    let delivery = sim.push(APPID, Push::text(OPENID, "hi")).await.unwrap();
    assert_eq!(delivery.status, 200);
    assert!(delivery.body.contains("echo: hi"), "{}", delivery.body);
}

#[tokio::test]
async fn pushes_without_a_target_or_an_answer_are_errors() {
    let sim = sim().await;
    assert_eq!(
        sim.push(APPID, Push::text(OPENID, "hi")).await,
        Err(PushError::NoTarget(APPID.to_owned()))
    );
    sim.set_callback(
        COMPONENT,
        CallbackTarget::plaintext("http://127.0.0.1:9/x", TOKEN),
    );
    assert_eq!(
        sim.push_component(COMPONENT, ComponentPush::VerifyTicket)
            .await,
        Err(PushError::NotEncrypted(COMPONENT.to_owned()))
    );
    // Port 9 (discard) is closed on 127.0.0.1: nothing answers.
    sim.set_callback(
        APPID,
        CallbackTarget::plaintext("http://127.0.0.1:9/x", TOKEN),
    );
    let err = sim.push(APPID, Push::text(OPENID, "hi")).await.unwrap_err();
    assert!(matches!(err, PushError::Unreachable(_)), "{err:?}");
    assert!(sim.pushes().last().unwrap().outcome.is_err());
}

#[tokio::test]
async fn the_clock_pushes_verify_tickets_to_a_component_and_expires_tokens() {
    let sim = sim().await;
    sim.add_component(COMPONENT, COMPONENT_SECRET);
    let endpoint = Endpoint::safe(TOKEN, KEY, COMPONENT).unwrap();
    let (url, seen) = app(endpoint).await;
    sim.set_callback(COMPONENT, CallbackTarget::safe(url, TOKEN, KEY).unwrap());
    let token = token(&sim).await;

    // Twenty minutes: two tickets, and the token (7200 s) still lives.
    sim.advance_clock(Duration::from_secs(1200)).await;
    let tickets: Vec<String> = seen
        .lock()
        .unwrap()
        .iter()
        .filter_map(|incoming| match incoming {
            Incoming::Component(n) => n.verify_ticket().map(str::to_owned),
            _ => None,
        })
        .collect();
    assert_eq!(tickets.len(), 2, "{:?}", sim.pushes());
    // The latest ticket buys a component token.
    let body = post_json(
        &sim,
        "/cgi-bin/component/api_component_token",
        serde_json::json!({
            "component_appid": COMPONENT,
            "component_appsecret": COMPONENT_SECRET,
            "component_verify_ticket": tickets[1],
        }),
    )
    .await;
    assert!(body["component_access_token"].is_string(), "{body}");
    let user = get_json(
        &sim,
        &format!("/cgi-bin/user/info?access_token={token}&openid={OPENID}"),
    )
    .await;
    assert_eq!(errcode(&user), 0, "{user}");

    sim.advance_clock(Duration::from_secs(7200)).await;
    let user = get_json(
        &sim,
        &format!("/cgi-bin/user/info?access_token={token}&openid={OPENID}"),
    )
    .await;
    assert_eq!(
        errcode(&user),
        wechat_simulator::errcode::ACCESS_TOKEN_EXPIRED
    );
}
