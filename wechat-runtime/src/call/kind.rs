//! The kind of a client: whose tokens its storage holds.

mod sealed {
    pub trait Sealed {}
}

/// Whether a client is a common or a component application's: [`Common`] or [`Component`].
pub trait Kind: sealed::Sealed + Send + Sync + 'static {}

/// The kind of a client whose storage is a [`ClientStorage`](crate::ClientStorage): an
/// Official Account or Mini Program.
///
/// ```
/// use wechat_runtime::{Client, Common, Hub, MemoryStore};
///
/// let client: Client<Hub<MemoryStore>, Common> = Client::new(Hub::new(MemoryStore::new()));
/// # let _ = client;
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Common;

/// The kind of a client whose storage is a
/// [`ComponentClientStorage`](crate::ComponentClientStorage): a third-party platform acting
/// for authorizers.
///
/// ```
/// use wechat_runtime::{Client, Component, Hub, MemoryStore};
///
/// let client: Client<Hub<MemoryStore>, Component> =
///     Client::new_component(Hub::new(MemoryStore::new()));
/// # let _ = client;
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Component;

/// The kind of a client whose storage is a [`WorkClientStorage`](crate::work::WorkClientStorage):
/// a WeCom (企业微信) app of one corp.
///
/// ```
/// use wechat_runtime::work::WorkApp;
/// use wechat_runtime::{Client, Hub, MemoryStore, Work};
///
/// let client: Client<Hub<MemoryStore>, Work> = Client::work_builder(Hub::new(MemoryStore::new()))
///     .corpid("ww0123456789abcdef")
///     .work_app(WorkApp::Contacts)
///     .build()?;
/// # let _ = client; Ok::<(), wechat_runtime::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Work;

/// The kinds of the clients of WeChat (`api.weixin.qq.com`): [`Common`] and [`Component`].
/// WeChat's typed areas (`client.menu()`, `client.user()`…) are theirs; a [`Work`] client has
/// WeCom's.
///
/// ```
/// fn wechat<K: wechat_runtime::WeChatKind>() {}
/// wechat::<wechat_runtime::Common>();
/// wechat::<wechat_runtime::Component>();
/// ```
#[diagnostic::on_unimplemented(
    message = "WeChat's typed areas are for WeChat clients, and this client is a `{Self}` one",
    label = "a WeCom client",
    note = "a WeCom client has WeCom's areas (see `wechat_runtime::work`); for any other path use `client.request(method, path)`"
)]
pub trait WeChatKind: Kind {}

impl WeChatKind for Common {}
impl WeChatKind for Component {}

/// The kinds whose calls act for an authorizer: [`Component`] only. `authorizer_appid` on a
/// call or a typed call asks for it, so that a common client's call says what to change.
///
/// ```
/// fn acts_for_authorizers<K: wechat_runtime::ActsForAuthorizers>() {}
/// acts_for_authorizers::<wechat_runtime::Component>();
/// ```
#[diagnostic::on_unimplemented(
    message = "`authorizer_appid` is for the calls of component clients, and this client is a `{Self}` one",
    label = "a call of a common client",
    note = "an authorizer's token is kept by a third-party platform: declare the client with `#[wechat_client(component, ...)]` over a `ComponentClientStorage`, or drop `.authorizer_appid(..)`"
)]
pub trait ActsForAuthorizers: Kind {}

impl ActsForAuthorizers for Component {}

impl sealed::Sealed for Common {}
impl sealed::Sealed for Component {}
impl sealed::Sealed for Work {}
impl Kind for Work {}
impl Kind for Common {}
impl Kind for Component {}
