//! Messages: `/cgi-bin/message/*`.

use axum::{extract::State, Router};
use serde_json::Value;

use super::{credentials::AccessToken, ok_empty, post, ApiResult, WxJson};
use crate::{errcode, state::AppState, wx_error::WxError};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/cgi-bin/message/custom/send", post(custom_send))
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
];

/// `POST /cgi-bin/message/custom/send`: the message is kept for [`sent_messages`].
///
/// [`sent_messages`]: crate::Simulator::sent_messages
async fn custom_send(
    State(state): State<AppState>,
    _auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let text = |key: &str| {
        body.get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    if text("touser").is_none() {
        return Err(WxError::new(errcode::INVALID_OPENID));
    }
    let msgtype = text("msgtype")
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
    state.lock().sent_messages.push(body);
    ok_empty()
}
