//! `PUBLISHJOBFINISH`: the outcome of publishing a draft (发布能力).

use serde::Deserialize;

/// The report of `PUBLISHJOBFINISH` (its `PublishEventInfo`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PublishJobFinish {
    /// `publish_id`: the id the publish call returned.
    pub publish_id: String,
    /// `publish_status`: 0 published, 1 publishing, 2 refused as not original, 3 failed, 4
    /// refused by the platform's review, 5 deleted after publishing, 6 banned after
    /// publishing.
    pub publish_status: u32,
    /// `article_id`: the published article, on success.
    pub article_id: String,
    /// The items of `article_detail`: each article and its URL.
    pub articles: Vec<PublishedArticle>,
    /// Each `fail_idx`: the articles (from 1) that failed the originality check.
    pub fail_idx: Vec<u32>,
}

/// One article of a [`PublishJobFinish`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct PublishedArticle {
    /// `idx`: the article's position, from 1.
    #[serde(rename = "idx")]
    pub idx: u32,
    /// `article_url`: where it was published.
    #[serde(rename = "article_url")]
    pub article_url: String,
}

/// The callback, down to `PublishEventInfo`.
#[derive(Default, Deserialize)]
#[serde(default)]
pub(crate) struct RawPublishDoc {
    #[serde(rename = "PublishEventInfo")]
    info: RawPublishEventInfo,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawPublishEventInfo {
    publish_id: String,
    publish_status: u32,
    article_id: String,
    article_detail: RawArticleDetail,
    fail_idx: Vec<u32>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawArticleDetail {
    item: Vec<PublishedArticle>,
}

impl From<RawPublishDoc> for PublishJobFinish {
    fn from(doc: RawPublishDoc) -> Self {
        let info = doc.info;
        PublishJobFinish {
            publish_id: info.publish_id,
            publish_status: info.publish_status,
            article_id: info.article_id,
            articles: info.article_detail.item,
            fail_idx: info.fail_idx,
        }
    }
}
