//! Chat records of customer service accounts: `/customservice/msgrecord/getmsglist`.
//!
//! A record is kept for every message sent through `/cgi-bin/message/custom/send` as an account
//! (`customservice.kf_account`); `msgid`s count from 1 per account.

use axum::{extract::State, Router};
use serde_json::{json, Value};

use crate::{
    api::{credentials::AccessToken, message::lenient_u64, ok, post, ApiResult, WxJson},
    errcode,
    state::{customer_service::Record, AppState},
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/customservice/msgrecord/getmsglist", post(msg_list))
}

/// The most records one page returns.
const MAX_PAGE: u64 = 10_000;
/// The longest time span one query covers, in seconds.
const MAX_SPAN: u64 = 86_400;

/// `POST /customservice/msgrecord/getmsglist`: up to `number` records from `msgid` on, sent
/// between `starttime` and `endtime`; the answer's `msgid` is where the next page starts.
/// 65417 when the span is empty or over 24 hours, 65416 for a `number` outside 1 to 10000 or a
/// `msgid` of 0.
async fn msg_list(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let field = |key: &str| lenient_u64(body.get(key));
    let (Some(start), Some(end)) = (field("starttime"), field("endtime")) else {
        return Err(WxError::new(errcode::KF_INVALID_QUERY));
    };
    if end <= start || end - start > MAX_SPAN {
        return Err(WxError::new(errcode::KF_QUERY_SPAN_TOO_LONG));
    }
    let msgid = field("msgid").filter(|id| *id >= 1);
    let number = field("number").filter(|n| (1..=MAX_PAGE).contains(n));
    let (Some(msgid), Some(number)) = (msgid, number) else {
        return Err(WxError::new(errcode::KF_INVALID_QUERY));
    };
    let inner = state.lock();
    let page: Vec<&Record> = inner
        .customer_service
        .app(&auth.appid)
        .map(|app| {
            app.records
                .iter()
                .filter(|r| r.msgid >= msgid && (start..=end).contains(&r.time))
                .take(usize::try_from(number).unwrap_or(usize::MAX))
                .collect()
        })
        .unwrap_or_default();
    let next = page.last().map_or(msgid, |r| r.msgid + 1);
    let list: Vec<Value> = page
        .iter()
        .map(|r| {
            json!({
                "openid": r.openid,
                "opercode": r.opercode,
                "text": r.text,
                "time": r.time,
                "worker": r.worker,
            })
        })
        .collect();
    drop(inner);
    ok(json!({ "recordlist": list, "number": list.len(), "msgid": next }))
}
