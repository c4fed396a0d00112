//! The hub's calls of WeChat: the tokens of common and component applications and of
//! authorizers, and tickets. What to call and how to read the answer; when to call is the
//! manager's business.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;

use super::metrics::HubMetrics;
use crate::call::credential::{
    is_work_token_stale, name_wrong_work_secret, refresh_once, refresh_once_on,
};
use crate::call::transport::{Body, Outgoing, Transport};
use crate::error::{Error, Result};
use crate::storage::{ComponentHubStorage, HubStorage};
use crate::token::{clamp_expires_in, Secret, Ticket, TicketType, Token};
use crate::work::WorkKey;

/// WeChat refuses forced refreshes of a stable token less than this far apart.
const FORCED_REFRESH_INTERVAL: Duration = Duration::from_secs(30);

/// The most appids whose last forced refresh is remembered; past it, the oldest are forgotten.
const MAX_FORCED_REMEMBERED: usize = 10_000;

/// Which WeChat endpoint a hub fetches the access tokens of common applications from.
///
/// ```
/// use wechat_runtime::{Hub, MemoryStore, TokenEndpoint};
///
/// let hub = Hub::builder(MemoryStore::new()).token_endpoint(TokenEndpoint::Classic).build()?;
/// # let _ = hub; Ok::<(), wechat_runtime::Error>(())
/// ```
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

/// The hub's side of WeChat: its transport, and the state of forced refreshes.
#[derive(Debug)]
pub(super) struct Upstream {
    pub transport: Transport,
    /// WeCom's host (`qyapi.weixin.qq.com` unless set).
    pub work_transport: Transport,
    pub endpoint: TokenEndpoint,
    pub metrics: Arc<HubMetrics>,
    last_forced: Mutex<HashMap<String, Instant>>,
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
struct AuthorizerListBody {
    #[serde(default)]
    total_count: u64,
    #[serde(default)]
    list: Vec<ListedAuthorizer>,
}

#[derive(Deserialize)]
struct ListedAuthorizer {
    authorizer_appid: String,
    #[serde(default)]
    refresh_token: String,
}

#[derive(Deserialize)]
struct QueryAuthBody {
    authorization_info: AuthorizationInfoBody,
}

#[derive(Deserialize)]
struct AuthorizationInfoBody {
    authorizer_appid: String,
    #[serde(default)]
    authorizer_access_token: String,
    #[serde(default)]
    expires_in: u64,
    #[serde(default)]
    authorizer_refresh_token: String,
}

#[derive(Deserialize)]
struct TicketBody {
    ticket: String,
    expires_in: u64,
}

impl Upstream {
    pub(super) fn new(
        transport: Transport,
        work_transport: Transport,
        endpoint: TokenEndpoint,
    ) -> Self {
        Upstream {
            transport,
            work_transport,
            endpoint,
            metrics: Arc::default(),
            last_forced: Mutex::new(HashMap::new()),
        }
    }

    /// One upstream call, decoded into `T`.
    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &'static str,
        query: &[(&str, &str)],
        body: Body,
        idempotent: bool,
    ) -> Result<T> {
        let url = self.transport.url_with(path, query)?;
        let outgoing = Outgoing::wechat(method, url, path, &body, idempotent);
        let answer = self.transport.send(&outgoing).await;
        self.metrics.upstream(path, answer.as_ref().err());
        answer?.json()
    }

    /// A new access token of a common application. `stale` is set when WeChat rejected the
    /// stored one.
    pub(super) async fn app_token(
        &self,
        store: &impl HubStorage,
        appid: &str,
        stale: Option<&str>,
    ) -> Result<Token> {
        let secret = secret(store, appid).await?;
        match self.endpoint {
            TokenEndpoint::Classic => {
                // Every classic fetch is a forced refresh: one that replaces a rejected token is
                // held to the same limit as the stable endpoint's.
                if stale.is_some() {
                    self.may_force(appid)?;
                }
                let path = "/cgi-bin/token";
                let query = [
                    ("grant_type", "client_credential"),
                    ("appid", appid),
                    ("secret", secret.expose()),
                ];
                let body: AccessTokenBody = self
                    .call(Method::GET, path, &query, Body::Empty, true)
                    .await?;
                token_from(body.access_token, body.expires_in, path)
            }
            TokenEndpoint::Stable => {
                // A normal fetch first: it returns the new token if someone else already forced
                // one, and costs none of the forced refreshes WeChat allows per day.
                let token = self.stable_token(appid, &secret, false).await?;
                let Some(stale) = stale else {
                    return Ok(token);
                };
                if token.access_token != stale || self.may_force(appid).is_err() {
                    return Ok(token);
                }
                self.stable_token(appid, &secret, true).await
            }
        }
    }

    /// Whether a forced refresh of `appid` is allowed now; records it if so.
    fn may_force(&self, appid: &str) -> Result<()> {
        let mut last = self.last_forced.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        if let Some(at) = last.get(appid) {
            let since = now.duration_since(*at);
            if since < FORCED_REFRESH_INTERVAL {
                return Err(Error::RefreshLimited {
                    appid: appid.to_owned(),
                    retry_after_secs: (FORCED_REFRESH_INTERVAL - since).as_secs().max(1),
                });
            }
        }
        if last.len() >= MAX_FORCED_REMEMBERED {
            // Entries past the interval no longer limit anything.
            last.retain(|_, at| now.duration_since(*at) < FORCED_REFRESH_INTERVAL);
        }
        if last.len() < MAX_FORCED_REMEMBERED {
            last.insert(appid.to_owned(), now);
        }
        Ok(())
    }

    async fn stable_token(
        &self,
        appid: &str,
        secret: &Secret,
        force_refresh: bool,
    ) -> Result<Token> {
        let path = "/cgi-bin/stable_token";
        let body = json!({
            "grant_type": "client_credential",
            "appid": appid,
            "secret": secret.expose(),
            "force_refresh": force_refresh,
        });
        // Sending a normal fetch twice does no harm; a forced one would be a second refresh.
        let body: AccessTokenBody = self
            .call(Method::POST, path, &[], Body::json(&body)?, !force_refresh)
            .await?;
        token_from(body.access_token, body.expires_in, path)
    }

    /// The `component_access_token` of `component_appid`, from its secret and the latest
    /// verify ticket.
    pub(super) async fn component_token(
        &self,
        store: &impl ComponentHubStorage,
        component_appid: &str,
    ) -> Result<Token> {
        let secret = secret(store, component_appid).await?;
        let verify_ticket =
            store
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
            .call(Method::POST, path, &[], Body::json(&body)?, true)
            .await?;
        token_from(body.component_access_token, body.expires_in, path)
    }

    /// The access token of `authorizer_appid`, from its stored refresh token, with the
    /// component token that `component_token` gets once the refresh token is found;
    /// `refresh_component` replaces that one once if WeChat rejects it.
    pub(super) async fn authorizer_token<C, R>(
        &self,
        store: &impl ComponentHubStorage,
        component_appid: &str,
        authorizer_appid: &str,
        component_token: impl FnOnce() -> C,
        refresh_component: impl FnOnce(String) -> R,
    ) -> Result<Token>
    where
        C: Future<Output = Result<Token>>,
        R: Future<Output = Result<Token>>,
    {
        non_empty(authorizer_appid, "authorizer_appid")?;
        let stored = store
            .authorizer_refresh_token(component_appid, authorizer_appid)
            .await?
            .filter(|token| !token.is_empty());
        let component_token = component_token().await?;
        let refresh_token = match stored {
            Some(refresh_token) => refresh_token,
            // Not stored (a hub set up after the authorization, a lost persistence): WeChat
            // lists every authorizer with its refresh token, as elixir_wechat's hub asks it.
            None => {
                self.find_refresh_token(store, component_appid, authorizer_appid, &component_token)
                    .await?
            }
        };
        let body = Body::json(&json!({
            "component_appid": component_appid,
            "authorizer_appid": authorizer_appid,
            "authorizer_refresh_token": refresh_token,
        }))?;
        let path = "/cgi-bin/component/api_authorizer_token";
        let body = &body;
        let send = |token: String| async move {
            let query = [("component_access_token", token.as_str())];
            // A second send could rotate the refresh token twice and lose the first.
            self.call::<AuthorizerTokenBody>(Method::POST, path, &query, body.clone(), false)
                .await
        };
        let body = refresh_once(
            component_token.access_token,
            |token| Ok(token.to_owned()),
            send,
            refresh_component,
        )
        .await?;
        // WeChat may rotate the refresh token; the old one stops working, so keep the new one
        // before anything else can fail.
        if let Some(rotated) = body.authorizer_refresh_token.as_deref() {
            if !rotated.is_empty() && rotated != refresh_token {
                store
                    .save_authorizer_refresh_token(component_appid, authorizer_appid, rotated)
                    .await?;
            }
        }
        let mut token = token_from(body.authorizer_access_token, body.expires_in, path)?;
        token.refresh_token = body.authorizer_refresh_token;
        Ok(token)
    }

    /// The refresh token of `authorizer_appid`, found in WeChat's list of the component's
    /// authorizers, and stored; an authorizer not in the list is [`Error::Missing`].
    async fn find_refresh_token(
        &self,
        store: &impl ComponentHubStorage,
        component_appid: &str,
        authorizer_appid: &str,
        component_token: &Token,
    ) -> Result<String> {
        const PAGE: u64 = 500;
        let path = "/cgi-bin/component/api_get_authorizer_list";
        let query = [(
            "component_access_token",
            component_token.access_token.as_str(),
        )];
        let mut offset = 0u64;
        loop {
            let body = Body::json(&json!({
                "component_appid": component_appid,
                "offset": offset,
                "count": PAGE,
            }))?;
            let page: AuthorizerListBody =
                self.call(Method::POST, path, &query, body, true).await?;
            let found = page
                .list
                .into_iter()
                .find(|a| a.authorizer_appid == authorizer_appid && !a.refresh_token.is_empty());
            if let Some(found) = found {
                store
                    .save_authorizer_refresh_token(
                        component_appid,
                        authorizer_appid,
                        &found.refresh_token,
                    )
                    .await?;
                return Ok(found.refresh_token);
            }
            offset += PAGE;
            if offset >= page.total_count {
                return Err(Error::Missing {
                    what: "authorizer_refresh_token",
                    appid: authorizer_appid.to_owned(),
                });
            }
        }
    }

    /// Exchanges an authorization code (of an `authorized` or `updateauthorized`
    /// notification) for the authorizer's tokens, with `component_token`: stores the refresh
    /// token first, and hands back the authorizer's appid and access token.
    pub(super) async fn query_auth(
        &self,
        store: &impl ComponentHubStorage,
        component_appid: &str,
        authorization_code: &str,
        component_token: &Token,
    ) -> Result<(String, Token)> {
        non_empty(authorization_code, "authorization_code")?;
        let path = "/cgi-bin/component/api_query_auth";
        let query = [(
            "component_access_token",
            component_token.access_token.as_str(),
        )];
        let body = Body::json(&json!({
            "component_appid": component_appid,
            "authorization_code": authorization_code,
        }))?;
        // A code is spent by its first use: never sent twice.
        let answer: QueryAuthBody = self.call(Method::POST, path, &query, body, false).await?;
        let info = answer.authorization_info;
        if info.authorizer_appid.is_empty() || info.authorizer_refresh_token.is_empty() {
            return Err(missing_field(path, "authorizer_refresh_token"));
        }
        store
            .save_authorizer_refresh_token(
                component_appid,
                &info.authorizer_appid,
                &info.authorizer_refresh_token,
            )
            .await?;
        let mut token = token_from(info.authorizer_access_token, info.expires_in, path)?;
        token.refresh_token = Some(info.authorizer_refresh_token);
        Ok((info.authorizer_appid, token))
    }

    /// A `jsapi` or `wx_card` ticket, with `token`; `refresh` replaces that one once if WeChat
    /// rejects it.
    pub(super) async fn ticket<R>(
        &self,
        ticket_type: TicketType,
        token: Token,
        refresh: impl FnOnce(String) -> R,
    ) -> Result<Ticket>
    where
        R: Future<Output = Result<Token>>,
    {
        let path = "/cgi-bin/ticket/getticket";
        let send = |token: String| async move {
            let query = [
                ("access_token", token.as_str()),
                ("type", ticket_type.as_str()),
            ];
            self.call::<TicketBody>(Method::GET, path, &query, Body::Empty, true)
                .await
        };
        let body = refresh_once(token.access_token, |t| Ok(t.to_owned()), send, refresh).await?;
        if body.ticket.is_empty() {
            return Err(missing_field(path, "ticket"));
        }
        Ok(Ticket::new(
            body.ticket,
            ticket_type,
            clamp_expires_in(body.expires_in),
        ))
    }
}

/// WeCom: tokens per (corpid, app) from `/cgi-bin/gettoken`, and the JS-SDK tickets.
impl Upstream {
    async fn work_call<T: DeserializeOwned>(
        &self,
        path: &'static str,
        query: &[(&str, &str)],
    ) -> Result<T> {
        let url = self.work_transport.url_with(path, query)?;
        let outgoing = Outgoing::wechat(Method::GET, url, path, &Body::Empty, true);
        let answer = self.work_transport.send(&outgoing).await;
        self.metrics.upstream(path, answer.as_ref().err());
        answer?.json()
    }

    /// A new access token of the WeCom app `key`. WeCom answers with the live token while it
    /// lives, so this costs no other caller its token.
    pub(super) async fn work_token(&self, store: &impl HubStorage, key: &WorkKey) -> Result<Token> {
        let secret = store
            .work_secret(key)
            .await?
            .ok_or_else(|| Error::Missing {
                what: "secret",
                appid: key.to_string(),
            })?;
        let path = "/cgi-bin/gettoken";
        let query = [
            ("corpid", key.corpid.as_str()),
            ("corpsecret", secret.expose()),
        ];
        let body = self.work_call::<AccessTokenBody>(path, &query).await;
        let body = name_wrong_work_secret(body, key)?;
        token_from(body.access_token, body.expires_in, path)
    }

    /// The corp's JS-SDK ticket ([`TicketType::Jsapi`]) or the agent's
    /// ([`TicketType::AgentConfig`]), with `token`; `refresh` replaces it once on 40014/42001.
    pub(super) async fn work_ticket<R>(
        &self,
        ticket_type: TicketType,
        token: Token,
        refresh: impl FnOnce(String) -> R,
    ) -> Result<Ticket>
    where
        R: Future<Output = Result<Token>>,
    {
        let path = match ticket_type {
            TicketType::AgentConfig => "/cgi-bin/ticket/get",
            _ => "/cgi-bin/get_jsapi_ticket",
        };
        let send = |token: String| async move {
            let mut query = vec![("access_token", token.as_str())];
            if ticket_type == TicketType::AgentConfig {
                query.push(("type", "agent_config"));
            }
            self.work_call::<TicketBody>(path, &query).await
        };
        let body = refresh_once_on(
            is_work_token_stale,
            token.access_token,
            |t| Ok(t.to_owned()),
            send,
            refresh,
        )
        .await?;
        if body.ticket.is_empty() {
            return Err(missing_field(path, "ticket"));
        }
        Ok(Ticket::new(
            body.ticket,
            ticket_type,
            clamp_expires_in(body.expires_in),
        ))
    }
}

/// Rejects an empty appid before anything is looked up.
pub(super) fn non_empty(appid: &str, what: &str) -> Result<()> {
    if appid.trim().is_empty() {
        return Err(Error::invalid_input(format!("the {what} is empty")));
    }
    Ok(())
}

async fn secret(store: &impl HubStorage, appid: &str) -> Result<Secret> {
    store.secret(appid).await?.ok_or_else(|| Error::Missing {
        what: "secret",
        appid: appid.to_owned(),
    })
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
    Ok(Token::new(access_token, clamp_expires_in(expires_in)))
}
