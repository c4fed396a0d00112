//! Users (followers), user tags and the blacklist.
//!
//! Lists of openids come one page at a time ([`OpenidPage`], up to 10000 openids a page);
//! [`UserApi::stream`] walks every page of the followers for you.
//!
//! ```no_run
//! # async fn run() -> wechat_runtime::Result<()> {
//! use futures_util::TryStreamExt;
//! use wechat_runtime::api::user::Lang;
//! use wechat_runtime::{Client, Hub, MemoryStore};
//!
//! let hub = Hub::builder(MemoryStore::new().with_app("wx0123456789abcdef", "the-appsecret")).build()?;
//! let client = Client::builder(hub).appid("wx0123456789abcdef").build()?;
//!
//! let user = client.user().info("o6_bmjrPTlm6_2sgVt7hMZOPfL2M").await?;
//! println!("followed at {:?}, tags {:?}", user.subscribe_time, user.tagid_list);
//!
//! // Every follower, page after page.
//! let openids: Vec<String> = client.user().stream().try_collect().await?;
//! for chunk in openids.chunks(100) {
//!     let users = client.user().batch_info(chunk, Some(Lang::ZhCn)).await?;
//!     println!("{} users", users.len());
//! }
//!
//! let tag = client.tags().create("VIP").await?;
//! client.tags().tag_users(tag.id, &openids[..1]).await?;
//! client.blacklist().block(&["o6_bmjrPTlm6_2sgVt7hMZOPfL2M"]).await?;
//! # Ok(()) }
//! ```

use futures_util::stream::{self, Stream, TryStreamExt};
use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::{check_len, check_present, json, ApiCall, Area, Retry};
use crate::call::request::RequestBuilder;
use crate::call::shared::ClientCore;
use crate::error::{Error, Result};

/// Users; from [`Client::user`](crate::Client::user).
pub struct UserApi<'c, K>(pub(crate) Area<'c, K>);

/// User tags; from [`Client::tags`](crate::Client::tags).
pub struct TagsApi<'c, K>(pub(crate) Area<'c, K>);

/// The blacklist; from [`Client::blacklist`](crate::Client::blacklist).
pub struct BlacklistApi<'c, K>(pub(crate) Area<'c, K>);

/// The most users `info/batchget` takes at once.
pub const MAX_BATCH_INFO: usize = 100;
/// The most openids `changeopenid` takes at once.
pub const MAX_CHANGE_OPENID: usize = 100;
/// The most openids `batchtagging` and `batchuntagging` take at once.
pub const MAX_TAGGING: usize = 50;
/// The most openids `batchblacklist` and `batchunblacklist` take at once.
pub const MAX_BLACKLISTING: usize = 20;

pub use super::Lang;

/// A follower's basic information.
///
/// Since 2021-12-27 WeChat no longer sends nicknames and avatars here; when the user does not
/// follow the account (`subscribe` is 0) only `openid` is set.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct UserInfo {
    /// `1` when the user follows the account, `0` when not.
    #[serde(default)]
    pub subscribe: u8,
    /// The user's openid.
    pub openid: String,
    /// The client language (WeChat has stopped filling it).
    #[serde(default)]
    pub language: Option<String>,
    /// When the user last followed the account, in unix seconds.
    #[serde(default)]
    pub subscribe_time: Option<u64>,
    /// The unionid, when the account is bound to an open platform account.
    #[serde(default)]
    pub unionid: Option<String>,
    /// The operator's remark for the user.
    #[serde(default)]
    pub remark: Option<String>,
    /// The group id (the old group API).
    #[serde(default)]
    pub groupid: Option<i64>,
    /// The user's tags.
    #[serde(default)]
    pub tagid_list: Vec<u64>,
    /// How the user came to follow, such as `ADD_SCENE_QR_CODE`.
    #[serde(default)]
    pub subscribe_scene: Option<String>,
    /// The scene id of the QR code the user followed through.
    #[serde(default)]
    pub qr_scene: Option<u64>,
    /// The scene string of the QR code the user followed through.
    #[serde(default)]
    pub qr_scene_str: Option<String>,
}

impl UserInfo {
    /// Whether the user follows the account.
    pub fn is_subscribed(&self) -> bool {
        self.subscribe == 1
    }
}

/// One page of openids: followers, members of a tag, or the blacklist.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(from = "RawPage")]
#[non_exhaustive]
pub struct OpenidPage {
    /// How many there are in all (not sent for tag members).
    pub total: Option<u64>,
    /// How many are on this page.
    pub count: u64,
    /// The openids of this page.
    pub openids: Vec<String>,
    /// Where the next page starts; empty when there is none.
    pub next_openid: String,
}

#[derive(Deserialize)]
struct RawPage {
    #[serde(default)]
    total: Option<u64>,
    #[serde(default)]
    count: u64,
    #[serde(default)]
    data: Option<RawPageData>,
    #[serde(default)]
    next_openid: Option<String>,
}

#[derive(Deserialize)]
struct RawPageData {
    #[serde(default)]
    openid: Vec<String>,
}

impl From<RawPage> for OpenidPage {
    fn from(raw: RawPage) -> Self {
        OpenidPage {
            total: raw.total,
            count: raw.count,
            openids: raw.data.map(|d| d.openid).unwrap_or_default(),
            next_openid: raw.next_openid.unwrap_or_default(),
        }
    }
}

/// The result of converting one openid after an account migration.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ChangedOpenid {
    /// The openid under the old account.
    pub ori_openid: String,
    /// The openid under this account; absent when the conversion failed.
    #[serde(default)]
    pub new_openid: Option<String>,
    /// `ok`, or why this openid was not converted.
    #[serde(default)]
    pub err_msg: String,
}

/// A user tag.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Tag {
    /// The tag's id, assigned by WeChat.
    pub id: u64,
    /// The name.
    #[serde(default)]
    pub name: String,
    /// How many users carry it (sent by the tag list only).
    #[serde(default)]
    pub count: Option<u64>,
}

#[derive(Serialize)]
struct BatchUser<'a> {
    openid: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<Lang>,
}

#[derive(Deserialize)]
struct BatchInfoAnswer {
    #[serde(default)]
    user_info_list: Vec<UserInfo>,
}

#[derive(Deserialize)]
struct ChangeOpenidAnswer {
    #[serde(default)]
    result_list: Vec<ChangedOpenid>,
}

#[derive(Deserialize)]
struct TagAnswer {
    tag: Tag,
}

#[derive(Deserialize)]
struct TagsAnswer {
    #[serde(default)]
    tags: Vec<Tag>,
}

#[derive(Deserialize)]
struct TagIdsAnswer {
    #[serde(default)]
    tagid_list: Vec<u64>,
}

/// Rejects an empty or over-long list, or one with an empty openid.
fn check_openids<'a, S: AsRef<str>>(
    what: &str,
    openids: &'a [S],
    max: usize,
) -> Result<Vec<&'a str>> {
    check_len(what, openids, max)?;
    openids
        .iter()
        .map(|o| {
            let o = o.as_ref();
            check_present("an openid", o).map(|_| o)
        })
        .collect()
}

/// Rejects a remark WeChat would refuse: 30 bytes or more.
fn check_remark(remark: &str) -> Result<()> {
    if remark.len() >= 30 {
        return Err(Error::invalid_input(format!(
            "the remark is {} bytes; WeChat takes fewer than 30",
            remark.len()
        )));
    }
    Ok(())
}

impl<'c, K: 'static> UserApi<'c, K> {
    /// A user's basic information: `GET /cgi-bin/user/info`.
    pub fn info(&self, openid: &str) -> ApiCall<'static, UserInfo, K> {
        self.info_request(openid, None)
    }

    /// [`info`](UserApi::info) with the `lang` of the answer's names: `GET /cgi-bin/user/info`.
    pub fn info_with_lang(&self, openid: &str, lang: Lang) -> ApiCall<'static, UserInfo, K> {
        self.info_request(openid, Some(lang))
    }

    fn info_request(&self, openid: &str, lang: Option<Lang>) -> ApiCall<'static, UserInfo, K> {
        self.0.checked(check_present("openid", openid), |()| {
            let request = self
                .0
                .request(Method::GET, "/cgi-bin/user/info")
                .query("openid", openid);
            let request = match lang {
                Some(lang) => request.query("lang", lang.as_str()),
                None => request,
            };
            self.0.call_json(request)
        })
    }

    /// The basic information of up to 100 users: `POST /cgi-bin/user/info/batchget`.
    pub fn batch_info<S: AsRef<str>>(
        &self,
        openids: &[S],
        lang: Option<Lang>,
    ) -> ApiCall<'static, Vec<UserInfo>, K> {
        let checked = check_openids("user_list", openids, MAX_BATCH_INFO);
        self.0.checked(checked, |openids| {
            let user_list: Vec<BatchUser<'_>> = openids
                .into_iter()
                .map(|openid| BatchUser { openid, lang })
                .collect();
            self.0.post_with(
                "/cgi-bin/user/info/batchget",
                &serde_json::json!({ "user_list": user_list }),
                Retry::Safe,
                |response| Ok(response.json::<BatchInfoAnswer>()?.user_info_list),
            )
        })
    }

    /// One page of followers (up to 10000), starting after `next_openid` (from the first when
    /// `None`): `GET /cgi-bin/user/get`.
    pub fn list(&self, next_openid: Option<&str>) -> ApiCall<'static, OpenidPage, K> {
        self.0.call(list_request(&self.0, next_openid), json)
    }

    /// Every follower's openid, fetching page after page of `GET /cgi-bin/user/get` as the
    /// stream is read. It ends after a page with no openids (or no `next_openid`), and after
    /// the first error.
    pub fn stream(&self) -> impl Stream<Item = Result<String>> + Send + 'static
    where
        K: Send + Sync,
    {
        let core = self.0.core.clone();
        stream::try_unfold(
            (core, Some(None::<String>)),
            |(core, next): (std::sync::Arc<ClientCore>, Option<Option<String>>)| async move {
                // `None`: the last page was read; `Some(None)`: the first page is next.
                let Some(next_openid) = next else {
                    return Ok::<_, Error>(None);
                };
                let area: Area<'_, K> = Area::new(&core);
                let call = area.call(list_request(&area, next_openid.as_deref()), json);
                let page: OpenidPage = call.await?;
                let done = page.openids.is_empty()
                    || page.next_openid.is_empty()
                    || next_openid.as_deref() == Some(page.next_openid.as_str());
                let next = if done {
                    None
                } else {
                    Some(Some(page.next_openid.clone()))
                };
                Ok(Some((
                    stream::iter(page.openids.into_iter().map(Ok::<_, Error>)),
                    (core, next),
                )))
            },
        )
        .try_flatten()
    }

    /// Sets the operator's remark for a user (under 30 bytes; empty clears it):
    /// `POST /cgi-bin/user/info/updateremark`.
    pub fn update_remark(&self, openid: &str, remark: &str) -> ApiCall<'static, (), K> {
        let checked = check_present("openid", openid).and_then(|()| check_remark(remark));
        self.0.checked(checked, |()| {
            self.0.post_ok(
                "/cgi-bin/user/info/updateremark",
                &serde_json::json!({ "openid": openid, "remark": remark }),
                Retry::Unsafe,
            )
        })
    }

    /// Converts up to 100 openids of the account this one was migrated from (`from_appid`, the
    /// old account's id) into this account's openids: `POST /cgi-bin/changeopenid`.
    pub fn change_openid<S: AsRef<str>>(
        &self,
        from_appid: &str,
        openids: &[S],
    ) -> ApiCall<'static, Vec<ChangedOpenid>, K> {
        let checked = check_present("from_appid", from_appid)
            .and_then(|()| check_openids("openid_list", openids, MAX_CHANGE_OPENID));
        self.0.checked(checked, |openids| {
            self.0.post_with(
                "/cgi-bin/changeopenid",
                &serde_json::json!({ "from_appid": from_appid, "openid_list": openids }),
                Retry::Safe,
                |response| Ok(response.json::<ChangeOpenidAnswer>()?.result_list),
            )
        })
    }
}

fn list_request<K>(area: &Area<'_, K>, next_openid: Option<&str>) -> RequestBuilder<'static, K> {
    let request = area.request(Method::GET, "/cgi-bin/user/get");
    match next_openid {
        Some(next) if !next.is_empty() => request.query("next_openid", next),
        _ => request,
    }
}

impl<'c, K: 'static> TagsApi<'c, K> {
    /// Creates a tag (a name of at most 30 characters): `POST /cgi-bin/tags/create`.
    pub fn create(&self, name: &str) -> ApiCall<'static, Tag, K> {
        self.0.checked(check_tag_name(name), |()| {
            self.0.post_with(
                "/cgi-bin/tags/create",
                &serde_json::json!({ "tag": { "name": name } }),
                Retry::Unsafe,
                |response| Ok(response.json::<TagAnswer>()?.tag),
            )
        })
    }

    /// Every tag of the account, with how many users carry it: `GET /cgi-bin/tags/get`.
    pub fn list(&self) -> ApiCall<'static, Vec<Tag>, K> {
        self.0.get_with("/cgi-bin/tags/get", |response| {
            Ok(response.json::<TagsAnswer>()?.tags)
        })
    }

    /// Renames a tag: `POST /cgi-bin/tags/update`.
    pub fn update(&self, id: u64, name: &str) -> ApiCall<'static, (), K> {
        self.0.checked(check_tag_name(name), |()| {
            self.0.post_ok(
                "/cgi-bin/tags/update",
                &serde_json::json!({ "tag": { "id": id, "name": name } }),
                Retry::Unsafe,
            )
        })
    }

    /// Deletes a tag: `POST /cgi-bin/tags/delete`.
    pub fn delete(&self, id: u64) -> ApiCall<'static, (), K> {
        self.0.post_ok(
            "/cgi-bin/tags/delete",
            &serde_json::json!({ "tag": { "id": id } }),
            Retry::Unsafe,
        )
    }

    /// Tags up to 50 users: `POST /cgi-bin/tags/members/batchtagging`.
    pub fn tag_users<S: AsRef<str>>(&self, tagid: u64, openids: &[S]) -> ApiCall<'static, (), K> {
        self.batch("/cgi-bin/tags/members/batchtagging", tagid, openids)
    }

    /// Untags up to 50 users: `POST /cgi-bin/tags/members/batchuntagging`.
    pub fn untag_users<S: AsRef<str>>(&self, tagid: u64, openids: &[S]) -> ApiCall<'static, (), K> {
        self.batch("/cgi-bin/tags/members/batchuntagging", tagid, openids)
    }

    fn batch<S: AsRef<str>>(
        &self,
        path: &'static str,
        tagid: u64,
        openids: &[S],
    ) -> ApiCall<'static, (), K> {
        let checked = check_openids("openid_list", openids, MAX_TAGGING);
        self.0.checked(checked, |openids| {
            self.0.post_ok(
                path,
                &serde_json::json!({ "openid_list": openids, "tagid": tagid }),
                Retry::Unsafe,
            )
        })
    }

    /// The ids of the tags a user carries: `POST /cgi-bin/tags/getidlist`.
    pub fn user_tags(&self, openid: &str) -> ApiCall<'static, Vec<u64>, K> {
        self.0.checked(check_present("openid", openid), |()| {
            self.0.post_with(
                "/cgi-bin/tags/getidlist",
                &serde_json::json!({ "openid": openid }),
                Retry::Safe,
                |response| Ok(response.json::<TagIdsAnswer>()?.tagid_list),
            )
        })
    }

    /// One page of the users carrying a tag, starting after `next_openid` (from the first
    /// when `None`): `POST /cgi-bin/user/tag/get`.
    pub fn members(
        &self,
        tagid: u64,
        next_openid: Option<&str>,
    ) -> ApiCall<'static, OpenidPage, K> {
        self.0.post(
            "/cgi-bin/user/tag/get",
            &serde_json::json!({
                "tagid": tagid,
                "next_openid": next_openid.unwrap_or_default(),
            }),
            Retry::Safe,
        )
    }
}

fn check_tag_name(name: &str) -> Result<()> {
    check_present("the tag name", name)?;
    let chars = name.chars().count();
    if chars > 30 {
        return Err(Error::invalid_input(format!(
            "the tag name has {chars} characters; WeChat takes at most 30"
        )));
    }
    Ok(())
}

impl<'c, K: 'static> BlacklistApi<'c, K> {
    /// One page of the blacklist (up to 10000), starting at `begin_openid` (from the first
    /// when `None`): `POST /cgi-bin/tags/members/getblacklist`.
    pub fn list(&self, begin_openid: Option<&str>) -> ApiCall<'static, OpenidPage, K> {
        self.0.post(
            "/cgi-bin/tags/members/getblacklist",
            &serde_json::json!({ "begin_openid": begin_openid.unwrap_or_default() }),
            Retry::Safe,
        )
    }

    /// Blacklists up to 20 users: `POST /cgi-bin/tags/members/batchblacklist`.
    pub fn block<S: AsRef<str>>(&self, openids: &[S]) -> ApiCall<'static, (), K> {
        self.batch("/cgi-bin/tags/members/batchblacklist", openids)
    }

    /// Takes up to 20 users off the blacklist: `POST /cgi-bin/tags/members/batchunblacklist`.
    pub fn unblock<S: AsRef<str>>(&self, openids: &[S]) -> ApiCall<'static, (), K> {
        self.batch("/cgi-bin/tags/members/batchunblacklist", openids)
    }

    fn batch<S: AsRef<str>>(&self, path: &'static str, openids: &[S]) -> ApiCall<'static, (), K> {
        let checked = check_openids("openid_list", openids, MAX_BLACKLISTING);
        self.0.checked(checked, |openids| {
            self.0.post_ok(
                path,
                &serde_json::json!({ "openid_list": openids }),
                Retry::Unsafe,
            )
        })
    }
}
