//! User management: `/cgi-bin/user/*` and `/cgi-bin/changeopenid`.
//!
//! Each account has followers (seeded with `Simulator::add_users`, or following through a pushed
//! `subscribe` event). `user/info` answers a profile for any well-formed OpenID, as before; the
//! calls that change a user (remark, tags, blacklist) need a follower and answer 49003 otherwise.

use axum::{extract::State, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::{credentials::AccessToken, get, ok, ok_empty, post, ApiResult, Params, WxJson};
use crate::{
    errcode,
    state::{AppState, Inner},
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/user/info", get(info))
        .route("/cgi-bin/user/info/batchget", post(batch_info))
        .route("/cgi-bin/user/get", get(list))
        .route("/cgi-bin/user/info/updateremark", post(update_remark))
        .route("/cgi-bin/changeopenid", post(change_openid))
}

/// How many OpenIDs one page of a list holds (`user/get`, tag members, the blacklist).
pub(crate) const PAGE_SIZE: usize = 10_000;
/// The most users `user/info/batchget` and `changeopenid` take at once.
const MAX_BATCH: usize = 100;
/// A remark must be shorter than this, in bytes.
const MAX_REMARK_BYTES: usize = 30;

/// Whether `openid` could be an OpenID (WeChat's are 28 URL-safe characters).
pub(crate) fn valid_openid(openid: &str) -> bool {
    !openid.is_empty()
        && openid.len() <= 64
        && openid
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
}

/// Checks that `openid` is a follower of `appid`: 40003 when malformed, 49003 when it does not
/// follow the account.
pub(crate) fn check_follower(inner: &Inner, appid: &str, openid: &str) -> Result<(), WxError> {
    if !valid_openid(openid) {
        return Err(WxError::new(errcode::INVALID_OPENID));
    }
    if !inner.users.is_follower(appid, openid) {
        return Err(WxError::new(errcode::OPENID_NOT_OF_APPID));
    }
    Ok(())
}

/// One page of `openids` (sorted): the first [`PAGE_SIZE`] after `after` (from the start when
/// `None`), as WeChat's lists answer, `total` included when given. `next_openid` is the last
/// OpenID of the page, and empty once a page is empty.
pub(crate) fn openid_page<'a>(
    openids: impl Iterator<Item = &'a String>,
    after: Option<&str>,
    total: Option<usize>,
) -> Value {
    let page: Vec<&String> = openids
        .skip_while(|openid| after.is_some_and(|after| openid.as_str() <= after))
        .take(PAGE_SIZE)
        .collect();
    let mut body = json!({
        "count": page.len(),
        "next_openid": page.last().map(|s| s.as_str()).unwrap_or_default(),
    });
    if !page.is_empty() {
        body["data"] = json!({ "openid": page });
    }
    if let Some(total) = total {
        body["total"] = json!(total);
    }
    body
}

/// A stable 64-bit hash (FNV-1a), so a given OpenID always gets the same profile.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The profile `user/info` shows: derived from the OpenID, with the remark, tags and follow
/// time the simulator keeps. A user who unfollowed shows `subscribe: 0` and nothing else.
fn profile(inner: &Inner, appid: &str, openid: &str, lang: Option<&str>) -> Value {
    if inner.users.has_left(appid, openid) {
        return json!({ "subscribe": 0, "openid": openid, "tagid_list": [] });
    }
    let language = lang
        .filter(|lang| matches!(*lang, "zh_CN" | "zh_TW" | "en"))
        .unwrap_or("zh_CN");
    let hash = fnv1a(&format!("{appid}/{openid}"));
    let follower = inner.users.follower(appid, openid);
    let subscribe_time = follower.map_or(1_600_000_000 + hash % 100_000_000, |f| f.subscribe_time);
    json!({
        "subscribe": 1,
        "openid": openid,
        "language": language,
        "subscribe_time": subscribe_time,
        "unionid": format!("o6_bmjrPTlm6_{:016x}", hash.rotate_left(17)),
        "remark": follower.map(|f| f.remark.as_str()).unwrap_or_default(),
        "groupid": 0,
        "tagid_list": inner.tags.user_tags(appid, openid),
        "subscribe_scene": "ADD_SCENE_QR_CODE",
        "qr_scene": 98765,
        "qr_scene_str": "",
    })
}

/// `GET /cgi-bin/user/info?openid&lang`.
async fn info(State(state): State<AppState>, auth: AccessToken, params: Params) -> ApiResult {
    let openid = params
        .get("openid")
        .filter(|o| valid_openid(o))
        .ok_or_else(|| WxError::new(errcode::INVALID_OPENID))?;
    let body = profile(&state.lock(), &auth.appid, openid, params.get("lang"));
    ok(body)
}

#[derive(Debug, Deserialize)]
struct BatchInfoRequest {
    #[serde(default)]
    user_list: Vec<BatchUser>,
}

#[derive(Debug, Deserialize)]
struct BatchUser {
    #[serde(default)]
    openid: String,
    #[serde(default)]
    lang: Option<String>,
}

/// `POST /cgi-bin/user/info/batchget`: 1 to 100 users, else 40032.
async fn batch_info(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<BatchInfoRequest>,
) -> ApiResult {
    if !(1..=MAX_BATCH).contains(&body.user_list.len()) {
        return Err(WxError::new(errcode::INVALID_OPENID_LIST_LENGTH));
    }
    if body
        .user_list
        .iter()
        .any(|user| !valid_openid(&user.openid))
    {
        return Err(WxError::new(errcode::INVALID_OPENID));
    }
    let inner = state.lock();
    let list: Vec<Value> = body
        .user_list
        .iter()
        .map(|user| profile(&inner, &auth.appid, &user.openid, user.lang.as_deref()))
        .collect();
    ok(json!({ "user_info_list": list }))
}

/// `GET /cgi-bin/user/get?next_openid`: the followers, 10000 a page, in a stable order.
async fn list(State(state): State<AppState>, auth: AccessToken, params: Params) -> ApiResult {
    let after = params.get("next_openid");
    if after.is_some_and(|o| !valid_openid(o)) {
        return Err(WxError::new(errcode::INVALID_OPENID));
    }
    let inner = state.lock();
    let body = match inner.users.accounts.get(&auth.appid) {
        Some(account) => openid_page(account.current.keys(), after, Some(account.current.len())),
        None => openid_page(std::iter::empty(), after, Some(0)),
    };
    ok(body)
}

#[derive(Debug, Deserialize)]
struct RemarkRequest {
    #[serde(default)]
    openid: String,
    #[serde(default)]
    remark: String,
}

/// `POST /cgi-bin/user/info/updateremark`: a follower's remark, under 30 bytes (40092 else).
async fn update_remark(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<RemarkRequest>,
) -> ApiResult {
    let mut inner = state.lock();
    check_follower(&inner, &auth.appid, &body.openid)?;
    if body.remark.len() >= MAX_REMARK_BYTES {
        return Err(WxError::new(errcode::INVALID_REMARK));
    }
    if let Some(follower) = inner
        .users
        .accounts
        .get_mut(&auth.appid)
        .and_then(|account| account.current.get_mut(&body.openid))
    {
        follower.remark = body.remark;
    }
    ok_empty()
}

#[derive(Debug, Deserialize)]
struct ChangeOpenidRequest {
    #[serde(default)]
    from_appid: String,
    #[serde(default)]
    openid_list: Vec<String>,
}

/// `POST /cgi-bin/changeopenid`: maps each OpenID of the old account to one of this account.
///
/// `from_appid` must name another account (63178 else). When it is an account of this
/// simulator, only its followers convert; any other well-formed OpenID converts, and a
/// malformed one gets `err_msg: "ori_openid error"`.
async fn change_openid(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<ChangeOpenidRequest>,
) -> ApiResult {
    let from = body.from_appid.as_str();
    if from.is_empty() || from == auth.appid || !valid_openid(from) {
        return Err(WxError::new(errcode::APPID_WRONG));
    }
    if body.openid_list.is_empty() {
        return Err(WxError::new(errcode::OPENID_LIST_EMPTY));
    }
    if body.openid_list.len() > MAX_BATCH {
        return Err(WxError::new(errcode::INVALID_OPENID_LIST_LENGTH));
    }
    let inner = state.lock();
    let known_app = inner.apps.contains_key(from);
    let results: Vec<Value> = body
        .openid_list
        .iter()
        .map(|openid| {
            let convertible =
                valid_openid(openid) && (!known_app || inner.users.is_follower(from, openid));
            if convertible {
                let hash = fnv1a(&format!("{}/{from}/{openid}", auth.appid));
                json!({
                    "ori_openid": openid,
                    "new_openid": format!("o{:013x}{:014x}", hash >> 12, hash.rotate_left(29) >> 8),
                    "err_msg": "ok",
                })
            } else {
                json!({ "ori_openid": openid, "err_msg": "ori_openid error" })
            }
        })
        .collect();
    ok(json!({ "errcode": errcode::OK, "errmsg": "ok", "result_list": results }))
}
