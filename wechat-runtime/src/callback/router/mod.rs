//! A router over the typed callbacks (feature `callback`): handlers per message type, per
//! event (and per event key for clicks and scans), per component notification, and a
//! fallback; WeChat's retries dropped by a [`DedupStore`]; replies that miss WeChat's five
//! seconds sent as customer service messages, on the routes that opt in.
//!
//! The exhaustive `match` over [`Incoming`] stays available; the router is a convenience on
//! top. It plugs into the axum route ([`Router::into_route`], feature `callback-axum`) or is
//! called directly ([`Router::dispatch`]) after [`Endpoint::receive`](super::Endpoint::receive).
//!
//! ```
//! use wechat_runtime::callback::router::{On, Router};
//! use wechat_runtime::callback::{Incoming, Reply};
//!
//! let router = Router::new()
//!     .on(On::message("text"), |incoming: Incoming| async move {
//!         Some(Reply::text(format!("you said: {}", incoming.text().unwrap_or_default())))
//!     })
//!     .on(On::event("subscribe"), |_incoming: Incoming| async { Reply::text("welcome") })
//!     .on(On::click("V1001_GOOD"), |_incoming: Incoming| async { Reply::text("thanks!") })
//!     .fallback(|_incoming: Incoming| async {});
//! # let _ = router;
//! ```

mod dedup;
mod late;
mod matching;

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

pub use self::dedup::{dedup_key, DedupStore, MemoryDedup, DEFAULT_DEDUP_TTL};
pub use self::late::LateReply;
use self::matching::{Class, RouteKey};
use super::{Incoming, IntoReply, Reply};
use crate::error::BoxError;

/// How long a handler on a route with late replies has before the router answers `success`
/// for it: WeChat gives up after five seconds, and the answer needs time to travel.
pub const DEFAULT_REPLY_DEADLINE: Duration = Duration::from_millis(4500);

type HandlerFuture = Pin<Box<dyn Future<Output = Result<Option<Reply>, BoxError>> + Send>>;
type Handler = Arc<dyn Fn(Incoming) -> HandlerFuture + Send + Sync>;

/// What a route matches. Names are WeChat's (`MsgType`, `Event`, `InfoType`), in any case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct On {
    keys: Vec<RouteKey>,
}

impl On {
    /// Messages of this `MsgType`: `text`, `image`, `voice`, `video`, `shortvideo`,
    /// `location`, `link`, `miniprogrampage`…
    pub fn message(msg_type: &str) -> Self {
        On {
            keys: vec![RouteKey::new(Class::Message, msg_type, None)],
        }
    }

    /// Events of this `Event`: `subscribe`, `unsubscribe`, `CLICK`, `VIEW`, `SCAN`,
    /// `LOCATION`, `TEMPLATESENDJOBFINISH`…
    pub fn event(event: &str) -> Self {
        On {
            keys: vec![RouteKey::new(Class::Event, event, None)],
        }
    }

    /// Clicks on the menu button whose key is `key`.
    pub fn click(key: &str) -> Self {
        On {
            keys: vec![RouteKey::new(Class::Event, "click", Some(key))],
        }
    }

    /// Scans of the QR code of `scene`, by a follower (`SCAN`) or by a user who follows
    /// through it (`subscribe` with `qrscene_<scene>`).
    pub fn scan(scene: &str) -> Self {
        On {
            keys: vec![
                RouteKey::new(Class::Event, "scan", Some(scene)),
                RouteKey::new(Class::Event, "subscribe", Some(scene)),
            ],
        }
    }

    /// Component notifications of this `InfoType`: `component_verify_ticket`,
    /// `authorized`, `updateauthorized`, `unauthorized`…
    pub fn component(info_type: &str) -> Self {
        On {
            keys: vec![RouteKey::new(Class::Component, info_type, None)],
        }
    }
}

#[derive(Clone)]
struct Route {
    handler: Handler,
    /// Whether a reply after the deadline goes out as a customer service message.
    late: bool,
}

/// Handlers for callbacks, by kind; see the [module](self) documentation.
///
/// Lookup goes from the most specific route to the fallback: a click's key, then the event;
/// without a route (and no fallback) the callback is answered `success`.
///
/// Repeats are dropped by [`dedup_key`] in a [`MemoryDedup`] unless another
/// [`DedupStore`] is set ([`dedup`](Self::dedup)); a handler that fails has its key forgotten,
/// so WeChat's retry runs it again.
#[derive(Clone)]
pub struct Router {
    routes: HashMap<RouteKey, Route>,
    fallback: Option<Route>,
    dedup: Option<Arc<dyn DedupStore>>,
    dedup_ttl: Duration,
    late: Option<Arc<dyn LateReply>>,
    reply_deadline: Duration,
}

impl fmt::Debug for Router {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Router")
            .field("routes", &self.routes.len())
            .field("fallback", &self.fallback.is_some())
            .field("dedup", &self.dedup.is_some())
            .field("dedup_ttl", &self.dedup_ttl)
            .field("late_replies", &self.late.is_some())
            .field("reply_deadline", &self.reply_deadline)
            .finish()
    }
}

impl Default for Router {
    fn default() -> Self {
        Self::new()
    }
}

impl Router {
    /// A router with no routes, dropping repeats in memory.
    pub fn new() -> Self {
        Router {
            routes: HashMap::new(),
            fallback: None,
            dedup: Some(Arc::new(MemoryDedup::new())),
            dedup_ttl: DEFAULT_DEDUP_TTL,
            late: None,
            reply_deadline: DEFAULT_REPLY_DEADLINE,
        }
    }

    /// Routes what `on` matches to `handler`, replacing a route of the same match.
    pub fn on<F, Fut, R>(self, on: On, handler: F) -> Self
    where
        F: Fn(Incoming) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = R> + Send + 'static,
        R: IntoReply,
    {
        self.add(on, boxed(handler), false)
    }

    /// As [`on`](Self::on), and a reply that takes longer than the
    /// [deadline](Self::reply_deadline) goes out through [`late_replies`](Self::late_replies):
    /// the callback is answered `success` in time, the handler runs on.
    pub fn on_late<F, Fut, R>(self, on: On, handler: F) -> Self
    where
        F: Fn(Incoming) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = R> + Send + 'static,
        R: IntoReply,
    {
        self.add(on, boxed(handler), true)
    }

    /// What no route matches.
    pub fn fallback<F, Fut, R>(mut self, handler: F) -> Self
    where
        F: Fn(Incoming) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = R> + Send + 'static,
        R: IntoReply,
    {
        self.fallback = Some(Route {
            handler: boxed(handler),
            late: false,
        });
        self
    }

    /// Remembers seen callbacks in `store` (e.g. a `RedisStore`, when several nodes receive
    /// callbacks) instead of in memory.
    pub fn dedup(mut self, store: impl DedupStore + 'static) -> Self {
        self.dedup = Some(Arc::new(store));
        self
    }

    /// How long a callback is remembered (default [`DEFAULT_DEDUP_TTL`]).
    pub fn dedup_ttl(mut self, ttl: Duration) -> Self {
        self.dedup_ttl = ttl;
        self
    }

    /// Runs every callback, repeats included.
    pub fn without_dedup(mut self) -> Self {
        self.dedup = None;
        self
    }

    /// Where late replies of [`on_late`](Self::on_late) routes go, typically the [`Client`](crate::Client)
    /// of the account. Without it, those routes wait for their handler as others do.
    pub fn late_replies(mut self, sender: impl LateReply + 'static) -> Self {
        self.late = Some(Arc::new(sender));
        self
    }

    /// How long an [`on_late`](Self::on_late) handler has (default [`DEFAULT_REPLY_DEADLINE`]).
    pub fn reply_deadline(mut self, deadline: Duration) -> Self {
        self.reply_deadline = deadline;
        self
    }

    fn add(mut self, on: On, handler: Handler, late: bool) -> Self {
        for key in on.keys {
            let route = Route {
                handler: handler.clone(),
                late,
            };
            self.routes.insert(key, route);
        }
        self
    }

    fn route(&self, incoming: &Incoming) -> Option<&Route> {
        let (specific, general) = RouteKey::of(incoming);
        self.routes
            .get(&specific)
            .or_else(|| general.and_then(|key| self.routes.get(&key)))
            .or(self.fallback.as_ref())
    }

    /// Runs the handler `incoming` routes to, unless it is a repeat, and returns its reply
    /// (`None`: answer `success`).
    ///
    /// # Errors
    ///
    /// The handler's error (answer it with a 5xx: WeChat then retries, and the retry runs).
    pub async fn dispatch(&self, incoming: Incoming) -> Result<Option<Reply>, BoxError> {
        let Some(route) = self.route(&incoming) else {
            return Ok(None);
        };
        let key = self.dedup.as_ref().map(|_| dedup_key(&incoming));
        if let (Some(store), Some(key)) = (&self.dedup, &key) {
            match store.first_seen(key, self.dedup_ttl).await {
                Ok(true) => {}
                Ok(false) => return Ok(None),
                // Better twice than never: an unreachable store does not drop callbacks.
                Err(err) => {
                    tracing::warn!(error = %err, "callback dedup store failed; handling anyway")
                }
            }
        }
        let result = match (&self.late, route.late, incoming.header().cloned()) {
            (Some(late), true, Some(header)) => {
                let run = (route.handler)(incoming);
                with_deadline(run, self.reply_deadline, late.clone(), header).await
            }
            _ => (route.handler)(incoming).await,
        };
        if result.is_err() {
            if let (Some(store), Some(key)) = (&self.dedup, &key) {
                if let Err(err) = store.forget(key).await {
                    tracing::warn!(error = %err, "cannot forget a failed callback; its retry will be dropped");
                }
            }
        }
        result
    }

    /// The router as the handler of the axum route: `callback(endpoint, router.into_handler())`.
    pub fn into_handler(
        self,
    ) -> impl Fn(Incoming) -> HandlerFuture + Clone + Send + Sync + 'static {
        let router = Arc::new(self);
        move |incoming: Incoming| -> HandlerFuture {
            let router = router.clone();
            Box::pin(async move { router.dispatch(incoming).await })
        }
    }

    /// The one axum route of a callback URL, dispatching through this router (feature
    /// `callback-axum`); see [`callback`](super::axum::callback).
    #[cfg(feature = "callback-axum")]
    pub fn into_route<S>(self, endpoint: super::Endpoint) -> ::axum::routing::MethodRouter<S>
    where
        S: Clone + Send + Sync + 'static,
    {
        super::axum::callback(endpoint, self.into_handler())
    }
}

fn boxed<F, Fut, R>(handler: F) -> Handler
where
    F: Fn(Incoming) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = R> + Send + 'static,
    R: IntoReply,
{
    Arc::new(move |incoming| -> HandlerFuture {
        let run = handler(incoming);
        Box::pin(async move { run.await.into_reply() })
    })
}

/// Waits `deadline` for `run`; past it, answers `None` (`success`) and lets `run` finish in
/// a task of its own, whose reply goes out through `late`.
async fn with_deadline(
    run: HandlerFuture,
    deadline: Duration,
    late: Arc<dyn LateReply>,
    header: super::Header,
) -> Result<Option<Reply>, BoxError> {
    let mut task = tokio::spawn(run);
    match tokio::time::timeout(deadline, &mut task).await {
        Ok(joined) => joined.map_err(|e| -> BoxError { Box::new(e) })?,
        Err(_) => {
            tokio::spawn(async move {
                match task.await {
                    Ok(Ok(Some(reply))) => {
                        if let Err(err) = late.send_late(&header, reply).await {
                            tracing::warn!(error = %err, "a late callback reply was not sent");
                        }
                    }
                    Ok(Ok(None)) => {}
                    Ok(Err(err)) => {
                        tracing::warn!(error = %err, "a callback handler failed after its answer was sent");
                    }
                    Err(err) => tracing::warn!(error = %err, "a callback handler panicked"),
                }
            });
            Ok(None)
        }
    }
}
