//! WeCom's temporary media: `POST /cgi-bin/media/upload?type=`, `GET /cgi-bin/media/get`, and
//! the permanent image URLs of `POST /cgi-bin/media/uploadimg`. Uploads are kept per corp and
//! shared by its apps, as on WeCom.

use axum::{
    extract::{multipart::MultipartRejection, Multipart, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Router,
};
use serde_json::json;

use super::{
    codes::*,
    credentials::WorkToken,
    {get, ok, post, ApiResult, Params},
};
use crate::{
    clock::unix_now,
    state::{work_apps::WorkMedia, AppState},
    tokens::random_string,
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/media/upload", post(upload))
        .route("/cgi-bin/media/get", get(download))
        .route("/cgi-bin/media/uploadimg", post(upload_img))
}

const MB: usize = 1024 * 1024;
/// The fewest bytes of an upload.
const MIN_UPLOAD: usize = 5;

/// A file of an upload's `media` part.
struct Upload {
    filename: Option<String>,
    content_type: Option<String>,
    bytes: Vec<u8>,
}

/// The `media` part, or 41005.
async fn read_media(multipart: Result<Multipart, MultipartRejection>) -> Result<Upload, WxError> {
    let missing = || wecom_error(MEDIA_DATA_MISSING);
    let mut multipart = multipart.map_err(|_| missing())?;
    while let Some(field) = multipart.next_field().await.map_err(|_| missing())? {
        if field.name() != Some("media") {
            continue;
        }
        // The name goes back in a `Content-Disposition` header: keep it safe there.
        let filename = field
            .file_name()
            .filter(|name| !name.is_empty() && !name.contains(['"', '\r', '\n']))
            .map(str::to_owned);
        let content_type = field
            .content_type()
            .filter(|ct| !ct.is_empty() && *ct != "application/octet-stream")
            .map(str::to_owned);
        let bytes = field.bytes().await.map_err(|_| missing())?.to_vec();
        return Ok(Upload {
            filename,
            content_type,
            bytes,
        });
    }
    Err(missing())
}

/// The size limit of a type, and what it is served as by default.
fn limits(kind: &str) -> Option<(usize, &'static str, &'static str)> {
    match kind {
        "image" => Some((10 * MB, "image/jpeg", "jpg")),
        "voice" => Some((2 * MB, "audio/amr", "amr")),
        "video" => Some((10 * MB, "video/mp4", "mp4")),
        "file" => Some((20 * MB, "application/octet-stream", "bin")),
        _ => None,
    }
}

/// `POST /cgi-bin/media/upload?type=`: 40004 an unknown type, 41005 no `media` part, 40006 a
/// file under 5 bytes or over the type's limit. `created_at` is a string, as WeCom writes it.
async fn upload(
    State(state): State<AppState>,
    auth: WorkToken,
    params: Params,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult {
    let kind = params.get("type").unwrap_or_default().to_owned();
    let (max, default_type, extension) =
        limits(&kind).ok_or_else(|| wecom_error(INVALID_MEDIA_TYPE))?;
    let upload = read_media(multipart).await?;
    if upload.bytes.len() < MIN_UPLOAD || upload.bytes.len() > max {
        return Err(wecom_error(INVALID_FILE_SIZE));
    }
    let media_id = format!("3{}", random_string(63));
    let created_at = unix_now();
    let media = WorkMedia {
        filename: upload
            .filename
            .unwrap_or_else(|| format!("{media_id}.{extension}")),
        content_type: upload
            .content_type
            .unwrap_or_else(|| default_type.to_owned()),
        kind: kind.clone(),
        bytes: upload.bytes,
    };
    state
        .lock()
        .work_apps
        .corp(&auth.corpid)
        .add_media(media_id.clone(), media);
    ok(json!({
        "errcode": 0, "errmsg": "", "type": kind,
        "media_id": media_id, "created_at": created_at.to_string(),
    }))
}

/// `GET /cgi-bin/media/get?media_id=`: the file, with its type and name. 41006 no media_id,
/// 40007 an unknown one.
async fn download(
    State(state): State<AppState>,
    auth: WorkToken,
    params: Params,
) -> Result<Response, WxError> {
    let media_id = params
        .get("media_id")
        .ok_or_else(|| wecom_error(MEDIA_ID_MISSING))?;
    let inner = state.lock();
    let media = inner
        .work_apps
        .get(&auth.corpid)
        .and_then(|apps| apps.media(media_id))
        .ok_or_else(|| wecom_error(INVALID_MEDIA_ID))?;
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, media.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", media.filename),
            ),
        ],
        media.bytes.clone(),
    )
        .into_response())
}

/// `POST /cgi-bin/media/uploadimg`: a JPG or PNG of 5 bytes to 2 MB (40005 another type,
/// 40006 another size), answered with a permanent URL.
async fn upload_img(
    _auth: WorkToken,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult {
    let upload = read_media(multipart).await?;
    let extension = upload
        .filename
        .as_deref()
        .and_then(|name| name.rsplit_once('.'))
        .map(|(_, ext)| ext.to_ascii_lowercase());
    if !matches!(extension.as_deref(), Some("jpg" | "jpeg" | "png")) {
        return Err(wecom_error(INVALID_FILE_TYPE));
    }
    if upload.bytes.len() < MIN_UPLOAD || upload.bytes.len() > 2 * MB {
        return Err(wecom_error(INVALID_FILE_SIZE));
    }
    ok(json!({
        "errcode": 0, "errmsg": "ok",
        "url": format!("https://wework.qpic.cn/wwpic/{}/0", random_string(40)),
    }))
}
