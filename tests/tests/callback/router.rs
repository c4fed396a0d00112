//! The callback router: routes by kind and key, repeats dropped (in memory, and across two
//! routers on one real Redis), failed handlers run again on retry, and late replies sent as
//! customer service messages through the simulator.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use tokio::sync::{Notify, Semaphore};
use wechat_runtime::callback::router::{LateReply, On, Router};
use wechat_runtime::callback::{Header, Incoming, Reply};
use wechat_runtime::simulator::Simulator;
use wechat_runtime::{Client, Hub, MemoryStore, RedisStore};

#[path = "../common/redis_server.rs"]
#[allow(dead_code)]
mod redis_server;

const APPID: &str = "wx0000000000000001";
const SECRET: &str = "secret-of-app-0001";

fn message(content: &str, msg_id: u64) -> Incoming {
    Incoming::parse(&format!(
        "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o6_user]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId></xml>"
    ))
    .unwrap()
}

fn event(event: &str, extra: &str) -> Incoming {
    Incoming::parse(&format!(
        "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o6_user]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{event}]]></Event>{extra}</xml>"
    ))
    .unwrap()
}

/// A handler that answers `text` and counts its runs.
fn answer(
    text: &'static str,
    runs: &Arc<AtomicUsize>,
) -> impl Fn(Incoming) -> std::future::Ready<Reply> + Send + Sync + 'static {
    let runs = runs.clone();
    move |_incoming| {
        runs.fetch_add(1, Ordering::SeqCst);
        std::future::ready(Reply::text(text))
    }
}

fn text_of(reply: Option<Reply>) -> Option<String> {
    match reply? {
        Reply::Text { content } => Some(content),
        other => panic!("not a text reply: {other:?}"),
    }
}

#[tokio::test]
async fn routes_go_from_the_event_key_to_the_event_to_the_fallback() {
    let runs = Arc::new(AtomicUsize::new(0));
    let router = Router::new()
        .without_dedup()
        .on(On::message("text"), answer("text", &runs))
        .on(On::event("CLICK"), answer("any click", &runs))
        .on(On::click("V1001_GOOD"), answer("good", &runs))
        .on(On::scan("table-7"), answer("table 7", &runs))
        .on(On::event("subscribe"), answer("welcome", &runs));

    let click = |key: &str| event("CLICK", &format!("<EventKey><![CDATA[{key}]]></EventKey>"));
    assert_eq!(
        text_of(router.dispatch(message("hi", 1)).await.unwrap()).as_deref(),
        Some("text")
    );
    assert_eq!(
        text_of(router.dispatch(click("V1001_GOOD")).await.unwrap()).as_deref(),
        Some("good")
    );
    assert_eq!(
        text_of(router.dispatch(click("OTHER")).await.unwrap()).as_deref(),
        Some("any click")
    );
    // A scan of the scene, and a follow through the same QR code, reach the scan's route.
    let scan = event(
        "SCAN",
        "<EventKey><![CDATA[table-7]]></EventKey><Ticket><![CDATA[t]]></Ticket>",
    );
    assert_eq!(
        text_of(router.dispatch(scan).await.unwrap()).as_deref(),
        Some("table 7")
    );
    let follow = event(
        "subscribe",
        "<EventKey><![CDATA[qrscene_table-7]]></EventKey><Ticket><![CDATA[t]]></Ticket>",
    );
    assert_eq!(
        text_of(router.dispatch(follow).await.unwrap()).as_deref(),
        Some("table 7")
    );
    assert_eq!(
        text_of(router.dispatch(event("subscribe", "")).await.unwrap()).as_deref(),
        Some("welcome")
    );
    // No route, no fallback: success.
    assert_eq!(
        router
            .dispatch(event(
                "LOCATION",
                "<Latitude>1</Latitude><Longitude>2</Longitude><Precision>3</Precision>"
            ))
            .await
            .unwrap(),
        None
    );
    assert_eq!(runs.load(Ordering::SeqCst), 6);

    let router = router.fallback(answer("fallback", &runs));
    let location = event(
        "LOCATION",
        "<Latitude>1</Latitude><Longitude>2</Longitude><Precision>3</Precision>",
    );
    assert_eq!(
        text_of(router.dispatch(location).await.unwrap()).as_deref(),
        Some("fallback")
    );
}

#[tokio::test]
async fn repeats_are_dropped_and_a_failure_runs_again_on_retry() {
    let runs = Arc::new(AtomicUsize::new(0));
    let router = Router::new().on(On::message("text"), answer("once", &runs));
    assert!(router.dispatch(message("hi", 42)).await.unwrap().is_some());
    // WeChat's retry of the same message: dropped, answered success.
    assert_eq!(router.dispatch(message("hi", 42)).await.unwrap(), None);
    // Another message of the same second is another message.
    assert!(router.dispatch(message("hi", 43)).await.unwrap().is_some());
    // Two clicks on different buttons in the same second are two events.
    let router = router.on(On::event("click"), answer("click", &runs));
    let click = |key: &str| event("CLICK", &format!("<EventKey><![CDATA[{key}]]></EventKey>"));
    assert!(router.dispatch(click("A")).await.unwrap().is_some());
    assert!(router.dispatch(click("B")).await.unwrap().is_some());
    assert!(router.dispatch(click("A")).await.unwrap().is_none());
    assert_eq!(runs.load(Ordering::SeqCst), 4);

    // A handler that fails the first time: the retry runs it again.
    let attempts = Arc::new(AtomicUsize::new(0));
    let seen = attempts.clone();
    let router = Router::new().on(On::message("text"), move |_incoming: Incoming| {
        let attempt = seen.fetch_add(1, Ordering::SeqCst);
        async move {
            if attempt == 0 {
                Err("the database is down")
            } else {
                Ok(Reply::text("done"))
            }
        }
    });
    assert!(router.dispatch(message("hi", 7)).await.is_err());
    assert!(router.dispatch(message("hi", 7)).await.unwrap().is_some());
    assert!(router.dispatch(message("hi", 7)).await.unwrap().is_none());
    assert_eq!(attempts.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn two_routers_on_one_redis_run_a_retried_callback_once() {
    let redis = redis_server::RedisServer::start();
    let runs = Arc::new(AtomicUsize::new(0));
    let mut routers = Vec::new();
    for _ in 0..2 {
        let store = RedisStore::builder(redis.url())
            .prefix("node")
            .connect()
            .await
            .unwrap();
        routers.push(
            Router::new()
                .dedup(store)
                .on(On::message("text"), answer("once", &runs)),
        );
    }
    // The first delivery to one node, WeChat's retries to the other, concurrently too.
    let (a, b) = tokio::join!(
        routers[0].dispatch(message("hi", 9)),
        routers[1].dispatch(message("hi", 9))
    );
    let answered = [a.unwrap(), b.unwrap()]
        .iter()
        .filter(|r| r.is_some())
        .count();
    assert_eq!(answered, 1);
    assert!(routers[1]
        .dispatch(message("hi", 9))
        .await
        .unwrap()
        .is_none());
    assert!(routers[0]
        .dispatch(message("hi", 10))
        .await
        .unwrap()
        .is_some());
    assert_eq!(runs.load(Ordering::SeqCst), 2);
}

/// Sends late replies through the SDK's client, then says so.
struct Recorded {
    client: Client<Hub<MemoryStore>>,
    sent: Arc<Semaphore>,
}

#[async_trait]
impl LateReply for Recorded {
    async fn send_late(&self, to: &Header, reply: Reply) -> wechat_runtime::Result<()> {
        let result = self.client.send_late(to, reply).await;
        self.sent.add_permits(1);
        result
    }
}

#[tokio::test]
async fn a_reply_past_the_deadline_goes_out_as_a_customer_service_message() {
    let sim = Simulator::start().await.unwrap();
    sim.add_app(APPID, SECRET);
    let hub = Hub::builder(MemoryStore::new().with_app(APPID, SECRET))
        .base_url(sim.base_url())
        .build()
        .unwrap();
    let client = Client::builder(hub)
        .appid(APPID)
        .base_url(sim.base_url())
        .build()
        .unwrap();
    let sent = Arc::new(Semaphore::new(0));
    let release = Arc::new(Notify::new());
    let wait = release.clone();
    let router = Router::new()
        .late_replies(Recorded {
            client,
            sent: sent.clone(),
        })
        .reply_deadline(Duration::from_millis(20))
        .on_late(On::message("text"), move |_incoming: Incoming| {
            let wait = wait.clone();
            async move {
                // Slower than the deadline: it waits until the callback was answered.
                wait.notified().await;
                Reply::text("sorry for the wait")
            }
        });

    // The answer comes at the deadline: success, nothing sent yet.
    assert_eq!(router.dispatch(message("hi", 1)).await.unwrap(), None);
    assert!(sim.sent_messages().is_empty());
    release.notify_one();
    let _ = sent.acquire().await.unwrap();
    let sent = sim.sent_messages();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["touser"], "o6_user");
    assert_eq!(sent[0]["text"]["content"], "sorry for the wait");
}

/// Sends late replies through a WeCom client, then says so.
struct RecordedWork {
    client: Client<Hub<MemoryStore>, wechat_runtime::Work>,
    sent: Arc<Semaphore>,
    errors: Arc<std::sync::Mutex<Vec<String>>>,
}

#[async_trait]
impl LateReply for RecordedWork {
    async fn send_late(&self, to: &Header, reply: Reply) -> wechat_runtime::Result<()> {
        let result = self.client.send_late(to, reply).await;
        if let Err(err) = &result {
            self.errors.lock().unwrap().push(err.to_string());
        }
        self.sent.add_permits(1);
        result
    }
}

#[tokio::test]
async fn a_wecom_reply_past_the_deadline_goes_out_as_an_app_message() {
    use wechat_runtime::work::{WorkApp, WorkKey};
    const CORPID: &str = "ww0000000000000001";
    let sim = Simulator::start().await.unwrap();
    sim.add_work_app(CORPID, "agent:1000002", "agent-secret");
    let store = MemoryStore::new().with_work_app(
        WorkKey::new(CORPID, WorkApp::Agent(1000002)),
        "agent-secret",
    );
    let hub = Hub::builder(store)
        .work_base_url(sim.work_base_url())
        .build()
        .unwrap();
    let client = Client::work_builder(hub)
        .corpid(CORPID)
        .work_app(WorkApp::Agent(1000002))
        .base_url(sim.work_base_url())
        .build()
        .unwrap();
    // The member who wrote exists in the corp's contacts (WeCom answers 81013 otherwise).
    sim.add_work_app(CORPID, "contacts", "contacts-secret");
    let contacts_store = MemoryStore::new()
        .with_work_app(WorkKey::new(CORPID, WorkApp::Contacts), "contacts-secret");
    let contacts = Client::work_builder(
        Hub::builder(contacts_store)
            .work_base_url(sim.work_base_url())
            .build()
            .unwrap(),
    )
    .corpid(CORPID)
    .work_app(WorkApp::Contacts)
    .base_url(sim.work_base_url())
    .build()
    .unwrap();
    contacts
        .contacts()
        .create_user(
            &wechat_runtime::work::contacts::MemberForm::new("o6_user", "Zhang San", &[1])
                .mobile("13800000000"),
        )
        .await
        .unwrap();
    let sent = Arc::new(Semaphore::new(0));
    let errors = Arc::new(std::sync::Mutex::new(Vec::new()));
    let release = Arc::new(Notify::new());
    let wait = release.clone();
    let router = Router::new()
        .late_replies(RecordedWork {
            client,
            sent: sent.clone(),
            errors: errors.clone(),
        })
        .reply_deadline(Duration::from_millis(20))
        .on_late(On::message("text"), move |_incoming: Incoming| {
            let wait = wait.clone();
            async move {
                wait.notified().await;
                Reply::text("approved, see the app")
            }
        });

    assert_eq!(router.dispatch(message("hi", 2)).await.unwrap(), None);
    release.notify_one();
    let _ = sent.acquire().await.unwrap();
    assert!(
        errors.lock().unwrap().is_empty(),
        "{:?}",
        errors.lock().unwrap()
    );
    let messages = sim.work_messages(CORPID);
    assert_eq!(messages.len(), 1, "{messages:?}");
    let shown = messages[0].to_string();
    assert!(
        shown.contains("o6_user") && shown.contains("approved, see the app"),
        "{shown}"
    );
}
