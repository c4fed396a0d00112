//! WeCom clients against the simulator: tokens per (corpid, app), each call carrying its own
//! app's token, 40014/42001 refreshed once and retried once, 40001 (a wrong secret) never, and
//! WeCom tokens served through a hub server.

use tokio::sync::oneshot;
use wechat_runtime::hub::server::{Caller, HubServer};
use wechat_runtime::simulator::Simulator;
use wechat_runtime::work::{WorkApp, WorkClientStorage, WorkKey};
use wechat_runtime::{Client, Error, Hub, HubClient, MemoryStore, TicketType};

use crate::common::*;

const CORPID: &str = "ww0000000000000001";
const AGENT: WorkApp = WorkApp::Agent(1000002);
const AGENT_SECRET: &str = "agent-secret-1000002";
const OTHER_AGENT: WorkApp = WorkApp::Agent(1000003);
const OTHER_AGENT_SECRET: &str = "agent-secret-1000003";
const CONTACTS_SECRET: &str = "contacts-secret";
const TICKET_PATH: &str = "/qyapi/cgi-bin/get_jsapi_ticket";
const GETTOKEN_PATH: &str = "/qyapi/cgi-bin/gettoken";

/// A simulator with one corp: two agents and the contacts secret.
async fn work_sim() -> Simulator {
    let sim = Simulator::start().await.unwrap();
    sim.add_work_app(CORPID, &AGENT.to_string(), AGENT_SECRET);
    sim.add_work_app(CORPID, &OTHER_AGENT.to_string(), OTHER_AGENT_SECRET);
    sim.add_work_app(CORPID, "contacts", CONTACTS_SECRET);
    sim
}

/// A store that knows every app of the corp.
fn corp_store() -> MemoryStore {
    MemoryStore::new()
        .with_work_app(WorkKey::new(CORPID, AGENT), AGENT_SECRET)
        .with_work_app(WorkKey::new(CORPID, OTHER_AGENT), OTHER_AGENT_SECRET)
        .with_work_app(WorkKey::new(CORPID, WorkApp::Contacts), CONTACTS_SECRET)
}

fn work_hub(sim: &Simulator, store: MemoryStore) -> Hub<MemoryStore> {
    Hub::builder(store)
        .base_url(sim.base_url())
        .work_base_url(sim.work_base_url())
        .retry_policy(quick_retries())
        .build()
        .unwrap()
}

fn work_client<S: WorkClientStorage<Args = ()> + 'static>(
    sim: &Simulator,
    storage: S,
    app: WorkApp,
) -> Client<S, wechat_runtime::Work> {
    Client::work_builder(storage)
        .corpid(CORPID)
        .work_app(app)
        .base_url(sim.work_base_url())
        .retry_policy(quick_retries())
        .build()
        .unwrap()
}

/// The `access_token` of each request to `path`, in order.
fn tokens_sent(sim: &Simulator, path: &str) -> Vec<String> {
    sim.requests()
        .iter()
        .filter(|r| r.path == path)
        .map(|r| r.query_param("access_token").unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn two_agents_of_one_corp_get_distinct_tokens_and_each_call_carries_its_own() {
    let sim = work_sim().await;
    let agent = work_client(&sim, work_hub(&sim, corp_store()), AGENT);
    let other = work_client(&sim, work_hub(&sim, corp_store()), OTHER_AGENT);
    let contacts = work_client(&sim, work_hub(&sim, corp_store()), WorkApp::Contacts);
    assert_eq!(agent.work_app(), Some(AGENT));

    let agent_token = agent.access_token().await.unwrap().access_token;
    let other_token = other.access_token().await.unwrap().access_token;
    let contacts_token = contacts.access_token().await.unwrap().access_token;
    assert_ne!(agent_token, other_token);
    assert_ne!(contacts_token, agent_token);
    assert_ne!(contacts_token, other_token);
    assert_eq!(
        sim.current_access_token(&format!("{CORPID}/{AGENT}")),
        Some(agent_token.clone())
    );

    for client in [&agent, &other, &agent, &contacts] {
        let answer = client.get("/cgi-bin/get_jsapi_ticket").await.unwrap();
        let body: serde_json::Value = answer.json().unwrap();
        assert_eq!(body["errcode"], 0, "{body}");
    }
    assert_eq!(
        tokens_sent(&sim, TICKET_PATH),
        [&agent_token, &other_token, &agent_token, &contacts_token].map(String::clone)
    );
    // One gettoken per app: the tokens come from the hub and the local cache afterwards.
    assert_eq!(sim.calls(GETTOKEN_PATH), 3);

    // The corp's ticket is one for all its apps; each agent has its own agent_config ticket.
    let corp_ticket = agent.ticket(TicketType::Jsapi).await.unwrap();
    assert_eq!(
        other.ticket(TicketType::Jsapi).await.unwrap().value,
        corp_ticket.value
    );
    let agent_config = agent.ticket(TicketType::AgentConfig).await.unwrap();
    let other_config = other.ticket(TicketType::AgentConfig).await.unwrap();
    assert_ne!(agent_config.value, other_config.value);
    assert_ne!(agent_config.value, corp_ticket.value);
}

#[tokio::test]
async fn a_special_secret_never_serves_an_agent() {
    let sim = work_sim().await;
    // The store knows the contacts secret only: the agent's client gets no token from it.
    let store = || {
        MemoryStore::new().with_work_app(WorkKey::new(CORPID, WorkApp::Contacts), CONTACTS_SECRET)
    };
    let agent = work_client(&sim, work_hub(&sim, store()), AGENT);
    let err = agent.access_token().await.unwrap_err();
    assert!(matches!(err, Error::Missing { .. }), "{err:?}");
    assert!(err.to_string().contains("agent:1000002"), "{err}");
    assert_eq!(
        sim.calls(GETTOKEN_PATH),
        0,
        "no secret was sent for the agent"
    );

    // The contacts token is its own, and WeCom refuses it an agent's ticket.
    let contacts = work_client(&sim, work_hub(&sim, store()), WorkApp::Contacts);
    let token = contacts.access_token().await.unwrap().access_token;
    assert_eq!(
        sim.current_access_token(&format!("{CORPID}/contacts")),
        Some(token)
    );
    assert_eq!(sim.current_access_token(&format!("{CORPID}/{AGENT}")), None);
    let err = contacts.ticket(TicketType::AgentConfig).await.unwrap_err();
    assert_eq!(err.errcode(), Some(48002), "{err:?}");
}

#[tokio::test]
async fn a_40001_is_not_refreshed_and_names_the_app() {
    let sim = work_sim().await;
    let agent = work_client(&sim, work_hub(&sim, corp_store()), AGENT);
    let token = agent.access_token().await.unwrap().access_token;
    sim.revoke_access_token(&token);
    sim.reset_counters();

    let err = agent.get("/cgi-bin/get_jsapi_ticket").await.unwrap_err();
    assert_eq!(err.errcode(), Some(40001), "{err:?}");
    match &err {
        Error::Api { errmsg, .. } => assert!(errmsg.contains("agent:1000002"), "{errmsg}"),
        other => panic!("not an API error: {other:?}"),
    }
    let requests = sim.requests();
    assert_eq!(requests.len(), 1, "one request, no refresh: {requests:?}");
    assert_eq!(requests[0].path, TICKET_PATH);
}

#[tokio::test]
async fn a_60020_says_which_ip_to_allow() {
    let sim = work_sim().await;
    let agent = work_client(&sim, work_hub(&sim, corp_store()), AGENT);
    agent.access_token().await.unwrap();
    sim.inject_fault(
        TICKET_PATH,
        wechat_runtime::simulator::Fault::Errcode(
            60020,
            "not allow to access from your ip, hint: [1700000000], from ip: 203.0.113.9, \
             more info at https://open.work.weixin.qq.com/devtool/query?e=60020"
                .to_owned(),
        ),
        1,
    );

    let err = agent.get("/cgi-bin/get_jsapi_ticket").await.unwrap_err();

    assert!(err.is_ip_not_allowed(), "{err:?}");
    let shown = err.to_string();
    assert!(
        shown.contains("203.0.113.9") && shown.contains("WeCom app"),
        "{shown}"
    );
}

#[tokio::test]
async fn a_42001_is_refreshed_once_and_the_call_retried_once() {
    let sim = work_sim().await;
    let agent = work_client(&sim, work_hub(&sim, corp_store()), AGENT);
    let stale = agent.access_token().await.unwrap().access_token;
    sim.expire_access_tokens(&format!("{CORPID}/{AGENT}"));
    sim.reset_counters();

    agent.get("/cgi-bin/get_jsapi_ticket").await.unwrap();
    let fresh = agent.access_token().await.unwrap().access_token;
    assert_ne!(fresh, stale);
    let paths: Vec<String> = sim.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, [TICKET_PATH, GETTOKEN_PATH, TICKET_PATH]);
    assert_eq!(tokens_sent(&sim, TICKET_PATH), [stale, fresh]);

    // A token that expires again at once: one refresh, one retry, then the error.
    sim.expire_access_tokens(&format!("{CORPID}/{AGENT}"));
    sim.set_token_ttl(0);
    sim.reset_counters();
    let err = agent.get("/cgi-bin/get_jsapi_ticket").await.unwrap_err();
    assert_eq!(err.errcode(), Some(42001), "{err:?}");
    assert_eq!(sim.calls(TICKET_PATH), 2, "{:?}", sim.requests());
}

#[tokio::test]
async fn a_hub_server_serves_wecom_tokens_to_a_hub_client() {
    const CALLER_SECRET: &str = "caller-secret-0123456789";
    let sim = work_sim().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hub_url = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = oneshot::channel::<()>();
    let server = HubServer::new(work_hub(&sim, corp_store())).caller(Caller::new(
        "web",
        CALLER_SECRET,
        [CORPID],
    ));
    let done = tokio::spawn(server.serve(listener, async {
        let _ = stopped.await;
    }));

    let hub_client = || {
        HubClient::builder(&hub_url)
            .secret(CALLER_SECRET)
            .retry_policy(quick_retries())
            .build()
            .unwrap()
    };
    let agent = work_client(&sim, hub_client(), AGENT);
    let contacts = work_client(&sim, hub_client(), WorkApp::Contacts);
    let token = agent.access_token().await.unwrap().access_token;
    assert_eq!(
        sim.current_access_token(&format!("{CORPID}/{AGENT}")),
        Some(token.clone())
    );
    let contacts_token = contacts.access_token().await.unwrap().access_token;
    assert_ne!(contacts_token, token);
    agent.get("/cgi-bin/get_jsapi_ticket").await.unwrap();
    assert_eq!(tokens_sent(&sim, TICKET_PATH), std::slice::from_ref(&token));
    let ticket = agent.ticket(TicketType::AgentConfig).await.unwrap();
    assert_eq!(ticket.ticket_type, TicketType::AgentConfig);

    // Expired: refreshed through the hub's /refresh/work/access_token, then retried.
    sim.expire_access_tokens(&format!("{CORPID}/{AGENT}"));
    agent.get("/cgi-bin/get_jsapi_ticket").await.unwrap();
    let fresh = sim
        .current_access_token(&format!("{CORPID}/{AGENT}"))
        .unwrap();
    assert_ne!(fresh, token);
    assert_eq!(tokens_sent(&sim, TICKET_PATH).last(), Some(&fresh));

    stop.send(()).unwrap();
    done.await.unwrap().unwrap();
}
