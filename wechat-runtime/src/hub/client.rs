//! `HubClient`: a client storage that reads tokens from a hub over HTTP.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use reqwest::Method;
use serde::de::DeserializeOwned;

use super::protocol::{
    self, AppQuery, RefreshBody, TicketAnswer, TokenAnswer, WorkQuery, WorkRefreshBody,
};
use crate::call::cache::{CacheKey, TicketKey, TokenCache};
use crate::call::transport::lenient_errcode;
use crate::call::transport::{transport_setters, Body, Outgoing, Transport, TransportConfig};
use crate::error::{Error, Result};
use crate::storage::WorkClientStorage;
use crate::storage::{ClientStorage, ComponentClientStorage};
use crate::token::{Secret, Ticket, TicketType, Token};
use crate::work::WorkKey;

/// How long one hub call may take unless set: a hub answers from its store in milliseconds.
const DEFAULT_HUB_TIMEOUT: Duration = Duration::from_secs(5);

/// A [`ClientStorage`] and [`ComponentClientStorage`] that asks a token hub over HTTP: the hub
/// server of this crate (feature `hub-server`, the `wechat-hub` binary) or an elixir_wechat 0.4
/// hub. Many processes and machines then share the hub's tokens, and none of them calls WeChat
/// for a token.
///
/// Tokens and tickets are cached in front of the hub until about five minutes before they
/// expire; transient failures are retried a bounded number of times.
///
/// ```no_run
/// use wechat_runtime::{Client, HubClient};
///
/// # fn run() -> Result<(), wechat_runtime::Error> {
/// let hub = HubClient::builder("http://10.0.0.5:4000")
///     .secret(std::env::var("WECHAT_HUB_SECRET").unwrap_or_default())
///     .build()?;
/// let client = Client::builder(hub).appid("wx0123456789abcdef").build()?;
/// # let _ = client; Ok(()) }
/// ```
pub struct HubClient {
    /// The hub first, then its failovers.
    hubs: Vec<Transport>,
    /// The hub that answered last: asked first.
    current: AtomicUsize,
    secret: Option<Secret>,
    cache: TokenCache,
}

impl std::fmt::Debug for HubClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HubClient")
            .field(
                "hubs",
                &self
                    .hubs
                    .iter()
                    .map(Transport::shown_base_url)
                    .collect::<Vec<_>>(),
            )
            .field("secret", &self.secret)
            .finish_non_exhaustive()
    }
}

/// Configures a [`HubClient`].
///
/// ```
/// use std::time::Duration;
/// use wechat_runtime::HubClient;
///
/// let hub = HubClient::builder("http://10.0.0.5:4000")
///     .secret("the-caller-secret")
///     .timeout(Duration::from_secs(2))
///     .build()?;
/// # let _ = hub; Ok::<(), wechat_runtime::Error>(())
/// ```
#[must_use]
pub struct HubClientBuilder {
    transport: TransportConfig,
    failovers: Vec<String>,
    secret: Option<Secret>,
}

impl HubClientBuilder {
    /// The caller secret the hub knows this client by, sent as a bearer token. Without one, the
    /// hub must accept anonymous callers (elixir_wechat compatibility).
    pub fn secret(mut self, secret: impl Into<Secret>) -> Self {
        self.secret = Some(secret.into());
        self
    }

    /// Another hub serving the same tokens (hubs on one shared persistence), asked when the
    /// ones before it cannot be reached (a connection error, a timeout, an HTTP 5xx). The client
    /// keeps asking the last hub that answered.
    ///
    /// ```
    /// use wechat_runtime::HubClient;
    ///
    /// let hub = HubClient::builder("http://10.0.0.5:4000")
    ///     .failover("http://10.0.0.6:4000")
    ///     .secret("the-caller-secret")
    ///     .build()?;
    /// # let _ = hub; Ok::<(), wechat_runtime::Error>(())
    /// ```
    pub fn failover(mut self, base_url: impl Into<String>) -> Self {
        self.failovers.push(base_url.into());
        self
    }

    transport_setters!(transport, "5 s", "the URL given to `builder`");

    /// Builds the client. Fails on a bad base URL or if the HTTP client cannot be built.
    pub fn build(self) -> Result<HubClient> {
        let first = self.transport.build()?;
        let mut hubs = Vec::with_capacity(1 + self.failovers.len());
        for base_url in &self.failovers {
            hubs.push(first.with_base_url(base_url)?);
        }
        hubs.insert(0, first);
        Ok(HubClient {
            hubs,
            current: AtomicUsize::new(0),
            secret: self.secret.filter(|s| !s.expose().is_empty()),
            cache: TokenCache::default(),
        })
    }
}

impl HubClient {
    /// A builder for a client of the hub at `base_url`.
    pub fn builder(base_url: impl Into<String>) -> HubClientBuilder {
        HubClientBuilder {
            transport: TransportConfig::new(&base_url.into(), DEFAULT_HUB_TIMEOUT),
            failovers: Vec::new(),
            secret: None,
        }
    }

    /// One hub call, decoded from the hub's JSON: the hub that answered last first, then the
    /// others in turn while they cannot be reached.
    async fn call(
        &self,
        method: Method,
        path: &str,
        query: Option<&str>,
        body: Body,
    ) -> Result<serde_json::Value> {
        let first = self.current.load(Ordering::Relaxed);
        let count = self.hubs.len();
        let mut turn = 0;
        loop {
            let index = (first + turn) % count;
            let hub = &self.hubs[index];
            let mut url = hub.url(path)?;
            url.set_query(query);
            let outgoing = Outgoing {
                method: method.clone(),
                url,
                path,
                body: &body,
                timeout: None,
                // Fetches are reads, and refreshes are compare-and-set: both can be sent again.
                idempotent: true,
                bearer: self.secret.as_ref().map(Secret::expose),
                wechat_errors: false,
                sent: None,
                headers: None,
                status_error: None,
                // Another hub is asked at once; the last one in turn is retried as usual.
                retry: turn + 1 == count,
            };
            match hub.send(&outgoing).await {
                Ok(response) => {
                    if index != first {
                        self.current.store(index, Ordering::Relaxed);
                    }
                    return response.json();
                }
                Err(e) if turn + 1 < count && unreachable(&e) => {
                    tracing::warn!(hub = %hub.shown_base_url(), error = %e, "hub unreachable, asking the next one");
                    turn += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }

    async fn token_call(
        &self,
        method: Method,
        path: &str,
        query: Option<&str>,
        body: Body,
    ) -> Result<Token> {
        let answer = self.call(method, path, query, body).await?;
        let token: Token = decode::<TokenAnswer>(path, answer, "access_token")?.into();
        Ok(token)
    }

    async fn fetch(&self, key: CacheKey) -> Result<Token> {
        self.cache
            .token_or_fetch(&key, || self.fetch_from_hub(&key))
            .await
    }

    async fn fetch_from_hub(&self, key: &CacheKey) -> Result<Token> {
        let (path, query) = match key {
            CacheKey::AccessToken {
                appid,
                authorizer_appid,
            } => (
                protocol::ACCESS_TOKEN,
                app_query(appid, authorizer_appid.as_deref(), None)?,
            ),
            CacheKey::ComponentAccessToken { appid } => (
                protocol::COMPONENT_ACCESS_TOKEN,
                app_query(appid, None, None)?,
            ),
            CacheKey::Work(work) => (protocol::WORK_ACCESS_TOKEN, work_query(work, None)?),
        };
        self.token_call(Method::GET, path, Some(&query), Body::Empty)
            .await
    }

    async fn refresh(&self, key: CacheKey, stale: &str) -> Result<Token> {
        self.cache
            .token_or_refresh(&key, stale, || self.refresh_at_hub(&key, stale))
            .await
    }

    async fn refresh_at_hub(&self, key: &CacheKey, stale: &str) -> Result<Token> {
        if let CacheKey::Work(work) = key {
            work_query(work, None)?;
            let body = Body::json(&WorkRefreshBody {
                corpid: work.corpid.clone(),
                app: work.app.to_string(),
                access_token: stale.to_owned(),
            })?;
            return self
                .token_call(
                    Method::POST,
                    protocol::REFRESH_WORK_ACCESS_TOKEN,
                    None,
                    body,
                )
                .await;
        }
        let (path, appid, authorizer_appid) = match key {
            CacheKey::AccessToken {
                appid,
                authorizer_appid,
            } => (
                protocol::REFRESH_ACCESS_TOKEN,
                appid,
                authorizer_appid.as_deref().map(str::to_owned),
            ),
            CacheKey::ComponentAccessToken { appid } => {
                (protocol::REFRESH_COMPONENT_ACCESS_TOKEN, appid, None)
            }
            CacheKey::Work(_) => unreachable!("answered above"),
        };
        app_query(appid, authorizer_appid.as_deref(), None)?;
        let body = RefreshBody {
            appid: appid.to_string(),
            access_token: stale.to_owned(),
            authorizer_appid,
        };
        let body = Body::json(&body)?;
        self.token_call(Method::POST, path, None, body).await
    }

    async fn ticket(
        &self,
        appid: &str,
        authorizer_appid: Option<&str>,
        ticket_type: TicketType,
    ) -> Result<Ticket> {
        let key = TicketKey {
            appid: appid.into(),
            authorizer_appid: authorizer_appid.map(Arc::from),
            work_app: None,
            ticket_type,
        };
        self.cache
            .ticket_or_fetch(&key, || {
                self.ticket_from_hub(appid, authorizer_appid, ticket_type)
            })
            .await
    }

    async fn ticket_from_hub(
        &self,
        appid: &str,
        authorizer_appid: Option<&str>,
        ticket_type: TicketType,
    ) -> Result<Ticket> {
        let query = app_query(appid, authorizer_appid, Some(ticket_type))?;
        self.ticket_call(protocol::TICKET, &query, ticket_type)
            .await
    }

    async fn work_ticket(&self, work: &WorkKey, ticket_type: TicketType) -> Result<Ticket> {
        let key = TicketKey {
            appid: work.corpid.as_str().into(),
            authorizer_appid: None,
            work_app: Some(work.app),
            ticket_type,
        };
        self.cache
            .ticket_or_fetch(&key, || async {
                let query = work_query(work, Some(ticket_type))?;
                self.ticket_call(protocol::WORK_TICKET, &query, ticket_type)
                    .await
            })
            .await
    }

    async fn ticket_call(
        &self,
        path: &'static str,
        query: &str,
        ticket_type: TicketType,
    ) -> Result<Ticket> {
        let answer = self
            .call(Method::GET, path, Some(query), Body::Empty)
            .await?;
        let answer: TicketAnswer = decode(path, answer, "ticket")?;
        if answer.ticket_type != ticket_type {
            return Err(Error::Hub {
                path: path.to_owned(),
                errcode: None,
                message: format!(
                    "asked for a {ticket_type} ticket, the hub sent a {} ticket",
                    answer.ticket_type
                ),
            });
        }
        Ok(Ticket {
            value: answer.ticket,
            ticket_type,
            expires_in: crate::token::clamp_expires_in(answer.expires_in),
            timestamp: answer.timestamp.unwrap_or_else(crate::token::now_unix),
        })
    }
}

/// Whether another hub may answer where this one failed: it could not be reached, or failed
/// as a server.
fn unreachable(error: &Error) -> bool {
    match error {
        Error::Transport { .. } => true,
        Error::Status { status, .. } => *status >= 500,
        _ => false,
    }
}

/// The encoded query of a hub call.
fn encode(query: &impl serde::Serialize) -> Result<String> {
    serde_urlencoded::to_string(query)
        .map_err(|e| Error::invalid_input(format!("cannot encode the query: {e}")))
}

fn app_query(
    appid: &str,
    authorizer_appid: Option<&str>,
    ticket_type: Option<TicketType>,
) -> Result<String> {
    if appid.trim().is_empty() || authorizer_appid.is_some_and(|a| a.trim().is_empty()) {
        return Err(Error::invalid_input("the appid is empty"));
    }
    encode(&AppQuery {
        appid: appid.into(),
        authorizer_appid: authorizer_appid.map(str::to_owned),
        ticket_type: ticket_type.map(|t| t.as_str().to_owned()),
    })
}

fn work_query(work: &WorkKey, ticket_type: Option<TicketType>) -> Result<String> {
    if work.corpid.trim().is_empty() {
        return Err(Error::invalid_input("the corpid is empty"));
    }
    encode(&WorkQuery {
        corpid: work.corpid.clone(),
        app: work.app.to_string(),
        ticket_type: ticket_type.map(|t| t.as_str().to_owned()),
    })
}

/// Decodes a hub's answer that should carry `field`: without it, the answer is the hub's error
/// (elixir_wechat hubs send errors with HTTP 200).
fn decode<T: DeserializeOwned>(path: &str, answer: serde_json::Value, field: &str) -> Result<T> {
    let carries_field = answer
        .get(field)
        .and_then(|v| v.as_str())
        .is_some_and(|v| !v.is_empty());
    if !carries_field {
        // Read field by field: elixir hubs send `null` for what they leave out.
        let text = |name: &str| {
            answer
                .get(name)
                .and_then(|v| v.as_str())
                .filter(|s| !s.is_empty())
        };
        let message = match (text("message"), text("reason")) {
            (Some(message), Some(reason)) => format!("{message} ({reason})"),
            (Some(message), None) => message.to_owned(),
            (None, Some(reason)) => reason.to_owned(),
            _ if answer.get(field).is_some_and(|v| !v.is_string()) => {
                return Err(Error::Decode {
                    path: path.to_owned(),
                    detail: format!("`{field}` is not a string"),
                })
            }
            _ => format!("the answer carries no `{field}`"),
        };
        return Err(Error::Hub {
            path: path.to_owned(),
            errcode: answer.get("errcode").and_then(lenient_errcode),
            message,
        });
    }
    serde_json::from_value(answer).map_err(|e| Error::decode(path, &e))
}

#[async_trait]
impl ClientStorage for HubClient {
    type Args = ();

    async fn fetch_access_token(&self, appid: &str, _args: &()) -> Result<Token> {
        self.fetch(CacheKey::AccessToken {
            appid: appid.into(),
            authorizer_appid: None,
        })
        .await
    }

    async fn refresh_access_token(
        &self,
        appid: &str,
        access_token: &str,
        _args: &(),
    ) -> Result<Token> {
        let key = CacheKey::AccessToken {
            appid: appid.into(),
            authorizer_appid: None,
        };
        self.refresh(key, access_token).await
    }

    async fn fetch_ticket(
        &self,
        appid: &str,
        ticket_type: TicketType,
        _args: &(),
    ) -> Result<Ticket> {
        self.ticket(appid, None, ticket_type).await
    }
}

#[async_trait]
impl ComponentClientStorage for HubClient {
    type Args = ();

    async fn fetch_access_token(
        &self,
        appid: &str,
        authorizer_appid: &str,
        _args: &(),
    ) -> Result<Token> {
        self.fetch(CacheKey::AccessToken {
            appid: appid.into(),
            authorizer_appid: Some(authorizer_appid.into()),
        })
        .await
    }

    async fn fetch_component_access_token(&self, appid: &str, _args: &()) -> Result<Token> {
        self.fetch(CacheKey::ComponentAccessToken {
            appid: appid.into(),
        })
        .await
    }

    async fn refresh_access_token(
        &self,
        appid: &str,
        authorizer_appid: &str,
        access_token: &str,
        _args: &(),
    ) -> Result<Token> {
        let key = CacheKey::AccessToken {
            appid: appid.into(),
            authorizer_appid: Some(authorizer_appid.into()),
        };
        self.refresh(key, access_token).await
    }

    async fn fetch_ticket(
        &self,
        appid: &str,
        authorizer_appid: &str,
        ticket_type: TicketType,
        _args: &(),
    ) -> Result<Ticket> {
        self.ticket(appid, Some(authorizer_appid), ticket_type)
            .await
    }

    async fn refresh_component_access_token(
        &self,
        appid: &str,
        component_access_token: &str,
        _args: &(),
    ) -> Result<Token> {
        self.refresh(
            CacheKey::ComponentAccessToken {
                appid: appid.into(),
            },
            component_access_token,
        )
        .await
    }
}

/// WeCom tokens through the hub's `/client/work/*` routes.
#[async_trait]
impl WorkClientStorage for HubClient {
    type Args = ();

    async fn fetch_work_token(&self, key: &WorkKey, _args: &()) -> Result<Token> {
        self.fetch(CacheKey::Work(Arc::new(key.clone()))).await
    }

    async fn refresh_work_token(
        &self,
        key: &WorkKey,
        access_token: &str,
        _args: &(),
    ) -> Result<Token> {
        self.refresh(CacheKey::Work(Arc::new(key.clone())), access_token)
            .await
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
