//! Temporary media: `/cgi-bin/media/upload`, `/cgi-bin/media/get` (and the JS-SDK voices of
//! `/cgi-bin/media/get/jssdk`), the article images of `/cgi-bin/media/uploadimg`, and the news
//! and videos of mass messages (`/cgi-bin/media/uploadnews`, `/cgi-bin/media/uploadvideo`).

use axum::{
    extract::{multipart::MultipartRejection, Multipart, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Router,
};
use serde_json::json;

use serde::Deserialize;

use super::{credentials::AccessToken, get, ok, post, ApiResult, Params, WxJson};
use crate::{
    clock::unix_now,
    errcode,
    state::{materials::Kind, AppState, Inner, Media},
    tokens::random_string,
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/media/upload", post(upload))
        .route("/cgi-bin/media/get", get(media_get))
        .route("/cgi-bin/media/uploadimg", post(upload_img))
        .route("/cgi-bin/media/get/jssdk", get(media_get))
        .route("/cgi-bin/media/uploadnews", post(upload_news))
        .route("/cgi-bin/media/uploadvideo", post(upload_video))
}

/// How many temporary media the simulator keeps, all accounts together. WeChat keeps them three
/// days and limits uploads per day; past this the simulator answers 45009 as for the daily quota.
const MAX_TEMPORARY_MEDIA: usize = 100_000;
/// The largest image `uploadimg` takes (1 MB), as documented.
const MAX_ARTICLE_IMAGE: usize = 1024 * 1024;

/// A file read from a multipart upload.
#[derive(Debug, Default)]
pub(super) struct UploadedFile {
    pub(super) content_type: Option<String>,
    pub(super) filename: Option<String>,
    pub(super) bytes: Vec<u8>,
}

impl UploadedFile {
    /// The lowercase extension of the file name, if any.
    pub(super) fn extension(&self) -> Option<String> {
        let name = self.filename.as_deref()?;
        let (_, ext) = name.rsplit_once('.')?;
        Some(ext.to_ascii_lowercase())
    }
}

/// The parts of an upload WeChat reads: the file `media` and, for a permanent video, the JSON
/// text `description`. A missing or unreadable `media` answers 41005.
pub(super) async fn read_upload(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(UploadedFile, Option<String>), WxError> {
    let missing = || WxError::new(errcode::MEDIA_DATA_MISSING);
    let mut multipart = multipart.map_err(|_| missing())?;
    let mut file = None;
    let mut description = None;
    while let Some(field) = multipart.next_field().await.map_err(|_| missing())? {
        match field.name() {
            Some("media") if file.is_none() => {
                let content_type = field
                    .content_type()
                    .filter(|ct| !ct.is_empty() && *ct != "application/octet-stream")
                    .map(str::to_owned);
                // The name goes back in a `Content-Disposition` header: keep it safe there.
                let filename = field
                    .file_name()
                    .filter(|name| !name.is_empty() && !name.contains(['"', '\r', '\n']))
                    .map(str::to_owned);
                let bytes = field.bytes().await.map_err(|_| missing())?.to_vec();
                file = Some(UploadedFile {
                    content_type,
                    filename,
                    bytes,
                });
            }
            Some("description") if description.is_none() => {
                description = Some(field.text().await.map_err(|_| missing())?);
            }
            _ => {}
        }
    }
    let file = file.filter(|f| !f.bytes.is_empty()).ok_or_else(missing)?;
    Ok((file, description))
}

/// A file answer as WeChat sends a download: the bytes with their type and name.
pub(super) fn file_response(content_type: &str, filename: &str, bytes: Vec<u8>) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (
                header::CACHE_CONTROL,
                "no-cache, must-revalidate".to_owned(),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// The content type and file extension WeChat uses for a media type.
pub(super) fn defaults_for(media_type: &str) -> (&'static str, &'static str) {
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
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult {
    let media_type = match params.get("type") {
        Some(t @ ("image" | "voice" | "video" | "thumb")) => t.to_owned(),
        _ => return Err(WxError::new(errcode::INVALID_MEDIA_TYPE)),
    };
    let (file, _) = read_upload(multipart).await?;
    let (default_type, ext) = defaults_for(&media_type);
    let media_id = random_string(64);
    let media = Media {
        owner: auth.appid,
        content_type: file.content_type.unwrap_or_else(|| default_type.to_owned()),
        filename: file.filename.unwrap_or_else(|| format!("{media_id}.{ext}")),
        bytes: file.bytes,
    };
    {
        let mut inner = state.lock();
        if inner.media.len() >= MAX_TEMPORARY_MEDIA {
            return Err(WxError::new(errcode::API_QUOTA_EXCEEDED));
        }
        inner.media.insert(media_id.clone(), media);
    }
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
    Ok(file_response(
        &media.content_type,
        &media.filename,
        media.bytes,
    ))
}

/// `POST /cgi-bin/media/uploadimg`, multipart field `media`: an image for article bodies (JPG or
/// PNG, at most 1 MB); answers its URL, under which the simulator keeps the bytes.
async fn upload_img(
    State(state): State<AppState>,
    _auth: AccessToken,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult {
    let (file, _) = read_upload(multipart).await?;
    let format = match file.extension().as_deref() {
        Some("jpg" | "jpeg") => "jpeg",
        Some("png") => "png",
        _ => return Err(WxError::new(errcode::INVALID_FILE_TYPE)),
    };
    if file.bytes.len() > MAX_ARTICLE_IMAGE {
        return Err(WxError::new(errcode::INVALID_IMAGE_SIZE));
    }
    let url = format!(
        "http://mmbiz.qpic.cn/mmbiz_{format}/{}/0",
        random_string(54)
    );
    state
        .lock()
        .materials
        .keep_article_image(&url, file.bytes)?;
    ok(json!({ "url": url }))
}

/// The most articles of a mass message's news.
const MAX_NEWS_ARTICLES: usize = 8;

#[derive(Debug, Deserialize)]
struct NewsRequest {
    articles: Option<Vec<NewsArticle>>,
}

#[derive(Debug, Deserialize)]
struct NewsArticle {
    title: Option<String>,
    thumb_media_id: Option<String>,
    content: Option<String>,
}

#[derive(Debug, Deserialize)]
struct VideoRequest {
    media_id: Option<String>,
}

/// Whether `media_id` is a temporary media of `appid` whose content type starts with
/// `type_prefix`, or a permanent material of `appid` of one of `kinds`.
fn has_media(
    inner: &Inner,
    appid: &str,
    media_id: &str,
    type_prefix: &str,
    kinds: &[Kind],
) -> bool {
    let temporary = inner
        .media
        .get(media_id)
        .is_some_and(|m| m.owner == appid && m.content_type.starts_with(type_prefix));
    temporary
        || inner
            .materials
            .get(appid, media_id)
            .is_some_and(|m| kinds.contains(&m.kind))
}

/// `POST /cgi-bin/media/uploadnews`: `{"articles":[..]}` (1 to 8, each with a title, a
/// content and a cover among the account's images) -> `{"type":"news","media_id","created_at"}`.
/// 47003 for a missing field or a wrong count, 40007 for an unknown cover.
async fn upload_news(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<NewsRequest>,
) -> ApiResult {
    let articles = body
        .articles
        .filter(|a| (1..=MAX_NEWS_ARTICLES).contains(&a.len()))
        .ok_or_else(|| WxError::new(errcode::ARGUMENT_INVALID))?;
    let inner = state.lock();
    for article in &articles {
        let present = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.trim().is_empty());
        if !present(&article.title) || !present(&article.content) {
            return Err(WxError::new(errcode::ARGUMENT_INVALID));
        }
        let thumb = article.thumb_media_id.as_deref().unwrap_or("");
        if !has_media(
            &inner,
            &auth.appid,
            thumb,
            "image/",
            &[Kind::Image, Kind::Thumb],
        ) {
            return Err(WxError::new(errcode::INVALID_MEDIA_ID));
        }
    }
    ok(json!({
        "type": "news",
        "media_id": random_string(64),
        "created_at": unix_now(),
    }))
}

/// `POST /cgi-bin/media/uploadvideo`: `{"media_id","title","description"}` of an uploaded
/// video -> `{"type":"video","media_id","created_at"}`, the media id a mass message sends; 40007
/// when `media_id` is no video of the account.
async fn upload_video(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<VideoRequest>,
) -> ApiResult {
    let media_id = body.media_id.unwrap_or_default();
    if !has_media(
        &state.lock(),
        &auth.appid,
        &media_id,
        "video/",
        &[Kind::Video],
    ) {
        return Err(WxError::new(errcode::INVALID_MEDIA_ID));
    }
    ok(json!({
        "type": "video",
        "media_id": random_string(64),
        "created_at": unix_now(),
    }))
}
