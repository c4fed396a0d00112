//! Permanent material: [`MaterialApi`].

use bytes::Bytes;
use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::{file, looks_like_json, MediaFile, MediaType};
use crate::api::{check_between, check_present, ApiCall, Area, Retry};
use crate::call::transport::{Part, Response};
use crate::error::{Error, Result};

/// Permanent material; from [`Client::material`](crate::Client::material).
pub struct MaterialApi<'c, K>(pub(crate) Area<'c, K>);
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
