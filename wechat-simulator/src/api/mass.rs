//! Mass messages (`/cgi-bin/message/mass/*`): to every follower or a tag (`sendall`), to a list
//! of openids (`send`), previews, status and deletion.
//!
//! The simulator sends a job at once: its status is `SEND_SUCCESS` from the start, `DELETE`
//! once deleted. Each job is kept with its body for [`mass_jobs`](crate::Simulator::mass_jobs).

use axum::{extract::State, Router};
use serde_json::{json, Value};

use super::{
    credentials::AccessToken,
    message::{lenient_u64, text, valid_openid},
    ok, ok_empty, post, ApiResult, WxJson,
};
use crate::{errcode, state::AppState, wx_error::WxError};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/message/mass/sendall", post(send_all))
        .route("/cgi-bin/message/mass/send", post(send))
        .route("/cgi-bin/message/mass/preview", post(preview))
        .route("/cgi-bin/message/mass/get", post(status))
        .route("/cgi-bin/message/mass/delete", post(delete))
}

/// The most openids one `send` takes.
const MAX_OPENIDS: usize = 10_000;

/// Checks a mass message's content: 40008 for another `msgtype`, 44004 for empty text, 40007
/// for a missing media id, 47003 for a card without `card_id`.
fn check_content(body: &Value) -> Result<(), WxError> {
    let field = |path: &str| {
        body.pointer(path)
            .and_then(Value::as_str)
            .is_some_and(|s| !s.is_empty())
    };
    let media = |path: &str| {
        if field(path) {
            Ok(())
        } else {
            Err(WxError::new(errcode::INVALID_MEDIA_ID))
        }
    };
    match text(body, "msgtype") {
        Some("text") if field("/text/content") => Ok(()),
        Some("text") => Err(WxError::new(errcode::EMPTY_CONTENT)),
        Some("mpnews") => media("/mpnews/media_id"),
        Some("voice") => media("/voice/media_id"),
        Some("mpvideo") => media("/mpvideo/media_id"),
        Some("image") => {
            let ids = body.pointer("/images/media_ids").and_then(Value::as_array);
            let valid = ids.is_some_and(|ids| {
                !ids.is_empty()
                    && ids
                        .iter()
                        .all(|id| id.as_str().is_some_and(|s| !s.is_empty()))
            });
            if valid {
                Ok(())
            } else {
                Err(WxError::new(errcode::INVALID_MEDIA_ID))
            }
        }
        Some("wxcard") if field("/wxcard/card_id") => Ok(()),
        Some("wxcard") => Err(WxError::new(errcode::ARGUMENT_INVALID)),
        _ => Err(WxError::new(errcode::INVALID_MESSAGE_TYPE)),
    }
}

/// The answer to an accepted send.
fn submitted(msg_id: u64, msg_data_id: Option<u64>) -> ApiResult {
    let mut answer = json!({
        "errcode": 0,
        "errmsg": "send job submission success",
        "msg_id": msg_id,
    });
    if let Some(id) = msg_data_id {
        answer["msg_data_id"] = json!(id);
    }
    ok(answer)
}

/// `POST /cgi-bin/message/mass/sendall`: `filter.is_to_all`, or a `filter.tag_id`, else 47001;
/// the content as [`check_content`] says.
async fn send_all(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let filter = body
        .get("filter")
        .ok_or_else(|| WxError::new(errcode::DATA_FORMAT_ERROR))?;
    let to_all = filter
        .get("is_to_all")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if !to_all && lenient_u64(filter.get("tag_id")).is_none() {
        return Err(WxError::new(errcode::DATA_FORMAT_ERROR));
    }
    check_content(&body)?;
    let (msg_id, msg_data_id) = state.lock().mass.submit(auth.appid, "sendall", body);
    submitted(msg_id, msg_data_id)
}

/// `POST /cgi-bin/message/mass/send`: `touser` must list 2 to 10000 openids (40130), each
/// valid (40003).
async fn send(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let openids = body
        .get("touser")
        .and_then(Value::as_array)
        .filter(|list| (2..=MAX_OPENIDS).contains(&list.len()))
        .ok_or_else(|| WxError::new(errcode::INVALID_OPENID_LIST_SIZE))?;
    if !openids.iter().all(|o| o.as_str().is_some_and(valid_openid)) {
        return Err(WxError::new(errcode::INVALID_OPENID));
    }
    check_content(&body)?;
    let (msg_id, msg_data_id) = state.lock().mass.submit(auth.appid, "send", body);
    submitted(msg_id, msg_data_id)
}

/// `POST /cgi-bin/message/mass/preview`: to one follower by `touser` or `towxname` (else
/// 40003); answers a `msg_id` that status and delete do not know.
async fn preview(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let to_openid = text(&body, "touser").is_some_and(valid_openid);
    if !to_openid && text(&body, "towxname").is_none() {
        return Err(WxError::new(errcode::INVALID_OPENID));
    }
    check_content(&body)?;
    let (msg_id, _) = state.lock().mass.submit(auth.appid, "preview", body);
    ok(json!({ "errcode": 0, "errmsg": "preview success", "msg_id": msg_id }))
}

/// `POST /cgi-bin/message/mass/get`: the job's status; 40059 for an unknown `msg_id`.
async fn status(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let msg_id = lenient_u64(body.get("msg_id"));
    let mut inner = state.lock();
    let job = inner.mass.job_mut(&auth.appid, msg_id)?;
    let answer = json!({ "msg_id": job.msg_id, "msg_status": job.status });
    drop(inner);
    ok(answer)
}

/// `POST /cgi-bin/message/mass/delete`: the whole job (no `article_idx`, or 0) turns `DELETE`;
/// deleting one article keeps the status. 40059 for an unknown `msg_id`.
async fn delete(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let msg_id = lenient_u64(body.get("msg_id"));
    let article_idx = lenient_u64(body.get("article_idx")).unwrap_or(0);
    let mut inner = state.lock();
    let job = inner.mass.job_mut(&auth.appid, msg_id)?;
    if article_idx == 0 {
        job.status = "DELETE";
    }
    drop(inner);
    ok_empty()
}
