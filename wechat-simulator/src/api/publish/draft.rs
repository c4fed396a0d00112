//! The draft box: `/cgi-bin/draft/*`.

use axum::extract::State;
use serde::Deserialize;
use serde_json::{json, Value};

use super::{draft_answer, stored_article, ArticleIn, PageRequest, MAX_ARTICLES};
use crate::{
    api::{credentials::AccessToken, ok, ok_empty, ApiResult, Params, WxJson},
    errcode,
    state::AppState,
    wx_error::WxError,
};

#[derive(Debug, Deserialize)]
pub(super) struct AddRequest {
    articles: Option<Vec<ArticleIn>>,
}

#[derive(Debug, Deserialize)]
pub(super) struct MediaIdRequest {
    media_id: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct UpdateRequest {
    media_id: Option<String>,
    index: Option<u64>,
    articles: Option<ArticleIn>,
}

/// `POST /cgi-bin/draft/add`: `{"articles":[..]}` (1 to 8) -> `{"media_id"}`.
pub(super) async fn add(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<AddRequest>,
) -> ApiResult {
    let articles = body
        .articles
        .filter(|a| (1..=MAX_ARTICLES).contains(&a.len()))
        .ok_or_else(|| WxError::new(errcode::ARGUMENT_INVALID))?;
    let mut inner = state.lock();
    let single = articles.len() == 1;
    let stored = articles
        .into_iter()
        .map(|article| stored_article(&inner.materials, &auth.appid, article, single))
        .collect::<Result<Vec<Value>, WxError>>()?;
    let media_id = inner.publish.add_draft(&auth.appid, stored)?;
    ok(json!({ "media_id": media_id }))
}

/// `POST /cgi-bin/draft/get`: `{"media_id"}` -> `{"news_item":[..]}`; 40007 unknown.
pub(super) async fn get_draft(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<MediaIdRequest>,
) -> ApiResult {
    let inner = state.lock();
    let draft = body
        .media_id
        .as_deref()
        .and_then(|id| inner.publish.draft(&auth.appid, id))
        .ok_or_else(|| WxError::new(errcode::INVALID_MEDIA_ID))?;
    let items: Vec<Value> = draft
        .articles
        .iter()
        .map(|a| draft_answer(a, false))
        .collect();
    ok(json!({ "news_item": items }))
}

/// `POST /cgi-bin/draft/delete`: `{"media_id"}`; 40007 unknown.
pub(super) async fn delete(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<MediaIdRequest>,
) -> ApiResult {
    let removed = body
        .media_id
        .as_deref()
        .and_then(|id| state.lock().publish.delete_draft(&auth.appid, id));
    match removed {
        Some(_) => ok_empty(),
        None => Err(WxError::new(errcode::INVALID_MEDIA_ID)),
    }
}

/// `POST /cgi-bin/draft/update`: `{"media_id","index","articles":{..}}`; 40007 for an unknown
/// draft, 40114 for an index past its articles.
pub(super) async fn update(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<UpdateRequest>,
) -> ApiResult {
    let mut inner = state.lock();
    let media_id = body.media_id.unwrap_or_default();
    let draft = inner
        .publish
        .draft(&auth.appid, &media_id)
        .ok_or_else(|| WxError::new(errcode::INVALID_MEDIA_ID))?;
    let single = draft.articles.len() == 1;
    let index = body
        .index
        .and_then(|i| usize::try_from(i).ok())
        .filter(|i| *i < draft.articles.len())
        .ok_or_else(|| WxError::new(errcode::INVALID_INDEX_VALUE))?;
    let article = body
        .articles
        .ok_or_else(|| WxError::new(errcode::ARGUMENT_INVALID))?;
    let stored = stored_article(&inner.materials, &auth.appid, article, single)?;
    inner
        .publish
        .update_draft(&auth.appid, &media_id, index, stored)?;
    ok_empty()
}

/// `GET /cgi-bin/draft/count` -> `{"total_count"}`.
pub(super) async fn count(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    let total = state.lock().publish.drafts(&auth.appid).len();
    ok(json!({ "total_count": total }))
}

/// `POST /cgi-bin/draft/batchget`: a page of 1 to 20 drafts, newest first.
pub(super) async fn batchget(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<PageRequest>,
) -> ApiResult {
    let inner = state.lock();
    body.page(
        &inner.publish.drafts(&auth.appid),
        "media_id",
        |draft, no_content| {
            let items = draft.articles.iter();
            (
                items.map(|a| draft_answer(a, no_content)).collect(),
                draft.update_time,
            )
        },
    )
}

/// `POST /cgi-bin/draft/switch[?checkonly=1]`: the draft box is on for every account since
/// WeChat's trial ended, so `is_open` is always 1 and turning it on changes nothing.
pub(super) async fn switch(_auth: AccessToken, params: Params) -> ApiResult {
    if params.get("checkonly") == Some("1") {
        ok(json!({ "errcode": errcode::OK, "errmsg": "ok", "is_open": 1 }))
    } else {
        ok_empty()
    }
}
