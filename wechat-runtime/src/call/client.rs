//! The client: a connection pool, a storage binding, defaults, and the entry points of calls.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use url::Url;

use crate::binding::{CommonBinding, ComponentBinding, ErasedStorage};
use crate::cache::{CacheKey, TicketKey, TokenCache};
use crate::error::{Error, Result};
use crate::request::RequestBuilder;
use crate::storage::{ClientStorage, ComponentClientStorage};
use crate::token::{Ticket, TicketType, Token};
use crate::transport::{http_client_or_default, RetryPolicy};

/// The base URL of the WeChat API.
pub const DEFAULT_BASE_URL: &str = "https://api.weixin.qq.com";
/// How long a request may take in all, unless a client or a call says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// How long opening a connection may take, unless a client says otherwise.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

mod sealed {
    pub trait Sealed {}
}

/// Whether a client is a common or a component application's: [`Common`] or [`Component`].
pub trait Kind: sealed::Sealed + Send + Sync + 'static {}

/// The kind of a client whose storage is a [`ClientStorage`]: an Official Account or Mini Program.
#[derive(Debug, Clone, Copy)]
pub struct Common;

/// The kind of a client whose storage is a [`ComponentClientStorage`]: a third-party platform
/// acting for authorizers.
#[derive(Debug, Clone, Copy)]
pub struct Component;

impl sealed::Sealed for Common {}
impl sealed::Sealed for Component {}
impl Kind for Common {}
impl Kind for Component {}

/// What every call of one client shares. Not generic: the pipeline is compiled once.
pub(crate) struct ClientCore {
    pub http: reqwest::Client,
    pub base_url: String,
    pub appid: Option<String>,
    pub authorizer_appid: Option<String>,
    pub binding: Arc<dyn ErasedStorage>,
    pub cache: TokenCache,
    pub retry: RetryPolicy,
    pub timeout: Duration,
}

impl ClientCore {
    /// The URL of `path` under the base URL.
    pub(crate) fn url(&self, path: &str) -> Result<Url> {
        Url::parse(&format!("{}{}", self.base_url, path))
            .map_err(|_| Error::invalid_input(format!("`{path}` does not make a valid URL")))
    }
}

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
            .field("base_url", &self.core.base_url)
            .field("appid", &self.core.appid)
            .field("authorizer_appid", &self.core.authorizer_appid)
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

impl<S, K: Kind> Client<S, K> {
    /// A call of any WeChat API by method and path, for what has no typed method.
    ///
    /// The credential the path needs is injected, and refreshed once if WeChat rejects it.
    pub fn request(&self, method: Method, path: impl Into<String>) -> RequestBuilder<'static, K> {
        RequestBuilder::new(self.core.clone(), method, path.into())
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
        &self.core.base_url
    }

    /// The current access token of the client's appid (the authorizer's, for a component client
    /// with an `authorizer_appid`), through the local cache.
    pub async fn access_token(&self) -> Result<Token> {
        let core = &*self.core;
        let appid = require_appid(core.appid.as_deref())?;
        let key = CacheKey::AccessToken {
            appid: appid.to_owned(),
            authorizer_appid: core.authorizer_appid.clone(),
        };
        crate::request::fetch_token(&*core.binding, Some(&core.cache), &key).await
    }

    /// The current `jsapi` or `wx_card` ticket of the client's appid, through the local cache.
    pub async fn ticket(&self, ticket_type: TicketType) -> Result<Ticket> {
        self.core.ticket(ticket_type).await
    }
}

impl ClientCore {
    /// The ticket of the client's appid (its default authorizer's, on a component client):
    /// from the cache while fresh, else from the storage, one call at a time.
    pub(crate) async fn ticket(&self, ticket_type: TicketType) -> Result<Ticket> {
        let appid = require_appid(self.appid.as_deref())?;
        let key = TicketKey {
            appid: appid.to_owned(),
            authorizer_appid: self.authorizer_appid.clone(),
            ticket_type,
        };
        let authorizer_appid = self.authorizer_appid.as_deref();
        self.cache
            .ticket_or_fetch(&key, || {
                self.binding.ticket(appid, authorizer_appid, ticket_type)
            })
            .await
    }
}

pub(crate) fn require_appid(appid: Option<&str>) -> Result<&str> {
    match appid {
        None => Err(Error::Config(
            "no appid: set `appid` on the client or on the call".to_owned(),
        )),
        Some(appid) if appid.trim().is_empty() => Err(Error::invalid_input("the appid is empty")),
        Some(appid) => Ok(appid),
    }
}

/// Configures a [`Client`]: appids, base URL, HTTP client, timeouts and retries.
///
/// `C` is what [`build`](ClientBuilder::build) returns: a [`Client`], or a type generated by
/// `#[wechat_client]` that wraps one.
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
    http: Option<reqwest::Client>,
    base_url: String,
    appid: Option<String>,
    authorizer_appid: Option<String>,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
}

impl Config {
    fn into_core(self) -> Result<ClientCore> {
        let base_url = parse_base_url(&self.base_url)?;
        for (name, value) in [
            ("appid", &self.appid),
            ("authorizer_appid", &self.authorizer_appid),
        ] {
            if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
                return Err(Error::Config(format!("the {name} is empty")));
            }
        }
        let http = http_client_or_default(self.http, self.connect_timeout)?;
        Ok(ClientCore {
            http,
            base_url,
            appid: self.appid,
            authorizer_appid: self.authorizer_appid,
            binding: self.binding,
            cache: TokenCache::default(),
            retry: self.retry,
            timeout: self.timeout,
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

impl<S, K, C> ClientBuilder<S, K, C> {
    fn with_binding(storage: Arc<S>, binding: Arc<dyn ErasedStorage>) -> Self {
        ClientBuilder {
            storage,
            config: Config {
                binding,
                http: None,
                base_url: DEFAULT_BASE_URL.to_owned(),
                appid: None,
                authorizer_appid: None,
                timeout: DEFAULT_TIMEOUT,
                connect_timeout: DEFAULT_CONNECT_TIMEOUT,
                retry: RetryPolicy::default(),
            },
            _out: PhantomData,
        }
    }

    /// The default appid of calls (the component appid, for a component client).
    pub fn appid(mut self, appid: impl Into<String>) -> Self {
        self.config.appid = Some(appid.into());
        self
    }

    /// Where calls go: `https://api.weixin.qq.com` unless set, e.g. a simulator or a proxy.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.config.base_url = base_url.into();
        self
    }

    /// The HTTP client to use, with its own pool, proxy and TLS settings. The connect timeout
    /// of this builder then does not apply.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.config.http = Some(http);
        self
    }

    /// How long a request may take in all (30 s unless set); a call can override it.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.config.timeout = timeout;
        self
    }

    /// How long opening a connection may take (5 s unless set).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.config.connect_timeout = timeout;
        self
    }

    /// How transient failures are retried.
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.config.retry = retry;
        self
    }

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

/// Checks a base URL and drops its trailing slash, so that paths can be appended.
pub(crate) fn parse_base_url(base_url: &str) -> Result<String> {
    let url = Url::parse(base_url)
        .map_err(|e| Error::Config(format!("the base URL `{base_url}` is not a URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.query().is_some() {
        return Err(Error::Config(format!(
            "the base URL `{base_url}` must be an http or https URL without a query"
        )));
    }
    Ok(base_url.trim_end_matches('/').to_owned())
}
