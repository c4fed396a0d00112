//! `Hub<P>`: the token manager. It decides when WeChat is called (once per token however many
//! ask, in one process and across processes that share `P`), and keeps what it gets in `P`.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use async_trait::async_trait;

use super::metrics::{HubMetrics, Lookup};
use super::upstream::{non_empty, TokenEndpoint, Upstream};
use crate::call::cache::KeyedLocks;
use crate::call::transport::{
    transport_setters, RetryPolicy, TransportConfig, DEFAULT_BASE_URL, DEFAULT_TIMEOUT,
};
use crate::error::{Error, Result};
use crate::storage::{
    ClientStorage, ComponentClientStorage, ComponentHubStorage, HubStorage, LockToken, TokenKey,
    WorkClientStorage,
};
use crate::token::{Ticket, TicketType, Token};
use crate::work::{WorkKey, WORK_BASE_URL};

/// The token manager: fetches, stores and refreshes `access_token`, `component_access_token`,
/// authorizer tokens and `jsapi` / `wx_card` tickets, by calling WeChat itself.
///
/// It implements [`ClientStorage`] on top of any persistence `P` that implements
/// [`HubStorage`] ([`MemoryStore`](crate::MemoryStore), Redis), and
/// [`ComponentClientStorage`] when `P` also implements [`ComponentHubStorage`], so a client
/// can use it directly. Concurrent fetches of one token make one upstream call, and a refresh
/// is compare-and-set: handed a stale token that is no longer the stored one, it returns the
/// stored one without calling WeChat.
///
/// ```no_run
/// use wechat_runtime::{Hub, MemoryStore, TokenEndpoint};
///
/// # async fn run() -> Result<(), wechat_runtime::Error> {
/// let hub = Hub::builder(MemoryStore::new().with_app("wx0123456789abcdef", "the-appsecret"))
///     .token_endpoint(TokenEndpoint::Stable)
///     .build()?;
/// let token = hub.app_token("wx0123456789abcdef").await?;
/// # let _ = token; Ok(()) }
/// ```
pub struct Hub<P> {
    store: P,
    /// Tokens WeChat issued that the persistence could not take yet.
    unsaved: Unsaved,
    upstream: Upstream,
    lease: Duration,
    /// How long a waiter gives another process's fetch before it gives up.
    wait_deadline: Duration,
    flights: KeyedLocks<Flight>,
}

/// Tokens fetched while the persistence could not store them, by key; at most this many.
const MAX_UNSAVED: usize = 10_000;

#[derive(Default)]
struct Unsaved {
    map: Mutex<HashMap<TokenKey, Token>>,
    /// Whether the map may hold anything: read on every token read, without the lock.
    any: AtomicBool,
}

impl Unsaved {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<TokenKey, Token>> {
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn keep(&self, key: &TokenKey, token: &Token) {
        let mut map = self.map();
        self.any.store(true, Ordering::Release);
        if map.len() >= MAX_UNSAVED {
            map.retain(|_, token| token.is_fresh());
        }
        if map.len() < MAX_UNSAVED {
            map.insert(key.clone(), token.clone());
        }
    }

    /// The kept token under `key` while fresh. With none kept, it costs one atomic read.
    fn fresh(&self, key: &TokenKey) -> Option<Token> {
        if !self.any.load(Ordering::Acquire) {
            return None;
        }
        self.map().get(key).filter(|t| t.is_fresh()).cloned()
    }

    fn forget(&self, key: &TokenKey) {
        let mut map = self.map();
        map.remove(key);
        if map.is_empty() {
            self.any.store(false, Ordering::Release);
        }
    }
}

/// What a hub fetches, one upstream call at a time per value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Flight {
    Token(TokenKey),
    Ticket(TokenKey, TicketType),
}

/// The name of the persistence's lock for it.
impl std::fmt::Display for Flight {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Flight::Token(key) => write!(f, "token:{}", key.tagged()),
            Flight::Ticket(key, ticket_type) => write!(f, "ticket:{}:{ticket_type}", key.tagged()),
        }
    }
}

impl<P> std::fmt::Debug for Hub<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub")
            .field("base_url", &self.upstream.transport.shown_base_url())
            .field("endpoint", &self.upstream.endpoint)
            .finish_non_exhaustive()
    }
}

impl<P: Default> Default for Hub<P> {
    fn default() -> Self {
        Hub::new(P::default())
    }
}

impl<P> Hub<P> {
    /// A hub over `store` that calls `https://api.weixin.qq.com` with default settings.
    ///
    /// # Panics
    /// If the HTTP client cannot be built, as `reqwest::Client::new` does; use
    /// [`Hub::builder`] to handle that error.
    pub fn new(store: P) -> Self {
        match Hub::builder(store).build() {
            Ok(hub) => hub,
            Err(e) => panic!("cannot build the hub: {e}"),
        }
    }

    /// A builder of a hub over `store`.
    pub fn builder(store: P) -> HubBuilder<P> {
        HubBuilder {
            store,
            transport: TransportConfig::new(DEFAULT_BASE_URL, DEFAULT_TIMEOUT),
            work_base_url: None,
            endpoint: TokenEndpoint::default(),
            lease: None,
        }
    }

    /// The persistence.
    pub fn store(&self) -> &P {
        &self.store
    }

    /// What the hub counts, for the hub server's `/metrics`.
    pub(crate) fn metrics(&self) -> &HubMetrics {
        &self.upstream.metrics
    }
}

/// Configures a [`Hub`].
///
/// ```
/// use std::time::Duration;
/// use wechat_runtime::{Hub, MemoryStore, RetryPolicy};
///
/// let hub = Hub::builder(MemoryStore::new())
///     .base_url("http://127.0.0.1:9000")
///     .timeout(Duration::from_secs(10))
///     .retry_policy(RetryPolicy::none())
///     .build()?;
/// # let _ = hub; Ok::<(), wechat_runtime::Error>(())
/// ```
#[must_use]
pub struct HubBuilder<P> {
    store: P,
    transport: TransportConfig,
    work_base_url: Option<String>,
    endpoint: TokenEndpoint,
    lease: Option<Duration>,
}

/// The lease of the persistence's lock unless set: short, so that the lock of a holder that
/// died (or one Redis applied after the client gave up on it) frees itself in seconds; a live
/// holder renews it every third of it while it fetches.
pub const DEFAULT_LOCK_LEASE: Duration = Duration::from_secs(6);

/// The first pause of a hub that waits for another process's lock; it doubles up to 100 ms.
const FIRST_PAUSE: Duration = Duration::from_millis(5);

/// The longest a hub waits for another process's fetch: more than a lease, so that a lock
/// nobody renews has freed itself, and more than one upstream fetch with its retries.
fn wait_deadline(lease: Duration, timeout: Duration, retry: &RetryPolicy) -> Duration {
    let attempts = retry.max_retries + 1;
    let fetch =
        timeout.saturating_mul(attempts) + retry.max_delay.saturating_mul(retry.max_retries);
    fetch.max(lease * 2) + lease
}

impl<P> HubBuilder<P> {
    /// The lease of the persistence's lock while fetching a token (see
    /// [`HubStorage::try_lock`]; 6 s unless set). The holder renews it every third of it for as
    /// long as it fetches, so a short one only bounds how long a dead holder blocks the others.
    pub fn lock_lease(mut self, lease: Duration) -> Self {
        self.lease = Some(lease);
        self
    }

    /// Which endpoint issues access tokens of common applications (`stable_token` unless set).
    pub fn token_endpoint(mut self, endpoint: TokenEndpoint) -> Self {
        self.endpoint = endpoint;
        self
    }

    transport_setters!(transport, "30 s", "`https://api.weixin.qq.com`");

    /// Where WeCom calls go: `https://qyapi.weixin.qq.com` unless set (the simulator serves
    /// WeCom under its own prefix). The other settings are those of the WeChat calls.
    pub fn work_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.work_base_url = Some(base_url.into());
        self
    }

    /// Builds the hub. Fails on a bad base URL or if the HTTP client cannot be built.
    pub fn build(self) -> Result<Hub<P>> {
        let lease = self
            .lease
            .unwrap_or(DEFAULT_LOCK_LEASE)
            .max(Duration::from_millis(30));
        let wait_deadline = wait_deadline(lease, self.transport.timeout, &self.transport.retry);
        let mut work = self.transport.clone();
        work.base_url = self
            .work_base_url
            .unwrap_or_else(|| WORK_BASE_URL.to_owned());
        Ok(Hub {
            store: self.store,
            upstream: Upstream::new(self.transport.build()?, work.build()?, self.endpoint),
            lease,
            wait_deadline,
            flights: KeyedLocks::default(),
            unsaved: Unsaved::default(),
        })
    }
}

/// The machinery, for any persistence: single-flight in the process, the persistence's lock
/// across processes, compare-and-set refreshes.
impl<P: HubStorage> Hub<P> {
    /// The token under `key`: the stored one while fresh, else what `fetch` gets from WeChat,
    /// stored.
    async fn token_with<F: Future<Output = Result<Token>>>(
        &self,
        key: &TokenKey,
        fetch: impl FnOnce(Option<String>) -> F,
    ) -> Result<Token> {
        non_empty(key.appid(), "appid")?;
        if let Some(token) = self.fresh_token(key).await? {
            self.metrics().lookup(Lookup::Hit);
            return Ok(token);
        }
        self.metrics().lookup(Lookup::Miss);
        let flight = Flight::Token(key.clone());
        let _local = self.flights.lock(&flight).await;
        loop {
            // Whoever went before us, here or in another process, has stored it.
            if let Some(token) = self.fresh_token(key).await? {
                return Ok(token);
            }
            if let Some(lock) = self.wait_turn(&flight, None).await? {
                return self
                    .locked(&flight, lock, self.fetched(key, fetch, None))
                    .await;
            }
        }
    }

    /// Replaces `stale`, which WeChat rejected, with what `fetch` gets, unless the stored token
    /// is already another one: then that one is returned and WeChat is not called.
    async fn refresh_with<F: Future<Output = Result<Token>>>(
        &self,
        key: &TokenKey,
        stale: &str,
        fetch: impl FnOnce(Option<String>) -> F,
    ) -> Result<Token> {
        non_empty(key.appid(), "appid")?;
        let flight = Flight::Token(key.clone());
        let _local = self.flights.lock(&flight).await;
        loop {
            if let Some(token) = self.fresh_token(key).await? {
                if token.access_token != stale {
                    return Ok(token);
                }
            }
            if let Some(lock) = self.wait_turn(&flight, Some(stale)).await? {
                return self
                    .locked(&flight, lock, self.fetched(key, fetch, Some(stale)))
                    .await;
            }
        }
    }

    async fn fetched<F: Future<Output = Result<Token>>>(
        &self,
        key: &TokenKey,
        fetch: impl FnOnce(Option<String>) -> F,
        stale: Option<&str>,
    ) -> Result<Token> {
        let token = fetch(stale.map(str::to_owned)).await?;
        if let Err(e) = self.store.save_token(key, &token).await {
            // WeChat issued it (and may have invalidated the one before): keep it here until
            // the persistence takes it, rather than lose it and fetch again.
            tracing::warn!(key = %key, error = %e, "cannot store the new token; kept in memory until the persistence is back");
            self.unsaved.keep(key, &token);
        }
        Ok(token)
    }

    /// The ticket of the application whose token is under `key`: the stored one while fresh,
    /// else a new one from WeChat with the token `token` gets (`refresh` replaces it once if
    /// WeChat rejects it).
    async fn ticket_with<T, R>(
        &self,
        key: &TokenKey,
        ticket_type: TicketType,
        token: impl FnOnce() -> T,
        refresh: impl FnOnce(String) -> R,
    ) -> Result<Ticket>
    where
        T: Future<Output = Result<Token>>,
        R: Future<Output = Result<Token>>,
    {
        non_empty(key.appid(), "appid")?;
        if let Some(ticket) = self.fresh_ticket(key, ticket_type).await? {
            self.metrics().lookup(Lookup::Hit);
            return Ok(ticket);
        }
        self.metrics().lookup(Lookup::Miss);
        let flight = Flight::Ticket(key.clone(), ticket_type);
        let _local = self.flights.lock(&flight).await;
        loop {
            if let Some(ticket) = self.fresh_ticket(key, ticket_type).await? {
                return Ok(ticket);
            }
            if let Some(lock) = self.wait_turn(&flight, None).await? {
                let work = async {
                    let token = token().await?;
                    let ticket = match key {
                        TokenKey::Work { .. } => {
                            self.upstream
                                .work_ticket(ticket_type, token, refresh)
                                .await?
                        }
                        _ => self.upstream.ticket(ticket_type, token, refresh).await?,
                    };
                    self.store.save_ticket(key, &ticket).await?;
                    Ok(ticket)
                };
                return self.locked(&flight, lock, work).await;
            }
        }
    }

    /// Waits until this process may fetch `flight` from WeChat, holding the persistence's lock,
    /// or until another process has stored it (then `None`: read what it stored).
    async fn wait_turn(&self, flight: &Flight, stale: Option<&str>) -> Result<Option<LockToken>> {
        let name = flight.to_string();
        let mut pause = FIRST_PAUSE;
        let deadline = Instant::now() + self.wait_deadline;
        loop {
            if Instant::now() >= deadline {
                return Err(Error::storage(format!(
                    "waited {} s for another process to fetch {name}; its lock neither freed nor \
                     produced a token",
                    self.wait_deadline.as_secs()
                )));
            }
            if let Some(lock) = self.store.try_lock(&name, self.lease).await? {
                // Another process may have stored it between our last look and the lock.
                if self.is_stored(flight, stale).await? {
                    self.release(&name, lock).await;
                    return Ok(None);
                }
                return Ok(Some(lock));
            }
            if pause == FIRST_PAUSE {
                self.metrics().lock_wait();
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_millis(100));
            if self.is_stored(flight, stale).await? {
                return Ok(None);
            }
        }
    }

    /// Whether a usable `flight` is stored: fresh, and not the `stale` token.
    async fn is_stored(&self, flight: &Flight, stale: Option<&str>) -> Result<bool> {
        Ok(match flight {
            Flight::Token(key) => self
                .fresh_token(key)
                .await?
                .is_some_and(|token| Some(token.access_token.as_str()) != stale),
            Flight::Ticket(key, ticket_type) => {
                self.fresh_ticket(key, *ticket_type).await?.is_some()
            }
        })
    }

    /// Runs `work` under the lock taken for `flight`, renewing the lock's lease while it runs,
    /// then releases it.
    async fn locked<T>(
        &self,
        flight: &Flight,
        lock: LockToken,
        work: impl Future<Output = Result<T>>,
    ) -> Result<T> {
        let name = flight.to_string();
        let renew = async {
            let mut every = tokio::time::interval(self.lease / 3);
            every.tick().await;
            loop {
                every.tick().await;
                match self.store.renew_lock(&name, &lock, self.lease).await {
                    Ok(true) => {}
                    // Lost (its lease ran out under a stall): the fetch goes on; at worst
                    // another process fetches too, which a stable token endpoint tolerates.
                    Ok(false) => {
                        tracing::warn!(lock = %name, "the hub lock was lost while fetching");
                        return std::future::pending().await;
                    }
                    Err(e) => {
                        tracing::warn!(lock = %name, error = %e, "cannot renew the hub lock");
                    }
                }
            }
        };
        let result = tokio::select! {
            result = work => result,
            never = renew => never,
        };
        self.release(&name, lock).await;
        result
    }

    /// Releases a lock; if that fails, its lease frees it soon enough.
    async fn release(&self, name: &str, lock: LockToken) {
        if let Err(e) = self.store.unlock(name, lock).await {
            tracing::warn!(lock = name, error = %e, "cannot release the hub lock; it frees itself when its lease runs out");
        }
    }

    async fn fresh_token(&self, key: &TokenKey) -> Result<Option<Token>> {
        let kept = self.unsaved.fresh(key);
        match self.store.token(key).await {
            Ok(stored) => {
                if let Some(kept) = kept {
                    // The persistence answers again: hand it what was issued while it could
                    // not take it, unless it holds something newer.
                    if stored
                        .as_ref()
                        .is_none_or(|s| s.timestamp <= kept.timestamp)
                    {
                        if self.store.save_token(key, &kept).await.is_ok() {
                            self.unsaved.forget(key);
                        }
                        return Ok(Some(kept));
                    }
                    self.unsaved.forget(key);
                }
                Ok(stored.filter(Token::is_fresh))
            }
            // Down: a token issued while it was away still serves.
            Err(e) => kept.map(Some).ok_or(e),
        }
    }

    async fn fresh_ticket(
        &self,
        key: &TokenKey,
        ticket_type: TicketType,
    ) -> Result<Option<Ticket>> {
        Ok(self
            .store
            .ticket(key, ticket_type)
            .await?
            .filter(Ticket::is_fresh))
    }
}

/// Common applications: all a persistence needs is [`HubStorage`].
impl<P: HubStorage> Hub<P> {
    /// The access token of the common application `appid`: the stored one while fresh, else a
    /// new one from WeChat.
    pub async fn app_token(&self, appid: &str) -> Result<Token> {
        self.app_token_under(&TokenKey::app(appid), appid).await
    }

    /// [`app_token`](Hub::app_token) with its key already made.
    async fn app_token_under(&self, key: &TokenKey, appid: &str) -> Result<Token> {
        self.token_with(key, |stale| async move {
            self.upstream
                .app_token(&self.store, appid, stale.as_deref())
                .await
        })
        .await
    }

    /// Replaces `stale`, the access token of `appid` that WeChat rejected, unless the stored
    /// token is already another one: then that one is returned and WeChat is not called.
    pub async fn refresh_app_token(&self, appid: &str, stale: &str) -> Result<Token> {
        self.refresh_with(&TokenKey::app(appid), stale, |stale| async move {
            self.upstream
                .app_token(&self.store, appid, stale.as_deref())
                .await
        })
        .await
    }

    /// The `jsapi` or `wx_card` ticket of the common application `appid`.
    pub async fn app_ticket(&self, appid: &str, ticket_type: TicketType) -> Result<Ticket> {
        self.ticket_with(
            &TokenKey::app(appid),
            ticket_type,
            || self.app_token(appid),
            |stale| async move { self.refresh_app_token(appid, &stale).await },
        )
        .await
    }
}

/// WeCom apps' tokens and tickets, for a persistence that keeps their secrets
/// ([`HubStorage::work_secret`]).
impl<P: HubStorage> Hub<P> {
    /// The access token of the WeCom app `key`: the stored one while fresh, else a new one.
    pub async fn work_token(&self, key: &WorkKey) -> Result<Token> {
        self.token_with(&TokenKey::work(key), |_stale| async move {
            self.upstream.work_token(&self.store, key).await
        })
        .await
    }

    /// Replaces `stale`, which WeCom rejected (40014, 42001), unless the stored token is
    /// already another one.
    pub async fn refresh_work_token(&self, key: &WorkKey, stale: &str) -> Result<Token> {
        self.refresh_with(&TokenKey::work(key), stale, |_stale| async move {
            self.upstream.work_token(&self.store, key).await
        })
        .await
    }

    /// The corp's JS-SDK ticket ([`TicketType::Jsapi`]) or the agent's
    /// ([`TicketType::AgentConfig`]) of `key`.
    pub async fn work_ticket(&self, key: &WorkKey, ticket_type: TicketType) -> Result<Ticket> {
        non_empty(&key.corpid, "corpid")?;
        self.ticket_with(
            &TokenKey::work(key),
            ticket_type,
            || self.work_token(key),
            |stale| async move { self.refresh_work_token(key, &stale).await },
        )
        .await
    }
}

#[async_trait]
impl<P: HubStorage> WorkClientStorage for Hub<P> {
    type Args = ();

    async fn fetch_work_token(&self, key: &WorkKey, _args: &()) -> Result<Token> {
        self.work_token(key).await
    }

    async fn refresh_work_token(&self, key: &WorkKey, stale: &str, _args: &()) -> Result<Token> {
        Hub::refresh_work_token(self, key, stale).await
    }

    async fn fetch_work_ticket(
        &self,
        key: &WorkKey,
        ticket_type: TicketType,
        _args: &(),
    ) -> Result<Ticket> {
        self.work_ticket(key, ticket_type).await
    }
}

/// Every kind of token, component applications' included: the persistence must also keep
/// verify tickets and authorizer refresh tokens ([`ComponentHubStorage`]).
impl<P: ComponentHubStorage> Hub<P> {
    /// The token under `key`: the stored one while fresh, else a new one from WeChat.
    pub async fn token(&self, key: &TokenKey) -> Result<Token> {
        match key {
            TokenKey::App { appid } => self.app_token_under(key, appid).await,
            TokenKey::Component { component_appid } => {
                self.token_with(key, |_| self.component_token(component_appid))
                    .await
            }
            TokenKey::Authorizer {
                component_appid,
                authorizer_appid,
            } => {
                let fetch = |_| self.authorizer_token(component_appid, authorizer_appid);
                self.token_with(key, fetch).await
            }
            TokenKey::Work { corpid, app } => {
                self.work_token(&WorkKey::new(corpid.as_str(), *app)).await
            }
        }
    }

    /// Replaces `stale`, which WeChat rejected, unless the stored token is already another one:
    /// then that one is returned and WeChat is not called.
    pub async fn refresh(&self, key: &TokenKey, stale: &str) -> Result<Token> {
        match key {
            TokenKey::App { appid } => self.refresh_app_token(appid, stale).await,
            TokenKey::Component { component_appid } => {
                let fetch = |_| self.component_token(component_appid);
                self.refresh_with(key, stale, fetch).await
            }
            TokenKey::Authorizer {
                component_appid,
                authorizer_appid,
            } => {
                let fetch = |_| self.authorizer_token(component_appid, authorizer_appid);
                self.refresh_with(key, stale, fetch).await
            }
            TokenKey::Work { corpid, app } => {
                let work = WorkKey::new(corpid.as_str(), *app);
                self.refresh_work_token(&work, stale).await
            }
        }
    }

    /// The `jsapi` or `wx_card` ticket of the application whose token is under `key`.
    pub async fn ticket(&self, key: &TokenKey, ticket_type: TicketType) -> Result<Ticket> {
        if let TokenKey::Work { corpid, app } = key {
            let work = WorkKey::new(corpid.as_str(), *app);
            return self.work_ticket(&work, ticket_type).await;
        }
        self.ticket_with(
            key,
            ticket_type,
            || self.token(key),
            |stale| async move { self.refresh(key, &stale).await },
        )
        .await
    }

    /// Turns the authorization code of an `authorized` or `updateauthorized` notification into
    /// the authorizer's tokens (`api_query_auth`), and stores them: the refresh token, from
    /// which every later token comes, and the access token. Returns the authorizer's appid.
    ///
    /// The hub server's component callback route calls it; call it yourself where your own
    /// server receives the notification.
    pub async fn authorize(
        &self,
        component_appid: &str,
        authorization_code: &str,
    ) -> Result<String> {
        let component_token = self.token(&TokenKey::component(component_appid)).await?;
        let (authorizer_appid, token) = self
            .upstream
            .query_auth(
                &self.store,
                component_appid,
                authorization_code,
                &component_token,
            )
            .await?;
        let key = TokenKey::authorizer(component_appid, authorizer_appid.as_str());
        self.store.save_token(&key, &token).await?;
        Ok(authorizer_appid)
    }

    /// Forgets an authorizer that withdrew its authorization (an `unauthorized`
    /// notification): its refresh token and tokens.
    pub async fn forget_authorizer(
        &self,
        component_appid: &str,
        authorizer_appid: &str,
    ) -> Result<()> {
        non_empty(authorizer_appid, "authorizer_appid")?;
        self.store
            .forget_authorizer(component_appid, authorizer_appid)
            .await
    }

    async fn component_token(&self, component_appid: &str) -> Result<Token> {
        self.upstream
            .component_token(&self.store, component_appid)
            .await
    }

    /// A new authorizer token from WeChat, with the component token of `component_appid`.
    async fn authorizer_token(
        &self,
        component_appid: &str,
        authorizer_appid: &str,
    ) -> Result<Token> {
        let component_key = &TokenKey::component(component_appid);
        self.upstream
            .authorizer_token(
                &self.store,
                component_appid,
                authorizer_appid,
                // Boxed: the component token is itself fetched through `token`.
                || Box::pin(self.token(component_key)),
                |stale| async move { Box::pin(self.refresh(component_key, &stale)).await },
            )
            .await
    }
}

#[async_trait]
impl<P: HubStorage> ClientStorage for Hub<P> {
    type Args = ();

    async fn fetch_access_token(&self, appid: &str, _args: &()) -> Result<Token> {
        self.app_token(appid).await
    }

    async fn refresh_access_token(
        &self,
        appid: &str,
        access_token: &str,
        _args: &(),
    ) -> Result<Token> {
        self.refresh_app_token(appid, access_token).await
    }

    async fn fetch_ticket(
        &self,
        appid: &str,
        ticket_type: TicketType,
        _args: &(),
    ) -> Result<Ticket> {
        self.app_ticket(appid, ticket_type).await
    }
}

#[async_trait]
impl<P: ComponentHubStorage> ComponentClientStorage for Hub<P> {
    type Args = ();

    async fn fetch_access_token(
        &self,
        appid: &str,
        authorizer_appid: &str,
        _args: &(),
    ) -> Result<Token> {
        self.token(&TokenKey::authorizer(appid, authorizer_appid))
            .await
    }

    async fn fetch_component_access_token(&self, appid: &str, _args: &()) -> Result<Token> {
        self.token(&TokenKey::component(appid)).await
    }

    async fn refresh_access_token(
        &self,
        appid: &str,
        authorizer_appid: &str,
        access_token: &str,
        _args: &(),
    ) -> Result<Token> {
        self.refresh(&TokenKey::authorizer(appid, authorizer_appid), access_token)
            .await
    }

    async fn fetch_ticket(
        &self,
        appid: &str,
        authorizer_appid: &str,
        ticket_type: TicketType,
        _args: &(),
    ) -> Result<Ticket> {
        self.ticket(&TokenKey::authorizer(appid, authorizer_appid), ticket_type)
            .await
    }

    async fn refresh_component_access_token(
        &self,
        appid: &str,
        component_access_token: &str,
        _args: &(),
    ) -> Result<Token> {
        self.refresh(&TokenKey::component(appid), component_access_token)
            .await
    }
}
