//! Customer service messages: `/cgi-bin/message/custom/send` and `/cgi-bin/message/custom/typing`,
//! plus the input checks that the message areas (template, subscribe, mass, customer service)
//! share.

use axum::{extract::State, Router};
use serde_json::Value;

use super::{credentials::AccessToken, ok_empty, post, ApiResult, WxJson};
use crate::{clock::unix_now, errcode, state::AppState, wx_error::WxError};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/message/custom/send", post(custom_send))
        .route("/cgi-bin/message/custom/typing", post(typing))
}

/// The `msgtype`s that customer service messages accept.
const CUSTOM_MSGTYPES: &[&str] = &[
    "text",
    "image",
    "voice",
    "video",
    "music",
    "news",
    "mpnews",
    "mpnewsarticle",
    "msgmenu",
    "wxcard",
    "miniprogrampage",
    "link",
];

/// How many custom messages the simulator keeps; older ones are dropped.
const MAX_SENT_MESSAGES: usize = 10_000;

/// A non-empty string field of a JSON object.
pub(super) fn text<'a>(body: &'a Value, key: &str) -> Option<&'a str> {
    body.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

/// Whether `openid` could be an OpenID (WeChat's are 28 URL-safe characters).
pub(super) fn valid_openid(openid: &str) -> bool {
    !openid.is_empty()
        && openid.len() <= 64
        && openid
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
}

/// The body's `touser`, checked: 40003 when missing or malformed.
pub(super) fn touser(body: &Value) -> Result<&str, WxError> {
    text(body, "touser")
        .filter(|openid| valid_openid(openid))
        .ok_or_else(|| WxError::new(errcode::INVALID_OPENID))
}

/// A number WeChat takes as a JSON number or a string of digits (ids, timestamps).
pub(super) fn lenient_u64(value: Option<&Value>) -> Option<u64> {
    match value? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// What a customer service chat record shows for a message: the text, or `[image]` and the like.
fn record_text(body: &Value, msgtype: &str) -> String {
    match msgtype {
        "text" => body
            .pointer("/text/content")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        other => format!("[{other}]"),
    }
}

/// `POST /cgi-bin/message/custom/send`: the message is kept for [`sent_messages`]; one sent as a
/// customer service account (`customservice.kf_account`, which must exist, else 65401) also
/// becomes a chat record of `/customservice/msgrecord/getmsglist`.
///
/// [`sent_messages`]: crate::Simulator::sent_messages
async fn custom_send(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let openid = touser(&body)?.to_owned();
    let msgtype = text(&body, "msgtype")
        .filter(|t| CUSTOM_MSGTYPES.contains(t))
        .ok_or_else(|| WxError::new(errcode::INVALID_MESSAGE_TYPE))?;
    if msgtype == "text" {
        let content = body
            .pointer("/text/content")
            .and_then(Value::as_str)
            .filter(|c| !c.is_empty());
        if content.is_none() {
            return Err(WxError::new(errcode::EMPTY_CONTENT));
        }
    }
    let kf_account = body
        .pointer("/customservice/kf_account")
        .and_then(Value::as_str)
        .filter(|kf| !kf.is_empty())
        .map(str::to_owned);
    let record = record_text(&body, msgtype);
    let mut inner = state.lock();
    if let Some(kf_account) = kf_account {
        if !inner.customer_service.has_account(&auth.appid, &kf_account) {
            return Err(WxError::new(errcode::INVALID_KF_ACCOUNT));
        }
        inner
            .customer_service
            .record_sent(&auth.appid, &kf_account, &openid, record, unix_now());
    }
    // A `Vec`, as `Simulator::sent_messages` returns it; dropping the oldest is rare.
    if inner.sent_messages.len() >= MAX_SENT_MESSAGES {
        inner.sent_messages.remove(0);
    }
    inner.sent_messages.push(body);
    drop(inner);
    ok_empty()
}

/// `POST /cgi-bin/message/custom/typing`: `command` is `Typing` or `CancelTyping` (else 45072).
async fn typing(_auth: AccessToken, WxJson(body): WxJson<Value>) -> ApiResult {
    touser(&body)?;
    match text(&body, "command") {
        Some("Typing" | "CancelTyping") => ok_empty(),
        _ => Err(WxError::new(errcode::INVALID_TYPING_COMMAND)),
    }
}
