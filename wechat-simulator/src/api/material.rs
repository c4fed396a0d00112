//! Permanent material (`/cgi-bin/material/*`), and the article images of `media/uploadimg`.

use axum::{
    extract::{multipart::MultipartRejection, Multipart, State},
    Router,
};
use serde::Deserialize;
use serde_json::{json, Value};

use super::{
    credentials::AccessToken,
    get,
    media::{defaults_for, file_response, read_upload, UploadedFile},
    ok, ok_empty, post, ApiResult, Params, WxJson,
};
use crate::{
    clock::unix_now,
    errcode,
    state::{
        materials::{Kind, Material},
        AppState,
    },
    tokens::random_string,
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/material/add_material", post(add_material))
        .route("/cgi-bin/material/get_material", post(get_material))
        .route("/cgi-bin/material/del_material", post(del_material))
        .route(
            "/cgi-bin/material/get_materialcount",
            get(get_materialcount),
        )
        .route(
            "/cgi-bin/material/batchget_material",
            post(batchget_material),
        )
}

#[derive(Debug, Deserialize)]
struct VideoDescription {
    title: Option<String>,
    introduction: Option<String>,
}

/// `POST /cgi-bin/material/add_material?type=TYPE`, multipart `media` (and `description` for a
/// video): answers the `media_id`, and the `url` of an image.
async fn add_material(
    State(state): State<AppState>,
    auth: AccessToken,
    params: Params,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult {
    let kind = params
        .get("type")
        .and_then(Kind::parse)
        .filter(|kind| *kind != Kind::News)
        .ok_or_else(|| WxError::new(errcode::INVALID_MEDIA_TYPE))?;
    let (file, description) = read_upload(multipart).await?;
    check_file(kind, &file)?;
    let (title, introduction) = if kind == Kind::Video {
        let description: VideoDescription = description
            .as_deref()
            .and_then(|text| serde_json::from_str(text).ok())
            .ok_or_else(|| WxError::new(errcode::DATA_FORMAT_ERROR))?;
        let title = description
            .title
            .filter(|title| !title.is_empty())
            .ok_or_else(|| WxError::new(errcode::DATA_FORMAT_ERROR))?;
        (title, description.introduction.unwrap_or_default())
    } else {
        (String::new(), String::new())
    };
    let (default_type, ext) = defaults_for(kind.as_str());
    let url = (kind.group() == Kind::Image).then(|| {
        format!(
            "http://mmbiz.qpic.cn/mmbiz_jpg/{}/0?wx_fmt=jpeg",
            random_string(54)
        )
    });
    let material = Material {
        kind,
        seq: 0,
        update_time: unix_now(),
        name: file
            .filename
            .clone()
            .unwrap_or_else(|| format!("{}.{ext}", random_string(16))),
        content_type: file.content_type.unwrap_or_else(|| default_type.to_owned()),
        bytes: file.bytes,
        url: url.clone(),
        title,
        introduction,
        articles: Vec::new(),
    };
    let media_id = state.lock().materials.insert(&auth.appid, material)?;
    match url {
        Some(url) => ok(json!({ "media_id": media_id, "url": url })),
        None => ok(json!({ "media_id": media_id })),
    }
}

/// Checks a file's extension (40005) and size (40009 to 40012) against WeChat's rules.
fn check_file(kind: Kind, file: &UploadedFile) -> Result<(), WxError> {
    let (extensions, max_size, too_large) = kind.file_rules();
    let extension_ok = file
        .extension()
        .is_some_and(|ext| extensions.contains(&ext.as_str()));
    if !extension_ok {
        return Err(WxError::new(errcode::INVALID_FILE_TYPE));
    }
    if file.bytes.len() > max_size {
        return Err(WxError::new(too_large));
    }
    Ok(())
}

#[derive(Debug, Deserialize)]
struct MediaIdRequest {
    media_id: Option<String>,
}

/// `POST /cgi-bin/material/get_material`: the file of an image, voice clip or thumbnail; the
/// JSON of a video (`title`, `description`, `down_url`) or news (`news_item`).
async fn get_material(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<MediaIdRequest>,
) -> ApiResult {
    let material = body
        .media_id
        .as_deref()
        .and_then(|id| state.lock().materials.get(&auth.appid, id).cloned())
        .ok_or_else(|| WxError::new(errcode::INVALID_MEDIA_ID))?;
    match material.kind {
        Kind::News => ok(json!({
            "news_item": material.articles,
            "create_time": material.update_time,
            "update_time": material.update_time,
        })),
        Kind::Video => ok(json!({
            "title": material.title,
            "description": material.introduction,
            "down_url": format!(
                "http://mp.weixin.qq.com/mp/videoplayer?vid={}",
                random_string(32)
            ),
        })),
        _ => Ok(file_response(
            &material.content_type,
            &material.name,
            material.bytes,
        )),
    }
}

/// `POST /cgi-bin/material/del_material`: 40007 for a media_id the account does not have.
async fn del_material(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<MediaIdRequest>,
) -> ApiResult {
    let removed = body.media_id.as_deref().and_then(|id| {
        state
            .lock()
            .materials
            .apps
            .get_mut(&auth.appid)
            .and_then(|items| items.remove(id))
    });
    match removed {
        Some(_) => ok_empty(),
        None => Err(WxError::new(errcode::INVALID_MEDIA_ID)),
    }
}

/// `GET /cgi-bin/material/get_materialcount`.
async fn get_materialcount(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    let inner = state.lock();
    let count = |kind: Kind| {
        inner.materials.apps.get(&auth.appid).map_or(0, |items| {
            items.values().filter(|m| m.kind.group() == kind).count()
        })
    };
    ok(json!({
        "voice_count": count(Kind::Voice),
        "video_count": count(Kind::Video),
        "image_count": count(Kind::Image),
        "news_count": count(Kind::News),
    }))
}

#[derive(Debug, Deserialize)]
struct BatchgetRequest {
    #[serde(rename = "type")]
    kind: Option<String>,
    offset: Option<u64>,
    count: Option<u64>,
}

/// `POST /cgi-bin/material/batchget_material`: a page of 1 to 20 materials of a type, newest
/// first.
async fn batchget_material(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<BatchgetRequest>,
) -> ApiResult {
    let kind = body
        .kind
        .as_deref()
        .and_then(Kind::parse)
        .filter(|kind| *kind != Kind::Thumb)
        .ok_or_else(|| WxError::new(errcode::INVALID_MEDIA_TYPE))?;
    let count = body.count.unwrap_or(0);
    if !(1..=20).contains(&count) {
        return Err(WxError::new(errcode::INVALID_ARGS));
    }
    let inner = state.lock();
    let mut all: Vec<(&String, &Material)> = inner
        .materials
        .apps
        .get(&auth.appid)
        .map(|items| {
            items
                .iter()
                .filter(|(_, m)| m.kind.group() == kind)
                .collect()
        })
        .unwrap_or_default();
    all.sort_by_key(|(_, m)| std::cmp::Reverse(m.seq));
    let offset = usize::try_from(body.offset.unwrap_or(0)).unwrap_or(usize::MAX);
    let page: Vec<Value> = all
        .iter()
        .skip(offset)
        .take(count as usize)
        .map(|(media_id, m)| list_item(media_id, m))
        .collect();
    ok(json!({
        "total_count": all.len(),
        "item_count": page.len(),
        "item": page,
    }))
}

/// An item of `batchget_material`, shaped per kind as WeChat documents it.
fn list_item(media_id: &str, material: &Material) -> Value {
    match material.kind {
        Kind::News => json!({
            "media_id": media_id,
            "content": {
                "news_item": material.articles,
                "create_time": material.update_time,
                "update_time": material.update_time,
            },
            "update_time": material.update_time,
        }),
        _ => {
            let mut item = json!({
                "media_id": media_id,
                "name": material.name,
                "update_time": material.update_time,
            });
            if let Some(url) = &material.url {
                item["url"] = json!(url);
            }
            item
        }
    }
}
