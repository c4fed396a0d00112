//! WeCom's temporary media (素材管理): uploads kept 3 days and shared by the corp's apps, their
//! download, and permanent image URLs, from [`Client::work_media`](crate::Client::work_media).
//!
//! Uploads take a [`Part`]: bytes in memory or a file on disk, streamed when the
//! request is sent. Its field name is set to `media`, the one WeCom reads; its file name is
//! the one members see.
//!
//! ```no_run
//! use wechat_runtime::work::media::WorkMediaType;
//! use wechat_runtime::work::message::AppMessage;
//! use wechat_runtime::Part;
//!
//! # async fn run<S>(client: &wechat_runtime::Client<S, wechat_runtime::Work>) -> wechat_runtime::Result<()> {
//! let report = Part::file("media", "/tmp/周报.pdf").await?;
//! let uploaded = client.work_media().upload(WorkMediaType::File, report).await?;
//! client
//!     .app_message()
//!     .send(&AppMessage::file(&uploaded.media_id).to_users(&["zhangsan"]))
//!     .await?;
//! let file = client.work_media().get(&uploaded.media_id).await?;
//! println!("{:?}: {} bytes", file.filename, file.data.len());
//! # Ok(()) }
//! ```

use bytes::Bytes;
use reqwest::Method;
use serde::{Deserialize, Serialize};

use crate::api::{check_present, ApiCall, Area};
use crate::call::kind::Work;
use crate::call::transport::{Part, Response};
use crate::error::{Error, Result};
use crate::work::lists::u64_or_string;

/// The multipart field WeCom reads an upload from.
const MEDIA_FIELD: &str = "media";
/// The fewest bytes WeCom takes in an upload.
const MIN_UPLOAD: u64 = 5;
/// The most bytes of an image for `uploadimg`.
const MAX_UPLOAD_IMG: u64 = 2 * 1024 * 1024;

/// WeCom's temporary media; from [`Client::work_media`](crate::Client::work_media).
pub struct WorkMediaApi<'c>(pub(crate) Area<'c, Work>);

impl<S> crate::Client<S, Work> {
    /// WeCom's temporary media: uploads, downloads, image URLs.
    ///
    /// ```no_run
    /// # async fn run<S>(client: &wechat_runtime::Client<S, wechat_runtime::Work>) -> wechat_runtime::Result<()> {
    /// let logo = wechat_runtime::Part::bytes("media", "logo.png", std::fs::read("logo.png").unwrap());
    /// let url = client.work_media().upload_img(logo).await?;
    /// # let _ = url; Ok(()) }
    /// ```
    pub fn work_media(&self) -> WorkMediaApi<'_> {
        WorkMediaApi(Area::new(&self.core))
    }
}

/// The type of a WeCom upload, and its size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum WorkMediaType {
    /// JPG or PNG, up to 10 MB.
    Image,
    /// AMR, up to 2 MB and 60 s.
    Voice,
    /// MP4, up to 10 MB.
    Video,
    /// Any file, up to 20 MB.
    File,
}

impl WorkMediaType {
    /// The name WeCom uses: `image`, `voice`, `video` or `file`.
    pub fn as_str(self) -> &'static str {
        match self {
            WorkMediaType::Image => "image",
            WorkMediaType::Voice => "voice",
            WorkMediaType::Video => "video",
            WorkMediaType::File => "file",
        }
    }

    /// The most bytes WeCom takes of this type.
    pub fn max_len(self) -> u64 {
        const MB: u64 = 1024 * 1024;
        match self {
            WorkMediaType::Image | WorkMediaType::Video => 10 * MB,
            WorkMediaType::Voice => 2 * MB,
            WorkMediaType::File => 20 * MB,
        }
    }
}

/// An upload, as WeCom answers it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct WorkUploadedMedia {
    /// The type.
    #[serde(rename = "type")]
    pub kind: WorkMediaType,
    /// The media id, valid 3 days in every app of the corp.
    pub media_id: String,
    /// When it was uploaded, in unix seconds (WeCom writes it as a string).
    #[serde(default, deserialize_with = "u64_or_string")]
    pub created_at: u64,
}

/// A downloaded media.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WorkMediaFile {
    /// Its content.
    pub data: Bytes,
    /// Its name, from `Content-Disposition`.
    pub filename: Option<String>,
    /// Its content type.
    pub content_type: Option<String>,
}

fn decode_file(response: Response) -> Result<WorkMediaFile> {
    let filename = response.filename().map(str::to_owned);
    let content_type = response.content_type().map(str::to_owned);
    Ok(WorkMediaFile {
        data: response.into_bytes(),
        filename,
        content_type,
    })
}

/// The part, named `media`, if its size is within `min..=max`.
fn upload_part(part: Part, what: &str, max: u64) -> Result<Part> {
    let len = part.len();
    if len < MIN_UPLOAD {
        return Err(Error::invalid_input(format!(
            "the {what} is {len} bytes; WeCom takes at least {MIN_UPLOAD}"
        )));
    }
    if len > max {
        return Err(Error::invalid_input(format!(
            "the {what} is {len} bytes; WeCom takes at most {max}"
        )));
    }
    Ok(part.name(MEDIA_FIELD))
}

#[derive(Deserialize)]
struct UrlAnswer {
    url: String,
}

impl WorkMediaApi<'_> {
    /// Uploads a temporary media (3 days), multipart field `media`:
    /// `POST /cgi-bin/media/upload?type=TYPE`. At least 5 bytes and at most the type's
    /// [`max_len`](WorkMediaType::max_len). Never sent twice.
    pub fn upload(
        &self,
        kind: WorkMediaType,
        file: Part,
    ) -> ApiCall<'static, WorkUploadedMedia, Work> {
        self.0
            .checked(upload_part(file, kind.as_str(), kind.max_len()), |part| {
                let request = self
                    .0
                    .request(Method::POST, "/cgi-bin/media/upload")
                    .query("type", kind.as_str())
                    .part(part)
                    .idempotent(false);
                self.0.call_json(request)
            })
    }

    /// Downloads a temporary media: `GET /cgi-bin/media/get?media_id=MEDIA_ID`. An error WeCom
    /// sends instead of the file (40007 for an unknown or expired id) is an
    /// [`Error::Api`], never bytes.
    pub fn get(&self, media_id: &str) -> ApiCall<'static, WorkMediaFile, Work> {
        self.0
            .checked(check_present("the media_id", media_id), |()| {
                let request = self
                    .0
                    .request(Method::GET, "/cgi-bin/media/get")
                    .query("media_id", media_id);
                self.0.call(request, decode_file)
            })
    }

    /// Uploads an image (JPG or PNG, 5 bytes to 2 MB) and returns its permanent URL, for
    /// articles and template cards: `POST /cgi-bin/media/uploadimg`, multipart field `media`.
    pub fn upload_img(&self, image: Part) -> ApiCall<'static, String, Work> {
        self.0
            .checked(upload_part(image, "image", MAX_UPLOAD_IMG), |part| {
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
