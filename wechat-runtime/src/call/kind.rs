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

impl sealed::Sealed for Common {}
impl sealed::Sealed for Component {}
impl Kind for Common {}
impl Kind for Component {}
