//! External contacts (客户联系): the members who serve customers, the customers they added, the
//! corp's customer tags, "contact me" ways, customer group chats and welcome messages
//! (`/cgi-bin/externalcontact/*`).
//!
//! These calls take the token of the external contact secret ([`WorkApp::ExternalContact`]),
//! or of an agent configured under "客户联系 → 可调用接口的应用" in the admin console. Build the
//! client with that app:
//!
//! ```no_run
//! # async fn run() -> wechat_runtime::Result<()> {
//! use wechat_runtime::work::external_contact::{ContactRemark, ContactWay, ContactWayScene};
//! use wechat_runtime::work::{WorkApp, WorkKey};
//! use wechat_runtime::{Client, Hub, MemoryStore};
//!
//! let corpid = "ww0123456789abcdef";
//! let store = MemoryStore::new()
//!     .with_work_app(WorkKey::new(corpid, WorkApp::ExternalContact), "the-external-contact-secret");
//! let client = Client::work_builder(Hub::new(store))
//!     .corpid(corpid)
//!     .work_app(WorkApp::ExternalContact)
//!     .build()?;
//!
//! let crm = client.external_contact();
//! for userid in crm.follow_users().await? {
//!     for external_userid in crm.list(&userid).await? {
//!         let detail = crm.get(&external_userid).await?;
//!         println!("{userid} serves {}", detail.external_contact.name);
//!         crm.remark(&ContactRemark::new(&userid, &external_userid).remark("VIP")).await?;
//!     }
//! }
//! let way = crm
//!     .add_contact_way(&ContactWay::single(ContactWayScene::QrCode, "zhangsan").state("poster-1"))
//!     .await?;
//! println!("scan {:?}", way.qr_code);
//! # Ok(()) }
//! ```
//!
//! [`WorkApp::ExternalContact`]: crate::work::WorkApp::ExternalContact

mod contact_way;
mod customer;
mod group_chat;
mod tag;
mod welcome;

pub use contact_way::{
    ContactWay, ContactWayCreated, ContactWayInfo, ContactWayKind, ContactWayScene,
    ContactWayUpdate,
};
pub use customer::{
    ContactRemark, ExternalContact, ExternalContactBatch, ExternalContactDetail,
    ExternalContactEntry, FollowInfo, FollowUser, FollowUserTag,
};
pub use group_chat::{
    GroupChat, GroupChatAdmin, GroupChatInvitor, GroupChatMember, GroupChatPage, GroupChatQuery,
    GroupChatStatus,
};
pub use tag::{CorpTag, CorpTagEdit, CorpTagGroup, NewCorpTag, NewCorpTags};
pub use welcome::{WelcomeAttachment, WelcomeMessage};

use crate::api::Area;
use crate::error::{Error, Result};
use crate::{Client, Work};

/// Rejects a text longer than `max` characters, as WeCom counts them.
fn check_chars(what: &str, value: &str, max: usize) -> Result<()> {
    let count = value.chars().count();
    if count > max {
        return Err(Error::invalid_input(format!(
            "{what} has {count} characters; WeCom takes at most {max}"
        )));
    }
    Ok(())
}

/// External contacts (客户联系); from [`Client::external_contact`].
pub struct ExternalContactApi<'c>(pub(crate) Area<'c, Work>);

impl<S> Client<S, Work> {
    /// External contacts (客户联系): customers, their tags, "contact me" ways, customer group
    /// chats, welcome messages.
    ///
    /// The client's app must be the external contact secret ([`WorkApp::ExternalContact`]), or
    /// an agent given the external contact permission ("客户联系 → 可调用接口的应用").
    ///
    /// ```no_run
    /// # async fn run<S>(client: &wechat_runtime::Client<S, wechat_runtime::Work>) -> wechat_runtime::Result<()> {
    /// let customers = client.external_contact().list("zhangsan").await?;
    /// # let _ = customers; Ok(()) }
    /// ```
    ///
    /// [`WorkApp::ExternalContact`]: crate::work::WorkApp::ExternalContact
    pub fn external_contact(&self) -> ExternalContactApi<'_> {
        ExternalContactApi(Area::new(&self.core))
    }
}
