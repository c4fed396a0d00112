//! The hub: the central token node WeChat asks for, and the ways to reach it.
//!
//! - [`Hub`] (`manager.rs`): fetches, stores and refreshes tokens and tickets, one upstream call
//!   at a time per token, compare-and-set; its calls of WeChat are in `upstream.rs`.
//! - [`HubClient`] (`client.rs`): a client storage that asks a hub over HTTP, in the protocol
//!   of elixir_wechat 0.4 hubs (`protocol.rs`).
//! - `server` (feature `hub-server`): that protocol served over any [`Hub`].
//!
//! ```no_run
//! use wechat_runtime::hub::{Hub, HubClient};
//! use wechat_runtime::MemoryStore;
//!
//! // In the process that owns the tokens:
//! let hub = Hub::new(MemoryStore::new().with_app("wx0123456789abcdef", "the-appsecret"));
//! // In every other process:
//! let remote = HubClient::builder("http://10.0.0.5:4000").secret("caller-secret").build()?;
//! # let _ = (hub, remote); Ok::<(), wechat_runtime::Error>(())
//! ```

mod client;
mod manager;
mod metrics;
mod protocol;
#[cfg(feature = "hub-server")]
pub mod server;
mod upstream;

pub use self::client::{HubClient, HubClientBuilder};
pub use self::manager::{Hub, HubBuilder};
pub use self::upstream::TokenEndpoint;
