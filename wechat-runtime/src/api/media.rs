//! Temporary media (kept 3 days) and permanent material: uploads and downloads.
//!
//! Uploads take a [`MediaFile`]: bytes in memory, or a file on disk that is streamed when the
//! request is sent (and read again from its start if the request is retried). Downloads come
//! back as bytes with their file name and content type; an error that WeChat sends instead of
//! the file (a JSON body with an `errcode`) is an [`Error::Api`].
//!
//! # Example
//!
//! ```no_run
//! # async fn example<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
//! use wechat_runtime::api::media::{Media, MediaFile, MediaType};
//!
//! // Upload a file from disk (streamed), then download it again.
//! let file = MediaFile::open("/tmp/photo.jpg").await?;
//! let uploaded = client.media().upload(MediaType::Image, file).await?;
//! match client.media().get(&uploaded.media_id).await? {
//!     Media::Bytes { data, .. } => println!("{} bytes", data.len()),
//!     Media::VideoUrl(url) => println!("a video at {url}"),
//!     _ => {}
//! }
//!
//! // A permanent video, with its title and introduction.
//! let video = MediaFile::bytes("intro.mp4", std::fs::read("/tmp/intro.mp4").unwrap());
//! let added = client
//!     .material()
//!     .add_video(video, "Introduction", "What we do, in one minute")
//!     .await?;
//! # let _ = added;
//! # Ok(()) }
//! ```

use bytes::Bytes;
use serde::{Deserialize, Serialize};

use reqwest::Method;

use super::{check_between, check_present, ApiCall, Area, Retry};
use crate::call::transport::{Part, Response};
use crate::error::{Error, Result};

/// Temporary media; from [`Client::media`](crate::Client::media).
pub struct MediaApi<'c, K>(pub(crate) Area<'c, K>);

/// Permanent material; from [`Client::material`](crate::Client::material).
pub struct MaterialApi<'c, K>(pub(crate) Area<'c, K>);

/// The multipart field WeChat reads an upload from.
const MEDIA_FIELD: &str = "media";

/// The type of uploaded media.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum MediaType {
    /// An image (JPG, PNG, ...).
    Image,
    /// A voice clip (AMR, MP3).
    Voice,
    /// A video (MP4).
    Video,
    /// A thumbnail (JPG).
    Thumb,
}

impl MediaType {
    /// The name WeChat uses: `image`, `voice`, `video` or `thumb`.
    pub fn as_str(self) -> &'static str {
        match self {
            MediaType::Image => "image",
            MediaType::Voice => "voice",
            MediaType::Video => "video",
            MediaType::Thumb => "thumb",
        }
    }
}

/// A file to upload: bytes in memory, or a file on disk streamed when sent.
#[derive(Debug, Clone)]
pub struct MediaFile(Part);

impl MediaFile {
    /// A file from bytes in memory, named `filename` (WeChat checks the extension).
    pub fn bytes(filename: impl Into<String>, data: impl Into<Bytes>) -> Self {
        MediaFile(Part::bytes(MEDIA_FIELD, filename, data))
    }

    /// A file on disk, streamed when the upload is sent; its name is taken from the path.
    /// Fails with [`Error::InvalidInput`] if there is no such file.
    pub async fn open(path: impl AsRef<std::path::Path>) -> Result<Self> {
        Ok(MediaFile(Part::file(MEDIA_FIELD, path).await?))
    }

    /// Sets the content type (by default, WeChat goes by the file name).
    pub fn content_type(self, content_type: impl Into<String>) -> Self {
        MediaFile(self.0.content_type(content_type))
    }

    /// Sets the file name sent.
    pub fn filename(self, filename: impl Into<String>) -> Self {
        MediaFile(self.0.filename(filename))
    }

    /// The size, in bytes.
    pub fn len(&self) -> u64 {
        self.0.len()
    }

    /// Whether the file is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The part, checked: WeChat rejects an empty file.
    fn into_part(self) -> Result<Part> {
        if self.0.is_empty() {
            return Err(Error::invalid_input("the file to upload is empty"));
        }
        Ok(self.0)
    }
}

impl From<Part> for MediaFile {
    /// Any part, sent under the field name WeChat reads (`media`).
    fn from(part: Part) -> Self {
        MediaFile(part.name(MEDIA_FIELD))
    }
}

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

/// The file of a download, with what the headers say of it.
fn file(response: Response) -> (Option<String>, Option<String>, Bytes) {
    let filename = response.filename().map(str::to_owned);
    let content_type = response.content_type().map(str::to_owned);
    (filename, content_type, response.into_bytes())
}

/// Whether a body is a JSON object (WeChat's answers), not a file.
fn looks_like_json(body: &[u8]) -> bool {
    body.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{')
        && serde_json::from_slice::<serde_json::Value>(body).is_ok_and(|v| v.is_object())
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
    /// [`Error::Api`], never bytes.
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
}

/// Added permanent material.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AddedMaterial {
    /// The material's media id.
    pub media_id: String,
    /// Its URL (images only).
    #[serde(default)]
    pub url: Option<String>,
}

/// An article of a news material.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct NewsItem {
    /// The title.
    #[serde(default)]
    pub title: String,
    /// The cover's media id.
    #[serde(default)]
    pub thumb_media_id: String,
    /// Whether the cover shows (0 or 1).
    #[serde(default)]
    pub show_cover_pic: Option<u8>,
    /// The author.
    #[serde(default)]
    pub author: String,
    /// The summary.
    #[serde(default)]
    pub digest: String,
    /// The HTML content.
    #[serde(default)]
    pub content: String,
    /// The article's URL.
    #[serde(default)]
    pub url: String,
    /// The "read more" link.
    #[serde(default)]
    pub content_source_url: String,
    /// The cover's URL.
    #[serde(default)]
    pub thumb_url: Option<String>,
}

/// A downloaded permanent material.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Material {
    /// News (articles).
    News(Vec<NewsItem>),
    /// A video: its title, description and a link to download it from.
    Video {
        /// The title.
        title: String,
        /// The description.
        description: String,
        /// The download link.
        down_url: String,
    },
    /// An image, voice or thumbnail: the file.
    Bytes {
        /// Its content.
        data: Bytes,
        /// Its name, from `Content-Disposition`.
        filename: Option<String>,
        /// Its content type.
        content_type: Option<String>,
    },
}

fn decode_material(response: Response) -> Result<Material> {
    #[derive(Deserialize)]
    struct NewsAnswer {
        news_item: Vec<NewsItem>,
    }
    #[derive(Deserialize)]
    struct VideoAnswer {
        #[serde(default)]
        title: String,
        #[serde(default)]
        description: String,
        down_url: String,
    }
    if looks_like_json(response.bytes()) {
        if let Ok(news) = response.json::<NewsAnswer>() {
            return Ok(Material::News(news.news_item));
        }
        if let Ok(video) = response.json::<VideoAnswer>() {
            return Ok(Material::Video {
                title: video.title,
                description: video.description,
                down_url: video.down_url,
            });
        }
    }
    let (filename, content_type, data) = file(response);
    Ok(Material::Bytes {
        data,
        filename,
        content_type,
    })
}

/// How many materials of each type the account has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct MaterialCount {
    /// Voice clips.
    #[serde(default)]
    pub voice_count: u64,
    /// Videos.
    #[serde(default)]
    pub video_count: u64,
    /// Images.
    #[serde(default)]
    pub image_count: u64,
    /// News.
    #[serde(default)]
    pub news_count: u64,
}

/// The material types [`MaterialApi::batchget`] lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum MaterialType {
    /// Images.
    Image,
    /// Videos.
    Video,
    /// Voice clips.
    Voice,
    /// News (articles).
    News,
}

/// The articles of a news material in a list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct NewsContent {
    /// The articles.
    #[serde(default)]
    pub news_item: Vec<NewsItem>,
    /// When it was created, in unix seconds.
    #[serde(default)]
    pub create_time: Option<u64>,
    /// When it was last changed, in unix seconds.
    #[serde(default)]
    pub update_time: Option<u64>,
}

/// One material of a list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct MaterialItem {
    /// The media id.
    pub media_id: String,
    /// The file name (not for news).
    #[serde(default)]
    pub name: Option<String>,
    /// When it was last changed, in unix seconds.
    #[serde(default)]
    pub update_time: u64,
    /// Its URL (images).
    #[serde(default)]
    pub url: Option<String>,
    /// The articles (news only).
    #[serde(default)]
    pub content: Option<NewsContent>,
}

/// A page of materials.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct MaterialList {
    /// How many materials of the type there are.
    #[serde(default)]
    pub total_count: u64,
    /// How many are on this page.
    #[serde(default)]
    pub item_count: u64,
    /// This page.
    #[serde(default)]
    pub item: Vec<MaterialItem>,
}

impl<'c, K: 'static> MaterialApi<'c, K> {
    /// Adds a permanent image, voice clip or thumbnail, multipart field `media`:
    /// `POST /cgi-bin/material/add_material?type=TYPE`. A video also needs its title and
    /// introduction: use [`add_video`](Self::add_video).
    pub fn add(&self, kind: MediaType, file: MediaFile) -> ApiCall<'static, AddedMaterial, K> {
        let checked = match kind {
            MediaType::Video => Err(Error::invalid_input(
                "a permanent video needs a title and an introduction: use add_video",
            )),
            _ => file.into_part(),
        };
        self.0.checked(checked, |part| {
            let request = self
                .0
                .request(Method::POST, "/cgi-bin/material/add_material")
                .query("type", kind.as_str())
                .part(part)
                .idempotent(false);
            self.0.call_json(request)
        })
    }

    /// Adds a permanent video with its `title` and `introduction` (the multipart field
    /// `description`, as JSON): `POST /cgi-bin/material/add_material?type=video`.
    pub fn add_video(
        &self,
        file: MediaFile,
        title: &str,
        introduction: &str,
    ) -> ApiCall<'static, AddedMaterial, K> {
        let checked = check_present("title", title).and_then(|()| file.into_part());
        self.0.checked(checked, |part| {
            let description = serde_json::json!({ "title": title, "introduction": introduction });
            let request = self
                .0
                .request(Method::POST, "/cgi-bin/material/add_material")
                .query("type", MediaType::Video.as_str())
                .part(part)
                .part(Part::text("description", description.to_string()))
                .idempotent(false);
            self.0.call_json(request)
        })
    }

    /// Downloads a permanent material: articles and videos come as JSON, the rest as bytes:
    /// `POST /cgi-bin/material/get_material`.
    pub fn get(&self, media_id: &str) -> ApiCall<'static, Material, K> {
        self.0.checked(check_present("media_id", media_id), |()| {
            self.0.post_with(
                "/cgi-bin/material/get_material",
                &serde_json::json!({ "media_id": media_id }),
                Retry::Safe,
                decode_material,
            )
        })
    }

    /// Deletes a permanent material: `POST /cgi-bin/material/del_material`.
    pub fn delete(&self, media_id: &str) -> ApiCall<'static, (), K> {
        self.0.checked(check_present("media_id", media_id), |()| {
            self.0.post_ok(
                "/cgi-bin/material/del_material",
                &serde_json::json!({ "media_id": media_id }),
                Retry::Unsafe,
            )
        })
    }

    /// How many materials of each type the account has:
    /// `GET /cgi-bin/material/get_materialcount`.
    pub fn count(&self) -> ApiCall<'static, MaterialCount, K> {
        self.0.get("/cgi-bin/material/get_materialcount")
    }

    /// A page of `count` (1 to 20) materials of type `kind`, from `offset`:
    /// `POST /cgi-bin/material/batchget_material`.
    pub fn batchget(
        &self,
        kind: MaterialType,
        offset: u32,
        count: u32,
    ) -> ApiCall<'static, MaterialList, K> {
        self.0.checked(check_between("count", count, 1, 20), |()| {
            self.0.post(
                "/cgi-bin/material/batchget_material",
                &serde_json::json!({ "type": kind, "offset": offset, "count": count }),
                Retry::Safe,
            )
        })
    }
}
