//! `Hub<P>`: the token manager, which calls WeChat itself and keeps what it gets in a persistence.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;

use crate::cache::KeyedLocks;
use crate::client::{parse_base_url, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
use crate::error::{Error, Result};
use crate::storage::{
    ClientStorage, ComponentClientStorage, ComponentHubStorage, LockToken, TokenKey,
};
use crate::token::{Secret, Ticket, TicketType, Token};
use crate::transport::{execute, http_client_or_default, Body, Outgoing, RetryPolicy};

/// WeChat refuses forced refreshes of a stable token less than this far apart.
const FORCED_REFRESH_INTERVAL: Duration = Duration::from_secs(30);

/// Which WeChat endpoint a hub fetches the access tokens of common applications from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenEndpoint {
    /// `POST /cgi-bin/stable_token`: fetching does not invalidate the current token, and a new
    /// one is forced only when WeChat rejected the stored one.
    #[default]
    Stable,
    /// `GET /cgi-bin/token`: each fetch issues a new token and invalidates the one before.
    Classic,
}

/// The token manager: fetches, stores and refreshes `access_token`, `component_access_token`,
/// authorizer tokens and `jsapi` / `wx_card` tickets, by calling WeChat itself.
///
/// It implements [`ClientStorage`] and [`ComponentClientStorage`] on top of any persistence `P`
/// ([`MemoryStore`](crate::MemoryStore), Redis), so a client can use it directly. Concurrent
/// fetches of one token make one upstream call, and a refresh is compare-and-set: handed a stale
/// token that is no longer the stored one, it returns the stored one without calling WeChat.
///
/// ```no_run
/// use wechat_runtime::{Hub, MemoryStore, TokenEndpoint};
///
/// # fn run() -> Result<(), wechat_runtime::Error> {
/// let hub = Hub::builder(MemoryStore::new().with_app("wx0123456789abcdef", "the-appsecret"))
///     .token_endpoint(TokenEndpoint::Stable)
///     .build()?;
/// # let _ = hub; Ok(()) }
/// ```
pub struct Hub<P> {
    store: P,
    http: reqwest::Client,
    base_url: String,
    endpoint: TokenEndpoint,
    retry: RetryPolicy,
    timeout: Duration,
    lease: Duration,
    flights: KeyedLocks<Flight>,
    last_forced: Mutex<HashMap<String, Instant>>,
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
            Flight::Token(key) => write!(f, "token:{key}"),
            Flight::Ticket(key, ticket_type) => write!(f, "ticket:{key}:{ticket_type}"),
        }
    }
}

impl<P> std::fmt::Debug for Hub<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub")
            .field("base_url", &self.base_url)
            .field("endpoint", &self.endpoint)
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
            http: None,
            base_url: DEFAULT_BASE_URL.to_owned(),
            endpoint: TokenEndpoint::default(),
            retry: RetryPolicy::default(),
            timeout: DEFAULT_TIMEOUT,
            lease: None,
        }
    }

    /// The persistence.
    pub fn store(&self) -> &P {
        &self.store
    }
}

/// Configures a [`Hub`].
#[must_use]
pub struct HubBuilder<P> {
    store: P,
    http: Option<reqwest::Client>,
    base_url: String,
    endpoint: TokenEndpoint,
    retry: RetryPolicy,
    timeout: Duration,
    lease: Option<Duration>,
}

/// Longer than the longest an upstream fetch can take with its retries, so that the lock is
/// never lost while its holder is still working, and a dead holder's lock frees itself.
fn default_lease(timeout: Duration, retry: &RetryPolicy) -> Duration {
    let attempts = retry.max_retries + 1;
    timeout.saturating_mul(attempts)
        + retry.max_delay.saturating_mul(retry.max_retries)
        + Duration::from_secs(5)
}

impl<P> HubBuilder<P> {
    /// How long the persistence's lock is held at most while fetching a token (see
    /// [`HubStorage::try_lock`](crate::HubStorage::try_lock)). By default, a little longer than an
    /// upstream fetch with all its retries can take.
    pub fn lock_lease(mut self, lease: Duration) -> Self {
        self.lease = Some(lease);
        self
    }

    /// Where the hub calls WeChat: `https://api.weixin.qq.com` unless set.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// Which endpoint issues access tokens of common applications (`stable_token` unless set).
    pub fn token_endpoint(mut self, endpoint: TokenEndpoint) -> Self {
        self.endpoint = endpoint;
        self
    }

    /// The HTTP client to use.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// How long one upstream call may take (30 s unless set).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How transient failures of upstream calls are retried.
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Builds the hub. Fails on a bad base URL or if the HTTP client cannot be built.
    pub fn build(self) -> Result<Hub<P>> {
        let http = http_client_or_default(self.http, DEFAULT_CONNECT_TIMEOUT)?;
        Ok(Hub {
            store: self.store,
            http,
            base_url: parse_base_url(&self.base_url)?,
            endpoint: self.endpoint,
            retry: self.retry,
            timeout: self.timeout,
            lease: self
                .lease
                .unwrap_or_else(|| default_lease(self.timeout, &self.retry)),
            flights: KeyedLocks::default(),
            last_forced: Mutex::new(HashMap::new()),
        })
    }
}

#[derive(Deserialize)]
struct AccessTokenBody {
    access_token: String,
    expires_in: u64,
}

#[derive(Deserialize)]
struct ComponentTokenBody {
    component_access_token: String,
    expires_in: u64,
}

#[derive(Deserialize)]
struct AuthorizerTokenBody {
    authorizer_access_token: String,
    expires_in: u64,
    authorizer_refresh_token: Option<String>,
}

#[derive(Deserialize)]
struct TicketBody {
    ticket: String,
    expires_in: u64,
}

fn non_empty(appid: &str, what: &str) -> Result<()> {
    if appid.trim().is_empty() {
        return Err(Error::invalid_input(format!("the {what} is empty")));
    }
    Ok(())
}

impl<P: ComponentHubStorage> Hub<P> {
    /// The token under `key`: the stored one while fresh, else a new one from WeChat.
    pub async fn token(&self, key: &TokenKey) -> Result<Token> {
        non_empty(key.appid(), "appid")?;
        if let Some(token) = self.fresh_token(key).await? {
            return Ok(token);
        }
        let flight = Flight::Token(key.clone());
        let _local = self.flights.lock(&flight).await;
        loop {
            // Whoever went before us, here or in another process, has stored it.
            if let Some(token) = self.fresh_token(key).await? {
                return Ok(token);
            }
            if let Some(lock) = self.wait_turn(&flight, None).await? {
                return self
                    .locked(&flight, lock, self.fetch_token(key, None))
                    .await;
            }
        }
    }

    /// Replaces `stale`, which WeChat rejected, unless the stored token is already another one:
    /// then that one is returned and WeChat is not called.
    pub async fn refresh(&self, key: &TokenKey, stale: &str) -> Result<Token> {
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
                    .locked(&flight, lock, self.fetch_token(key, Some(stale)))
                    .await;
            }
        }
    }

    async fn fetch_token(&self, key: &TokenKey, stale: Option<&str>) -> Result<Token> {
        let token = self.fetch_any(key, stale).await?;
        self.store.save_token(key, &token).await?;
        Ok(token)
    }

    /// Waits until this process may fetch `flight` from WeChat, holding the persistence's lock,
    /// or until another process has stored it (then `None`: read what it stored).
    async fn wait_turn(&self, flight: &Flight, stale: Option<&str>) -> Result<Option<LockToken>> {
        let name = flight.to_string();
        let mut pause = Duration::from_millis(5);
        loop {
            if let Some(lock) = self.store.try_lock(&name, self.lease).await? {
                // Another process may have stored it between our last look and the lock.
                if self.is_stored(flight, stale).await? {
                    self.release(&name, lock).await;
                    return Ok(None);
                }
                return Ok(Some(lock));
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
            Flight::Ticket(key, ticket_type) => self
                .store
                .ticket(key, *ticket_type)
                .await?
                .is_some_and(|ticket| ticket.is_fresh()),
        })
    }

    /// Runs `work` under the lock taken for `flight`, then releases it.
    async fn locked<T>(
        &self,
        flight: &Flight,
        lock: LockToken,
        work: impl std::future::Future<Output = Result<T>>,
    ) -> Result<T> {
        let result = work.await;
        self.release(&flight.to_string(), lock).await;
        result
    }

    /// Releases a lock; if that fails, its lease frees it soon enough.
    async fn release(&self, name: &str, lock: LockToken) {
        if let Err(e) = self.store.unlock(name, lock).await {
            tracing::warn!(lock = name, error = %e, "cannot release the hub lock; it frees itself when its lease runs out");
        }
    }

    async fn fresh_token(&self, key: &TokenKey) -> Result<Option<Token>> {
        Ok(self.store.token(key).await?.filter(Token::is_fresh))
    }

    async fn secret(&self, appid: &str) -> Result<Secret> {
        self.store
            .secret(appid)
            .await?
            .ok_or_else(|| Error::Missing {
                what: "secret",
                appid: appid.to_owned(),
            })
    }

    /// A new access token of a common application. `stale` is set when WeChat rejected the
    /// stored one.
    async fn fetch_app_token(&self, appid: &str, stale: Option<&str>) -> Result<Token> {
        let secret = self.secret(appid).await?;
        match self.endpoint {
            TokenEndpoint::Classic => {
                let body: AccessTokenBody = self
                    .call(
                        Method::GET,
                        "/cgi-bin/token",
                        &[
                            ("grant_type", "client_credential"),
                            ("appid", appid),
                            ("secret", secret.expose()),
                        ],
                        Body::Empty,
                        true,
                    )
                    .await?;
                Ok(token_from(
                    body.access_token,
                    body.expires_in,
                    "/cgi-bin/token",
                )?)
            }
            TokenEndpoint::Stable => {
                // A normal fetch first: it returns the new token if someone else already forced
                // one, and costs none of the forced refreshes WeChat allows per day.
                let token = self.stable_token(appid, &secret, false).await?;
                let Some(stale) = stale else {
                    return Ok(token);
                };
                if token.access_token != stale || !self.may_force(appid) {
                    return Ok(token);
                }
                self.stable_token(appid, &secret, true).await
            }
        }
    }

    /// Whether a forced refresh of `appid` is allowed now; records it if so.
    fn may_force(&self, appid: &str) -> bool {
        let mut last = self.last_forced.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        match last.get(appid) {
            Some(at) if now.duration_since(*at) < FORCED_REFRESH_INTERVAL => false,
            _ => {
                last.insert(appid.to_owned(), now);
                true
            }
        }
    }

    async fn stable_token(
        &self,
        appid: &str,
        secret: &Secret,
        force_refresh: bool,
    ) -> Result<Token> {
        let body = json!({
            "grant_type": "client_credential",
            "appid": appid,
            "secret": secret.expose(),
            "force_refresh": force_refresh,
        });
        let body: AccessTokenBody = self
            .call(
                Method::POST,
                "/cgi-bin/stable_token",
                &[],
                json_body(&body),
                // Sending a normal fetch twice does no harm; a forced one would be a second refresh.
                !force_refresh,
            )
            .await?;
        token_from(body.access_token, body.expires_in, "/cgi-bin/stable_token")
    }

    /// The `jsapi` or `wx_card` ticket of the application whose token is under `key`.
    pub async fn ticket(&self, key: &TokenKey, ticket_type: TicketType) -> Result<Ticket> {
        non_empty(key.appid(), "appid")?;
        if let Some(ticket) = self.fresh_ticket(key, ticket_type).await? {
            return Ok(ticket);
        }
        let flight = Flight::Ticket(key.clone(), ticket_type);
        let _local = self.flights.lock(&flight).await;
        loop {
            if let Some(ticket) = self.fresh_ticket(key, ticket_type).await? {
                return Ok(ticket);
            }
            if let Some(lock) = self.wait_turn(&flight, None).await? {
                return self
                    .locked(&flight, lock, self.fetch_ticket(key, ticket_type))
                    .await;
            }
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

    async fn fetch_ticket(&self, key: &TokenKey, ticket_type: TicketType) -> Result<Ticket> {
        let mut token = self.token(key).await?;
        let mut refreshed = false;
        let body: TicketBody = loop {
            let result = self
                .call(
                    Method::GET,
                    "/cgi-bin/ticket/getticket",
                    &[
                        ("access_token", &token.access_token),
                        ("type", ticket_type.as_str()),
                    ],
                    Body::Empty,
                    true,
                )
                .await;
            match result {
                Err(e) if e.is_token_expired() && !refreshed => {
                    token = self.refresh(key, &token.access_token).await?;
                    refreshed = true;
                }
                other => break other?,
            }
        };
        if body.ticket.is_empty() {
            return Err(missing_field("/cgi-bin/ticket/getticket", "ticket"));
        }
        let ticket = Ticket::new(body.ticket, ticket_type, body.expires_in);
        self.store.save_ticket(key, &ticket).await?;
        Ok(ticket)
    }

    /// One upstream call, decoded into `T`.
    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Body,
        idempotent: bool,
    ) -> Result<T> {
        let mut url = url::Url::parse(&format!("{}{}", self.base_url, path))
            .map_err(|_| Error::Config(format!("`{path}` does not make a valid URL")))?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        let outgoing = Outgoing {
            method,
            url,
            path,
            body: &body,
            timeout: Some(self.timeout),
            idempotent,
            bearer: None,
            wechat_errors: true,
        };
        let response = execute(&self.http, &outgoing, &self.retry).await?;
        response.json()
    }

    /// Fetches the token under `key` from WeChat, whatever kind it is.
    async fn fetch_any(&self, key: &TokenKey, stale: Option<&str>) -> Result<Token> {
        match key {
            TokenKey::App { appid } => self.fetch_app_token(appid, stale).await,
            TokenKey::Component { component_appid } => {
                self.fetch_component_token(component_appid).await
            }
            TokenKey::Authorizer {
                component_appid,
                authorizer_appid,
            } => {
                self.fetch_authorizer_token(component_appid, authorizer_appid)
                    .await
            }
        }
    }

    async fn fetch_component_token(&self, component_appid: &str) -> Result<Token> {
        let secret = self.secret(component_appid).await?;
        let verify_ticket = self
            .store
            .verify_ticket(component_appid)
            .await?
            .ok_or_else(|| Error::Missing {
                what: "component_verify_ticket",
                appid: component_appid.to_owned(),
            })?;
        let body = json!({
            "component_appid": component_appid,
            "component_appsecret": secret.expose(),
            "component_verify_ticket": verify_ticket,
        });
        let path = "/cgi-bin/component/api_component_token";
        let body: ComponentTokenBody = self
            .call(Method::POST, path, &[], json_body(&body), true)
            .await?;
        token_from(body.component_access_token, body.expires_in, path)
    }

    async fn fetch_authorizer_token(
        &self,
        component_appid: &str,
        authorizer_appid: &str,
    ) -> Result<Token> {
        non_empty(authorizer_appid, "authorizer_appid")?;
        let refresh_token = self
            .store
            .authorizer_refresh_token(component_appid, authorizer_appid)
            .await?
            .ok_or_else(|| Error::Missing {
                what: "authorizer_refresh_token",
                appid: authorizer_appid.to_owned(),
            })?;
        let component_key = TokenKey::component(component_appid);
        // Boxed: the component token is itself fetched through `token`.
        let mut component_token = Box::pin(self.token(&component_key)).await?;
        let body = json!({
            "component_appid": component_appid,
            "authorizer_appid": authorizer_appid,
            "authorizer_refresh_token": refresh_token,
        });
        let path = "/cgi-bin/component/api_authorizer_token";
        let mut refreshed = false;
        let body: AuthorizerTokenBody = loop {
            let result = self
                .call(
                    Method::POST,
                    path,
                    &[("component_access_token", &component_token.access_token)],
                    json_body(&body),
                    // A second send could rotate the refresh token twice and lose the first.
                    false,
                )
                .await;
            match result {
                Err(e) if e.is_token_expired() && !refreshed => {
                    component_token =
                        Box::pin(self.refresh(&component_key, &component_token.access_token))
                            .await?;
                    refreshed = true;
                }
                other => break other?,
            }
        };
        // WeChat may rotate the refresh token; the old one stops working, so keep the new one
        // before anything else can fail.
        if let Some(rotated) = body.authorizer_refresh_token.as_deref() {
            if !rotated.is_empty() && rotated != refresh_token {
                self.store
                    .save_authorizer_refresh_token(component_appid, authorizer_appid, rotated)
                    .await?;
            }
        }
        let mut token = token_from(body.authorizer_access_token, body.expires_in, path)?;
        token.refresh_token = body.authorizer_refresh_token;
        Ok(token)
    }
}

fn json_body(value: &serde_json::Value) -> Body {
    Body::Json(bytes::Bytes::from(value.to_string()))
}

fn missing_field(path: &str, field: &str) -> Error {
    Error::Decode {
        path: path.to_owned(),
        detail: format!("the answer carries no `{field}`"),
    }
}

fn token_from(access_token: String, expires_in: u64, path: &str) -> Result<Token> {
    if access_token.is_empty() {
        return Err(missing_field(path, "access_token"));
    }
    Ok(Token::new(access_token, expires_in))
}

#[async_trait]
impl<P: ComponentHubStorage> ClientStorage for Hub<P> {
    type Args = ();

    async fn fetch_access_token(&self, appid: &str, _args: &()) -> Result<Token> {
        self.token(&TokenKey::app(appid)).await
    }

    async fn refresh_access_token(
        &self,
        appid: &str,
        access_token: &str,
        _args: &(),
    ) -> Result<Token> {
        self.refresh(&TokenKey::app(appid), access_token).await
    }

    async fn fetch_ticket(
        &self,
        appid: &str,
        ticket_type: TicketType,
        _args: &(),
    ) -> Result<Ticket> {
        self.ticket(&TokenKey::app(appid), ticket_type).await
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
