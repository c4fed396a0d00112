//! Temporary media: `/cgi-bin/media/upload` and `/cgi-bin/media/get`.

use axum::{
    extract::{Multipart, State},
    http::{header, StatusCode},
    response::IntoResponse,
    Router,
};
use serde_json::json;

use super::{credentials::AccessToken, get, ok, post, unix_now, ApiResult, Params};
use crate::{
    errcode,
    state::{AppState, Media},
    tokens::random_string,
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/media/upload", post(upload))
        .route("/cgi-bin/media/get", get(media_get))
}

/// The content type and file extension WeChat uses for a media type.
fn defaults_for(media_type: &str) -> (&'static str, &'static str) {
    match media_type {
        "voice" => ("audio/amr", "amr"),
        "video" => ("video/mp4", "mp4"),
        _ => ("image/jpeg", "jpg"),
    }
}

/// `POST /cgi-bin/media/upload?type=image|voice|video|thumb`, multipart field `media`.
///
/// As in WeChat, a `thumb` upload answers `thumb_media_id` instead of `media_id`.
async fn upload(
    State(state): State<AppState>,
    auth: AccessToken,
    params: Params,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> ApiResult {
    let media_type = match params.get("type") {
        Some(t @ ("image" | "voice" | "video" | "thumb")) => t.to_owned(),
        _ => return Err(WxError::new(errcode::INVALID_MEDIA_TYPE)),
    };
    let missing = || WxError::new(errcode::MEDIA_DATA_MISSING);
    let mut multipart = multipart.map_err(|_| missing())?;
    let (default_type, ext) = defaults_for(&media_type);
    let media_id = random_string(64);
    let media = loop {
        let field = multipart.next_field().await.map_err(|_| missing())?;
        let Some(field) = field else {
            return Err(missing());
        };
        if field.name() != Some("media") {
            continue;
        }
        let content_type = field
            .content_type()
            .filter(|ct| !ct.is_empty() && *ct != "application/octet-stream")
            .unwrap_or(default_type)
            .to_owned();
        let filename = field
            .file_name()
            .filter(|name| !name.is_empty() && !name.contains(['"', '\r', '\n']))
            .map(str::to_owned)
            .unwrap_or_else(|| format!("{media_id}.{ext}"));
        let bytes = field.bytes().await.map_err(|_| missing())?;
        break Media {
            owner: auth.appid,
            content_type,
            filename,
            bytes: bytes.to_vec(),
        };
    };
    state.lock().media.insert(media_id.clone(), media);
    let id_field = if media_type == "thumb" {
        "thumb_media_id"
    } else {
        "media_id"
    };
    ok(json!({
        "type": media_type,
        id_field: media_id,
        "created_at": unix_now(),
    }))
}

/// `GET /cgi-bin/media/get?media_id`: the uploaded bytes, or 40007.
async fn media_get(State(state): State<AppState>, auth: AccessToken, params: Params) -> ApiResult {
    let media = params.get("media_id").and_then(|id| {
        state
            .lock()
            .media
            .get(id)
            .filter(|media| media.owner == auth.appid)
            .cloned()
    });
    let media = media.ok_or_else(|| WxError::new(errcode::INVALID_MEDIA_ID))?;
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, media.content_type),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", media.filename),
            ),
            (
                header::CACHE_CONTROL,
                "no-cache, must-revalidate".to_owned(),
            ),
        ],
        media.bytes,
    )
        .into_response())
}
