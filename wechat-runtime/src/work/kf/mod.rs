//! WeChat customer service (微信客服) of a WeCom corp: service accounts, the links customers
//! open them by, and the messages of their chats (`/cgi-bin/kf/*`).
//!
//! These calls take the token of the customer service secret ([`WorkApp::CustomerService`]),
//! or of an agent configured under "微信客服 → 可调用接口的应用". Messages are read, not pushed:
//! the `kf_msg_or_event` callback hands a `Token`, and [`KfApi::sync_msg`] reads what arrived
//! since the last cursor.
//!
//! ```no_run
//! # async fn run() -> wechat_runtime::Result<()> {
//! use wechat_runtime::work::kf::{KfMessage, KfSyncRequest};
//! use wechat_runtime::work::{WorkApp, WorkKey};
//! use wechat_runtime::{Client, Hub, MemoryStore};
//!
//! let corpid = "ww0123456789abcdef";
//! let store = MemoryStore::new()
//!     .with_work_app(WorkKey::new(corpid, WorkApp::CustomerService), "the-kf-secret");
//! let client = Client::work_builder(Hub::new(store))
//!     .corpid(corpid)
//!     .work_app(WorkApp::CustomerService)
//!     .build()?;
//!
//! let open_kfid = client.kf().add_account("After-sales", "AVATAR_MEDIA_ID").await?;
//! let link = client.kf().add_contact_way(&open_kfid, "website").await?;
//! println!("customers start here: {link}");
//!
//! // On a kf_msg_or_event callback:
//! let page = client.kf().sync_msg(&KfSyncRequest::new().token("CALLBACK_TOKEN")).await?;
//! for message in &page.msg_list {
//!     if let (Some(text), Some(customer)) = (&message.text, &message.external_userid) {
//!         let reply = KfMessage::text(customer, &message.open_kfid, format!("You said: {}", text.content));
//!         client.kf().send_msg(&reply).await?;
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! [`WorkApp::CustomerService`]: crate::work::WorkApp::CustomerService

mod account;
mod message;
mod sync;

pub use account::{KfAccountUpdate, WorkKfAccount};
pub use message::{KfMenuItem, KfMessage, KfMessageContent};
pub use sync::{KfSyncPage, KfSyncRequest, KfSyncedMessage, KfSyncedText};

use crate::api::{check_present, Area};
use crate::error::{Error, Result};
use crate::{Client, Work};

/// The longest account name, in characters.
pub const MAX_ACCOUNT_NAME_CHARS: usize = 16;
/// The most accounts a page of [`KfApi::list_accounts`] holds.
pub const MAX_ACCOUNT_PAGE: u32 = 100;
/// The longest `scene` of a link, in bytes.
pub const MAX_SCENE_BYTES: usize = 32;
/// The longest text message, in bytes.
pub const MAX_TEXT_BYTES: usize = 2048;
/// The most messages a page of [`KfApi::sync_msg`] holds.
pub const MAX_SYNC_LIMIT: u32 = 1000;

/// WeChat customer service; from [`Client::kf`].
pub struct KfApi<'c>(pub(crate) Area<'c, Work>);

impl<S> Client<S, Work> {
    /// WeChat customer service (微信客服): accounts, links, sending and reading messages.
    ///
    /// The client's app must be the customer service secret ([`WorkApp::CustomerService`]),
    /// or an agent given the customer service permission ("微信客服 → 可调用接口的应用").
    ///
    /// ```no_run
    /// # async fn run<S>(client: &wechat_runtime::Client<S, wechat_runtime::Work>) -> wechat_runtime::Result<()> {
    /// let accounts = client.kf().list_accounts(0, 100).await?;
    /// # let _ = accounts; Ok(()) }
    /// ```
    ///
    /// [`WorkApp::CustomerService`]: crate::work::WorkApp::CustomerService
    pub fn kf(&self) -> KfApi<'_> {
        KfApi(Area::new(&self.core))
    }
}

/// Rejects an empty value, one over `max` bytes, or one with a byte outside `[0-9a-zA-Z_-]`.
fn check_token(what: &str, value: &str, max: usize) -> Result<()> {
    check_present(what, value)?;
    if value.len() > max
        || !value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(Error::invalid_input(format!(
            "{what} `{value}` is not up to {max} bytes of [0-9a-zA-Z_-]"
        )));
    }
    Ok(())
}
