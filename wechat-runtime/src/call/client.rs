//! Layer 1: the client, a connection pool bound to a storage, and the entry points of calls.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use reqwest::Method;

use super::binding::{CommonBinding, ComponentBinding, ErasedStorage, WorkBinding};
use super::cache::{CacheKey, TokenCache};
use super::credential::fetch_token;
use super::kind::{Common, Component, Kind, Work};
use super::request::RequestBuilder;
use super::shared::{require_appid, ClientCore};
use super::transport::{transport_setters, TransportConfig, DEFAULT_BASE_URL, DEFAULT_TIMEOUT};
use crate::error::{Error, Result};
use crate::storage::{ClientStorage, ComponentClientStorage, WorkClientStorage};
use crate::token::{Ticket, TicketType, Token};
use crate::work::{WorkApp, WorkKey, WORK_BASE_URL};

/// A WeChat API client bound to a storage `S` that supplies its tokens.
///
/// `K` is [`Common`] (the storage is a [`ClientStorage`]) or [`Component`] (a
/// [`ComponentClientStorage`]). Cloning is cheap and clones share the connection pool and the
/// token cache. Usually you get one from `#[wechat_client]`, which derefs to this type.
///
/// ```no_run
/// use wechat_runtime::{Client, Hub, MemoryStore};
///
/// # async fn run() -> Result<(), wechat_runtime::Error> {
/// let hub = Hub::new(MemoryStore::new().with_app("wx0123456789abcdef", "the-appsecret"));
/// let client = Client::builder(hub).appid("wx0123456789abcdef").build()?;
/// let user: serde_json::Value = client
///     .get("/cgi-bin/user/info")
///     .query("openid", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M")
///     .await?
///     .json()?;
/// # let _ = user; Ok(()) }
/// ```
pub struct Client<S, K = Common> {
    pub(crate) core: Arc<ClientCore>,
    storage: Arc<S>,
    _kind: PhantomData<K>,
}

impl<S, K> Clone for Client<S, K> {
    fn clone(&self) -> Self {
        Client {
            core: self.core.clone(),
            storage: self.storage.clone(),
            _kind: PhantomData,
        }
    }
}

impl<S, K> fmt::Debug for Client<S, K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.core.transport.shown_base_url())
            .field("appid", &self.core.appid)
            .field("authorizer_appid", &self.core.authorizer_appid)
            .field("work_app", &self.core.work_app)
            .finish_non_exhaustive()
    }
}

impl<S: ClientStorage + 'static> Client<S, Common>
where
    S::Args: Default + 'static,
{
    /// A common client over `storage`, with default args and settings.
    ///
    /// # Panics
    /// If the HTTP client cannot be built (no TLS backend), as `reqwest::Client::new` does.
    /// Use [`Client::builder`] to handle that error.
    pub fn new(storage: S) -> Self {
        crate::__private::build(Self::builder(storage))
    }

    /// A builder of a common client over `storage` with default args.
    pub fn builder(storage: S) -> ClientBuilder<S, Common> {
        ClientBuilder::common(storage, S::Args::default())
    }
}

impl<S: ComponentClientStorage + 'static> Client<S, Component>
where
    S::Args: Default + 'static,
{
    /// A component client over `storage`, with default args and settings.
    ///
    /// # Panics
    /// If the HTTP client cannot be built, as [`Client::new`].
    pub fn new_component(storage: S) -> Self {
        crate::__private::build(Self::component_builder(storage))
    }

    /// A builder of a component client over `storage` with default args.
    pub fn component_builder(storage: S) -> ClientBuilder<S, Component> {
        ClientBuilder::component(storage, S::Args::default())
    }
}

impl<S: WorkClientStorage + 'static> Client<S, Work>
where
    S::Args: Default + 'static,
{
    /// A builder of a WeCom client over `storage` with default args: set its corpid and app.
    pub fn work_builder(storage: S) -> ClientBuilder<S, Work> {
        ClientBuilder::work(storage, S::Args::default())
    }
}

impl<S> Client<S, Work> {
    /// The client's app (its `corpid` is [`appid`](Self::appid)).
    pub fn work_app(&self) -> Option<WorkApp> {
        self.core.work_app
    }
}

impl<S, K: Kind> Client<S, K> {
    /// A call of any WeChat API by method and path, for what has no typed method.
    ///
    /// The credential the path needs is injected, and refreshed once if WeChat rejects it.
    pub fn request(&self, method: Method, path: impl Into<String>) -> RequestBuilder<'static, K> {
        RequestBuilder::new(self.core.clone(), method, Cow::Owned(path.into()))
    }

    /// A `GET` call of `path`.
    pub fn get(&self, path: impl Into<String>) -> RequestBuilder<'static, K> {
        self.request(Method::GET, path)
    }

    /// A `POST` call of `path`.
    pub fn post(&self, path: impl Into<String>) -> RequestBuilder<'static, K> {
        self.request(Method::POST, path)
    }

    /// The storage the client is bound to.
    pub fn storage(&self) -> &S {
        &self.storage
    }

    /// The default appid of calls.
    pub fn appid(&self) -> Option<&str> {
        self.core.appid.as_deref()
    }

    /// The base URL calls go to.
    pub fn base_url(&self) -> &str {
        self.core.transport.base_url()
    }

    /// The current access token of the client's appid (the authorizer's, for a component client
    /// with an `authorizer_appid`; the (corpid, app)'s, for a WeCom client), through the local
    /// cache.
    pub async fn access_token(&self) -> Result<Token> {
        let core = &*self.core;
        let appid = require_appid(core.appid.as_deref())?;
        let key = match core.work_app {
            Some(app) => CacheKey::Work(Arc::new(WorkKey::new(appid, app))),
            None => CacheKey::AccessToken {
                appid: appid.into(),
                authorizer_appid: core.authorizer_appid.clone(),
            },
        };
        fetch_token(&*core.binding, Some(&core.cache), &key).await
    }

    /// The current `jsapi` or `wx_card` ticket of the client's appid, through the local cache.
    pub async fn ticket(&self, ticket_type: TicketType) -> Result<Ticket> {
        self.core.ticket(ticket_type).await
    }
}

/// Configures a [`Client`]: appids, base URL, HTTP client, timeouts and retries.
///
/// `C` is what [`build`](ClientBuilder::build) returns: a [`Client`], or a type generated by
/// `#[wechat_client]` that wraps one.
///
/// ```
/// use std::time::Duration;
/// use wechat_runtime::{Client, Hub, MemoryStore};
///
/// let hub = Hub::new(MemoryStore::new().with_app("wx0123456789abcdef", "the-appsecret"));
/// let client = Client::builder(hub)
///     .appid("wx0123456789abcdef")
///     .base_url("http://127.0.0.1:8080") // a simulator, or a proxy
///     .timeout(Duration::from_secs(10))
///     .user_agent("my-app/1.0")
///     .build()?;
/// assert_eq!(client.base_url(), "http://127.0.0.1:8080");
/// # Ok::<(), wechat_runtime::Error>(())
/// ```
#[must_use]
pub struct ClientBuilder<S, K = Common, C = Client<S, K>> {
    storage: Arc<S>,
    config: Config,
    _out: PhantomData<fn() -> (K, C)>,
}

/// What a builder collects, apart from the storage: not generic, so that building is compiled
/// once, however many client types there are.
struct Config {
    binding: Arc<dyn ErasedStorage>,
    transport: TransportConfig,
    appid: Option<String>,
    authorizer_appid: Option<String>,
    work_app: Option<WorkApp>,
}

impl Config {
    fn into_core(self) -> Result<ClientCore> {
        for (name, value) in [
            ("appid", &self.appid),
            ("authorizer_appid", &self.authorizer_appid),
        ] {
            if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
                return Err(Error::Config(format!("the {name} is empty")));
            }
        }
        let work_key = match (&self.appid, self.work_app) {
            (Some(corpid), Some(app)) => Some(Arc::new(WorkKey::new(corpid.as_str(), app))),
            _ => None,
        };
        Ok(ClientCore {
            work_key,
            transport: self.transport.build()?,
            appid: self.appid.map(Arc::from),
            authorizer_appid: self.authorizer_appid.map(Arc::from),
            binding: self.binding,
            cache: TokenCache::default(),
            work_app: self.work_app,
        })
    }
}

impl<S: ClientStorage + 'static, C> ClientBuilder<S, Common, C>
where
    S::Args: 'static,
{
    /// A common client over `storage`, bound with `args`.
    pub fn common(storage: S, args: S::Args) -> Self {
        let storage = Arc::new(storage);
        let binding = Arc::new(CommonBinding {
            storage: storage.clone(),
            args,
        });
        Self::with_binding(storage, binding)
    }
}

impl<S: ComponentClientStorage + 'static, C> ClientBuilder<S, Component, C>
where
    S::Args: 'static,
{
    /// A component client over `storage`, bound with `args`.
    pub fn component(storage: S, args: S::Args) -> Self {
        let storage = Arc::new(storage);
        let binding = Arc::new(ComponentBinding {
            storage: storage.clone(),
            args,
        });
        Self::with_binding(storage, binding)
    }

    /// The default authorizer of calls: they use that authorizer's access token.
    pub fn authorizer_appid(mut self, authorizer_appid: impl Into<String>) -> Self {
        self.config.authorizer_appid = Some(authorizer_appid.into());
        self
    }
}

impl<S: WorkClientStorage + 'static, C> ClientBuilder<S, Work, C>
where
    S::Args: 'static,
{
    /// A WeCom client over `storage`, bound with `args`, calling `qyapi.weixin.qq.com`. Set
    /// its [`corpid`](Self::corpid) and [`work_app`](Self::work_app).
    pub fn work(storage: S, args: S::Args) -> Self {
        let storage = Arc::new(storage);
        let binding = Arc::new(WorkBinding {
            storage: storage.clone(),
            args,
        });
        let mut builder = Self::with_binding(storage, binding);
        builder.config.transport = TransportConfig::new(WORK_BASE_URL, DEFAULT_TIMEOUT);
        builder
    }
}

// Not bound on the storage, so that a storage without `WorkClientStorage` is one error, at
// `work`, rather than one per setter.
impl<S, C> ClientBuilder<S, Work, C> {
    /// The corp of calls (`corpid`).
    pub fn corpid(mut self, corpid: impl Into<String>) -> Self {
        self.config.appid = Some(corpid.into());
        self
    }

    /// The app of calls: its token is the one they carry.
    pub fn work_app(mut self, app: WorkApp) -> Self {
        self.config.work_app = Some(app);
        self
    }
}

impl<S, K, C> ClientBuilder<S, K, C> {
    fn with_binding(storage: Arc<S>, binding: Arc<dyn ErasedStorage>) -> Self {
        ClientBuilder {
            storage,
            config: Config {
                binding,
                transport: TransportConfig::new(DEFAULT_BASE_URL, DEFAULT_TIMEOUT),
                appid: None,
                authorizer_appid: None,
                work_app: None,
            },
            _out: PhantomData,
        }
    }

    /// The default appid of calls (the component appid, for a component client).
    pub fn appid(mut self, appid: impl Into<String>) -> Self {
        self.config.appid = Some(appid.into());
        self
    }

    transport_setters!(config.transport, "30 s", "`https://api.weixin.qq.com`");

    /// The same builder, building a `C2` (a type that wraps the [`Client`], such as one
    /// generated by `#[wechat_client]`).
    pub fn output<C2>(self) -> ClientBuilder<S, K, C2> {
        ClientBuilder {
            storage: self.storage,
            config: self.config,
            _out: PhantomData,
        }
    }

    /// Builds the client.
    ///
    /// Fails if the base URL is not an `http` or `https` URL, an appid is empty, or the HTTP
    /// client cannot be built.
    pub fn build(self) -> Result<C>
    where
        C: From<Client<S, K>>,
    {
        let core = self.config.into_core()?;
        Ok(C::from(Client {
            core: Arc::new(core),
            storage: self.storage,
            _kind: PhantomData,
        }))
    }
}
