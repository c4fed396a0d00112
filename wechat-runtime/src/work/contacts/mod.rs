//! WeCom's contacts (通讯录管理): members, departments, tags, and invitations, from
//! [`Client::contacts`](crate::Client::contacts) on a WeCom client.
//!
//! Writes need the contacts sync secret ([`WorkApp::Contacts`](crate::work::WorkApp)) or an
//! agent allowed to edit the contacts; reads see what the app's visibility covers. Input WeCom
//! would refuse (a malformed userid, a department name with `:` in it, too many ids at once)
//! is rejected before anything is sent, with [`Error::InvalidInput`](crate::Error).
//!
//! ```no_run
//! use wechat_runtime::work::contacts::{DepartmentForm, MemberForm};
//! use wechat_runtime::work::{WorkApp, WorkKey};
//! use wechat_runtime::{Client, Hub, MemoryStore};
//!
//! # async fn run() -> wechat_runtime::Result<()> {
//! let corp = "ww0123456789abcdef";
//! let store = MemoryStore::new().with_work_app(WorkKey::new(corp, WorkApp::Contacts), "the-contacts-secret");
//! let client = Client::work_builder(Hub::new(store)).corpid(corp).work_app(WorkApp::Contacts).build()?;
//!
//! let rd = client.contacts().create_department(&DepartmentForm::new("研发中心", 1)).await?;
//! client
//!     .contacts()
//!     .create_user(&MemberForm::new("zhangsan", "张三", &[rd]).mobile("+86 13800000000"))
//!     .await?;
//! let member = client.contacts().user("zhangsan").await?;
//! let tag = client.contacts().create_tag("后端", None).await?;
//! client.contacts().add_tag_members(tag, &["zhangsan"], &[]).await?;
//! println!("{} is in {:?}", member.name, member.department);
//! # Ok(()) }
//! ```

mod department;
mod member;
mod tag;
mod users;

pub use department::{Department, DepartmentForm, DepartmentNode};
pub use member::{
    Member, MemberAttrMiniprogram, MemberAttrText, MemberAttrWeb, MemberBrief, MemberExtAttr,
    MemberExtAttrs, MemberExternalProfile, MemberForm, MemberGender, MemberWechatChannels,
};
pub use tag::{ContactTag, ContactTagChange, ContactTagMember, ContactTagMembers};
pub use users::InviteOutcome;

use crate::api::Area;
use crate::call::kind::Work;

/// The contacts of a WeCom corp; from [`Client::contacts`](crate::Client::contacts).
pub struct ContactsApi<'c>(pub(crate) Area<'c, Work>);

/// The most members [`ContactsApi::delete_users`] takes at once.
pub const MAX_BATCH_DELETE: usize = 200;
/// The most members one invitation or tag change names.
pub const MAX_USERS: usize = 1000;
/// The most departments (or tags) one invitation or tag change names.
pub const MAX_PARTIES: usize = 100;

impl<S> crate::Client<S, Work> {
    /// WeCom's contacts: members, departments, tags, invitations.
    ///
    /// ```no_run
    /// # async fn run<S>(client: &wechat_runtime::Client<S, wechat_runtime::Work>) -> wechat_runtime::Result<()> {
    /// for member in client.contacts().department_users(1).await? {
    ///     println!("{} ({})", member.name, member.userid);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn contacts(&self) -> ContactsApi<'_> {
        ContactsApi(Area::new(&self.core))
    }
}
