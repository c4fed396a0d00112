//! Publishing: `/cgi-bin/freepublish/*`.

use axum::extract::State;
use serde::Deserialize;
use serde_json::{json, Value};

use super::{published_answer, published_article, PageRequest};
use crate::{
    api::{credentials::AccessToken, ok, ok_empty, ApiResult, WxJson},
    errcode,
    state::AppState,
    wx_error::WxError,
};

#[derive(Debug, Deserialize)]
pub(super) struct SubmitRequest {
    media_id: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct JobRequest {
    /// A string, though a number is taken too.
    publish_id: Option<Value>,
}

#[derive(Debug, Deserialize)]
pub(super) struct ArticleRequest {
    article_id: Option<String>,
    index: Option<u64>,
}

/// `POST /cgi-bin/freepublish/submit`: `{"media_id"}` of a draft -> `{"publish_id",
/// "msg_data_id"}`. The draft leaves the box and is published at once; its articles take
/// comments (open as each article asked) under the `msg_data_id`. 40007 for an unknown draft.
pub(super) async fn submit(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<SubmitRequest>,
) -> ApiResult {
    let media_id = body.media_id.unwrap_or_default();
    let mut inner = state.lock();
    let job = inner
        .publish
        .submit(&auth.appid, &media_id, published_article)?;
    let publication = inner
        .publish
        .publication(&auth.appid, &job.article_id)
        .map(|p| p.articles.clone())
        .unwrap_or_default();
    for (index, article) in (0u32..).zip(&publication) {
        let open = article["need_open_comment"] == json!(1);
        inner
            .comments
            .register(&auth.appid, job.msg_data_id, index, open);
    }
    ok(json!({
        "errcode": errcode::OK,
        "errmsg": "ok",
        "publish_id": job.publish_id,
        "msg_data_id": job.msg_data_id.to_string(),
    }))
}

/// `POST /cgi-bin/freepublish/get`: `{"publish_id"}` -> the job; 40097 for an unknown id.
pub(super) async fn get_job(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<JobRequest>,
) -> ApiResult {
    let publish_id = match body.publish_id {
        Some(Value::String(id)) => id,
        Some(Value::Number(id)) => id.to_string(),
        _ => return Err(WxError::new(errcode::INVALID_ARGS)),
    };
    let inner = state.lock();
    let job = inner
        .publish
        .job(&auth.appid, &publish_id)
        .ok_or_else(|| WxError::new(errcode::INVALID_ARGS))?;
    ok(job.to_json())
}

/// `POST /cgi-bin/freepublish/delete`: `{"article_id","index"}`, index 0 (or none) for every
/// article; 53600 for an unknown id, 40114 for an index past the articles.
pub(super) async fn delete(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<ArticleRequest>,
) -> ApiResult {
    let article_id = body.article_id.unwrap_or_default();
    let index = usize::try_from(body.index.unwrap_or(0)).unwrap_or(usize::MAX);
    state
        .lock()
        .publish
        .delete_published(&auth.appid, &article_id, index)?;
    ok_empty()
}

/// `POST /cgi-bin/freepublish/getarticle`: `{"article_id"}` -> `{"news_item":[..]}`, deleted
/// articles flagged `is_deleted`; 53600 for an unknown id.
pub(super) async fn get_article(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<ArticleRequest>,
) -> ApiResult {
    let inner = state.lock();
    let publication = body
        .article_id
        .as_deref()
        .and_then(|id| inner.publish.publication(&auth.appid, id))
        .ok_or_else(|| WxError::new(errcode::INVALID_ARTICLE_ID))?;
    let items: Vec<Value> = publication
        .articles
        .iter()
        .map(|a| published_answer(a, false))
        .collect();
    ok(json!({ "errcode": errcode::OK, "errmsg": "ok", "news_item": items }))
}

/// `POST /cgi-bin/freepublish/batchget`: a page of 1 to 20 publications with an article
/// left, newest first.
pub(super) async fn batchget(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<PageRequest>,
) -> ApiResult {
    let inner = state.lock();
    body.page(
        &inner.publish.publications(&auth.appid),
        "article_id",
        |publication, no_content| {
            let items = publication.articles.iter();
            (
                items.map(|a| published_answer(a, no_content)).collect(),
                publication.update_time,
            )
        },
    )
}
