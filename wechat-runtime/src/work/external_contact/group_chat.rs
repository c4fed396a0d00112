//! Customer group chats (客户群): the list, and one chat with its members.

use serde::{Deserialize, Serialize};

use super::ExternalContactApi;
use crate::api::{check_between, check_len, check_present, ApiCall, Retry};
use crate::error::Result;
use crate::Work;

/// The most chats a page of [`ExternalContactApi::group_chats`] holds.
pub const MAX_GROUP_CHAT_PAGE: u32 = 1000;
/// The most owners a [`GroupChatQuery`] filters on.
pub const MAX_OWNER_FILTER: usize = 100;

/// Which customer group chats to list, for [`ExternalContactApi::group_chats`].
///
/// ```
/// use wechat_runtime::work::external_contact::GroupChatQuery;
///
/// let first = GroupChatQuery::new(100).owners(["zhangsan"]);
/// let next = first.clone().cursor("tJzlB9tdqfh-g7i_J-ehOz_TWcd7dSKa39_AqCIeMFw");
/// # let _ = next;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupChatQuery {
    #[serde(skip_serializing_if = "is_zero")]
    status_filter: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner_filter: Option<OwnerFilter>,
    #[serde(skip_serializing_if = "String::is_empty")]
    cursor: String,
    limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct OwnerFilter {
    userid_list: Vec<String>,
}

fn is_zero(value: &u32) -> bool {
    *value == 0
}

impl GroupChatQuery {
    /// The first page of up to `limit` (1 to 1000) chats, of every owner the app sees.
    pub fn new(limit: u32) -> Self {
        GroupChatQuery {
            status_filter: 0,
            owner_filter: None,
            cursor: String::new(),
            limit,
        }
    }

    /// Only the chats of the owners `userids` (up to 100); needed when an owner left the corp.
    pub fn owners<U: Into<String>>(mut self, userids: impl IntoIterator<Item = U>) -> Self {
        self.owner_filter = Some(OwnerFilter {
            userid_list: userids.into_iter().map(Into::into).collect(),
        });
        self
    }

    /// Only the chats in one inheritance state: `1` owner left, `2` being inherited, `3`
    /// inherited (`0`, the default, is every chat).
    pub fn status_filter(mut self, status: u32) -> Self {
        self.status_filter = status;
        self
    }

    /// The page at `cursor`, a [`GroupChatPage::next_cursor`].
    pub fn cursor(mut self, cursor: impl Into<String>) -> Self {
        self.cursor = cursor.into();
        self
    }

    fn check(&self) -> Result<()> {
        check_between("limit", self.limit, 1, MAX_GROUP_CHAT_PAGE)?;
        check_between("status_filter", self.status_filter, 0, 3)?;
        if let Some(owners) = &self.owner_filter {
            check_len("owners", &owners.userid_list, MAX_OWNER_FILTER)?;
            owners
                .userid_list
                .iter()
                .try_for_each(|userid| check_present("an owner userid", userid))?;
        }
        Ok(())
    }
}

/// A page of customer group chats, from [`ExternalContactApi::group_chats`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct GroupChatPage {
    /// The chats.
    #[serde(default)]
    pub group_chat_list: Vec<GroupChatStatus>,
    /// The cursor of the next page; empty or absent on the last page.
    #[serde(default)]
    pub next_cursor: Option<String>,
}

/// One chat of a [`GroupChatPage`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct GroupChatStatus {
    /// The chat's id.
    pub chat_id: String,
    /// `0` owner active, `1` owner left, `2` being inherited, `3` inherited.
    #[serde(default)]
    pub status: u32,
}

/// A customer group chat, from [`ExternalContactApi::group_chat`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct GroupChat {
    /// The chat's id.
    pub chat_id: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// The owner's userid.
    #[serde(default)]
    pub owner: String,
    /// When it was created, in unix seconds.
    #[serde(default)]
    pub create_time: i64,
    /// Its notice.
    #[serde(default)]
    pub notice: Option<String>,
    /// Its members.
    #[serde(default)]
    pub member_list: Vec<GroupChatMember>,
    /// Its admins.
    #[serde(default)]
    pub admin_list: Vec<GroupChatAdmin>,
    /// The version of its member list, to tell whether it changed.
    #[serde(default)]
    pub member_version: Option<String>,
}

/// A member of a [`GroupChat`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct GroupChatMember {
    /// A member's userid, or a customer's external_userid.
    pub userid: String,
    /// `1` a member of the corp, `2` a customer.
    #[serde(default, rename = "type")]
    pub kind: u32,
    /// A WeChat customer's unionid, when the corp may read it.
    #[serde(default)]
    pub unionid: Option<String>,
    /// When they joined, in unix seconds.
    #[serde(default)]
    pub join_time: i64,
    /// How they joined: `1` invited, `3` by QR code, …
    #[serde(default)]
    pub join_scene: u32,
    /// Who invited them.
    #[serde(default)]
    pub invitor: Option<GroupChatInvitor>,
    /// Their nickname in the chat.
    #[serde(default)]
    pub group_nickname: Option<String>,
    /// Their name (asked for with `need_name`).
    #[serde(default)]
    pub name: Option<String>,
}

/// Who invited a [`GroupChatMember`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct GroupChatInvitor {
    /// The inviting member's userid.
    pub userid: String,
}

/// An admin of a [`GroupChat`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct GroupChatAdmin {
    /// The admin's userid.
    pub userid: String,
}

#[derive(Deserialize)]
struct GroupChatAnswer {
    group_chat: GroupChat,
}

impl ExternalContactApi<'_> {
    /// A page of the customer group chats: `POST /cgi-bin/externalcontact/groupchat/list`.
    pub fn group_chats(&self, query: &GroupChatQuery) -> ApiCall<'static, GroupChatPage, Work> {
        self.0.checked(query.check(), |()| {
            self.0.post(
                "/cgi-bin/externalcontact/groupchat/list",
                query,
                Retry::Safe,
            )
        })
    }

    /// The customer group chat `chat_id` and its members, with their names when `need_name`:
    /// `POST /cgi-bin/externalcontact/groupchat/get`.
    pub fn group_chat(&self, chat_id: &str, need_name: bool) -> ApiCall<'static, GroupChat, Work> {
        self.0.checked(check_present("chat_id", chat_id), |()| {
            self.0.post_with(
                "/cgi-bin/externalcontact/groupchat/get",
                &serde_json::json!({ "chat_id": chat_id, "need_name": u8::from(need_name) }),
                Retry::Safe,
                |response| Ok(response.json::<GroupChatAnswer>()?.group_chat),
            )
        })
    }
}
