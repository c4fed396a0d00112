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

mod material;
mod temporary;

pub use material::{
    AddedMaterial, Material, MaterialApi, MaterialCount, MaterialItem, MaterialList, MaterialType,
    NewsContent, NewsItem,
};
pub use temporary::{MassArticle, MassMedia, Media, MediaApi, UploadedMedia};

use bytes::Bytes;
use serde::{Deserialize, Serialize};

use crate::call::transport::{Part, Response};
use crate::error::{Error, Result};

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
