//! WeCom (企业微信) in the simulator: `/qyapi/cgi-bin/gettoken` (the same token while it lives,
//! one per app of a corp), the credential check of every WeCom path, the JS-SDK tickets, pushed
//! callbacks (always encrypted, the corpid as receive id) and the URL verification.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::Query;
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};
use wechat_runtime::callback::MessageCrypt;
use wechat_simulator::{errcode, CallbackTarget, PushError, Simulator, WorkPush};

use crate::common::*;

const CORPID: &str = "ww0000000000000001";
const AGENT: &str = "agent:1000002";
const AGENT_SECRET: &str = "agent-secret-1000002";
const OTHER_AGENT: &str = "agent:1000003";
const OTHER_AGENT_SECRET: &str = "agent-secret-1000003";
const CONTACTS_SECRET: &str = "contacts-secret";
const TOKEN: &str = "work-callback-token";
const KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

/// A simulator with one corp: two agents and the contacts secret.
async fn work_sim() -> Simulator {
    let sim = Simulator::start().await.unwrap();
    sim.add_work_app(CORPID, AGENT, AGENT_SECRET);
    sim.add_work_app(CORPID, OTHER_AGENT, OTHER_AGENT_SECRET);
    sim.add_work_app(CORPID, "contacts", CONTACTS_SECRET);
    sim
}

/// A WeCom path (under `/qyapi`) as JSON.
async fn work_get(sim: &Simulator, path_and_query: &str) -> Value {
    client()
        .get(format!("{}{path_and_query}", sim.work_base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn gettoken(sim: &Simulator, secret: &str) -> Value {
    work_get(
        sim,
        &format!("/cgi-bin/gettoken?corpid={CORPID}&corpsecret={secret}"),
    )
    .await
}

async fn work_token(sim: &Simulator, secret: &str) -> String {
    let body = gettoken(sim, secret).await;
    body["access_token"]
        .as_str()
        .expect("access_token")
        .to_owned()
}

fn code(body: &Value) -> i64 {
    body["errcode"].as_i64().unwrap_or(0)
}

#[tokio::test]
async fn gettoken_answers_the_same_token_while_it_lives_and_one_per_app() {
    let sim = work_sim().await;
    assert_eq!(sim.work_base_url(), format!("{}/qyapi", sim.base_url()));

    let first = gettoken(&sim, AGENT_SECRET).await;
    assert_eq!((code(&first), first["errmsg"].as_str()), (0, Some("ok")));
    assert_eq!(first["expires_in"], 7200);
    let token = first["access_token"].as_str().unwrap();
    // Unlike WeChat's /cgi-bin/token: fetching again hands out the same, live token.
    let again = gettoken(&sim, AGENT_SECRET).await;
    assert_eq!(again["access_token"], token);
    assert!(again["expires_in"].as_u64().unwrap() <= 7200);
    let ticket = work_get(
        &sim,
        &format!("/cgi-bin/get_jsapi_ticket?access_token={token}"),
    )
    .await;
    assert_eq!(code(&ticket), 0, "{ticket}");

    // Two agents of one corp never share a token, nor does a special secret.
    let other = work_token(&sim, OTHER_AGENT_SECRET).await;
    let contacts = work_token(&sim, CONTACTS_SECRET).await;
    assert_ne!(other, token);
    assert_ne!(contacts, token);
    assert_ne!(contacts, other);
    assert_eq!(
        sim.current_access_token(&format!("{CORPID}/{AGENT}"))
            .as_deref(),
        Some(token)
    );

    // Once it has lived its 7200 s, the next fetch is a new token and the old one is expired.
    sim.advance_clock(Duration::from_secs(7200)).await;
    let renewed = work_token(&sim, AGENT_SECRET).await;
    assert_ne!(renewed, token);
    let stale = work_get(
        &sim,
        &format!("/cgi-bin/get_jsapi_ticket?access_token={token}"),
    )
    .await;
    assert_eq!(code(&stale), errcode::ACCESS_TOKEN_EXPIRED);
    assert_eq!(sim.calls("/qyapi/cgi-bin/gettoken"), 5);
}

#[tokio::test]
async fn gettoken_and_the_credential_check_answer_wecom_errcodes() {
    let sim = work_sim().await;
    sim.add_app(APPID, SECRET);
    for (query, expected) in [
        (format!("corpsecret={AGENT_SECRET}"), errcode::APPID_MISSING),
        (
            format!("corpid=wwunknown&corpsecret={AGENT_SECRET}"),
            errcode::INVALID_APPID,
        ),
        (format!("corpid={CORPID}"), errcode::APPSECRET_MISSING),
        (
            format!("corpid={CORPID}&corpsecret=wrong"),
            errcode::INVALID_CREDENTIAL,
        ),
    ] {
        let body = work_get(&sim, &format!("/cgi-bin/gettoken?{query}")).await;
        assert_eq!(code(&body), expected, "{query}: {body}");
        assert!(
            body["errmsg"].as_str().unwrap().contains("more info at"),
            "{body}"
        );
    }

    let token = work_token(&sim, AGENT_SECRET).await;
    let ticket = |token: String| {
        let sim = &sim;
        async move {
            let path = if token.is_empty() {
                "/cgi-bin/get_jsapi_ticket".to_owned()
            } else {
                format!("/cgi-bin/get_jsapi_ticket?access_token={token}")
            };
            code(&work_get(sim, &path).await)
        }
    };
    assert_eq!(ticket(String::new()).await, errcode::ACCESS_TOKEN_MISSING);
    assert_eq!(
        ticket("not-a-token".into()).await,
        errcode::INVALID_ACCESS_TOKEN
    );
    assert_eq!(
        ticket("bad token!".into()).await,
        errcode::INVALID_ACCESS_TOKEN
    );
    // A WeChat token is not a WeCom token, nor the other way round.
    let wechat = self::token_of_app(&sim).await;
    assert_eq!(ticket(wechat).await, errcode::INVALID_ACCESS_TOKEN);
    let on_wechat = get_json(
        &sim,
        &format!("/cgi-bin/getcallbackip?access_token={token}"),
    )
    .await;
    assert_eq!(code(&on_wechat), errcode::INVALID_CREDENTIAL);

    // Expired: 42001; revoked (as if the secret was reset): 40001.
    sim.expire_access_tokens(&format!("{CORPID}/{AGENT}"));
    assert_eq!(ticket(token.clone()).await, errcode::ACCESS_TOKEN_EXPIRED);
    let renewed = work_token(&sim, AGENT_SECRET).await;
    assert_ne!(renewed, token, "an expired token is replaced");
    assert_eq!(ticket(renewed.clone()).await, 0);
    sim.revoke_access_token(&renewed);
    assert_eq!(ticket(renewed).await, errcode::INVALID_CREDENTIAL);

    // A WeCom path of the wrong method; an unknown WeCom path.
    let post = client()
        .post(format!("{}/cgi-bin/gettoken", sim.work_base_url()))
        .send()
        .await
        .unwrap();
    let post: Value = post.json().await.unwrap();
    assert_eq!(code(&post), errcode::REQUIRE_GET_METHOD);
    let unknown = client()
        .get(format!("{}/cgi-bin/nowhere", sim.work_base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status().as_u16(), 404);
}

async fn token_of_app(sim: &Simulator) -> String {
    crate::common::token(sim).await
}

#[tokio::test]
async fn the_corp_ticket_is_shared_and_the_agent_ticket_is_the_agents_own() {
    let sim = work_sim().await;
    let agent = work_token(&sim, AGENT_SECRET).await;
    let other = work_token(&sim, OTHER_AGENT_SECRET).await;
    let contacts = work_token(&sim, CONTACTS_SECRET).await;

    let corp = |token: &str| {
        let path = format!("/cgi-bin/get_jsapi_ticket?access_token={token}");
        let sim = &sim;
        async move { work_get(sim, &path).await }
    };
    let first = corp(&agent).await;
    assert_eq!(first["expires_in"], 7200);
    let ticket = first["ticket"].as_str().unwrap().to_owned();
    assert_eq!(corp(&other).await["ticket"], ticket.as_str());
    assert_eq!(corp(&contacts).await["ticket"], ticket.as_str());

    let agent_config = |token: &str| {
        let path = format!("/cgi-bin/ticket/get?access_token={token}&type=agent_config");
        let sim = &sim;
        async move { work_get(sim, &path).await }
    };
    let mine = agent_config(&agent).await;
    assert_eq!((code(&mine), mine["expires_in"].as_u64()), (0, Some(7200)));
    let mine = mine["ticket"].as_str().unwrap().to_owned();
    assert_ne!(mine, ticket);
    assert_eq!(agent_config(&agent).await["ticket"], mine.as_str());
    let theirs = agent_config(&other).await["ticket"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(theirs, mine);
    // Only an agent has an agent ticket.
    let special = agent_config(&contacts).await;
    assert_eq!(code(&special), 48002, "{special}");
    let untyped = work_get(&sim, &format!("/cgi-bin/ticket/get?access_token={agent}")).await;
    assert_eq!(code(&untyped), 40058, "{untyped}");

    // Tickets expire with the clock.
    sim.advance_clock(Duration::from_secs(7200)).await;
    let agent = work_token(&sim, AGENT_SECRET).await;
    assert_ne!(corp(&agent).await["ticket"], ticket.as_str());
}

/// What the test's callback route received.
#[derive(Default)]
struct Received {
    queries: Vec<HashMap<String, String>>,
    envelopes: Vec<String>,
    messages: Vec<String>,
    echoes: Vec<String>,
}

/// The text of `<name>` in `xml`, CDATA or bare.
fn field(xml: &str, name: &str) -> Option<String> {
    let start = xml.find(&format!("<{name}>"))? + name.len() + 2;
    let end = start + xml[start..].find(&format!("</{name}>"))?;
    let text = &xml[start..end];
    Some(
        text.strip_prefix("<![CDATA[")
            .and_then(|t| t.strip_suffix("]]>"))
            .unwrap_or(text)
            .to_owned(),
    )
}

/// A callback route of a WeCom app on 127.0.0.1: checks and decrypts what WeCom pushes, and
/// answers the URL verification with the decrypted `echostr`.
async fn app() -> (String, Arc<Mutex<Received>>) {
    let received = Arc::new(Mutex::new(Received::default()));
    let (on_post, on_get) = (received.clone(), received.clone());
    let crypt = MessageCrypt::new(TOKEN, KEY, CORPID).unwrap();
    let verify = crypt.clone();
    let app = Router::new().route(
        "/work",
        get(move |Query(query): Query<HashMap<String, String>>| {
            let (received, crypt) = (on_get.clone(), verify.clone());
            async move {
                let echo = crypt
                    .decrypt_signed(
                        &query["msg_signature"],
                        &query["timestamp"],
                        &query["nonce"],
                        &query["echostr"],
                    )
                    .unwrap();
                received.lock().unwrap().echoes.push(echo.clone());
                echo
            }
        })
        .post(
            move |Query(query): Query<HashMap<String, String>>, body: String| {
                let (received, crypt) = (on_post.clone(), crypt.clone());
                async move {
                    let encrypt = field(&body, "Encrypt").unwrap();
                    let message = crypt
                        .decrypt_signed(
                            &query["msg_signature"],
                            &query["timestamp"],
                            &query["nonce"],
                            &encrypt,
                        )
                        .unwrap();
                    let mut received = received.lock().unwrap();
                    received.queries.push(query);
                    received.envelopes.push(body);
                    received.messages.push(message);
                    ""
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/work", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, received)
}

#[tokio::test]
async fn pushes_reach_the_app_encrypted_for_the_corp_and_signed_with_msg_signature() {
    let sim = work_sim().await;
    let (url, received) = app().await;
    sim.set_callback(CORPID, CallbackTarget::safe(url, TOKEN, KEY).unwrap());

    let pushes = [
        WorkPush::text("zhangsan", "hello"),
        WorkPush::enter_agent("zhangsan"),
        WorkPush::click("zhangsan", "V1001_GOOD"),
        WorkPush::CreateUser {
            userid: "lisi".into(),
            name: "Li Si".into(),
            departments: vec![1, 2],
        },
        WorkPush::UpdateUser {
            userid: "lisi".into(),
            new_userid: Some("lisi2".into()),
            name: None,
        },
        WorkPush::DeleteUser {
            userid: "lisi2".into(),
        },
        WorkPush::AddExternalContact {
            userid: "zhangsan".into(),
            external_userid: "wmEXTERNAL01".into(),
            state: Some("poster".into()),
        },
        WorkPush::DelExternalContact {
            userid: "zhangsan".into(),
            external_userid: "wmEXTERNAL01".into(),
        },
        WorkPush::ApprovalChange {
            sp_no: "202006280001".into(),
            sp_name: "Leave".into(),
            sp_status: 2,
            template_id: "3TkaH5KFbrG9heEQWLJjhgpFwmqAFB4dLEnapaB7aaa".into(),
            applicant: "zhangsan".into(),
            change: 2,
        },
        WorkPush::KfMsgOrEvent {
            open_kfid: "wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw".into(),
            token: "ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR".into(),
        },
    ];
    let count = pushes.len();
    for push in pushes {
        let delivery = sim.push_work(CORPID, 1000002, push).await.unwrap();
        assert_eq!(delivery.status, 200);
    }

    let received = received.lock().unwrap();
    assert_eq!(received.messages.len(), count);
    for query in &received.queries {
        let mut keys: Vec<&str> = query.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["msg_signature", "nonce", "timestamp"]);
    }
    for envelope in &received.envelopes {
        assert_eq!(field(envelope, "ToUserName").as_deref(), Some(CORPID));
        assert_eq!(field(envelope, "AgentID").as_deref(), Some("1000002"));
    }
    let m = &received.messages;
    assert_eq!(field(&m[0], "MsgType").as_deref(), Some("text"));
    assert_eq!(field(&m[0], "FromUserName").as_deref(), Some("zhangsan"));
    assert_eq!(field(&m[0], "Content").as_deref(), Some("hello"));
    assert_eq!(field(&m[0], "AgentID").as_deref(), Some("1000002"));
    assert!(field(&m[0], "MsgId").is_some());
    assert_eq!(field(&m[1], "Event").as_deref(), Some("enter_agent"));
    assert_eq!(field(&m[2], "Event").as_deref(), Some("click"));
    assert_eq!(field(&m[2], "EventKey").as_deref(), Some("V1001_GOOD"));
    assert_eq!(field(&m[3], "Event").as_deref(), Some("change_contact"));
    assert_eq!(field(&m[3], "ChangeType").as_deref(), Some("create_user"));
    assert_eq!(field(&m[3], "FromUserName").as_deref(), Some("sys"));
    assert_eq!(field(&m[3], "Department").as_deref(), Some("1,2"));
    assert_eq!(field(&m[4], "ChangeType").as_deref(), Some("update_user"));
    assert_eq!(field(&m[4], "NewUserID").as_deref(), Some("lisi2"));
    assert_eq!(field(&m[5], "ChangeType").as_deref(), Some("delete_user"));
    assert_eq!(
        field(&m[6], "Event").as_deref(),
        Some("change_external_contact")
    );
    assert_eq!(
        field(&m[6], "ChangeType").as_deref(),
        Some("add_external_contact")
    );
    assert_eq!(
        field(&m[6], "ExternalUserID").as_deref(),
        Some("wmEXTERNAL01")
    );
    assert_eq!(field(&m[6], "State").as_deref(), Some("poster"));
    assert!(field(&m[6], "WelcomeCode").is_some_and(|c| !c.is_empty()));
    assert_eq!(
        field(&m[7], "ChangeType").as_deref(),
        Some("del_external_contact")
    );
    assert_eq!(
        field(&m[8], "Event").as_deref(),
        Some("sys_approval_change")
    );
    assert_eq!(field(&m[8], "SpNo").as_deref(), Some("202006280001"));
    assert_eq!(field(&m[8], "SpStatus").as_deref(), Some("2"));
    assert_eq!(field(&m[8], "UserId").as_deref(), Some("zhangsan"));
    assert_eq!(field(&m[9], "Event").as_deref(), Some("kf_msg_or_event"));
    assert_eq!(
        field(&m[9], "OpenKfId").as_deref(),
        Some("wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw")
    );
    for message in m {
        assert_eq!(field(message, "ToUserName").as_deref(), Some(CORPID));
    }
    drop(received);

    let pushes = sim.pushes();
    assert_eq!(pushes.len(), count);
    assert!(pushes
        .iter()
        .all(|p| p.appid == CORPID && p.outcome.is_ok()));
}

#[tokio::test]
async fn the_url_verification_echoes_the_decrypted_echostr() {
    let sim = work_sim().await;
    let (url, received) = app().await;
    sim.set_callback(CORPID, CallbackTarget::safe(url, TOKEN, KEY).unwrap());
    let echoed = sim.verify_work_url(CORPID).await.unwrap();
    let received = received.lock().unwrap();
    assert_eq!(received.echoes, std::slice::from_ref(&echoed));
    assert!(
        !echoed.is_empty() && echoed.bytes().all(|b| b.is_ascii_digit()),
        "{echoed}"
    );
}

#[tokio::test]
async fn wecom_pushes_need_an_encrypted_target() {
    let sim = work_sim().await;
    let push = || WorkPush::text("zhangsan", "hello");
    assert!(matches!(
        sim.push_work(CORPID, 1000002, push()).await,
        Err(PushError::NoTarget(_))
    ));
    sim.set_callback(
        CORPID,
        CallbackTarget::plaintext("http://127.0.0.1:9/work", TOKEN),
    );
    assert!(matches!(
        sim.push_work(CORPID, 1000002, push()).await,
        Err(PushError::NotEncrypted(_))
    ));
    assert!(matches!(
        sim.verify_work_url(CORPID).await,
        Err(PushError::NotEncrypted(_))
    ));
}

#[tokio::test]
async fn the_control_api_adds_apps_pushes_and_verifies() {
    let sim = Simulator::start().await.unwrap();
    let control = |path: &str, body: Value| {
        let url = format!("{}/__sim{path}", sim.base_url());
        async move {
            let response = client().post(url).json(&body).send().await.unwrap();
            let status = response.status().as_u16();
            (
                status,
                response.json::<Value>().await.unwrap_or(Value::Null),
            )
        }
    };
    let (status, _) = control(
        "/work/apps",
        json!({ "corpid": CORPID, "app": AGENT, "secret": AGENT_SECRET }),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(code(&gettoken(&sim, AGENT_SECRET).await), 0);
    let (status, error) = control(
        "/work/apps",
        json!({ "corpid": CORPID, "app": "agent", "secret": "s" }),
    )
    .await;
    assert_eq!(status, 400);
    assert!(error["error"].as_str().unwrap().contains("agent:<agentid>"));

    let (url, received) = app().await;
    sim.set_callback(CORPID, CallbackTarget::safe(url, TOKEN, KEY).unwrap());
    let (status, answer) = control(
        "/work/push",
        json!({ "corpid": CORPID, "agent_id": 1000002, "type": "delete_user", "userid": "lisi" }),
    )
    .await;
    assert_eq!((status, answer["status"].as_u64()), (200, Some(200)));
    let (status, _) = control(
        "/work/push",
        json!({ "corpid": CORPID, "agent_id": 1000002, "type": "text", "userid": "lisi" }),
    )
    .await;
    assert_eq!(status, 400, "a text push needs content");
    let (status, verified) = control("/work/verify_url", json!({ "corpid": CORPID })).await;
    assert_eq!(status, 200);
    let received = received.lock().unwrap();
    assert_eq!(
        field(&received.messages[0], "ChangeType").as_deref(),
        Some("delete_user")
    );
    assert_eq!(verified["echoed"], received.echoes[0].as_str());
}
