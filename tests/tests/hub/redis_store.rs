//! RedisStore against a real redis-server: persistence, the lock, OS processes racing at expiry,
//! a lock holder killed mid-fetch, and Redis restarted under the store.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::redis_server::RedisServer;
use crate::common::*;
use redis::AsyncCommands;
use wechat_runtime::simulator::Fault;
use wechat_runtime::{
    ComponentHubStorage, Error, Hub, HubStorage, RedisStore, Secret, Ticket, TicketType, Token,
    TokenKey,
};

async fn store(redis: &RedisServer, prefix: &str) -> RedisStore {
    RedisStore::builder(redis.url())
        .prefix(prefix)
        .connect()
        .await
        .expect("redis answers")
}

async fn raw(redis: &RedisServer) -> redis::aio::MultiplexedConnection {
    redis::Client::open(redis.url())
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap()
}

#[tokio::test]
async fn everything_a_hub_keeps_round_trips() {
    let redis = RedisServer::start();
    let store = store(&redis, "t1").await;
    let app = TokenKey::app(APPID);
    let authorizer = TokenKey::authorizer(COMPONENT_APPID, AUTHORIZER_APPID);

    assert_eq!(store.token(&app).await.unwrap(), None);
    store
        .save_secret(APPID, &Secret::new(SECRET))
        .await
        .unwrap();
    let token = Token::new("token-1", 7200);
    store.save_token(&app, &token).await.unwrap();
    store
        .save_token(&authorizer, &Token::new("token-2", 7200))
        .await
        .unwrap();
    let ticket = Ticket::new("ticket-1", TicketType::WxCard, 7200);
    store.save_ticket(&app, &ticket).await.unwrap();
    store
        .save_verify_ticket(COMPONENT_APPID, "verify-1")
        .await
        .unwrap();
    store
        .save_authorizer_refresh_token(COMPONENT_APPID, AUTHORIZER_APPID, "refresh-1")
        .await
        .unwrap();

    assert_eq!(
        store.secret(APPID).await.unwrap(),
        Some(Secret::new(SECRET))
    );
    assert_eq!(store.token(&app).await.unwrap(), Some(token));
    assert_eq!(
        store
            .token(&authorizer)
            .await
            .unwrap()
            .unwrap()
            .access_token,
        "token-2"
    );
    assert_eq!(
        store.ticket(&app, TicketType::WxCard).await.unwrap(),
        Some(ticket)
    );
    assert_eq!(store.ticket(&app, TicketType::Jsapi).await.unwrap(), None);
    assert_eq!(
        store
            .verify_ticket(COMPONENT_APPID)
            .await
            .unwrap()
            .as_deref(),
        Some("verify-1")
    );
    assert_eq!(
        store
            .authorizer_refresh_token(COMPONENT_APPID, AUTHORIZER_APPID)
            .await
            .unwrap()
            .as_deref(),
        Some("refresh-1")
    );

    // Tokens expire with WeChat's; what cannot be fetched again is kept for good.
    let mut conn = raw(&redis).await;
    let token_ttl: i64 = conn.ttl(format!("t1:token:app:{{{APPID}}}")).await.unwrap();
    assert!((1..=7200).contains(&token_ttl), "{token_ttl}");
    let verify_ttl: i64 = conn
        .ttl(format!("t1:verify_ticket:{{{COMPONENT_APPID}}}"))
        .await
        .unwrap();
    assert_eq!(verify_ttl, -1);
    let refresh_ttl: i64 = conn
        .ttl(format!(
            "t1:refresh_token:{COMPONENT_APPID}:{{{AUTHORIZER_APPID}}}"
        ))
        .await
        .unwrap();
    assert_eq!(refresh_ttl, -1);
}

#[tokio::test]
async fn the_lock_is_exclusive_released_only_by_its_holder_and_leased() {
    let redis = RedisServer::start();
    let store = store(&redis, "t2").await;
    let lease = Duration::from_secs(30);

    let first = store
        .try_lock("token:app:x", lease)
        .await
        .unwrap()
        .expect("free");
    assert!(store
        .try_lock("token:app:x", lease)
        .await
        .unwrap()
        .is_none());
    // A stale holder's value does not release it.
    let impostor = wechat_runtime::LockToken::random();
    store.unlock("token:app:x", impostor).await.unwrap();
    assert!(store
        .try_lock("token:app:x", lease)
        .await
        .unwrap()
        .is_none());
    store.unlock("token:app:x", first).await.unwrap();
    let second = store.try_lock("token:app:x", lease).await.unwrap();
    assert!(second.is_some());

    // A holder that never releases: the lease frees the lock.
    let short = Duration::from_millis(50);
    store
        .try_lock("token:app:y", short)
        .await
        .unwrap()
        .expect("free");
    let mut retaken = None;
    while retaken.is_none() {
        tokio::time::sleep(Duration::from_millis(20)).await;
        retaken = store.try_lock("token:app:y", short).await.unwrap();
    }
}

/// Two hubs over one Redis (each with its own connection), calling `sim` for WeChat and WeCom.
async fn hubs_on_one_redis(
    redis: &RedisServer,
    prefix: &str,
    sim: &wechat_runtime::simulator::Simulator,
) -> Vec<std::sync::Arc<Hub<RedisStore>>> {
    let mut hubs = Vec::new();
    for _ in 0..2 {
        let hub = Hub::builder(store(redis, prefix).await)
            .base_url(sim.base_url())
            .work_base_url(sim.work_base_url())
            .build()
            .unwrap();
        hubs.push(std::sync::Arc::new(hub));
    }
    hubs
}

/// The access tokens `callers` concurrent callers get, each from one of `hubs` in turn.
async fn tokens_of_callers(
    hubs: &[std::sync::Arc<Hub<RedisStore>>],
    callers: usize,
) -> std::collections::HashSet<String> {
    let calls: Vec<_> = (0..callers)
        .map(|i| {
            let hub = hubs[i % hubs.len()].clone();
            tokio::spawn(async move { hub.app_token(APPID).await })
        })
        .collect();
    let mut tokens = std::collections::HashSet::new();
    for call in calls {
        tokens.insert(call.await.unwrap().unwrap().access_token);
    }
    tokens
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hubs_on_one_redis_make_one_upstream_call() {
    let redis = RedisServer::start();
    let sim = simulator().await;
    let hubs = hubs_on_one_redis(&redis, "t3", &sim).await;
    hubs[0]
        .store()
        .save_secret(APPID, &Secret::new(SECRET))
        .await
        .unwrap();
    let tokens = tokens_of_callers(&hubs, 200).await;
    assert_eq!(tokens.len(), 1);
    assert_eq!(sim.calls("/cgi-bin/stable_token"), 1);
}

#[tokio::test]
async fn a_lock_is_renewed_only_by_its_holder() {
    let redis = RedisServer::start();
    let store = store(&redis, "t5").await;
    let lease = Duration::from_millis(200);
    let held = store.try_lock("token:app:z", lease).await.unwrap().unwrap();
    assert!(store
        .renew_lock("token:app:z", &held, Duration::from_secs(30))
        .await
        .unwrap());
    let impostor = wechat_runtime::LockToken::random();
    assert!(!store
        .renew_lock("token:app:z", &impostor, Duration::from_secs(30))
        .await
        .unwrap());
    // Renewed to 30 s: still held well after the first lease.
    let mut conn = raw(&redis).await;
    let ttl: i64 = redis::cmd("PTTL")
        .arg("t5:lock:token:app:z")
        .query_async(&mut conn)
        .await
        .unwrap();
    assert!(ttl > 10_000, "{ttl}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fetch_slower_than_the_lease_keeps_its_lock() {
    let redis = RedisServer::start();
    let sim = simulator().await;
    let mut hubs = Vec::new();
    for _ in 0..2 {
        let store = store(&redis, "t6").await;
        store
            .save_secret(APPID, &Secret::new(SECRET))
            .await
            .unwrap();
        hubs.push(std::sync::Arc::new(
            Hub::builder(store)
                .base_url(sim.base_url())
                .lock_lease(Duration::from_millis(150))
                .build()
                .unwrap(),
        ));
    }
    // The first fetch takes four leases: renewals keep the second hub waiting for it.
    sim.inject_fault(
        "/cgi-bin/stable_token",
        Fault::Delay(Duration::from_millis(600)),
        1,
    );
    let tokens = tokens_of_callers(&hubs, 20).await;
    assert_eq!(tokens.len(), 1);
    assert_eq!(sim.calls("/cgi-bin/stable_token"), 1);
}

#[tokio::test]
async fn a_lock_nobody_renews_costs_a_bounded_wait() {
    let redis = RedisServer::start();
    let sim = simulator().await;
    let store = store(&redis, "t7").await;
    store
        .save_secret(APPID, &Secret::new(SECRET))
        .await
        .unwrap();
    // A lock left by a holder long gone, with a lease far longer than ours (an older hub's).
    let mut conn = raw(&redis).await;
    let _: () = redis::cmd("SET")
        .arg(format!("t7:lock:token:app:{{{APPID}}}"))
        .arg("nobody")
        .arg("PX")
        .arg(600_000)
        .query_async(&mut conn)
        .await
        .unwrap();
    let hub = Hub::builder(store)
        .base_url(sim.base_url())
        .timeout(Duration::from_millis(300))
        .retry_policy(wechat_runtime::RetryPolicy::none())
        .lock_lease(Duration::from_millis(100))
        .build()
        .unwrap();
    // Without a deadline this would wait out the ten minutes, then succeed: the error is the
    // deadline's.
    let err = hub.app_token(APPID).await.unwrap_err();
    assert!(matches!(err, Error::Storage { .. }), "{err:?}");
    assert!(err.to_string().contains("waited"), "{err}");
    assert_eq!(sim.calls("/cgi-bin/stable_token"), 0);
}

#[tokio::test]
async fn a_restart_of_redis_loses_nothing_and_the_outage_is_a_clear_error() {
    let mut redis = RedisServer::start();
    let store = store(&redis, "t4").await;
    let app = TokenKey::app(APPID);
    store
        .save_token(&app, &Token::new("token-1", 7200))
        .await
        .unwrap();
    store
        .save_verify_ticket(COMPONENT_APPID, "verify-1")
        .await
        .unwrap();
    store
        .save_authorizer_refresh_token(COMPONENT_APPID, AUTHORIZER_APPID, "refresh-1")
        .await
        .unwrap();

    redis.stop();
    let err = store.token(&app).await.unwrap_err();
    assert!(matches!(err, Error::Storage { .. }), "{err:?}");
    assert!(err.to_string().contains("redis"), "{err}");
    let err = store
        .save_verify_ticket(COMPONENT_APPID, "verify-2")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Storage { .. }), "{err:?}");

    redis.restart();
    let mut token = store.token(&app).await;
    // The first command after the outage may still meet the broken connection.
    for _ in 0..50 {
        if token.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        token = store.token(&app).await;
    }
    assert_eq!(token.unwrap().unwrap().access_token, "token-1");
    assert_eq!(
        store
            .verify_ticket(COMPONENT_APPID)
            .await
            .unwrap()
            .as_deref(),
        Some("verify-1")
    );
    assert_eq!(
        store
            .authorizer_refresh_token(COMPONENT_APPID, AUTHORIZER_APPID)
            .await
            .unwrap()
            .as_deref(),
        Some("refresh-1")
    );
}

#[tokio::test]
async fn a_url_with_a_password_and_a_database_is_used() {
    let redis = RedisServer::start_with_password(Some("s3cr3t-redis-pass"));
    let store = RedisStore::builder(redis.url_of_db(3))
        .prefix("t5")
        .connect()
        .await
        .expect("authenticated");
    store
        .save_verify_ticket(COMPONENT_APPID, "verify-3")
        .await
        .unwrap();
    let mut db3 = redis::Client::open(redis.url_of_db(3))
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    let stored: Option<String> = db3
        .get(format!("t5:verify_ticket:{{{COMPONENT_APPID}}}"))
        .await
        .unwrap();
    assert_eq!(stored.as_deref(), Some("verify-3"));

    let wrong = format!("redis://:wrong@127.0.0.1:{}/3", redis.port);
    let err = RedisStore::builder(wrong).connect().await.unwrap_err();
    assert!(matches!(err, Error::Storage { .. }), "{err:?}");
    assert!(!format!("{err} {err:?}").contains("s3cr3t-redis-pass"));
}

#[tokio::test]
async fn a_bad_redis_url_is_a_configuration_error_without_the_password() {
    let err = RedisStore::builder("http://:hunter2@127.0.0.1/")
        .connect()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(!format!("{err} {err:?}").contains("hunter2"));
}

// ---- Several OS processes -------------------------------------------------------------------

const PREFIX: &str = "race";

/// The name of the test `child_process` inside this binary (its module path, without the
/// crate's name).
const CHILD_TEST: &str = "redis_store::child_process";

/// Starts this test binary again as a child process that runs `child_process` in `role`.
fn spawn_child(role: &str, sim_url: &str, redis_url: &str) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args([CHILD_TEST, "--exact", "--nocapture", "--test-threads=1"])
        .env("WECHAT_RS_CHILD", role)
        .env("WECHAT_RS_SIM", sim_url)
        .env("WECHAT_RS_REDIS", redis_url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The token a child printed.
fn child_token(child: std::process::Child) -> String {
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .lines()
        .find_map(|line| line.split_once("TOKEN ").map(|(_, token)| token.trim()))
        .unwrap_or_else(|| panic!("the child printed no token: {stdout}"))
        .to_owned()
}

/// Not a test of its own: the body of the child processes (it returns at once in the parent).
#[test]
fn child_process() {
    let Ok(role) = std::env::var("WECHAT_RS_CHILD") else {
        return;
    };
    let sim = std::env::var("WECHAT_RS_SIM").unwrap();
    let url = std::env::var("WECHAT_RS_REDIS").unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async move {
        let store = RedisStore::builder(url.as_str())
            .prefix(PREFIX)
            .connect()
            .await
            .unwrap();
        let hub = Hub::builder(store)
            .base_url(sim)
            .lock_lease(Duration::from_millis(1500))
            .build()
            .unwrap();
        let mut conn = redis::Client::open(url.as_str())
            .unwrap()
            .get_multiplexed_async_connection()
            .await
            .unwrap();
        let _: i64 = conn
            .incr(format!("{PREFIX}:ready:{role}"), 1)
            .await
            .unwrap();
        while !conn
            .exists::<_, bool>(format!("{PREFIX}:go:{role}"))
            .await
            .unwrap()
        {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        let token = hub.token(&TokenKey::app(APPID)).await.unwrap();
        println!("TOKEN {}", token.access_token);
    });
}

/// Sets up Redis and the simulator as a race at expiry: a secret, and an expired token.
async fn race_setup(
    redis: &RedisServer,
) -> (
    wechat_runtime::simulator::Simulator,
    redis::aio::MultiplexedConnection,
) {
    let sim = simulator().await;
    let store = store(redis, PREFIX).await;
    store
        .save_secret(APPID, &Secret::new(SECRET))
        .await
        .unwrap();
    let mut expired = Token::new("expired-token", 7200);
    expired.timestamp -= 7200;
    store
        .save_token(&TokenKey::app(APPID), &expired)
        .await
        .unwrap();
    (sim, raw(redis).await)
}

async fn start_race(conn: &mut redis::aio::MultiplexedConnection, role: &str, children: i64) {
    loop {
        let ready: Option<i64> = conn.get(format!("{PREFIX}:ready:{role}")).await.unwrap();
        if ready == Some(children) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let _: () = conn.set(format!("{PREFIX}:go:{role}"), 1).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn processes_racing_at_expiry_make_one_upstream_call() {
    let redis = RedisServer::start();
    let (sim, mut conn) = race_setup(&redis).await;

    let children: Vec<_> = (0..4)
        .map(|_| spawn_child("racer", &sim.base_url(), &redis.url()))
        .collect();
    start_race(&mut conn, "racer", 4).await;
    let tokens: Vec<String> = children.into_iter().map(child_token).collect();

    assert_eq!(sim.calls("/cgi-bin/stable_token"), 1);
    assert!(tokens.iter().all(|t| *t == tokens[0]), "{tokens:?}");
    assert_eq!(Some(tokens[0].clone()), sim.current_access_token(APPID));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_lock_holder_mid_fetch_loses_nothing() {
    let redis = RedisServer::start();
    let (sim, mut conn) = race_setup(&redis).await;
    // The holder's fetch reaches WeChat and then hangs until it is killed.
    sim.inject_fault(
        "/cgi-bin/stable_token",
        Fault::Delay(Duration::from_secs(600)),
        1,
    );

    let mut holder = spawn_child("holder", &sim.base_url(), &redis.url());
    start_race(&mut conn, "holder", 1).await;
    while sim.calls("/cgi-bin/stable_token") == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let waiters: Vec<_> = (0..3)
        .map(|_| spawn_child("waiter", &sim.base_url(), &redis.url()))
        .collect();
    start_race(&mut conn, "waiter", 3).await;
    holder.kill().unwrap();
    holder.wait().unwrap();

    let tokens: Vec<String> = waiters.into_iter().map(child_token).collect();
    assert!(tokens.iter().all(|t| *t == tokens[0]), "{tokens:?}");
    assert_eq!(
        sim.calls("/cgi-bin/stable_token"),
        2,
        "the killed holder's fetch, then exactly one by the survivors after its lease"
    );
}

#[tokio::test]
async fn readiness_follows_the_persistence() {
    let mut redis = RedisServer::start();
    let store = store(&redis, "t8").await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let server = wechat_runtime::hub::server::HubServer::new(Hub::new(store)).elixir_compat(true);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let done = tokio::spawn(server.serve(listener, async {
        let _ = stopped.await;
    }));
    let readyz = || reqwest::get(format!("{base_url}/readyz"));
    assert_eq!(readyz().await.unwrap().status(), 200);
    redis.stop();
    let down = readyz().await.unwrap();
    assert_eq!(down.status(), 503);
    let body: serde_json::Value = down.json().await.unwrap();
    assert_eq!(body["reason"], "storage_unavailable");
    redis.restart();
    let mut status = 0;
    for _ in 0..50 {
        status = readyz().await.unwrap().status().as_u16();
        if status == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, 200, "ready again once Redis is back");
    stop.send(()).unwrap();
    done.await.unwrap().unwrap();
}

// ---- Redis Cluster ---------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cluster_keeps_what_a_hub_keeps_and_two_hubs_share_it() {
    let cluster = crate::common::redis_server::RedisCluster::start();
    let connect = || async {
        RedisStore::cluster_builder(cluster.urls())
            .prefix("c1")
            .connect()
            .await
            .unwrap()
    };
    let store = connect().await;

    // Round trips, across the slots of three masters.
    let authorizer = TokenKey::authorizer(COMPONENT_APPID, AUTHORIZER_APPID);
    let token = Token::new("authorizer-token", 7200);
    store.save_token(&authorizer, &token).await.unwrap();
    assert_eq!(store.token(&authorizer).await.unwrap(), Some(token));
    let ticket = Ticket::new("the-ticket", TicketType::Jsapi, 7200);
    store.save_ticket(&authorizer, &ticket).await.unwrap();
    store
        .save_authorizer_refresh_token(COMPONENT_APPID, AUTHORIZER_APPID, "refresh")
        .await
        .unwrap();
    store
        .save_verify_ticket(COMPONENT_APPID, "verify")
        .await
        .unwrap();
    assert_eq!(
        store
            .verify_ticket(COMPONENT_APPID)
            .await
            .unwrap()
            .as_deref(),
        Some("verify")
    );
    // One authorizer's keys share a slot: forgetting it is one DEL of all of them.
    store
        .forget_authorizer(COMPONENT_APPID, AUTHORIZER_APPID)
        .await
        .unwrap();
    assert_eq!(store.token(&authorizer).await.unwrap(), None);
    assert_eq!(
        store
            .authorizer_refresh_token(COMPONENT_APPID, AUTHORIZER_APPID)
            .await
            .unwrap(),
        None
    );

    // The lock, its renewal and its release.
    let lease = Duration::from_secs(5);
    let held = store
        .try_lock("token:app:{x}", lease)
        .await
        .unwrap()
        .unwrap();
    assert!(store
        .try_lock("token:app:{x}", lease)
        .await
        .unwrap()
        .is_none());
    assert!(store
        .renew_lock("token:app:{x}", &held, lease)
        .await
        .unwrap());
    store.unlock("token:app:{x}", held).await.unwrap();
    assert!(store
        .try_lock("token:app:{x}", lease)
        .await
        .unwrap()
        .is_some());

    // Two hubs on the cluster: one upstream fetch for 100 concurrent callers.
    let sim = simulator().await;
    let mut hubs = Vec::new();
    for _ in 0..2 {
        let store = connect().await;
        store
            .save_secret(APPID, &Secret::new(SECRET))
            .await
            .unwrap();
        hubs.push(std::sync::Arc::new(
            Hub::builder(store)
                .base_url(sim.base_url())
                .build()
                .unwrap(),
        ));
    }
    let tokens = tokens_of_callers(&hubs, 100).await;
    assert_eq!(tokens.len(), 1);
    assert_eq!(sim.calls("/cgi-bin/stable_token"), 1);
}

// ---- Redis Sentinel ---------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sentinel_failover_loses_nothing_and_tokens_come_again() {
    let sentinel = crate::common::redis_server::RedisSentinel::start();
    let sim = simulator().await;
    let store = RedisStore::sentinel_builder([sentinel.url()], "mymaster")
        .prefix("s1")
        .connect()
        .await
        .unwrap();
    store
        .save_secret(APPID, &Secret::new(SECRET))
        .await
        .unwrap();
    store
        .save_verify_ticket(COMPONENT_APPID, "verify")
        .await
        .unwrap();
    let hub = Hub::builder(store)
        .base_url(sim.base_url())
        .retry_policy(quick_retries())
        .build()
        .unwrap();
    let before = hub.app_token(APPID).await.unwrap();
    // Acknowledged writes are on the replica before it is promoted (WAIT for one replica).
    let mut master = redis::Client::open(sentinel.master.url())
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    let _: i64 = redis::cmd("WAIT")
        .arg(1)
        .arg(2000)
        .query_async(&mut master)
        .await
        .unwrap();

    sentinel.failover();

    // The first command after the failover may fail (the old master is a replica now); the
    // next ones go to the new master, which has everything.
    let mut after = hub.app_token(APPID).await;
    for _ in 0..20 {
        if after.is_ok() {
            break;
        }
        after = hub.app_token(APPID).await;
    }
    assert_eq!(after.unwrap(), before);
    assert_eq!(
        hub.store()
            .verify_ticket(COMPONENT_APPID)
            .await
            .unwrap()
            .as_deref(),
        Some("verify")
    );
    // Writes reach the new master (a write to the demoted one fails once, READONLY, and the
    // store asks the sentinel again).
    let mut saved = Err(None);
    for _ in 0..3 {
        match hub
            .store()
            .save_verify_ticket(COMPONENT_APPID, "after")
            .await
        {
            Ok(()) => {
                saved = Ok(());
                break;
            }
            Err(e) => saved = Err(Some(e)),
        }
    }
    saved.unwrap_or_else(|e| panic!("no write after the failover: {e:?}"));
    let mut promoted = redis::Client::open(sentinel.replica.url())
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    let stored: Option<String> = promoted
        .get(format!("s1:verify_ticket:{{{COMPONENT_APPID}}}"))
        .await
        .unwrap();
    assert_eq!(stored.as_deref(), Some("after"));
    assert_eq!(sim.calls("/cgi-bin/stable_token"), 1);
}

#[tokio::test]
async fn what_cannot_be_fetched_again_is_found_under_its_earlier_name() {
    let redis = RedisServer::start();
    let mut conn = raw(&redis).await;
    // As a store of an earlier version wrote them, before keys carried hash tags.
    for (key, value) in [
        (format!("t9:secret:{APPID}"), "old-secret"),
        (format!("t9:verify_ticket:{COMPONENT_APPID}"), "old-ticket"),
        (
            format!("t9:refresh_token:{COMPONENT_APPID}:{AUTHORIZER_APPID}"),
            "old-refresh",
        ),
    ] {
        let _: () = conn.set(key, value).await.unwrap();
    }
    let store = store(&redis, "t9").await;
    assert_eq!(
        store
            .secret(APPID)
            .await
            .unwrap()
            .map(|s| s.expose().to_owned()),
        Some("old-secret".to_owned())
    );
    assert_eq!(
        store
            .verify_ticket(COMPONENT_APPID)
            .await
            .unwrap()
            .as_deref(),
        Some("old-ticket")
    );
    assert_eq!(
        store
            .authorizer_refresh_token(COMPONENT_APPID, AUTHORIZER_APPID)
            .await
            .unwrap()
            .as_deref(),
        Some("old-refresh")
    );
    // Moved under the new names.
    let moved: Option<String> = conn
        .get(format!("t9:verify_ticket:{{{COMPONENT_APPID}}}"))
        .await
        .unwrap();
    assert_eq!(moved.as_deref(), Some("old-ticket"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hubs_on_one_redis_keep_wecom_tokens_per_app() {
    use wechat_runtime::work::{WorkApp, WorkKey};
    const CORPID: &str = "ww0000000000000001";
    let redis = RedisServer::start();
    let sim = simulator().await;
    sim.add_work_app(CORPID, "agent:1000002", "agent-secret");
    sim.add_work_app(CORPID, "contacts", "contacts-secret");
    let agent = WorkKey::new(CORPID, WorkApp::Agent(1000002));
    let contacts = WorkKey::new(CORPID, WorkApp::Contacts);
    let hubs = hubs_on_one_redis(&redis, "t-work", &sim).await;
    let store = hubs[0].store();
    store
        .save_work_secret(&agent, &Secret::new("agent-secret"))
        .await
        .unwrap();
    store
        .save_work_secret(&contacts, &Secret::new("contacts-secret"))
        .await
        .unwrap();
    // The secret is kept under the typed pair, not a joined string.
    let mut conn = raw(&redis).await;
    let secret: Option<String> = conn
        .get("t-work:secret:work:{ww0000000000000001}:agent:1000002")
        .await
        .unwrap();
    assert_eq!(secret.as_deref(), Some("agent-secret"));

    let calls: Vec<_> = (0..100)
        .map(|i| {
            let hub = hubs[i % 2].clone();
            let key = if i % 3 == 0 {
                contacts.clone()
            } else {
                agent.clone()
            };
            tokio::spawn(async move { (key.app, hub.work_token(&key).await.unwrap().access_token) })
        })
        .collect();
    let mut by_app = std::collections::HashMap::<WorkApp, std::collections::HashSet<String>>::new();
    for call in calls {
        let (app, token) = call.await.unwrap();
        by_app.entry(app).or_default().insert(token);
    }
    assert_eq!(by_app[&WorkApp::Agent(1000002)].len(), 1);
    assert_eq!(by_app[&WorkApp::Contacts].len(), 1);
    assert_ne!(by_app[&WorkApp::Agent(1000002)], by_app[&WorkApp::Contacts]);
    assert_eq!(sim.calls("/qyapi/cgi-bin/gettoken"), 2, "one fetch per app");
}
