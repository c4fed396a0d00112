//! Drafts and publishing: the draft box ([`DraftApi`], `/cgi-bin/draft/*`) and the publishing
//! of drafts ([`FreePublishApi`], `/cgi-bin/freepublish/*`).
//!
//! An article is written into a draft as a [`DraftArticle`]: an article with a cover
//! ([`DraftArticle::news`]) or a picture post of up to 20 images
//! ([`DraftArticle::newspic`]). Publishing a draft starts a publish job and takes the draft out
//! of the box; the job's outcome comes from [`FreePublishApi::get`] or, pushed, as the
//! `PUBLISHJOBFINISH` event. The published articles then carry comments
//! ([`Client::comment`](crate::Client::comment)) under the `msg_data_id` the job answered.
//!
//! Every type of both areas is here, in `wechat_runtime::api::publish`.
//!
//! ```no_run
//! # async fn example<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
//! use wechat_runtime::api::publish::{DraftArticle, PublishStatus};
//!
//! // The cover is a permanent image (client.material().add(..)), the body's images come
//! // from client.media().upload_img(..).
//! let article = DraftArticle::news("Spring menu", "<p>Our new dishes</p>", "THUMB_MEDIA_ID")
//!     .author("The kitchen")
//!     .open_comment(false);
//! let media_id = client.draft().add(&[article]).await?;
//!
//! let submitted = client.freepublish().submit(&media_id).await?;
//! let job = client.freepublish().get(&submitted.publish_id).await?;
//! if job.publish_status == PublishStatus::Published {
//!     for item in job.article_detail.map(|d| d.item).unwrap_or_default() {
//!         println!("article {} is at {}", item.idx, item.article_url);
//!     }
//! }
//! # Ok(()) }
//! ```

mod draft;
mod freepublish;

pub use draft::{DraftApi, DraftList, DraftListItem};
pub use freepublish::{
    FreePublishApi, PublishArticleDetail, PublishJob, PublishStatus, PublishSubmission,
    PublishedArticleUrl, PublishedList, PublishedListItem,
};

use serde::{Deserialize, Deserializer, Serialize};

use super::{check_present, opt_string_or_number, string_or_number};
use crate::error::{Error, Result};

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 32;
/// The longest author, in characters.
pub const MAX_AUTHOR_CHARS: usize = 16;
/// The longest digest, in characters.
pub const MAX_DIGEST_CHARS: usize = 128;
/// The longest content: fewer than 20 000 characters (and under 1 MB).
pub const MAX_CONTENT_CHARS: usize = 20_000;
/// The longest "read more" URL, in bytes (1 KB).
pub const MAX_SOURCE_URL_BYTES: usize = 1024;
/// The most images of a picture post (`newspic`); the first is its cover.
pub const MAX_NEWSPIC_IMAGES: usize = 20;

/// The kind of an article: `article_type` on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ArticleType {
    /// `news`: an article with a cover and an HTML body (WeChat's default).
    #[default]
    News,
    /// `newspic`: a picture post, up to 20 images and a plain-text body.
    Newspic,
    /// A kind this SDK does not know (decoding only; it cannot be sent).
    #[serde(other, skip_serializing)]
    Other,
}

/// The images of a picture post (`image_info`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewspicImages {
    /// The images, the cover first.
    #[serde(default)]
    pub image_list: Vec<NewspicImage>,
}

/// One image of a picture post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewspicImage {
    /// The image: a permanent material's media id.
    pub image_media_id: String,
}

/// How a picture post's cover is cropped (`cover_info`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CoverInfo {
    /// One crop per ratio.
    #[serde(default)]
    pub crop_percent_list: Vec<CoverCrop>,
}

/// One crop of a cover: the ratio and the corners, in a frame where the image's top left is
/// (0, 0) and its bottom right (1, 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CoverCrop {
    /// `1_1`, `16_9` or `2.35_1`.
    #[serde(default)]
    pub ratio: String,
    /// The top left corner's x.
    #[serde(default, deserialize_with = "string_or_number")]
    pub x1: String,
    /// The top left corner's y.
    #[serde(default, deserialize_with = "string_or_number")]
    pub y1: String,
    /// The bottom right corner's x.
    #[serde(default, deserialize_with = "string_or_number")]
    pub x2: String,
    /// The bottom right corner's y.
    #[serde(default, deserialize_with = "string_or_number")]
    pub y2: String,
}

impl CoverCrop {
    /// A crop to `ratio` (`"1_1"`, `"16_9"` or `"2.35_1"`) from (`x1`, `y1`) to (`x2`, `y2`),
    /// each between 0 and 1.
    pub fn new(ratio: impl Into<String>, x1: f64, y1: f64, x2: f64, y2: f64) -> Self {
        CoverCrop {
            ratio: ratio.into(),
            x1: x1.to_string(),
            y1: y1.to_string(),
            x2: x2.to_string(),
            y2: y2.to_string(),
        }
    }
}

/// The product shown under an article (`product_info`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProductInfo {
    /// The product at the article's end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer_product_info: Option<FooterProduct>,
}

/// The product at an article's end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FooterProduct {
    /// The product's key, from the product card API.
    #[serde(default)]
    pub product_key: String,
}

/// An article to write into a draft ([`DraftApi::add`], [`DraftApi::update`]).
///
/// Start from [`DraftArticle::news`] or [`DraftArticle::newspic`]; the setters add the
/// optional fields. WeChat's limits are checked before sending: a title of at most 32
/// characters, an author of 16, a digest of 128, a body of fewer than 20 000, a cover for an
/// article and 1 to 20 images for a picture post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DraftArticle {
    /// The kind.
    pub article_type: ArticleType,
    /// The title.
    pub title: String,
    /// The author.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The digest (single-article drafts only); WeChat takes the body's first 54 characters
    /// when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    /// The body: HTML for an article (its images from `media/uploadimg`), plain text for a
    /// picture post.
    pub content: String,
    /// The "read more" link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_source_url: Option<String>,
    /// The cover, a permanent material's media id (required for an article).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumb_media_id: Option<String>,
    /// `1` to open comments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_open_comment: Option<u8>,
    /// `1` to let only followers comment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub only_fans_can_comment: Option<u8>,
    /// The 2.35:1 crop of the cover, `X1_Y1_X2_Y2`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pic_crop_235_1: Option<String>,
    /// The 1:1 crop of the cover, `X1_Y1_X2_Y2`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pic_crop_1_1: Option<String>,
    /// The images of a picture post.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_info: Option<NewspicImages>,
    /// The crops of a picture post's cover.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cover_info: Option<CoverInfo>,
    /// The product at the article's end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product_info: Option<ProductInfo>,
}

impl DraftArticle {
    fn new(
        article_type: ArticleType,
        title: impl Into<String>,
        content: impl Into<String>,
    ) -> Self {
        DraftArticle {
            article_type,
            title: title.into(),
            author: None,
            digest: None,
            content: content.into(),
            content_source_url: None,
            thumb_media_id: None,
            need_open_comment: None,
            only_fans_can_comment: None,
            pic_crop_235_1: None,
            pic_crop_1_1: None,
            image_info: None,
            cover_info: None,
            product_info: None,
        }
    }

    /// An article (`news`): a title, an HTML body and a cover (a permanent material).
    pub fn news(
        title: impl Into<String>,
        content: impl Into<String>,
        thumb_media_id: impl Into<String>,
    ) -> Self {
        DraftArticle {
            thumb_media_id: Some(thumb_media_id.into()),
            ..DraftArticle::new(ArticleType::News, title, content)
        }
    }

    /// A picture post (`newspic`): a title, a plain-text body and 1 to 20 images (permanent
    /// materials), the first one its cover.
    pub fn newspic<I>(title: impl Into<String>, content: impl Into<String>, images: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        let image_list = images
            .into_iter()
            .map(|id| NewspicImage {
                image_media_id: id.into(),
            })
            .collect();
        DraftArticle {
            image_info: Some(NewspicImages { image_list }),
            ..DraftArticle::new(ArticleType::Newspic, title, content)
        }
    }

    /// Sets the author.
    pub fn author(mut self, author: impl Into<String>) -> Self {
        self.author = Some(author.into());
        self
    }

    /// Sets the digest.
    pub fn digest(mut self, digest: impl Into<String>) -> Self {
        self.digest = Some(digest.into());
        self
    }

    /// Sets the "read more" link.
    pub fn content_source_url(mut self, url: impl Into<String>) -> Self {
        self.content_source_url = Some(url.into());
        self
    }

    /// Sets the cover (a permanent material), of an article or of a picture post.
    pub fn thumb_media_id(mut self, thumb_media_id: impl Into<String>) -> Self {
        self.thumb_media_id = Some(thumb_media_id.into());
        self
    }

    /// Opens comments, to followers only when `only_fans` is set.
    pub fn open_comment(mut self, only_fans: bool) -> Self {
        self.need_open_comment = Some(1);
        self.only_fans_can_comment = Some(u8::from(only_fans));
        self
    }

    /// Sets the 2.35:1 crop of the cover, `X1_Y1_X2_Y2` (such as `0.1945_0_1_0.5236`).
    pub fn pic_crop_235_1(mut self, crop: impl Into<String>) -> Self {
        self.pic_crop_235_1 = Some(crop.into());
        self
    }

    /// Sets the 1:1 crop of the cover, `X1_Y1_X2_Y2`.
    pub fn pic_crop_1_1(mut self, crop: impl Into<String>) -> Self {
        self.pic_crop_1_1 = Some(crop.into());
        self
    }

    /// Adds a crop of a picture post's cover.
    pub fn cover_crop(mut self, crop: CoverCrop) -> Self {
        self.cover_info
            .get_or_insert_with(CoverInfo::default)
            .crop_percent_list
            .push(crop);
        self
    }

    /// Shows the product `product_key` at the article's end.
    pub fn product_key(mut self, product_key: impl Into<String>) -> Self {
        self.product_info = Some(ProductInfo {
            footer_product_info: Some(FooterProduct {
                product_key: product_key.into(),
            }),
        });
        self
    }
}

/// An article as WeChat stores it: in a draft ([`DraftApi::get`], [`DraftApi::batchget`]) or
/// published ([`FreePublishApi::get_article`], [`FreePublishApi::batchget`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct StoredArticle {
    /// The kind (drafts only).
    #[serde(default)]
    pub article_type: Option<ArticleType>,
    /// The title.
    #[serde(default)]
    pub title: String,
    /// The author.
    #[serde(default)]
    pub author: String,
    /// The digest.
    #[serde(default)]
    pub digest: String,
    /// The body; left out of lists asked with `no_content`.
    #[serde(default)]
    pub content: String,
    /// The "read more" link.
    #[serde(default)]
    pub content_source_url: String,
    /// The cover's media id.
    #[serde(default)]
    pub thumb_media_id: String,
    /// The cover's URL (published articles).
    #[serde(default)]
    pub thumb_url: Option<String>,
    /// Whether the cover shows in the body (0 or 1), where WeChat still sends it.
    #[serde(default)]
    pub show_cover_pic: Option<u8>,
    /// `1` when comments are open.
    #[serde(default)]
    pub need_open_comment: u8,
    /// `1` when only followers may comment.
    #[serde(default)]
    pub only_fans_can_comment: u8,
    /// The article's link: a temporary one for a draft, the permanent one once published.
    #[serde(default)]
    pub url: String,
    /// Whether the published article was deleted.
    #[serde(default)]
    pub is_deleted: Option<bool>,
    /// The images of a picture post.
    #[serde(default)]
    pub image_info: Option<NewspicImages>,
    /// The crops of a picture post's cover.
    #[serde(default)]
    pub cover_info: Option<CoverInfo>,
    /// The product at the article's end.
    #[serde(default)]
    pub product_info: Option<ProductInfo>,
}

/// The articles of a draft or a publication in a list (`content`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct StoredArticles {
    /// The articles.
    #[serde(default)]
    pub news_item: Vec<StoredArticle>,
}

#[derive(Deserialize)]
struct NewsItemAnswer {
    #[serde(default)]
    news_item: Vec<StoredArticle>,
}

/// The body of the list calls: a page of `count` from `offset`, with or without bodies.
#[derive(Serialize)]
struct PageBody {
    offset: u32,
    count: u32,
    no_content: u8,
}

/// The most items one page of a list holds.
pub const MAX_PAGE: u32 = 20;

/// Rejects a string longer than `max` characters.
fn check_chars(what: &str, value: &str, max: usize) -> Result<()> {
    let chars = value.chars().count();
    if chars > max {
        return Err(Error::invalid_input(format!(
            "{what} is {chars} characters; WeChat takes at most {max}"
        )));
    }
    Ok(())
}

/// Checks an article against WeChat's documented limits.
fn check_article(article: &DraftArticle) -> Result<()> {
    check_present("the title", &article.title)?;
    check_chars("the title", &article.title, MAX_TITLE_CHARS)?;
    if let Some(author) = &article.author {
        check_chars("the author", author, MAX_AUTHOR_CHARS)?;
    }
    if let Some(digest) = &article.digest {
        check_chars("the digest", digest, MAX_DIGEST_CHARS)?;
    }
    check_present("the content", &article.content)?;
    let chars = article.content.chars().count();
    if chars >= MAX_CONTENT_CHARS {
        return Err(Error::invalid_input(format!(
            "the content is {chars} characters; WeChat takes fewer than {MAX_CONTENT_CHARS}"
        )));
    }
    if let Some(url) = &article.content_source_url {
        if url.len() > MAX_SOURCE_URL_BYTES {
            return Err(Error::invalid_input(format!(
                "the content_source_url is {} bytes; WeChat takes at most {MAX_SOURCE_URL_BYTES}",
                url.len()
            )));
        }
    }
    match article.article_type {
        ArticleType::News => check_present(
            "the thumb_media_id of an article",
            article.thumb_media_id.as_deref().unwrap_or(""),
        ),
        ArticleType::Newspic => {
            let images = article
                .image_info
                .as_ref()
                .map_or(&[][..], |info| &info.image_list[..]);
            super::check_len("the images of a picture post", images, MAX_NEWSPIC_IMAGES)?;
            images
                .iter()
                .try_for_each(|image| check_present("an image_media_id", &image.image_media_id))
        }
        ArticleType::Other => Err(Error::invalid_input(
            "an article's type must be news or newspic",
        )),
    }
}

/// A number WeChat sends as a number or as a string of digits; `None` when absent or empty.
fn opt_lenient_u64<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Option<u64>, D::Error> {
    match opt_string_or_number(deserializer)? {
        None => Ok(None),
        Some(s) if s.trim().is_empty() => Ok(None),
        Some(s) => s.trim().parse().map(Some).map_err(serde::de::Error::custom),
    }
}
