//! The `#[wechat_client]` attribute macro of [`wechat-runtime`]. Use it through
//! `wechat_runtime::wechat_client`; this crate is an implementation detail.
//!
//! [`wechat-runtime`]: https://docs.rs/wechat-runtime

mod ast;
mod ctxt;
mod expand;
mod valid;

use proc_macro::TokenStream;

/// Declares a WeChat client type bound to a token storage adapter.
///
/// Put it on a unit struct. The struct keeps its visibility, attributes and doc comments, and
/// becomes a cheap-to-clone handle that derefs to the runtime's `Client<S, K>` (`K` is `Common`,
/// or `Component` with the `component` flag): `request(method, path)`, `get`, `post` and the
/// typed API areas are reached through it. It gets:
///
/// - `new(storage)`, which builds the client with the defaults below (it panics only if the
///   HTTP client cannot be built);
/// - `builder(storage)`, which starts from the same defaults and lets you set the HTTP client,
///   timeouts and base URL before `.build()?`;
/// - `Default`, where the storage is `Default` (the args are still those of `args = ...`);
/// - `Clone`, `Debug` (the settings, never a secret or token), `Deref` and `From` the runtime's
///   `Client`.
///
/// The API catalog is not copied into each client: twenty clients compile about as fast as one.
///
/// # Keys
///
/// | key | value | |
/// |---|---|---|
/// | `storage = Type` | a type | **required**: where tokens come from. It must implement `ClientStorage`, or `ComponentClientStorage` with `component` |
/// | `args = expr` | an expression of the storage's `Args` type | handed back to every storage callback; default `Default::default()`; evaluated each time `new`, `builder` or `default` runs, so it may read configuration |
/// | `appid = expr` | a string (`impl Into<String>`) | the default appid; each call can override it |
/// | `authorizer_appid = expr` | a string | component clients only: the default authorizer; each call can override it |
/// | `base_url = expr` | a string | the WeChat API base URL, e.g. a simulator's or a proxy's; default `https://api.weixin.qq.com` |
/// | `crate = path` | a path | where `wechat_runtime` is, when you reach it through a re-export |
/// | `component` | a flag | a component application (third-party platform), like elixir_wechat's `use WeChat.Component` |
///
/// # Examples
///
/// A common application (an Official Account or Mini Program) whose tokens are kept by the
/// embedded hub:
///
/// ```no_run
/// use wechat_runtime::{wechat_client, Hub, MemoryStore};
///
/// /// Our official account.
/// #[wechat_client(storage = Hub<MemoryStore>, appid = "wx0123456789abcdef")]
/// pub struct OfficialAccount;
///
/// # async fn run() -> wechat_runtime::Result<()> {
/// let hub = Hub::new(MemoryStore::new().with_app("wx0123456789abcdef", "the-appsecret"));
/// let client = OfficialAccount::new(hub);
/// let user: serde_json::Value = client
///     .get("/cgi-bin/user/info")
///     .query("openid", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M")
///     .await?
///     .json()?;
/// # let _ = user; Ok(()) }
/// ```
///
/// A component application over your own storage, whose `Args` are read from configuration,
/// with every key:
///
/// ```no_run
/// # use wechat_runtime::{async_trait, ComponentClientStorage, Result, Ticket, TicketType, Token};
/// # pub struct MyArgs;
/// # impl MyArgs { pub fn from_env() -> Self { MyArgs } }
/// # pub struct MyComponentStorage;
/// # impl MyComponentStorage { pub async fn connect() -> Result<Self> { Ok(MyComponentStorage) } }
/// # #[async_trait]
/// # impl ComponentClientStorage for MyComponentStorage {
/// #     type Args = MyArgs;
/// #     async fn fetch_access_token(&self, _: &str, _: &str, _: &MyArgs) -> Result<Token> { Ok(Token::new("T", 7200)) }
/// #     async fn fetch_component_access_token(&self, _: &str, _: &MyArgs) -> Result<Token> { Ok(Token::new("C", 7200)) }
/// #     async fn refresh_access_token(&self, _: &str, _: &str, _: &str, _: &MyArgs) -> Result<Token> { Ok(Token::new("T", 7200)) }
/// #     async fn fetch_ticket(&self, _: &str, _: &str, t: TicketType, _: &MyArgs) -> Result<Ticket> { Ok(Ticket::new("K", t, 7200)) }
/// # }
/// mod sdk {
///     pub use wechat_runtime as wx;
/// }
///
/// #[sdk::wx::wechat_client(
///     component,
///     storage = MyComponentStorage,
///     args = MyArgs::from_env(),
///     appid = "wx0123456789abcdef",
///     authorizer_appid = "wxfedcba9876543210",
///     base_url = "https://api.weixin.qq.com",
///     crate = sdk::wx,
/// )]
/// pub struct Platform;
///
/// # async fn run() -> wechat_runtime::Result<()> {
/// let platform = Platform::builder(MyComponentStorage::connect().await?)
///     .timeout(std::time::Duration::from_secs(5))
///     .build()?;
/// # let _ = platform; Ok(()) }
/// ```
///
/// `MyComponentStorage` implements the four callbacks of `ComponentClientStorage`
/// (`fetch_access_token`, `fetch_component_access_token`, `refresh_access_token`,
/// `fetch_ticket`), and `MyArgs` is its `type Args`.
///
/// # Per-call overrides
///
/// Each call can use another storage, even of another type, for that call only (elixir_wechat's
/// `adapter_storage: {Other, args}`), and another appid or authorizer. The client's own binding
/// stays as it is:
///
/// ```no_run
/// # use wechat_runtime::{wechat_client, Hub, MemoryStore};
/// # #[wechat_client(storage = Hub<MemoryStore>, appid = "wx0123456789abcdef")]
/// # pub struct OfficialAccount;
/// # type OtherStorage = Hub<MemoryStore>;
/// # async fn run(client: OfficialAccount, other: OtherStorage) -> wechat_runtime::Result<()> {
/// let response = client
///     .get("/cgi-bin/user/info")
///     .query("openid", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M")
///     .with_storage(&other, ()) // the other storage's own args
///     .appid("wx1111111111111111")
///     .await?;
/// # let _ = response; Ok(()) }
/// ```
///
/// # Compile errors
///
/// Mistakes are reported at their own tokens, all at once, and say how to fix them: a missing
/// `storage`, an unknown or repeated key, a `storage` that is not a type or implements neither
/// storage trait, `args` of the wrong type, `authorizer_appid` without `component`, a literal
/// `appid` that is not a string, and an item that is not a unit struct without generics.
#[proc_macro_attribute]
pub fn wechat_client(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::wechat_client(attr.into(), item.into()).into()
}
