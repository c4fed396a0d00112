//! The draft box: [`DraftApi`].

use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::{check_article, DraftArticle, NewsItemAnswer, PageBody, StoredArticle, StoredArticles};
use crate::api::{check_between, check_len, check_present, ok, ApiCall, Area, Retry};

/// The draft box; from [`Client::draft`](crate::Client::draft).
pub struct DraftApi<'c, K>(pub(crate) Area<'c, K>);

/// The most articles one draft holds.
pub const MAX_DRAFT_ARTICLES: usize = 8;

/// A page of drafts, from [`DraftApi::batchget`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct DraftList {
    /// How many drafts the account has.
    #[serde(default)]
    pub total_count: u64,
    /// How many are on this page.
    #[serde(default)]
    pub item_count: u64,
    /// This page, newest first.
    #[serde(default)]
    pub item: Vec<DraftListItem>,
}

/// One draft of a [`DraftList`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct DraftListItem {
    /// The draft's media id.
    pub media_id: String,
    /// Its articles.
    #[serde(default)]
    pub content: StoredArticles,
    /// When it last changed, in unix seconds.
    #[serde(default)]
    pub update_time: u64,
}

#[derive(Serialize)]
struct AddBody<'a> {
    articles: &'a [DraftArticle],
}

#[derive(Serialize)]
struct UpdateBody<'a> {
    media_id: &'a str,
    index: u32,
    articles: &'a DraftArticle,
}

#[derive(Deserialize)]
struct MediaIdAnswer {
    media_id: String,
}

#[derive(Deserialize)]
struct CountAnswer {
    #[serde(default)]
    total_count: u64,
}

#[derive(Deserialize)]
struct SwitchAnswer {
    #[serde(default)]
    is_open: u8,
}

impl<'c, K: 'static> DraftApi<'c, K> {
    /// Adds a draft of 1 to 8 articles and returns its `media_id`: `POST /cgi-bin/draft/add`.
    /// Each article is checked first (see [`DraftArticle`]).
    pub fn add(&self, articles: &[DraftArticle]) -> ApiCall<'static, String, K> {
        let checked = check_len("the draft's articles", articles, MAX_DRAFT_ARTICLES)
            .and_then(|()| articles.iter().try_for_each(check_article));
        self.0.checked(checked, |()| {
            self.0.post_with(
                "/cgi-bin/draft/add",
                &AddBody { articles },
                Retry::Unsafe,
                |response| Ok(response.json::<MediaIdAnswer>()?.media_id),
            )
        })
    }

    /// The articles of the draft `media_id`: `POST /cgi-bin/draft/get`.
    pub fn get(&self, media_id: &str) -> ApiCall<'static, Vec<StoredArticle>, K> {
        self.0.checked(check_present("media_id", media_id), |()| {
            self.0.post_with(
                "/cgi-bin/draft/get",
                &serde_json::json!({ "media_id": media_id }),
                Retry::Safe,
                |response| Ok(response.json::<NewsItemAnswer>()?.news_item),
            )
        })
    }

    /// Deletes the draft `media_id`, for good: `POST /cgi-bin/draft/delete`.
    pub fn delete(&self, media_id: &str) -> ApiCall<'static, (), K> {
        self.0.checked(check_present("media_id", media_id), |()| {
            self.0.post_ok(
                "/cgi-bin/draft/delete",
                &serde_json::json!({ "media_id": media_id }),
                Retry::Unsafe,
            )
        })
    }

    /// Replaces the article at `index` (from 0) of the draft `media_id`:
    /// `POST /cgi-bin/draft/update`.
    pub fn update(
        &self,
        media_id: &str,
        index: u32,
        article: &DraftArticle,
    ) -> ApiCall<'static, (), K> {
        let checked = check_present("media_id", media_id).and_then(|()| check_article(article));
        self.0.checked(checked, |()| {
            self.0.post_ok(
                "/cgi-bin/draft/update",
                &UpdateBody {
                    media_id,
                    index,
                    articles: article,
                },
                Retry::Safe,
            )
        })
    }

    /// How many drafts the account has: `GET /cgi-bin/draft/count`.
    pub fn count(&self) -> ApiCall<'static, u64, K> {
        self.0.get_with("/cgi-bin/draft/count", |response| {
            Ok(response.json::<CountAnswer>()?.total_count)
        })
    }

    /// A page of `count` (1 to 20) drafts from `offset`, newest first, without their bodies
    /// when `no_content` is set: `POST /cgi-bin/draft/batchget`.
    pub fn batchget(
        &self,
        offset: u32,
        count: u32,
        no_content: bool,
    ) -> ApiCall<'static, DraftList, K> {
        self.0
            .checked(check_between("count", count, 1, super::MAX_PAGE), |()| {
                self.0.post(
                    "/cgi-bin/draft/batchget",
                    &PageBody {
                        offset,
                        count,
                        no_content: u8::from(no_content),
                    },
                    Retry::Safe,
                )
            })
    }

    /// Whether the draft box and publishing are on for the account:
    /// `POST /cgi-bin/draft/switch?checkonly=1`. They are on for every account since WeChat's
    /// trial ended.
    pub fn switch_status(&self) -> ApiCall<'static, bool, K> {
        let request = self
            .0
            .request(Method::POST, "/cgi-bin/draft/switch")
            .query("checkonly", 1)
            .idempotent(true);
        self.0.call(request, |response| {
            Ok(response.json::<SwitchAnswer>()?.is_open == 1)
        })
    }

    /// Turns the draft box and publishing on, for good: `POST /cgi-bin/draft/switch`.
    pub fn switch_on(&self) -> ApiCall<'static, (), K> {
        let request = self
            .0
            .request(Method::POST, "/cgi-bin/draft/switch")
            .idempotent(true);
        self.0.call(request, ok)
    }
}
