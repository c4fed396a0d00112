//! The blacklist: followers who no longer receive the account's messages.

use axum::extract::State;
use serde::Deserialize;

use crate::{
    api::{
        credentials::AccessToken,
        ok, ok_empty,
        user::{check_follower, openid_page, valid_openid},
        ApiResult, WxJson,
    },
    errcode,
    state::AppState,
    wx_error::WxError,
};

/// The most OpenIDs one `batchblacklist` / `batchunblacklist` takes (40032 past it).
const MAX_BLACKLISTING: usize = 20;

#[derive(Debug, Deserialize)]
pub(super) struct ListRequest {
    #[serde(default)]
    begin_openid: String,
}

/// `POST /cgi-bin/tags/members/getblacklist`: 10000 a page, after `begin_openid` (the previous
/// page's `next_openid`), with `total`.
pub(super) async fn list(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<ListRequest>,
) -> ApiResult {
    let after = Some(body.begin_openid.as_str()).filter(|o| !o.is_empty());
    if after.is_some_and(|o| !valid_openid(o)) {
        return Err(WxError::new(errcode::INVALID_OPENID));
    }
    let inner = state.lock();
    let page = match inner.tags.account(&auth.appid) {
        Some(account) => openid_page(
            account.blacklist.iter(),
            after,
            Some(account.blacklist.len()),
        ),
        None => openid_page(std::iter::empty(), after, Some(0)),
    };
    ok(page)
}

#[derive(Debug, Deserialize)]
pub(super) struct BatchRequest {
    #[serde(default)]
    openid_list: Vec<String>,
}

/// Checks 1 to 20 followers (40032, 40003, 49003).
fn check_batch(
    inner: &crate::state::Inner,
    appid: &str,
    body: &BatchRequest,
) -> Result<(), WxError> {
    if !(1..=MAX_BLACKLISTING).contains(&body.openid_list.len()) {
        return Err(WxError::new(errcode::INVALID_OPENID_LIST_LENGTH));
    }
    body.openid_list
        .iter()
        .try_for_each(|openid| check_follower(inner, appid, openid))
}

/// `POST /cgi-bin/tags/members/batchblacklist`.
pub(super) async fn block(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<BatchRequest>,
) -> ApiResult {
    let mut inner = state.lock();
    check_batch(&inner, &auth.appid, &body)?;
    let account = inner.tags.account_mut(&auth.appid);
    account.blacklist.extend(body.openid_list);
    ok_empty()
}

/// `POST /cgi-bin/tags/members/batchunblacklist`.
pub(super) async fn unblock(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<BatchRequest>,
) -> ApiResult {
    let mut inner = state.lock();
    check_batch(&inner, &auth.appid, &body)?;
    let account = inner.tags.account_mut(&auth.appid);
    for openid in &body.openid_list {
        account.blacklist.remove(openid);
    }
    ok_empty()
}
