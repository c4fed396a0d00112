//! A Rust SDK for the WeChat (Weixin) server APIs: Official Accounts, Mini Programs and
//! third-party platforms (component applications).
//!
//! A client is bound to a *storage* that supplies its tokens. The runtime injects the token
//! each path needs, caches it locally, refreshes it once when WeChat rejects it, coalesces
//! concurrent refreshes, and retries transient failures without ever sending a message twice.
//!
//! - [`ClientStorage`] / [`ComponentClientStorage`]: what a client reads tokens from. Implement
//!   them to read from your own token service, or use a built-in one.
//! - [`Hub`]: the token manager. It calls WeChat itself (`/cgi-bin/stable_token` by default)
//!   and keeps tokens in a persistence ([`HubStorage`], [`ComponentHubStorage`]), such as
//!   [`MemoryStore`].
//! - [`Client`]: the connection pool, the binding to a storage, and [`Client::request`] for any
//!   path. `#[wechat_client]` generates named client types over it.
//!
//! # Example
//!
//! A client type bound to its storage, then a typed call, an untyped one, and a call that uses
//! another storage for once. Against the built-in simulator (feature `simulator`), so it runs
//! offline:
//!
//! ```
//! # #[cfg(feature = "simulator")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use wechat_runtime::simulator::Simulator;
//! use wechat_runtime::{wechat_client, Hub, MemoryStore};
//!
//! /// Our Official Account: its tokens are fetched and kept by an embedded hub.
//! #[wechat_client(storage = Hub<MemoryStore>, appid = "wx0123456789abcdef")]
//! pub struct OfficialAccount;
//!
//! let wechat = Simulator::start().await?;
//! wechat.add_app("wx0123456789abcdef", "the-appsecret");
//!
//! let hub = Hub::builder(MemoryStore::new().with_app("wx0123456789abcdef", "the-appsecret"))
//!     .base_url(wechat.base_url())
//!     .build()?;
//! let account = OfficialAccount::builder(hub).base_url(wechat.base_url()).build()?;
//!
//! // Any path, with the token injected, cached, and refreshed once if WeChat rejects it.
//! let user: serde_json::Value = account
//!     .get("/cgi-bin/user/info")
//!     .query("openid", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M")
//!     .await?
//!     .json()?;
//! assert_eq!(user["openid"], "o6_bmjrPTlm6_2sgVt7hMZOPfL2M");
//!
//! // The same call with another storage, for this call only (elixir's `adapter_storage:`).
//! let other = Hub::builder(MemoryStore::new().with_app("wx0123456789abcdef", "the-appsecret"))
//!     .base_url(wechat.base_url())
//!     .build()?;
//! account
//!     .get("/cgi-bin/menu/get")
//!     .with_storage(&other, ())
//!     .await?;
//! # Ok(()) }
//! # #[cfg(not(feature = "simulator"))]
//! # fn main() {}
//! ```
//!
//! # Features
//!
//! - `simulator`: `simulator`, an offline stand-in for the WeChat API, for tests and examples.
//! - `pay`: `pay`, WeChat Pay API v3: `pay::PayClient` (signed requests, every answer verified
//!   by serial, typed payments, refunds, transfers and bills) and notifications, over the
//!   `wechat-pay` crate's keys and signatures. `pay-axum` adds an axum route for notifications.
//! - `work`: the typed areas of WeCom (企业微信) in [`work`]; WeCom tokens need no feature.
//! - `redis`: `RedisStore`, a hub persistence that many processes share, with a distributed
//!   lock so that they make one upstream fetch per expiry.
//! - `hub-server`: `hub::server`, the hub HTTP protocol over any [`Hub`] (axum), for
//!   [`HubClient`]s and elixir_wechat clients in other processes.
//! - `callback`: `callback`, what WeChat pushes to your server: signatures, WXBizMsgCrypt,
//!   typed messages and events, replies. `callback-axum` adds an axum handler for them.
//!
//! The default build pulls no server stack and no Redis. On docs.rs every feature is on.

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod api;
mod call;
mod error;
pub mod hub;
mod storage;
mod token;
pub mod work;

#[cfg(feature = "callback")]
pub mod callback;

#[cfg(feature = "pay")]
pub mod pay;

pub use crate::api::{ApiCall, ApiCallFuture};
pub use crate::call::client::{Client, ClientBuilder};
pub use crate::call::kind::{ActsForAuthorizers, Common, Component, Kind, WeChatKind, Work};
pub use crate::call::request::RequestBuilder;
pub use crate::call::transport::{
    Part, Response, RetryPolicy, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT,
};
pub use crate::error::{BoxError, Error, Result, IP_NOT_ALLOWED_ERRCODES, TOKEN_EXPIRED_ERRCODES};
pub use crate::hub::{Hub, HubBuilder, HubClient, HubClientBuilder, TokenEndpoint};
pub use crate::storage::{
    ClientStorage, ComponentClientStorage, ComponentHubStorage, HubStorage, LockToken, MemoryStore,
    TokenKey,
};
#[cfg(feature = "redis")]
pub use crate::storage::{RedisStore, RedisStoreBuilder};
pub use crate::token::{now_unix, Secret, Ticket, TicketType, Token, EXPIRY_MARGIN_SECS};
pub use async_trait::async_trait;
/// The HTTP client underneath, re-exported: [`ClientBuilder::http_client`] and the other
/// builders take a `reqwest::Client`, and transport errors carry a `reqwest::Error`. Use this
/// one, so that the versions match.
pub use reqwest;
pub use reqwest::Method;
pub use wechat_macros::wechat_client;

/// The offline WeChat simulator (feature `simulator`): see the `wechat-simulator` crate.
#[cfg(feature = "simulator")]
pub use wechat_simulator as simulator;

/// What code generated by `#[wechat_client]` refers to. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::api::ApiCall;
    pub use crate::call::client::{Client, ClientBuilder};
    pub use crate::call::kind::{Common, Component, Work};
    pub use crate::storage::{ClientStorage, ComponentClientStorage, WorkClientStorage};
    pub use crate::work::WorkApp;
    pub use ::core::{
        clone::Clone, convert::From, default::Default, fmt, ops::Deref, result::Result,
    };

    /// Implemented by every `Default` type: names the fix when a client without `args = ...`
    /// has a storage whose `Args` have no default.
    #[diagnostic::on_unimplemented(
        message = "`{Self}`, the `Args` of this storage, has no default: give `args = ...` to `#[wechat_client]`, or implement `Default` for `{Self}`",
        label = "the `Args` of this storage have no default",
        note = "without `args = ...`, the args are `Default::default()`"
    )]
    pub trait DefaultArgs: Sized {
        /// `Default::default()`.
        fn default_args() -> Self;
    }

    impl<T: Default> DefaultArgs for T {
        fn default_args() -> Self {
            T::default()
        }
    }

    /// `Default` for the storage of a generated client, which bounds its `Default` impl on
    /// this trait rather than on `Default`: a bound that names the impl's lifetime is not
    /// checked where the client is declared, so a storage without a default gives a client
    /// without one, not an error; the error comes where that client's `default()` is called.
    /// It is cheaper to compile than the `for<'a>` bound that does the same.
    pub trait DefaultStorage<'a>: Sized {
        /// `Default::default()`.
        fn default_storage() -> Self;
    }

    impl<S: Default> DefaultStorage<'_> for S {
        #[inline]
        fn default_storage() -> Self {
            S::default()
        }
    }

    /// The `Debug` of a generated client: its name around the client's own `Debug`. One
    /// function shared by every client, so that each `Debug` impl is a single call.
    pub fn debug_tuple<T: fmt::Debug>(
        f: &mut fmt::Formatter<'_>,
        name: &str,
        client: &T,
    ) -> fmt::Result {
        f.debug_tuple(name).field(client).finish()
    }

    /// The builder of a common client without `args = ...`: one call that checks the storage
    /// and its default args, so that a mistake is one error at the storage type.
    pub fn common_builder<S>(storage: S) -> ClientBuilder<S, Common>
    where
        S: ClientStorage + 'static,
        S::Args: DefaultArgs + 'static,
    {
        ClientBuilder::common(storage, DefaultArgs::default_args())
    }

    /// What `args = ...` must be: the storage's `Args`. A trait, rather than the type itself,
    /// so that a value of another type is told what the storage expects instead of pointing
    /// here.
    #[diagnostic::on_unimplemented(
        message = "`args = ...` is a `{Self}`, but this storage's `Args` are `{A}`",
        label = "expected the storage's `Args`, `{A}`",
        note = "give `args = ...` an expression of type `{A}`: the `type Args` of the storage's `ClientStorage` (or `ComponentClientStorage`) impl"
    )]
    pub trait StorageArgs<A> {
        /// The args themselves.
        fn into_args(self) -> A;
    }

    impl<A> StorageArgs<A> for A {
        #[inline]
        fn into_args(self) -> A {
            self
        }
    }

    /// The builder of a common client with `args = ...`.
    pub fn common_builder_with<S>(
        storage: S,
        args: impl StorageArgs<S::Args>,
    ) -> ClientBuilder<S, Common>
    where
        S: ClientStorage + 'static,
        S::Args: 'static,
    {
        ClientBuilder::common(storage, args.into_args())
    }

    /// The builder of a component client without `args = ...`.
    pub fn component_builder<S>(storage: S) -> ClientBuilder<S, Component>
    where
        S: ComponentClientStorage + 'static,
        S::Args: DefaultArgs + 'static,
    {
        ClientBuilder::component(storage, DefaultArgs::default_args())
    }

    /// The builder of a component client with `args = ...`.
    pub fn component_builder_with<S>(
        storage: S,
        args: impl StorageArgs<S::Args>,
    ) -> ClientBuilder<S, Component>
    where
        S: ComponentClientStorage + 'static,
        S::Args: 'static,
    {
        ClientBuilder::component(storage, args.into_args())
    }

    /// The builder of a WeCom client without `args = ...`.
    pub fn work_builder<S>(storage: S) -> ClientBuilder<S, Work>
    where
        S: WorkClientStorage + 'static,
        S::Args: DefaultArgs + 'static,
    {
        ClientBuilder::work(storage, DefaultArgs::default_args())
    }

    /// The builder of a WeCom client with `args = ...`.
    pub fn work_builder_with<S>(
        storage: S,
        args: impl StorageArgs<S::Args>,
    ) -> ClientBuilder<S, Work>
    where
        S: WorkClientStorage + 'static,
        S::Args: 'static,
    {
        ClientBuilder::work(storage, args.into_args())
    }

    /// Builds a client, or panics with the reason: for the infallible `new` constructors.
    #[track_caller]
    pub fn build<S, K, C: From<Client<S, K>>>(builder: ClientBuilder<S, K, C>) -> C {
        match builder.build() {
            Ok(client) => client,
            Err(e) => panic!("cannot build the WeChat client: {e}"),
        }
    }
}
