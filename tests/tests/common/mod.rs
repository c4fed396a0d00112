//! What the integration tests share: a simulator with known accounts, clients over it, and
//! storages that count their calls.

#![allow(dead_code)]

pub mod api;
pub mod mock;
pub mod pay;
pub mod redis_server;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use wechat_runtime::simulator::Simulator;
use wechat_runtime::{
    async_trait, Client, ClientStorage, Hub, MemoryStore, Result, RetryPolicy, Ticket, TicketType,
    Token,
};

pub const APPID: &str = "wx0000000000000001";
pub const SECRET: &str = "secret-of-app-0001-SECRET";
pub const COMPONENT_APPID: &str = "wxc000000000000001";
pub const COMPONENT_SECRET: &str = "secret-of-component-SECRET";
pub const AUTHORIZER_APPID: &str = "wxa000000000000001";
pub const OPENID: &str = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M";

/// Retries that do not slow the tests down.
pub fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 2,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(5),
    }
}

pub async fn simulator() -> Simulator {
    let sim = Simulator::start().await.expect("the simulator starts");
    sim.add_app(APPID, SECRET);
    sim
}

pub fn hub(sim: &Simulator) -> Hub<MemoryStore> {
    Hub::builder(MemoryStore::new().with_app(APPID, SECRET))
        .base_url(sim.base_url())
        .retry_policy(quick_retries())
        .build()
        .expect("the hub builds")
}

/// Adds the component application and its authorizer to `sim`; the authorizer's first
/// refresh token.
pub fn add_platform(sim: &Simulator) -> String {
    sim.add_component(COMPONENT_APPID, COMPONENT_SECRET);
    sim.add_authorizer(COMPONENT_APPID, AUTHORIZER_APPID)
}

/// A store that keeps the component application of `sim` as it is now: its secret, a verify
/// ticket pushed just now, and the authorizer's current refresh token.
pub fn platform_store(sim: &Simulator) -> MemoryStore {
    let verify_ticket = sim.push_verify_ticket(COMPONENT_APPID);
    let refresh_token = sim
        .current_authorizer_refresh_token(AUTHORIZER_APPID)
        .expect("the authorizer was added");
    MemoryStore::new()
        .with_app(COMPONENT_APPID, COMPONENT_SECRET)
        .with_verify_ticket(COMPONENT_APPID, verify_ticket)
        .with_authorizer(COMPONENT_APPID, AUTHORIZER_APPID, refresh_token)
}

/// A hub over `store` that calls `sim`.
pub fn hub_over(sim: &Simulator, store: MemoryStore) -> Hub<MemoryStore> {
    Hub::builder(store)
        .base_url(sim.base_url())
        .build()
        .expect("the hub builds")
}

pub fn client<S: ClientStorage + 'static>(sim: &Simulator, storage: S) -> Client<S>
where
    S::Args: Default + 'static,
{
    Client::builder(storage)
        .appid(APPID)
        .base_url(sim.base_url())
        .retry_policy(quick_retries())
        .build()
        .expect("the client builds")
}

/// A storage that counts the calls it gets and hands them to an inner one.
#[derive(Debug)]
pub struct Counted<S> {
    pub inner: Arc<S>,
    pub fetches: Arc<AtomicUsize>,
    pub refreshes: Arc<AtomicUsize>,
    pub tickets: Arc<AtomicUsize>,
}

impl<S> Clone for Counted<S> {
    fn clone(&self) -> Self {
        Counted {
            inner: self.inner.clone(),
            fetches: self.fetches.clone(),
            refreshes: self.refreshes.clone(),
            tickets: self.tickets.clone(),
        }
    }
}

impl<S> Counted<S> {
    pub fn new(inner: S) -> Self {
        Counted {
            inner: Arc::new(inner),
            fetches: Arc::default(),
            refreshes: Arc::default(),
            tickets: Arc::default(),
        }
    }

    pub fn fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }

    pub fn refreshes(&self) -> usize {
        self.refreshes.load(Ordering::SeqCst)
    }
}

#[async_trait]
impl<S: ClientStorage<Args = ()>> ClientStorage for Counted<S> {
    type Args = ();

    async fn fetch_access_token(&self, appid: &str, args: &()) -> Result<Token> {
        self.fetches.fetch_add(1, Ordering::SeqCst);
        self.inner.fetch_access_token(appid, args).await
    }

    async fn refresh_access_token(
        &self,
        appid: &str,
        access_token: &str,
        args: &(),
    ) -> Result<Token> {
        self.refreshes.fetch_add(1, Ordering::SeqCst);
        self.inner
            .refresh_access_token(appid, access_token, args)
            .await
    }

    async fn fetch_ticket(
        &self,
        appid: &str,
        ticket_type: TicketType,
        args: &(),
    ) -> Result<Ticket> {
        self.tickets.fetch_add(1, Ordering::SeqCst);
        self.inner.fetch_ticket(appid, ticket_type, args).await
    }
}
