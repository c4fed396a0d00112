//! Routing WeCom events (by event, change type, click key), telling apart distinct events of
//! one second while dropping retries, and the axum route serving a WeCom endpoint.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use wechat_runtime::callback::router::{dedup_key, On, Router};
use wechat_runtime::callback::{msg_signature, Incoming, Reply};

use super::{corp, endpoint, posted, sys_event, CORPID, NONCE, TIMESTAMP, TOKEN};

// ----- routing and dedup -----

fn counter(
    name: &'static str,
    runs: &Arc<AtomicUsize>,
) -> impl Fn(Incoming) -> std::future::Ready<Reply> + Send + Sync + 'static {
    let runs = runs.clone();
    move |_| {
        runs.fetch_add(1, Ordering::SeqCst);
        std::future::ready(Reply::text(name))
    }
}

fn text_of(reply: Option<Reply>) -> Option<String> {
    match reply? {
        Reply::Text { content } => Some(content),
        other => panic!("not a text reply: {other:?}"),
    }
}

fn contact(change: &str) -> Incoming {
    Incoming::parse_work(&sys_event("change_contact", change)).unwrap()
}

#[tokio::test]
async fn routes_by_event_change_type_and_click_key() {
    let runs = Arc::new(AtomicUsize::new(0));
    let router = Router::new()
        .without_dedup()
        .on(On::event("change_contact"), counter("contact", &runs))
        .on(
            On::work_change("change_contact", "create_user"),
            counter("new member", &runs),
        )
        .on(
            On::work_change("change_external_contact", "ADD_EXTERNAL_CONTACT"),
            counter("new customer", &runs),
        )
        .on(On::click("V1001"), counter("menu", &runs))
        .on(On::event("enter_agent"), counter("welcome", &runs))
        .fallback(counter("fallback", &runs));
    let reply = |incoming: Incoming| {
        let router = router.clone();
        async move { text_of(router.dispatch(incoming).await.unwrap()) }
    };
    let user = |kind: &str| {
        contact(&format!(
            "<ChangeType>{kind}</ChangeType><UserID>u1</UserID>"
        ))
    };
    assert_eq!(
        reply(user("create_user")).await.as_deref(),
        Some("new member")
    );
    assert_eq!(reply(user("delete_user")).await.as_deref(), Some("contact"));
    let customer = Incoming::parse_work(&sys_event(
        "change_external_contact",
        "<ChangeType>add_external_contact</ChangeType><UserID>u1</UserID><ExternalUserID>wm1</ExternalUserID>",
    ))
    .unwrap();
    assert_eq!(reply(customer).await.as_deref(), Some("new customer"));
    let member_event = |event: &str, key: &str| {
        Incoming::parse_work(&format!(
            "<xml><ToUserName>{CORPID}</ToUserName><FromUserName>zhangsan</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>{event}</Event><EventKey>{key}</EventKey><AgentID>1000002</AgentID></xml>"
        ))
        .unwrap()
    };
    assert_eq!(
        reply(member_event("click", "V1001")).await.as_deref(),
        Some("menu")
    );
    assert_eq!(
        reply(member_event("click", "OTHER")).await.as_deref(),
        Some("fallback")
    );
    assert_eq!(
        reply(member_event("enter_agent", "")).await.as_deref(),
        Some("welcome")
    );
    assert_eq!(runs.load(Ordering::SeqCst), 6);
}

#[tokio::test]
async fn distinct_changes_of_one_second_all_run_and_retries_do_not() {
    let runs = Arc::new(AtomicUsize::new(0));
    let router = Router::new().on(On::event("change_contact"), counter("ok", &runs));
    // Two members added in the same second, and one member changed twice in it.
    let zhangsan = contact("<ChangeType>create_user</ChangeType><UserID>zhangsan</UserID>");
    let lisi = contact("<ChangeType>create_user</ChangeType><UserID>lisi</UserID>");
    let moved = contact(
        "<ChangeType>update_user</ChangeType><UserID>lisi</UserID><Department>2</Department>",
    );
    let moved_again = contact(
        "<ChangeType>update_user</ChangeType><UserID>lisi</UserID><Department>3</Department>",
    );
    let keys = [&zhangsan, &lisi, &moved, &moved_again].map(dedup_key);
    for (i, a) in keys.iter().enumerate() {
        assert!(
            a.starts_with(&format!("work:{CORPID}:sys:1403610513:change_contact:")),
            "{a}"
        );
        for b in &keys[i + 1..] {
            assert_ne!(a, b);
        }
    }
    assert!(
        keys[0].contains(":ChangeType=create_user:UserID=zhangsan"),
        "{}",
        keys[0]
    );
    for incoming in [&zhangsan, &lisi, &moved, &moved_again] {
        assert!(router.dispatch(incoming.clone()).await.unwrap().is_some());
    }
    assert_eq!(runs.load(Ordering::SeqCst), 4);
    // WeCom's retries: the same callbacks again.
    for incoming in [zhangsan, moved_again] {
        assert!(router.dispatch(incoming).await.unwrap().is_none());
    }
    assert_eq!(runs.load(Ordering::SeqCst), 4);
}

#[test]
fn dedup_keys_name_their_subject() {
    let approval = |status: u32| {
        Incoming::parse_work(&sys_event(
            "sys_approval_change",
            &format!("<AgentID>3010040</AgentID><ApprovalInfo><SpNo>201910220003</SpNo><SpStatus>{status}</SpStatus><StatuChangeEvent>{status}</StatuChangeEvent></ApprovalInfo>"),
        ))
        .unwrap()
    };
    let (filed, approved) = (dedup_key(&approval(1)), dedup_key(&approval(2)));
    assert!(filed.contains(":AgentID=3010040"), "{filed}");
    assert!(filed.contains(":SpNo=201910220003:SpStatus=1"), "{filed}");
    assert_ne!(filed, approved);
    let chat = Incoming::parse_work(&sys_event(
        "change_external_chat",
        "<ChatId>wr1</ChatId><ChangeType>dismiss</ChangeType>",
    ))
    .unwrap();
    assert!(dedup_key(&chat).contains(":ChangeType=dismiss:ChatId=wr1"));
    let customer = Incoming::parse_work(&sys_event(
        "change_external_contact",
        "<ChangeType>del_follow_user</ChangeType><UserID>u1</UserID><ExternalUserID>wm1</ExternalUserID>",
    ))
    .unwrap();
    assert!(dedup_key(&customer).contains(":UserID=u1:ExternalUserID=wm1"));
}

// ----- the axum route, unchanged -----

#[tokio::test]
async fn the_axum_route_serves_a_wecom_endpoint() {
    let seen = Arc::new(AtomicUsize::new(0));
    let app: axum::Router = axum::Router::new().route(
        "/wecom",
        Router::new()
            .on(
                On::work_change("change_contact", "create_user"),
                counter("added", &seen),
            )
            .on(On::click("V1001"), |_incoming: Incoming| async {
                Reply::text("clicked")
            })
            .into_route(endpoint()),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/wecom", listener.local_addr().unwrap());
    let task = tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let http = reqwest::Client::builder().no_proxy().build().unwrap();

    // The URL check.
    let echostr = corp().encrypt("5927782489442352469").unwrap();
    let sig = msg_signature(TOKEN, TIMESTAMP, NONCE, &echostr);
    let encoded: String = url::form_urlencoded::byte_serialize(echostr.as_bytes()).collect();
    let answer = http
        .get(format!(
            "{base}?msg_signature={sig}&timestamp={TIMESTAMP}&nonce={NONCE}&echostr={encoded}"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.text().await.unwrap(), "5927782489442352469");
    let forged = http
        .get(format!(
            "{base}?msg_signature={}&timestamp={TIMESTAMP}&nonce={NONCE}&echostr={encoded}",
            "0".repeat(40)
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);

    // An event and a click.
    let post = |xml: String| {
        let (query, body) = posted(&xml);
        let url = format!(
            "{base}?msg_signature={}&timestamp={}&nonce={}",
            query.msg_signature.unwrap(),
            query.timestamp,
            query.nonce
        );
        let http = http.clone();
        async move { http.post(url).body(body).send().await.unwrap() }
    };
    let added = post(sys_event(
        "change_contact",
        "<ChangeType>create_user</ChangeType><UserID>zhangsan</UserID>",
    ))
    .await;
    assert_eq!(added.status(), 200);
    assert_eq!(seen.load(Ordering::SeqCst), 1);
    let clicked = post(format!(
        "<xml><ToUserName>{CORPID}</ToUserName><FromUserName>zhangsan</FromUserName><CreateTime>1408091189</CreateTime><MsgType>event</MsgType><Event>click</Event><EventKey>V1001</EventKey><AgentID>1000002</AgentID></xml>"
    ))
    .await;
    assert_eq!(clicked.status(), 200);
    let reply = corp()
        .decrypt_reply(&clicked.text().await.unwrap())
        .unwrap();
    assert!(
        reply.contains("<Content><![CDATA[clicked]]></Content>"),
        "{reply}"
    );
    task.abort();
}
