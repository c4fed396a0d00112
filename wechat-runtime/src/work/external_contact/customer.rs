//! Customers: the members who serve them, the customers each added, their details and remarks.

use serde::{Deserialize, Serialize};

use super::{check_chars, ExternalContactApi};
use crate::api::{check_all_present, check_between, check_len, check_present, ApiCall, Retry};
use crate::error::{Error, Result};
use crate::Work;

/// The most members [`ExternalContactApi::batch_get_by_user`] takes at once, and the most
/// customers it answers per page.
pub const MAX_BATCH_USERS: usize = 100;
/// The longest remark, in characters.
pub const MAX_REMARK_CHARS: usize = 20;
/// The longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 150;

/// A customer (an external contact), as WeCom describes them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ExternalContact {
    /// Their id in the corp (`external_userid`), not a member's userid.
    pub external_userid: String,
    /// Their name: a WeChat user's nickname, or a WeCom user's name.
    #[serde(default)]
    pub name: String,
    /// Their job title, for a WeCom user.
    #[serde(default)]
    pub position: Option<String>,
    /// Their avatar's URL.
    #[serde(default)]
    pub avatar: Option<String>,
    /// Their corp's short name, for a WeCom user.
    #[serde(default)]
    pub corp_name: Option<String>,
    /// Their corp's full name, for a WeCom user.
    #[serde(default)]
    pub corp_full_name: Option<String>,
    /// `1` a WeChat user, `2` a WeCom user.
    #[serde(default, rename = "type")]
    pub kind: u32,
    /// `0` unknown, `1` male, `2` female.
    #[serde(default)]
    pub gender: u32,
    /// Their unionid, for a WeChat user when the corp has bound an Official Account or app.
    #[serde(default)]
    pub unionid: Option<String>,
    /// A WeCom user's public profile (`external_profile`), as WeCom sent it.
    #[serde(default)]
    pub external_profile: Option<serde_json::Value>,
}

/// One member's relation to a customer, from [`ExternalContactApi::get`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct FollowUser {
    /// The member's userid.
    pub userid: String,
    /// The member's remark on the customer.
    #[serde(default)]
    pub remark: String,
    /// The member's description of the customer.
    #[serde(default)]
    pub description: String,
    /// When the member added the customer, in unix seconds.
    #[serde(default)]
    pub createtime: i64,
    /// The tags the member put on the customer.
    #[serde(default)]
    pub tags: Vec<FollowUserTag>,
    /// The corp name the member noted, for a WeChat user.
    #[serde(default)]
    pub remark_corp_name: Option<String>,
    /// The phone numbers the member noted.
    #[serde(default)]
    pub remark_mobiles: Vec<String>,
    /// Who added whom: the member's userid, or the customer's external_userid.
    #[serde(default)]
    pub oper_userid: Option<String>,
    /// How the customer was added (`0` unknown, `1` QR code, `2` phone search, …).
    #[serde(default)]
    pub add_way: Option<u32>,
    /// The `state` of the "contact me" way the customer came through.
    #[serde(default)]
    pub state: Option<String>,
}

/// A tag on a customer, from [`FollowUser::tags`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct FollowUserTag {
    /// The tag group's name (corp tags).
    #[serde(default)]
    pub group_name: Option<String>,
    /// The tag's name.
    #[serde(default)]
    pub tag_name: String,
    /// The tag's id (corp tags and rule-group tags).
    #[serde(default)]
    pub tag_id: Option<String>,
    /// `1` a corp tag, `2` the member's own tag, `3` a rule-group tag.
    #[serde(default, rename = "type")]
    pub kind: u32,
}

/// A customer and the members who added them, from [`ExternalContactApi::get`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ExternalContactDetail {
    /// The customer.
    pub external_contact: ExternalContact,
    /// The members who added them (up to 500 a page).
    #[serde(default)]
    pub follow_user: Vec<FollowUser>,
    /// The cursor of the next page of members, when there is one.
    #[serde(default)]
    pub next_cursor: Option<String>,
}

/// One member's relation to a customer, from [`ExternalContactApi::batch_get_by_user`]: as
/// [`FollowUser`], with tag ids only.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct FollowInfo {
    /// The member's userid.
    pub userid: String,
    /// The member's remark on the customer.
    #[serde(default)]
    pub remark: String,
    /// The member's description of the customer.
    #[serde(default)]
    pub description: String,
    /// When the member added the customer, in unix seconds.
    #[serde(default)]
    pub createtime: i64,
    /// The ids of the corp tags the member put on the customer.
    #[serde(default)]
    pub tag_id: Vec<String>,
    /// The corp name the member noted.
    #[serde(default)]
    pub remark_corp_name: Option<String>,
    /// The phone numbers the member noted.
    #[serde(default)]
    pub remark_mobiles: Vec<String>,
    /// Who added whom.
    #[serde(default)]
    pub oper_userid: Option<String>,
    /// How the customer was added.
    #[serde(default)]
    pub add_way: Option<u32>,
    /// The `state` of the "contact me" way the customer came through.
    #[serde(default)]
    pub state: Option<String>,
}

/// One customer of a [`ExternalContactBatch`], with one member who added them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ExternalContactEntry {
    /// The customer.
    pub external_contact: ExternalContact,
    /// The member's relation to them.
    pub follow_info: FollowInfo,
}

/// A page of the customers of some members, from [`ExternalContactApi::batch_get_by_user`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ExternalContactBatch {
    /// The customers, one entry per (customer, member).
    #[serde(default)]
    pub external_contact_list: Vec<ExternalContactEntry>,
    /// The cursor of the next page; empty or absent on the last page.
    #[serde(default)]
    pub next_cursor: Option<String>,
}

/// What a member notes about a customer, for [`ExternalContactApi::remark`]. At least one of
/// the notes must be set.
///
/// ```
/// use wechat_runtime::work::external_contact::ContactRemark;
///
/// let remark = ContactRemark::new("zhangsan", "woAJ2GCAAAd1NPGHKSD4wKmE8Aabj9AAA")
///     .remark("Mr Li")
///     .description("Buys the blue ones")
///     .remark_mobiles(["13800000001"]);
/// # let _ = remark;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactRemark {
    userid: String,
    external_userid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    remark: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remark_company: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remark_mobiles: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remark_pic_mediaid: Option<String>,
}

impl ContactRemark {
    /// Notes of the member `userid` about the customer `external_userid`.
    pub fn new(userid: impl Into<String>, external_userid: impl Into<String>) -> Self {
        ContactRemark {
            userid: userid.into(),
            external_userid: external_userid.into(),
            remark: None,
            description: None,
            remark_company: None,
            remark_mobiles: None,
            remark_pic_mediaid: None,
        }
    }

    /// The remark (up to 20 characters).
    pub fn remark(mut self, remark: impl Into<String>) -> Self {
        self.remark = Some(remark.into());
        self
    }

    /// The description (up to 150 characters).
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// The customer's company (up to 20 characters; WeChat users only).
    pub fn remark_company(mut self, company: impl Into<String>) -> Self {
        self.remark_company = Some(company.into());
        self
    }

    /// The customer's phone numbers, replacing the noted ones; `[""]` clears them.
    pub fn remark_mobiles<I, M>(mut self, mobiles: I) -> Self
    where
        I: IntoIterator<Item = M>,
        M: Into<String>,
    {
        self.remark_mobiles = Some(mobiles.into_iter().map(Into::into).collect());
        self
    }

    /// A picture noted about the customer: a temporary media id.
    pub fn remark_pic_mediaid(mut self, media_id: impl Into<String>) -> Self {
        self.remark_pic_mediaid = Some(media_id.into());
        self
    }

    fn check(&self) -> Result<()> {
        check_all_present(&[
            ("userid", &self.userid),
            ("external_userid", &self.external_userid),
        ])?;
        if self.remark.is_none()
            && self.description.is_none()
            && self.remark_company.is_none()
            && self.remark_mobiles.is_none()
            && self.remark_pic_mediaid.is_none()
        {
            return Err(Error::invalid_input(
                "a remark sets at least one of remark, description, remark_company, \
                 remark_mobiles and remark_pic_mediaid",
            ));
        }
        if let Some(remark) = &self.remark {
            check_chars("remark", remark, MAX_REMARK_CHARS)?;
        }
        if let Some(description) = &self.description {
            check_chars("description", description, MAX_DESCRIPTION_CHARS)?;
        }
        if let Some(company) = &self.remark_company {
            check_chars("remark_company", company, MAX_REMARK_CHARS)?;
        }
        Ok(())
    }
}

#[derive(Deserialize)]
struct FollowUserList {
    #[serde(default)]
    follow_user: Vec<String>,
}

#[derive(Deserialize)]
struct ExternalUserids {
    #[serde(default)]
    external_userid: Vec<String>,
}

#[derive(Serialize)]
struct BatchBody<'a> {
    userid_list: &'a [&'a str],
    #[serde(skip_serializing_if = "str::is_empty")]
    cursor: &'a str,
    limit: u32,
}

impl ExternalContactApi<'_> {
    /// The userids of the members allowed to serve customers: `GET
    /// /cgi-bin/externalcontact/get_follow_user_list`.
    pub fn follow_users(&self) -> ApiCall<'static, Vec<String>, Work> {
        self.0.get_with(
            "/cgi-bin/externalcontact/get_follow_user_list",
            |response| Ok(response.json::<FollowUserList>()?.follow_user),
        )
    }

    /// The external_userids of the customers the member `userid` added: `GET
    /// /cgi-bin/externalcontact/list`.
    pub fn list(&self, userid: &str) -> ApiCall<'static, Vec<String>, Work> {
        self.0.checked(check_present("userid", userid), |()| {
            self.0.call(
                self.0
                    .request(reqwest::Method::GET, "/cgi-bin/externalcontact/list")
                    .query("userid", userid),
                |response| Ok(response.json::<ExternalUserids>()?.external_userid),
            )
        })
    }

    /// The customer `external_userid` and the first members who added them: `GET
    /// /cgi-bin/externalcontact/get`. More members follow with [`get_page`](Self::get_page).
    pub fn get(&self, external_userid: &str) -> ApiCall<'static, ExternalContactDetail, Work> {
        self.get_page(external_userid, "")
    }

    /// The customer `external_userid` and the page of members at `cursor` (a
    /// [`next_cursor`](ExternalContactDetail::next_cursor); empty for the first page): `GET
    /// /cgi-bin/externalcontact/get`.
    pub fn get_page(
        &self,
        external_userid: &str,
        cursor: &str,
    ) -> ApiCall<'static, ExternalContactDetail, Work> {
        self.0
            .checked(check_present("external_userid", external_userid), |()| {
                let mut request = self
                    .0
                    .request(reqwest::Method::GET, "/cgi-bin/externalcontact/get")
                    .query("external_userid", external_userid);
                if !cursor.is_empty() {
                    request = request.query("cursor", cursor);
                }
                self.0.call_json(request)
            })
    }

    /// A page of up to `limit` (1 to 100) customers of the members `userids` (1 to 100), from
    /// `cursor` (empty for the first page): `POST /cgi-bin/externalcontact/batch/get_by_user`.
    pub fn batch_get_by_user(
        &self,
        userids: &[&str],
        cursor: &str,
        limit: u32,
    ) -> ApiCall<'static, ExternalContactBatch, Work> {
        let checked = check_len("userids", userids, MAX_BATCH_USERS)
            .and_then(|()| {
                userids
                    .iter()
                    .try_for_each(|userid| check_present("a userid", userid))
            })
            .and_then(|()| check_between("limit", limit, 1, MAX_BATCH_USERS as u32));
        self.0.checked(checked, |()| {
            self.0.post(
                "/cgi-bin/externalcontact/batch/get_by_user",
                &BatchBody {
                    userid_list: userids,
                    cursor,
                    limit,
                },
                Retry::Safe,
            )
        })
    }

    /// Sets what a member notes about a customer: `POST /cgi-bin/externalcontact/remark`.
    pub fn remark(&self, remark: &ContactRemark) -> ApiCall<'static, (), Work> {
        self.0.checked(remark.check(), |()| {
            self.0
                .post_ok("/cgi-bin/externalcontact/remark", remark, Retry::Safe)
        })
    }
}
