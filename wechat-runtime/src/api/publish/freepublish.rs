//! Publishing drafts: [`FreePublishApi`].

use serde::{Deserialize, Deserializer};

use super::{opt_lenient_u64, NewsItemAnswer, PageBody, StoredArticle, StoredArticles};
use crate::api::{check_between, check_present, string_or_number, ApiCall, Area, Retry};

/// Publishing; from [`Client::freepublish`](crate::Client::freepublish).
pub struct FreePublishApi<'c, K>(pub(crate) Area<'c, K>);

/// A publish job submitted, from [`FreePublishApi::submit`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PublishSubmission {
    /// The job's id, for [`FreePublishApi::get`] and the `PUBLISHJOBFINISH` event.
    #[serde(deserialize_with = "string_or_number")]
    pub publish_id: String,
    /// The message's data id, under which its articles take comments.
    #[serde(default, deserialize_with = "opt_lenient_u64")]
    pub msg_data_id: Option<u64>,
}

/// Where a publish job stands (`publish_status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PublishStatus {
    /// `0`: published.
    Published,
    /// `1`: publishing.
    Publishing,
    /// `2`: refused, the originality claim failed.
    OriginalFailed,
    /// `3`: failed.
    Failed,
    /// `4`: refused by the platform's review.
    ReviewRefused,
    /// `5`: published, then every article deleted by the account.
    DeletedByUser,
    /// `6`: published, then every article banned by WeChat.
    Banned,
    /// A status this SDK does not know.
    Other(u32),
}

impl PublishStatus {
    /// The number WeChat sends.
    pub fn code(self) -> u32 {
        match self {
            PublishStatus::Published => 0,
            PublishStatus::Publishing => 1,
            PublishStatus::OriginalFailed => 2,
            PublishStatus::Failed => 3,
            PublishStatus::ReviewRefused => 4,
            PublishStatus::DeletedByUser => 5,
            PublishStatus::Banned => 6,
            PublishStatus::Other(code) => code,
        }
    }
}

impl From<u32> for PublishStatus {
    fn from(code: u32) -> Self {
        match code {
            0 => PublishStatus::Published,
            1 => PublishStatus::Publishing,
            2 => PublishStatus::OriginalFailed,
            3 => PublishStatus::Failed,
            4 => PublishStatus::ReviewRefused,
            5 => PublishStatus::DeletedByUser,
            6 => PublishStatus::Banned,
            other => PublishStatus::Other(other),
        }
    }
}

impl<'de> Deserialize<'de> for PublishStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let code = string_or_number(deserializer)?;
        code.trim()
            .parse::<u32>()
            .map(PublishStatus::from)
            .map_err(serde::de::Error::custom)
    }
}

/// A publish job, from [`FreePublishApi::get`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PublishJob {
    /// The job's id.
    #[serde(deserialize_with = "string_or_number")]
    pub publish_id: String,
    /// Where it stands.
    pub publish_status: PublishStatus,
    /// The published articles' id, once published.
    #[serde(default)]
    pub article_id: Option<String>,
    /// The published articles and their links, once published.
    #[serde(default)]
    pub article_detail: Option<PublishArticleDetail>,
    /// The articles (from 1) that failed, when refused.
    #[serde(default)]
    pub fail_idx: Vec<u32>,
}

/// The articles of a published job.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PublishArticleDetail {
    /// How many articles.
    #[serde(default)]
    pub count: u32,
    /// Each article and its link.
    #[serde(default)]
    pub item: Vec<PublishedArticleUrl>,
}

/// One published article and its permanent link.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PublishedArticleUrl {
    /// Its position, from 1.
    #[serde(default)]
    pub idx: u32,
    /// Its permanent link.
    #[serde(default)]
    pub article_url: String,
}

/// A page of published messages, from [`FreePublishApi::batchget`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PublishedList {
    /// How many published messages the account has.
    #[serde(default)]
    pub total_count: u64,
    /// How many are on this page.
    #[serde(default)]
    pub item_count: u64,
    /// This page, newest first.
    #[serde(default)]
    pub item: Vec<PublishedListItem>,
}

/// One published message of a [`PublishedList`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PublishedListItem {
    /// Its articles' id.
    pub article_id: String,
    /// Its articles.
    #[serde(default)]
    pub content: StoredArticles,
    /// When it last changed, in unix seconds.
    #[serde(default)]
    pub update_time: u64,
}

impl<'c, K: 'static> FreePublishApi<'c, K> {
    /// Publishes the draft `media_id`, which leaves the draft box: `POST
    /// /cgi-bin/freepublish/submit`. Success means the job started, not that it ended: ask
    /// [`get`](Self::get), or wait for the `PUBLISHJOBFINISH` event.
    pub fn submit(&self, media_id: &str) -> ApiCall<'static, PublishSubmission, K> {
        self.0.checked(check_present("media_id", media_id), |()| {
            self.0.post(
                "/cgi-bin/freepublish/submit",
                &serde_json::json!({ "media_id": media_id }),
                Retry::Unsafe,
            )
        })
    }

    /// Where the publish job `publish_id` stands: `POST /cgi-bin/freepublish/get`.
    pub fn get(&self, publish_id: &str) -> ApiCall<'static, PublishJob, K> {
        self.0
            .checked(check_present("publish_id", publish_id), |()| {
                self.0.post(
                    "/cgi-bin/freepublish/get",
                    &serde_json::json!({ "publish_id": publish_id }),
                    Retry::Safe,
                )
            })
    }

    /// Deletes a published article, for good: the one at `index` (from 1) of `article_id`, or
    /// all of them when `index` is 0: `POST /cgi-bin/freepublish/delete`.
    pub fn delete(&self, article_id: &str, index: u32) -> ApiCall<'static, (), K> {
        self.0
            .checked(check_present("article_id", article_id), |()| {
                self.0.post_ok(
                    "/cgi-bin/freepublish/delete",
                    &serde_json::json!({ "article_id": article_id, "index": index }),
                    Retry::Unsafe,
                )
            })
    }

    /// The published articles of `article_id`: `POST /cgi-bin/freepublish/getarticle`.
    pub fn get_article(&self, article_id: &str) -> ApiCall<'static, Vec<StoredArticle>, K> {
        self.0
            .checked(check_present("article_id", article_id), |()| {
                self.0.post_with(
                    "/cgi-bin/freepublish/getarticle",
                    &serde_json::json!({ "article_id": article_id }),
                    Retry::Safe,
                    |response| Ok(response.json::<NewsItemAnswer>()?.news_item),
                )
            })
    }

    /// A page of `count` (1 to 20) published messages from `offset`, newest first, without
    /// their bodies when `no_content` is set: `POST /cgi-bin/freepublish/batchget`.
    pub fn batchget(
        &self,
        offset: u32,
        count: u32,
        no_content: bool,
    ) -> ApiCall<'static, PublishedList, K> {
        self.0
            .checked(check_between("count", count, 1, super::MAX_PAGE), |()| {
                self.0.post(
                    "/cgi-bin/freepublish/batchget",
                    &PageBody {
                        offset,
                        count,
                        no_content: u8::from(no_content),
                    },
                    Retry::Safe,
                )
            })
    }
}
