//! Temporary media (kept 3 days) and the uploads of mass messages: [`MediaApi`].

use bytes::Bytes;
use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::{file, looks_like_json, MediaFile, MediaType};
use crate::api::{check_len, check_present, string_or_number, ApiCall, Area, Retry};
use crate::call::transport::Response;
use crate::error::Result;

/// Temporary media; from [`Client::media`](crate::Client::media).
pub struct MediaApi<'c, K>(pub(crate) Area<'c, K>);

/// The most articles of a mass message's news ([`MediaApi::upload_news`]).
pub const MAX_MASS_ARTICLES: usize = 8;

/// An uploaded temporary media.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct UploadedMedia {
    /// The type.
    #[serde(rename = "type")]
    pub kind: MediaType,
    /// The media id (WeChat names it `thumb_media_id` for thumbnails).
    #[serde(alias = "thumb_media_id")]
    pub media_id: String,
    /// When it was uploaded, in unix seconds.
    #[serde(default)]
    pub created_at: u64,
}

/// A downloaded media.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Media {
    /// The file.
    Bytes {
        /// Its content.
        data: Bytes,
        /// Its name, from `Content-Disposition`.
        filename: Option<String>,
        /// Its content type.
        content_type: Option<String>,
    },
    /// A video: WeChat answers with a link to download it from.
    VideoUrl(String),
}

fn decode_media(response: Response) -> Result<Media> {
    #[derive(Deserialize)]
    struct VideoAnswer {
        video_url: String,
    }
    if looks_like_json(response.bytes()) {
        if let Ok(video) = response.json::<VideoAnswer>() {
            return Ok(Media::VideoUrl(video.video_url));
        }
    }
    let (filename, content_type, data) = file(response);
    Ok(Media::Bytes {
        data,
        filename,
        content_type,
    })
}

#[derive(Deserialize)]
struct UrlAnswer {
    url: String,
}

impl<'c, K: 'static> MediaApi<'c, K> {
    /// Uploads a temporary media (kept 3 days), multipart field `media`:
    /// `POST /cgi-bin/media/upload?type=TYPE`. Never retried once it may have reached WeChat.
    pub fn upload(&self, kind: MediaType, file: MediaFile) -> ApiCall<'static, UploadedMedia, K> {
        self.0.checked(file.into_part(), |part| {
            let request = self
                .0
                .request(Method::POST, "/cgi-bin/media/upload")
                .query("type", kind.as_str())
                .part(part)
                .idempotent(false);
            self.0.call_json(request)
        })
    }

    /// Downloads a temporary media: its bytes, or a link for a video:
    /// `GET /cgi-bin/media/get?media_id=MEDIA_ID`. An error body is an
    /// [`Error::Api`](crate::Error::Api), never bytes.
    pub fn get(&self, media_id: &str) -> ApiCall<'static, Media, K> {
        self.0.checked(check_present("media_id", media_id), |()| {
            let request = self
                .0
                .request(Method::GET, "/cgi-bin/media/get")
                .query("media_id", media_id);
            self.0.call(request, decode_media)
        })
    }

    /// Uploads an image for use inside articles (JPG or PNG, under 1 MB); returns its URL:
    /// `POST /cgi-bin/media/uploadimg`, multipart field `media`.
    pub fn upload_img(&self, file: MediaFile) -> ApiCall<'static, String, K> {
        self.0.checked(file.into_part(), |part| {
            let request = self
                .0
                .request(Method::POST, "/cgi-bin/media/uploadimg")
                .part(part)
                .idempotent(false);
            self.0
                .call(request, |response| Ok(response.json::<UrlAnswer>()?.url))
        })
    }

    /// Uploads the articles of a mass message (1 to 8), kept 3 days, and returns the news'
    /// media id for an `mpnews` mass message: `POST /cgi-bin/media/uploadnews`. WeChat now
    /// points to drafts ([`Client::draft`](crate::Client::draft)) instead.
    pub fn upload_news(&self, articles: &[MassArticle]) -> ApiCall<'static, MassMedia, K> {
        let checked = check_len("the articles", articles, MAX_MASS_ARTICLES).and_then(|()| {
            articles.iter().try_for_each(|article| {
                crate::api::check_all_present(&[
                    ("an article's title", &article.title),
                    ("an article's thumb_media_id", &article.thumb_media_id),
                    ("an article's content", &article.content),
                ])
            })
        });
        self.0.checked(checked, |()| {
            self.0.post(
                "/cgi-bin/media/uploadnews",
                &serde_json::json!({ "articles": articles }),
                Retry::Unsafe,
            )
        })
    }

    /// Turns the uploaded video `media_id` into one a mass message sends (`mpvideo`), with
    /// its `title` and `description`: `POST /cgi-bin/media/uploadvideo`.
    pub fn upload_video(
        &self,
        media_id: &str,
        title: &str,
        description: &str,
    ) -> ApiCall<'static, MassMedia, K> {
        self.0.checked(check_present("media_id", media_id), |()| {
            self.0.post(
                "/cgi-bin/media/uploadvideo",
                &serde_json::json!({
                    "media_id": media_id,
                    "title": title,
                    "description": description,
                }),
                Retry::Unsafe,
            )
        })
    }

    /// Downloads a voice recorded with the JS-SDK's `uploadVoice` in high definition (speex,
    /// 16 kHz), by the `serverId` it gave: `GET /cgi-bin/media/get/jssdk?media_id=MEDIA_ID`.
    pub fn get_hd_voice(&self, media_id: &str) -> ApiCall<'static, Media, K> {
        self.0.checked(check_present("media_id", media_id), |()| {
            let request = self
                .0
                .request(Method::GET, "/cgi-bin/media/get/jssdk")
                .query("media_id", media_id);
            self.0.call(request, decode_media)
        })
    }
}

/// An article of a mass message's news ([`MediaApi::upload_news`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct MassArticle {
    /// The title.
    pub title: String,
    /// The cover: a thumbnail's media id (temporary media).
    pub thumb_media_id: String,
    /// The author.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The HTML body.
    pub content: String,
    /// The "read more" link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_source_url: Option<String>,
    /// The digest; WeChat takes the body's first 64 characters when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    /// `1` to show the cover in the body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_cover_pic: Option<u8>,
    /// `1` to open comments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_open_comment: Option<u8>,
    /// `1` to let only followers comment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub only_fans_can_comment: Option<u8>,
}

impl MassArticle {
    /// An article: its title, cover (a thumbnail's media id) and HTML body.
    pub fn new(
        title: impl Into<String>,
        thumb_media_id: impl Into<String>,
        content: impl Into<String>,
    ) -> Self {
        MassArticle {
            title: title.into(),
            thumb_media_id: thumb_media_id.into(),
            author: None,
            content: content.into(),
            content_source_url: None,
            digest: None,
            show_cover_pic: None,
            need_open_comment: None,
            only_fans_can_comment: None,
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

    /// Shows the cover in the body, or not.
    pub fn show_cover_pic(mut self, show: bool) -> Self {
        self.show_cover_pic = Some(u8::from(show));
        self
    }

    /// Opens comments, to followers only when `only_fans` is set.
    pub fn open_comment(mut self, only_fans: bool) -> Self {
        self.need_open_comment = Some(1);
        self.only_fans_can_comment = Some(u8::from(only_fans));
        self
    }
}

/// The news or video of a mass message, uploaded: from [`MediaApi::upload_news`] and
/// [`MediaApi::upload_video`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct MassMedia {
    /// `news` or `video`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// The media id a mass message sends.
    pub media_id: String,
    /// When it was uploaded, in unix seconds.
    #[serde(default, deserialize_with = "lenient_secs")]
    pub created_at: u64,
}

/// Seconds WeChat sends as a number or a string of digits.
fn lenient_secs<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<u64, D::Error> {
    let value = string_or_number(deserializer)?;
    value.trim().parse().map_err(serde::de::Error::custom)
}
