//! The draft box (`/cgi-bin/draft/*`) and publishing (`/cgi-bin/freepublish/*`).
//!
//! A draft holds 1 to 8 articles, checked as WeChat does: an article's cover, or a picture
//! post's images, must be the account's permanent image materials (40007). Publishing a draft
//! takes it out of the box and publishes at once (status 0), with a `msg_data_id` under which
//! the articles take comments.

mod draft;
mod freepublish;

use axum::Router;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::{get, ok, post, ApiResult};
use crate::{
    errcode,
    state::{
        materials::{Kind, Materials},
        AppState,
    },
    tokens::random_string,
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/draft/add", post(draft::add))
        .route("/cgi-bin/draft/get", post(draft::get_draft))
        .route("/cgi-bin/draft/delete", post(draft::delete))
        .route("/cgi-bin/draft/update", post(draft::update))
        .route("/cgi-bin/draft/count", get(draft::count))
        .route("/cgi-bin/draft/batchget", post(draft::batchget))
        .route("/cgi-bin/draft/switch", post(draft::switch))
        .route("/cgi-bin/freepublish/submit", post(freepublish::submit))
        .route("/cgi-bin/freepublish/get", post(freepublish::get_job))
        .route("/cgi-bin/freepublish/delete", post(freepublish::delete))
        .route(
            "/cgi-bin/freepublish/getarticle",
            post(freepublish::get_article),
        )
        .route("/cgi-bin/freepublish/batchget", post(freepublish::batchget))
}

/// The most articles a draft holds.
const MAX_ARTICLES: usize = 8;
/// The most images of a picture post.
const MAX_IMAGES: usize = 20;
const MAX_TITLE_CHARS: usize = 32;
const MAX_AUTHOR_CHARS: usize = 16;
const MAX_DIGEST_CHARS: usize = 128;
/// A body must be shorter than this, in characters.
const MAX_CONTENT_CHARS: usize = 20_000;
/// How much of the body a missing digest takes.
const DEFAULT_DIGEST_CHARS: usize = 54;

/// An article as a draft call sends it.
#[derive(Debug, Deserialize)]
pub(super) struct ArticleIn {
    article_type: Option<String>,
    title: Option<String>,
    author: Option<String>,
    digest: Option<String>,
    content: Option<String>,
    content_source_url: Option<String>,
    thumb_media_id: Option<String>,
    need_open_comment: Option<u8>,
    only_fans_can_comment: Option<u8>,
    image_info: Option<ImageInfoIn>,
    product_info: Option<Value>,
}

#[derive(Debug, Deserialize)]
struct ImageInfoIn {
    #[serde(default)]
    image_list: Vec<ImageIn>,
}

#[derive(Debug, Deserialize)]
struct ImageIn {
    image_media_id: Option<String>,
}

/// The body of a page of a list: `offset`, `count` (1 to 20) and `no_content`.
#[derive(Debug, Deserialize)]
pub(super) struct PageRequest {
    offset: Option<u64>,
    count: Option<u64>,
    no_content: Option<u8>,
}

impl PageRequest {
    /// (offset, count, no_content); 40097 for a count outside 1 to 20.
    fn checked(&self) -> Result<(usize, usize, bool), WxError> {
        let count = self.count.unwrap_or(0);
        if !(1..=20).contains(&count) {
            return Err(WxError::new(errcode::INVALID_ARGS));
        }
        let offset = usize::try_from(self.offset.unwrap_or(0)).unwrap_or(usize::MAX);
        Ok((offset, count as usize, self.no_content == Some(1)))
    }

    /// The `batchget` answer of this page of `all` (newest first): each entry as
    /// `{id_key: id, "content": {"news_item": [...]}, "update_time"}`, its articles and update
    /// time from `entry` (told whether `no_content` was asked).
    fn page<T>(
        &self,
        all: &[(&String, &T)],
        id_key: &str,
        entry: impl Fn(&T, bool) -> (Vec<Value>, u64),
    ) -> ApiResult {
        let (offset, count, no_content) = self.checked()?;
        let page: Vec<Value> = all
            .iter()
            .skip(offset)
            .take(count)
            .map(|(id, item)| {
                let (items, update_time) = entry(item, no_content);
                json!({
                    id_key: id,
                    "content": { "news_item": items },
                    "update_time": update_time,
                })
            })
            .collect();
        ok(json!({
            "total_count": all.len(),
            "item_count": page.len(),
            "item": page,
        }))
    }
}

fn chars(value: &str) -> usize {
    value.chars().count()
}

/// The permanent image material `media_id` of `appid` and its URL, or 40007.
fn image_material(
    materials: &Materials,
    appid: &str,
    media_id: Option<&str>,
) -> Result<String, WxError> {
    media_id
        .and_then(|id| materials.get(appid, id))
        .filter(|m| m.kind.group() == Kind::Image)
        .map(|m| m.url.clone().unwrap_or_default())
        .ok_or_else(|| WxError::new(errcode::INVALID_MEDIA_ID))
}

/// The first `max` characters of a body, its tags left out.
fn default_digest(content: &str, max: usize) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in content.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.trim().chars().take(max).collect()
}

/// Checks an article as WeChat does and turns it into what the draft calls answer (plus the
/// cover's `thumb_url`, which only published articles show). `single` is whether the draft
/// holds this one article (only then does a missing digest come from the body).
pub(super) fn stored_article(
    materials: &Materials,
    appid: &str,
    article: ArticleIn,
    single: bool,
) -> Result<Value, WxError> {
    let kind = article.article_type.as_deref().unwrap_or("news");
    if !matches!(kind, "news" | "newspic") {
        return Err(WxError::new(errcode::INVALID_ARGS));
    }
    let title = article
        .title
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| WxError::new(errcode::ARGUMENT_INVALID))?;
    if chars(&title) > MAX_TITLE_CHARS {
        return Err(WxError::new(errcode::TITLE_SIZE_OUT_OF_LIMIT));
    }
    let author = article.author.unwrap_or_default();
    if chars(&author) > MAX_AUTHOR_CHARS {
        return Err(WxError::new(errcode::AUTHOR_SIZE_OUT_OF_LIMIT));
    }
    let content = article
        .content
        .filter(|c| !c.trim().is_empty() && chars(c) < MAX_CONTENT_CHARS)
        .ok_or_else(|| WxError::new(errcode::INVALID_CONTENT))?;
    let digest = match article.digest {
        Some(digest) if chars(&digest) > MAX_DIGEST_CHARS => {
            return Err(WxError::new(errcode::DESCRIPTION_SIZE_OUT_OF_LIMIT))
        }
        Some(digest) => digest,
        None if single => default_digest(&content, DEFAULT_DIGEST_CHARS),
        None => String::new(),
    };
    let mut stored = Map::new();
    stored.insert("article_type".into(), json!(kind));
    stored.insert("title".into(), json!(title));
    stored.insert("author".into(), json!(author));
    stored.insert("digest".into(), json!(digest));
    stored.insert("content".into(), json!(content));
    stored.insert(
        "content_source_url".into(),
        json!(article.content_source_url.unwrap_or_default()),
    );
    let (thumb_media_id, thumb_url) = if kind == "news" {
        let thumb = article.thumb_media_id.unwrap_or_default();
        let url = image_material(materials, appid, Some(&thumb))?;
        stored.insert("show_cover_pic".into(), json!(0));
        (thumb, url)
    } else {
        let images = article.image_info.map(|i| i.image_list).unwrap_or_default();
        if images.is_empty() || images.len() > MAX_IMAGES {
            return Err(WxError::new(errcode::ARGUMENT_INVALID));
        }
        let mut list = Vec::with_capacity(images.len());
        let mut first = None;
        for image in &images {
            let url = image_material(materials, appid, image.image_media_id.as_deref())?;
            let id = image.image_media_id.clone().unwrap_or_default();
            first.get_or_insert_with(|| (id.clone(), url));
            list.push(json!({ "image_media_id": id }));
        }
        stored.insert("image_info".into(), json!({ "image_list": list }));
        first.unwrap_or_default()
    };
    stored.insert("thumb_media_id".into(), json!(thumb_media_id));
    stored.insert("thumb_url".into(), json!(thumb_url));
    stored.insert(
        "need_open_comment".into(),
        json!(u8::from(article.need_open_comment == Some(1))),
    );
    stored.insert(
        "only_fans_can_comment".into(),
        json!(u8::from(article.only_fans_can_comment == Some(1))),
    );
    if let Some(product) = article.product_info {
        stored.insert("product_info".into(), product);
    }
    stored.insert(
        "url".into(),
        json!(format!(
            "https://mp.weixin.qq.com/s?__biz=MzA{}&tempkey={}",
            random_string(8),
            random_string(48)
        )),
    );
    Ok(Value::Object(stored))
}

/// A stored draft article as the draft calls answer it.
fn draft_answer(article: &Value, no_content: bool) -> Value {
    let mut article = article.clone();
    if let Some(fields) = article.as_object_mut() {
        fields.remove("thumb_url");
        if no_content {
            fields.remove("content");
        }
    }
    article
}

/// A draft article as published, under its permanent `url`.
fn published_article(article: &Value, url: &str) -> Value {
    let mut published = Map::new();
    for field in [
        "title",
        "author",
        "digest",
        "content",
        "content_source_url",
        "thumb_media_id",
        "thumb_url",
        "need_open_comment",
        "only_fans_can_comment",
    ] {
        published.insert(field.into(), article[field].clone());
    }
    published.insert(
        "show_cover_pic".into(),
        article.get("show_cover_pic").cloned().unwrap_or(json!(0)),
    );
    published.insert("url".into(), json!(url));
    published.insert("is_deleted".into(), json!(false));
    Value::Object(published)
}

/// A published article as the freepublish calls answer it.
fn published_answer(article: &Value, no_content: bool) -> Value {
    let mut article = article.clone();
    if no_content {
        if let Some(fields) = article.as_object_mut() {
            fields.remove("content");
        }
    }
    article
}
