//! An authorizer's testers: `/wxa/bind_tester`, `/wxa/unbind_tester`, `/wxa/memberauth`.

use axum::extract::State;
use serde_json::{json, Value};

use super::text;
use crate::{
    api::{credentials::AccessToken, ok, ok_empty, ApiResult, WxJson},
    errcode,
    ids::fnv1a,
    state::AppState,
    wx_error::WxError,
};

/// The most testers a Mini Program has (85002 past it).
const MAX_TESTERS: usize = 100;

/// A WeChat ID: 6 to 20 letters, digits, `_` or `-`, starting with a letter.
fn valid_wechat_id(wx: &str) -> bool {
    (6..=20).contains(&wx.len())
        && wx.starts_with(|c: char| c.is_ascii_alphabetic())
        && wx
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
}

/// The tester's id in one Mini Program: the same for the same user every time.
fn userstr(appid: &str, wechatid: &str) -> String {
    format!(
        "{:016x}{:016x}",
        fnv1a(&format!("{appid}:{wechatid}")),
        fnv1a(&format!("{wechatid}:{appid}"))
    )
}

/// `POST /wxa/bind_tester`: `{"wechatid"}` -> `{"userstr"}`; 85001 for a malformed WeChat
/// ID, 85004 when already a tester, 85002 past 100 testers.
pub(super) async fn bind(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let wechatid = text(&body, "wechatid")
        .filter(|wx| valid_wechat_id(wx))
        .ok_or_else(|| WxError::new(errcode::TESTER_NOT_FOUND))?;
    let mut inner = state.lock();
    let account = inner.wxa_admin.account_mut(&auth.appid);
    let userstr = userstr(&auth.appid, wechatid);
    if account.testers.contains_key(&userstr) {
        return Err(WxError::new(errcode::TESTER_ALREADY_BOUND));
    }
    if account.testers.len() >= MAX_TESTERS {
        return Err(WxError::new(errcode::TESTER_LIMIT));
    }
    account.testers.insert(userstr.clone(), wechatid.to_owned());
    ok(json!({ "errcode": 0, "errmsg": "ok", "userstr": userstr }))
}

/// `POST /wxa/unbind_tester`: `{"wechatid"}` or `{"userstr"}`; 85001 for one who is no
/// tester, 47003 without either.
pub(super) async fn unbind(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let key = match (text(&body, "userstr"), text(&body, "wechatid")) {
        (Some(userstr), _) => userstr.to_owned(),
        (None, Some(wechatid)) => userstr(&auth.appid, wechatid),
        (None, None) => return Err(WxError::new(errcode::ARGUMENT_INVALID)),
    };
    let mut inner = state.lock();
    inner
        .wxa_admin
        .account_mut(&auth.appid)
        .testers
        .remove(&key)
        .ok_or_else(|| WxError::new(errcode::TESTER_NOT_FOUND))?;
    ok_empty()
}

/// `POST /wxa/memberauth`: `{"action":"get_experiencer"}` -> `{"members":[{"userstr"}]}`;
/// 85022 for another action.
pub(super) async fn members(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    if text(&body, "action") != Some("get_experiencer") {
        return Err(WxError::new(errcode::INVALID_ACTION));
    }
    let inner = state.lock();
    let members: Vec<Value> = inner
        .wxa_admin
        .account(&auth.appid)
        .map(|account| {
            account
                .testers
                .keys()
                .map(|userstr| json!({ "userstr": userstr }))
                .collect()
        })
        .unwrap_or_default();
    ok(json!({ "errcode": 0, "errmsg": "ok", "members": members }))
}
