//! WeCom (企业微信): tokens per (corpid, app), and (feature `work`) the typed areas of
//! self-built applications.
//!
//! A WeCom token belongs to a corp and one of its apps ([`WorkKey`]: the corpid and a
//! [`WorkApp`], an agent or a special secret), never to a joined string: two apps of one corp
//! never share a token. Tokens come from `/cgi-bin/gettoken` on `qyapi.weixin.qq.com`; a call
//! answered 40014 or 42001 refreshes its token once and is retried once, while 40001 means a
//! wrong secret and is never retried (the error names the app).
//!
//! ```no_run
//! use wechat_runtime::work::{WorkApp, WorkKey};
//! use wechat_runtime::{Client, Hub, MemoryStore};
//!
//! # async fn run() -> wechat_runtime::Result<()> {
//! let store = MemoryStore::new().with_work_app(
//!     WorkKey::new("ww0123456789abcdef", WorkApp::Agent(1000002)),
//!     "the-agent-secret",
//! );
//! let client = Client::work_builder(Hub::new(store))
//!     .corpid("ww0123456789abcdef")
//!     .work_app(WorkApp::Agent(1000002))
//!     .build()?;
//! let token = client.access_token().await?;
//! # let _ = token; Ok(()) }
//! ```

#[cfg(feature = "work")]
pub mod agent;
#[cfg(feature = "work")]
pub mod approval;
#[cfg(feature = "work")]
pub mod contacts;
#[cfg(feature = "work")]
pub mod external_contact;
#[cfg(feature = "work")]
pub mod jssdk;
mod key;
#[cfg(feature = "work")]
pub mod kf;
#[cfg(feature = "work")]
mod lists;
#[cfg(feature = "work")]
pub mod media;
#[cfg(feature = "work")]
pub mod message;

pub use self::key::{WorkApp, WorkKey};
pub use crate::storage::WorkClientStorage;

/// Where WeCom's API lives.
pub const WORK_BASE_URL: &str = "https://qyapi.weixin.qq.com";
