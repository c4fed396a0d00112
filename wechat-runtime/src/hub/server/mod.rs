//! The hub server (feature `hub-server`): the hub HTTP protocol over any `Hub<P>`, for clients
//! in other processes and on other machines ([`HubClient`](crate::HubClient), elixir_wechat).

use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{
    DefaultBodyLimit, FromRequest, FromRequestParts, Path, Query, RawQuery, Request, State,
};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hyper::body::Incoming as RequestBody;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use subtle::ConstantTimeEq;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower_service::Service;

use super::manager::Hub;
mod work;

use super::protocol::{self, AppQuery, ErrorAnswer, RefreshBody, TicketAnswer, TokenAnswer};
use crate::callback::{CallbackQuery, ComponentKind, Endpoint, Incoming, SUCCESS};
use crate::error::Error;
use crate::storage::{ComponentHubStorage, HubStorage, TokenKey};
use crate::token::{Secret, TicketType};

/// Where the hub server listens unless told otherwise: loopback only.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:4000";

/// The largest request body the hub server reads; its requests are a few hundred bytes.
const MAX_BODY: usize = 16 * 1024;

/// One caller of the hub: a name for the logs, the secret it sends as a bearer token, and the
/// appids it may read.
#[derive(Debug, Clone)]
pub struct Caller {
    /// A name, for the logs.
    pub name: String,
    /// The secret it authenticates with.
    pub secret: Secret,
    /// The appids (common or component) whose tokens it may read; `"*"` allows every appid.
    pub appids: Vec<String>,
}

impl Caller {
    /// A caller allowed to read the tokens of `appids`.
    pub fn new(
        name: impl Into<String>,
        secret: impl Into<Secret>,
        appids: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        Caller {
            name: name.into(),
            secret: secret.into(),
            appids: appids.into_iter().map(Into::into).collect(),
        }
    }

    fn may_read(&self, appid: &str) -> bool {
        self.appids.iter().any(|a| a == "*" || a == appid)
    }
}

/// Serves the hub protocol of elixir_wechat 0.4 hubs over a [`Hub`]:
///
/// | call | route |
/// |---|---|
/// | access token | `GET /client/access_token?appid=A[&authorizer_appid=B]` |
/// | refresh it | `POST /refresh/access_token` `{"appid","access_token"[,"authorizer_appid"]}` |
/// | component token | `GET /client/component_access_token?appid=A` |
/// | refresh it | `POST /client/refresh_component_access_token` `{"appid","access_token"}` |
/// | ticket | `GET /client/ticket?appid=A[&authorizer_appid=B]&type=jsapi\|wx_card` |
/// | health | `GET /healthz` |
/// | readiness: the persistence answers | `GET /readyz` (503 when it does not) |
/// | metrics, Prometheus text | `GET /metrics` |
///
/// Callers authenticate with a bearer secret, compared in constant time, and may read only the
/// appids of their allow-list: 401 without or with a wrong secret, 403 outside the list.
/// elixir_wechat clients send no credentials: [`elixir_compat`](HubServer::elixir_compat) lets
/// anonymous callers in, and must be switched on explicitly.
///
/// ```no_run
/// use wechat_runtime::hub::server::{Caller, HubServer};
/// use wechat_runtime::{Hub, MemoryStore};
///
/// # async fn run() -> std::io::Result<()> {
/// let hub = Hub::new(MemoryStore::new().with_app("wx0123456789abcdef", "the-appsecret"));
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:4000").await?;
/// HubServer::new(hub)
///     .caller(Caller::new("web", "a-long-random-secret", ["wx0123456789abcdef"]))
///     .serve(listener, async { tokio::signal::ctrl_c().await.ok(); })
///     .await
/// # }
/// ```
pub struct HubServer<P> {
    hub: Arc<Hub<P>>,
    callers: Vec<Caller>,
    elixir_compat: bool,
    components: HashMap<String, Endpoint>,
    header_read_timeout: Duration,
    max_connections: usize,
    shutdown_grace: Duration,
}

/// How long a client may take to send a request's headers, and how long a kept-alive
/// connection may sit idle before its next request: a slow or silent client is cut off.
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// The most connections served at once; more are closed as they arrive.
pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;

/// How long a graceful stop waits for the requests in flight.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

struct Shared<P> {
    hub: Arc<Hub<P>>,
    callers: Vec<Caller>,
    elixir_compat: bool,
    /// The callback endpoint of each component whose pushes the hub receives.
    components: HashMap<String, Endpoint>,
}

impl<P: ComponentHubStorage + 'static> HubServer<P> {
    /// A server over `hub`, with no caller yet.
    pub fn new(hub: impl Into<Arc<Hub<P>>>) -> Self {
        HubServer {
            hub: hub.into(),
            callers: Vec::new(),
            elixir_compat: false,
            components: HashMap::new(),
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            shutdown_grace: SHUTDOWN_GRACE,
        }
    }

    /// Adds a caller.
    pub fn caller(mut self, caller: Caller) -> Self {
        self.callers.push(caller);
        self
    }

    /// Accepts callers that send no credentials, as elixir_wechat clients do, for every appid.
    /// Callers that send a secret are still checked.
    pub fn elixir_compat(mut self, on: bool) -> Self {
        self.elixir_compat = on;
        self
    }

    /// Receives what WeChat pushes to the authorization event URL of `component_appid`, at
    /// `POST /callback/component/{component_appid}`, checked by `endpoint` (the component's
    /// token and EncodingAESKey; the signature is checked before anything is parsed):
    ///
    /// - `component_verify_ticket`: stored, so the hub can fetch `component_access_token`;
    /// - `authorized`, `updateauthorized`: the authorization code is exchanged through
    ///   `api_query_auth` and the authorizer's refresh token stored ([`Hub::authorize`]);
    /// - `unauthorized`: the authorizer is forgotten ([`Hub::forget_authorizer`]).
    ///
    /// It answers `success` once the notification is kept; anything else makes WeChat push
    /// it again.
    ///
    /// ```no_run
    /// use wechat_runtime::callback::Endpoint;
    /// use wechat_runtime::hub::server::HubServer;
    /// use wechat_runtime::{Hub, MemoryStore};
    ///
    /// let key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    /// let endpoint = Endpoint::safe("the-component-token", key, "wxc0123456789abcde")?;
    /// let server = HubServer::new(Hub::new(MemoryStore::new()))
    ///     .component_callback("wxc0123456789abcde", endpoint);
    /// # let _ = server; Ok::<(), wechat_runtime::Error>(())
    /// ```
    pub fn component_callback(
        mut self,
        component_appid: impl Into<String>,
        endpoint: Endpoint,
    ) -> Self {
        self.components.insert(component_appid.into(), endpoint);
        self
    }

    /// How long a client may take to send a request's headers, which is also how long a
    /// kept-alive connection may wait idle for its next request (10 s unless set).
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout;
        self
    }

    /// The most connections served at once (1024 unless set); one more is closed at once.
    pub fn max_connections(mut self, max: usize) -> Self {
        self.max_connections = max.max(1);
        self
    }

    /// How long a graceful stop waits for the requests in flight before it drops them
    /// (10 s unless set).
    pub fn shutdown_grace(mut self, grace: Duration) -> Self {
        self.shutdown_grace = grace;
        self
    }

    /// The routes, to mount in an application of your own.
    pub fn router(self) -> Router {
        let shared = Arc::new(Shared {
            hub: self.hub,
            callers: self.callers,
            elixir_compat: self.elixir_compat,
            components: self.components,
        });
        Router::new()
            .route(protocol::ACCESS_TOKEN, get(access_token::<P>))
            .route(
                protocol::REFRESH_ACCESS_TOKEN,
                post(refresh_access_token::<P>),
            )
            .route(
                protocol::COMPONENT_ACCESS_TOKEN,
                get(component_access_token::<P>),
            )
            .route(
                protocol::REFRESH_COMPONENT_ACCESS_TOKEN,
                post(refresh_component_access_token::<P>),
            )
            .route(protocol::TICKET, get(ticket::<P>))
            .route(protocol::WORK_ACCESS_TOKEN, get(work::access_token::<P>))
            .route(
                protocol::REFRESH_WORK_ACCESS_TOKEN,
                post(work::refresh_access_token::<P>),
            )
            .route(protocol::WORK_TICKET, get(work::ticket::<P>))
            .route(protocol::HEALTHZ, get(|| async { "ok" }))
            .route(protocol::READYZ, get(readyz::<P>))
            .route(protocol::METRICS, get(metrics::<P>))
            .route(
                protocol::COMPONENT_CALLBACK,
                get(component_url_check::<P>).post(component_callback::<P>),
            )
            .layer(DefaultBodyLimit::max(MAX_BODY))
            .with_state(shared)
    }

    /// Serves on `listener` until `shutdown` completes, then finishes the requests in flight
    /// (for at most the shutdown grace).
    ///
    /// Each connection has the header-read timeout, which also closes kept-alive connections
    /// left idle, and at most `max_connections` are served at once.
    pub async fn serve(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let addr: Option<SocketAddr> = listener.local_addr().ok();
        tracing::info!(
            ?addr,
            callers = self.callers.len(),
            elixir_compat = self.elixir_compat,
            "hub server listening"
        );
        let (header_read_timeout, grace) = (self.header_read_timeout, self.shutdown_grace);
        let permits = Arc::new(Semaphore::new(self.max_connections));
        let hub = self.hub.clone();
        let router = self.router();
        // Each request is counted here, around the router, rather than in an axum middleware,
        // which would box every request's future.
        let service = hyper::service::service_fn(move |request: hyper::Request<RequestBody>| {
            let route = protocol::ROUTES
                .iter()
                .position(|route| *route == request.uri().path());
            let started = Instant::now();
            let answer = router.clone().call(request);
            let hub = hub.clone();
            async move {
                let response = answer.await?;
                let seconds = started.elapsed().as_secs_f64();
                hub.metrics()
                    .request(route, response.status().as_u16(), seconds);
                Ok::<_, std::convert::Infallible>(response)
            }
        });
        let graceful = GracefulShutdown::new();
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            let (stream, peer) = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok(accepted) => accepted,
                    Err(e) => {
                        // Out of file descriptors, say: wait a little rather than spin.
                        tracing::warn!(error = %e, "cannot accept a connection");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
                () = &mut shutdown => break,
            };
            let Ok(permit) = permits.clone().try_acquire_owned() else {
                tracing::warn!(%peer, "connection refused: the hub serves its maximum already");
                continue;
            };
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_read_timeout)
                .serve_connection(TokioIo::new(stream), service.clone());
            let connection = graceful.watch(connection);
            tokio::spawn(async move {
                let _permit = permit;
                if let Err(e) = connection.await {
                    tracing::debug!(%peer, error = %e, "connection closed");
                }
            });
        }
        drop(listener);
        if tokio::time::timeout(grace, graceful.shutdown())
            .await
            .is_err()
        {
            tracing::warn!("requests still in flight after the shutdown grace were dropped");
        }
        Ok(())
    }
}

/// The component's callback endpoint, or a 404 that says none is configured.
fn endpoint_of<'a, P>(shared: &'a Shared<P>, appid: &str) -> Result<&'a Endpoint, Failure> {
    shared.components.get(appid).ok_or_else(|| {
        Failure::new(
            StatusCode::NOT_FOUND,
            "not_configured",
            format!("no callback is configured for component {appid}"),
        )
    })
}

/// A check of the URL (`echostr`), should WeChat make one.
async fn component_url_check<P: ComponentHubStorage + 'static>(
    State(shared): SharedState<P>,
    Path(appid): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<String, Failure> {
    let endpoint = endpoint_of(&shared, &appid)?;
    let query = CallbackQuery::parse(query.as_deref().unwrap_or_default());
    endpoint.verify_url(&query).map_err(callback_failure)
}

/// What WeChat pushes to the component's authorization event URL.
async fn component_callback<P: ComponentHubStorage + 'static>(
    State(shared): SharedState<P>,
    Path(appid): Path<String>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Result<&'static str, Failure> {
    let endpoint = endpoint_of(&shared, &appid)?;
    let query = CallbackQuery::parse(query.as_deref().unwrap_or_default());
    let received = endpoint.receive(&query, &body).map_err(callback_failure)?;
    let Incoming::Component(notification) = received.incoming else {
        return Ok(SUCCESS);
    };
    if notification.app_id != appid {
        return Err(Failure::new(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "the notification is for another component",
        ));
    }
    let hub = &shared.hub;
    match notification.kind {
        ComponentKind::VerifyTicket { ticket } => {
            hub.store().save_verify_ticket(&appid, &ticket).await?;
            tracing::info!(component = %appid, "component_verify_ticket saved");
        }
        ComponentKind::Authorized(authorization)
        | ComponentKind::UpdateAuthorized(authorization) => {
            let authorizer = hub
                .authorize(&appid, &authorization.authorization_code)
                .await?;
            tracing::info!(component = %appid, %authorizer, "authorizer saved");
        }
        ComponentKind::Unauthorized { authorizer_appid } => {
            hub.forget_authorizer(&appid, &authorizer_appid).await?;
            tracing::info!(component = %appid, authorizer = %authorizer_appid, "authorizer forgotten");
        }
        _ => {}
    }
    Ok(SUCCESS)
}

/// A callback refused: a bad signature or a replay is 403, anything else malformed is 400.
fn callback_failure(error: Error) -> Failure {
    let status = match error {
        Error::InvalidSignature | Error::StaleCallback { .. } => StatusCode::FORBIDDEN,
        _ => StatusCode::BAD_REQUEST,
    };
    Failure::new(status, "invalid_callback", error.to_string())
}

/// Ready when the persistence answers a read (unauthenticated, like `/healthz`).
async fn readyz<P: HubStorage + 'static>(
    State(shared): SharedState<P>,
) -> Result<&'static str, Failure> {
    shared.hub.store().secret("wechat-hub:readyz").await?;
    Ok("ready")
}

/// The hub's counters, as Prometheus text. They carry paths, routes, statuses and errcodes,
/// never an appid or a token, so they are served without credentials.
async fn metrics<P: HubStorage + 'static>(State(shared): SharedState<P>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        shared.hub.metrics().render(),
    )
        .into_response()
}

/// A refusal or a failure, answered in elixir_wechat's error shape with a fitting status.
struct Failure {
    status: StatusCode,
    errcode: Option<i64>,
    message: String,
    reason: &'static str,
}

impl Failure {
    fn new(status: StatusCode, reason: &'static str, message: impl Into<String>) -> Self {
        Failure {
            status,
            errcode: None,
            message: message.into(),
            reason,
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        let (status, reason) = match &error {
            Error::InvalidInput(_) => (StatusCode::BAD_REQUEST, "invalid_request"),
            Error::Missing { .. } => (StatusCode::NOT_FOUND, "not_configured"),
            Error::Config(_) => (StatusCode::INTERNAL_SERVER_ERROR, "hub_misconfigured"),
            Error::Storage { .. } => (StatusCode::SERVICE_UNAVAILABLE, "storage_unavailable"),
            Error::RefreshLimited { .. } => (StatusCode::TOO_MANY_REQUESTS, "refresh_limited"),
            _ => (StatusCode::BAD_GATEWAY, "wechat_failed"),
        };
        Failure {
            status,
            errcode: error.errcode(),
            // Errors never carry a secret or token in their text.
            message: error.to_string(),
            reason,
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let body = ErrorAnswer {
            errcode: self.errcode,
            http_status: Some(self.status.as_u16()),
            message: self.message,
            reason: Some(self.reason.to_owned()),
        };
        (self.status, Json(body)).into_response()
    }
}

/// Checks the caller's credentials and its right to `appid`.
fn authorize<P>(
    shared: &Shared<P>,
    headers: &HeaderMap,
    appid: &str,
    route: &str,
) -> Result<(), Failure> {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let Some(presented) = presented else {
        if shared.elixir_compat {
            tracing::info!(caller = "anonymous", appid, route, "hub call");
            return Ok(());
        }
        return Err(Failure::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "send `Authorization: Bearer <caller secret>`",
        ));
    };
    // Compare with every caller, so that the time taken does not tell which one matched.
    let mut matched = None;
    for caller in &shared.callers {
        if bool::from(
            caller
                .secret
                .expose()
                .as_bytes()
                .ct_eq(presented.as_bytes()),
        ) {
            matched = Some(caller);
        }
    }
    let Some(caller) = matched else {
        tracing::warn!(appid, route, "hub call with an unknown secret");
        return Err(Failure::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "unknown caller secret",
        ));
    };
    if !caller.may_read(appid) {
        tracing::warn!(caller = %caller.name, appid, route, "hub call outside the caller's appids");
        return Err(Failure::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            format!("caller {} may not read appid {appid}", caller.name),
        ));
    }
    tracing::info!(caller = %caller.name, appid, route, "hub call");
    Ok(())
}

fn token_key(appid: &str, authorizer_appid: Option<&str>) -> TokenKey {
    match authorizer_appid {
        Some(authorizer_appid) if !authorizer_appid.is_empty() => {
            TokenKey::authorizer(appid, authorizer_appid)
        }
        _ => TokenKey::app(appid),
    }
}

type SharedState<P> = State<Arc<Shared<P>>>;

/// The query of the `GET` routes; a missing or malformed one is an `invalid_request` in the
/// protocol's error shape, not axum's plain-text rejection.
struct AppParams(AppQuery);

impl<S: Send + Sync> FromRequestParts<S> for AppParams {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Failure> {
        let Query(query) = Query::<AppQuery>::from_request_parts(parts, state)
            .await
            .map_err(|e| invalid_request(e.body_text()))?;
        check_appid(&query.appid)?;
        Ok(AppParams(query))
    }
}

/// The body of the refresh routes: JSON, or a urlencoded form as elixir_wechat hubs accept.
struct RefreshParams(RefreshBody);

impl<S: Send + Sync> FromRequest<S> for RefreshParams {
    type Rejection = Failure;

    async fn from_request(request: Request, state: &S) -> Result<Self, Failure> {
        let form = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|e| Failure::new(e.status(), "invalid_request", e.body_text()))?;
        let body: RefreshBody = if form {
            serde_urlencoded::from_bytes(&bytes).map_err(|e| invalid_request(e.to_string()))?
        } else {
            serde_json::from_slice(&bytes).map_err(|e| invalid_request(e.to_string()))?
        };
        check_appid(&body.appid)?;
        Ok(RefreshParams(body))
    }
}

fn invalid_request(message: impl Into<String>) -> Failure {
    Failure::new(StatusCode::BAD_REQUEST, "invalid_request", message)
}

fn check_appid(appid: &str) -> Result<(), Failure> {
    if appid.trim().is_empty() {
        return Err(invalid_request("`appid` is missing"));
    }
    Ok(())
}

async fn access_token<P: ComponentHubStorage + 'static>(
    State(shared): SharedState<P>,
    headers: HeaderMap,
    AppParams(query): AppParams,
) -> Result<Json<TokenAnswer>, Failure> {
    authorize(&shared, &headers, &query.appid, protocol::ACCESS_TOKEN)?;
    let key = token_key(&query.appid, query.authorizer_appid.as_deref());
    let token = shared.hub.token(&key).await?;
    Ok(Json(TokenAnswer::from(token)))
}

async fn refresh_access_token<P: ComponentHubStorage + 'static>(
    State(shared): SharedState<P>,
    headers: HeaderMap,
    RefreshParams(body): RefreshParams,
) -> Result<Json<TokenAnswer>, Failure> {
    authorize(
        &shared,
        &headers,
        &body.appid,
        protocol::REFRESH_ACCESS_TOKEN,
    )?;
    let key = token_key(&body.appid, body.authorizer_appid.as_deref());
    let token = shared.hub.refresh(&key, &body.access_token).await?;
    Ok(Json(TokenAnswer::from(token)))
}

async fn component_access_token<P: ComponentHubStorage + 'static>(
    State(shared): SharedState<P>,
    headers: HeaderMap,
    AppParams(query): AppParams,
) -> Result<Json<TokenAnswer>, Failure> {
    authorize(
        &shared,
        &headers,
        &query.appid,
        protocol::COMPONENT_ACCESS_TOKEN,
    )?;
    let token = shared.hub.token(&TokenKey::component(&query.appid)).await?;
    Ok(Json(TokenAnswer::from(token)))
}

async fn refresh_component_access_token<P: ComponentHubStorage + 'static>(
    State(shared): SharedState<P>,
    headers: HeaderMap,
    RefreshParams(body): RefreshParams,
) -> Result<Json<TokenAnswer>, Failure> {
    authorize(
        &shared,
        &headers,
        &body.appid,
        protocol::REFRESH_COMPONENT_ACCESS_TOKEN,
    )?;
    let token = shared
        .hub
        .refresh(&TokenKey::component(&body.appid), &body.access_token)
        .await?;
    Ok(Json(TokenAnswer::from(token)))
}

async fn ticket<P: ComponentHubStorage + 'static>(
    State(shared): SharedState<P>,
    headers: HeaderMap,
    AppParams(query): AppParams,
) -> Result<Json<TicketAnswer>, Failure> {
    authorize(&shared, &headers, &query.appid, protocol::TICKET)?;
    let ticket_type: TicketType = query
        .ticket_type
        .as_deref()
        .ok_or_else(|| invalid_request("`type` is missing: `jsapi` or `wx_card`"))?
        .parse()
        .map_err(Failure::from)?;
    let key = token_key(&query.appid, query.authorizer_appid.as_deref());
    let ticket = shared.hub.ticket(&key, ticket_type).await?;
    Ok(Json(TicketAnswer::from(&ticket)))
}
