//! Tagging users, and reading a user's tags or a tag's members.

use axum::extract::State;
use serde::Deserialize;
use serde_json::json;

use crate::{
    api::{
        credentials::AccessToken,
        ok, ok_empty,
        user::{check_follower, openid_page, valid_openid},
        ApiResult, WxJson,
    },
    errcode,
    state::{tags::STARRED_TAG, AppState, Inner},
    wx_error::WxError,
};

/// The most OpenIDs one `batchtagging` / `batchuntagging` takes (40032 past it).
const MAX_TAGGING: usize = 50;
/// The most tags one user carries (45059 past it).
const MAX_TAGS_PER_USER: usize = 20;

#[derive(Debug, Deserialize)]
pub(super) struct BatchRequest {
    #[serde(default)]
    openid_list: Vec<String>,
    #[serde(default)]
    tagid: Option<u64>,
}

/// Checks a batch: 1 to 50 OpenIDs (40032), an existing tag (45159), followers only
/// (40003 / 49003). Returns the tag id.
fn check_batch(inner: &Inner, appid: &str, body: &BatchRequest) -> Result<u64, WxError> {
    if !(1..=MAX_TAGGING).contains(&body.openid_list.len()) {
        return Err(WxError::new(errcode::INVALID_OPENID_LIST_LENGTH));
    }
    let tagid = body
        .tagid
        .filter(|id| {
            inner
                .tags
                .account(appid)
                .map_or(*id == STARRED_TAG, |a| a.tags.contains_key(id))
        })
        .ok_or_else(|| WxError::new(errcode::INVALID_TAG_ID))?;
    for openid in &body.openid_list {
        check_follower(inner, appid, openid)?;
    }
    Ok(tagid)
}

/// `POST /cgi-bin/tags/members/batchtagging`: all or nothing; 45059 if a user would carry
/// more than 20 tags.
pub(super) async fn tag_users(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<BatchRequest>,
) -> ApiResult {
    let mut inner = state.lock();
    let tagid = check_batch(&inner, &auth.appid, &body)?;
    let account = inner.tags.account_mut(&auth.appid);
    let over_limit = body.openid_list.iter().any(|openid| {
        account
            .user_tags
            .get(openid)
            .is_some_and(|ids| !ids.contains(&tagid) && ids.len() >= MAX_TAGS_PER_USER)
    });
    if over_limit {
        return Err(WxError::new(errcode::USER_HAS_TOO_MANY_TAGS));
    }
    for openid in body.openid_list {
        account
            .user_tags
            .entry(openid.clone())
            .or_default()
            .insert(tagid);
        if let Some(tag) = account.tags.get_mut(&tagid) {
            tag.members.insert(openid);
        }
    }
    ok_empty()
}

/// `POST /cgi-bin/tags/members/batchuntagging`.
pub(super) async fn untag_users(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<BatchRequest>,
) -> ApiResult {
    let mut inner = state.lock();
    let tagid = check_batch(&inner, &auth.appid, &body)?;
    let account = inner.tags.account_mut(&auth.appid);
    for openid in &body.openid_list {
        if let Some(ids) = account.user_tags.get_mut(openid) {
            ids.remove(&tagid);
            if ids.is_empty() {
                account.user_tags.remove(openid);
            }
        }
        if let Some(tag) = account.tags.get_mut(&tagid) {
            tag.members.remove(openid);
        }
    }
    ok_empty()
}

#[derive(Debug, Deserialize)]
pub(super) struct OpenidRequest {
    #[serde(default)]
    openid: String,
}

/// `POST /cgi-bin/tags/getidlist`: `{"tagid_list":[..]}` of a follower.
pub(super) async fn user_tags(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<OpenidRequest>,
) -> ApiResult {
    let inner = state.lock();
    check_follower(&inner, &auth.appid, &body.openid)?;
    let ids = inner.tags.user_tags(&auth.appid, &body.openid);
    ok(json!({ "tagid_list": ids }))
}

#[derive(Debug, Deserialize)]
pub(super) struct MembersRequest {
    #[serde(default)]
    tagid: Option<u64>,
    #[serde(default)]
    next_openid: String,
}

/// `POST /cgi-bin/user/tag/get`: a tag's members, 10000 a page after `next_openid` (no `total`).
pub(super) async fn members(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<MembersRequest>,
) -> ApiResult {
    let after = Some(body.next_openid.as_str()).filter(|o| !o.is_empty());
    if after.is_some_and(|o| !valid_openid(o)) {
        return Err(WxError::new(errcode::INVALID_OPENID));
    }
    let inner = state.lock();
    let tagid = body
        .tagid
        .ok_or_else(|| WxError::new(errcode::INVALID_TAG_ID))?;
    let page = match inner.tags.account(&auth.appid) {
        Some(account) => {
            let tag = account
                .tags
                .get(&tagid)
                .ok_or_else(|| WxError::new(errcode::INVALID_TAG_ID))?;
            openid_page(tag.members.iter(), after, None)
        }
        None if tagid == STARRED_TAG => openid_page(std::iter::empty(), after, None),
        None => return Err(WxError::new(errcode::INVALID_TAG_ID)),
    };
    ok(page)
}
