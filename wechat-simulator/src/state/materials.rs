//! The permanent material of each account (`/cgi-bin/material/*`), and the article images of
//! `media/uploadimg`.

use std::collections::HashMap;

use serde_json::Value;

use crate::{clock::unix_now, errcode, tokens::random_string, wx_error::WxError};

/// WeChat's limits per account: images (thumbnails included) and news up to 100 000, voice and
/// video up to 1 000.
const MAX_IMAGES: usize = 100_000;
const MAX_NEWS: usize = 100_000;
const MAX_OTHERS: usize = 1_000;
/// How many `uploadimg` images the simulator keeps, all accounts together (past this, 45009 as
/// for the daily quota).
const MAX_ARTICLE_IMAGES: usize = 100_000;

/// The kind of a permanent material.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Image,
    Voice,
    Video,
    Thumb,
    News,
}

impl Kind {
    pub(crate) fn parse(name: &str) -> Option<Kind> {
        Some(match name {
            "image" => Kind::Image,
            "voice" => Kind::Voice,
            "video" => Kind::Video,
            "thumb" => Kind::Thumb,
            "news" => Kind::News,
            _ => return None,
        })
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Kind::Image => "image",
            Kind::Voice => "voice",
            Kind::Video => "video",
            Kind::Thumb => "thumb",
            Kind::News => "news",
        }
    }

    /// The kind it is counted and listed as: thumbnails are images.
    pub(crate) fn group(self) -> Kind {
        match self {
            Kind::Thumb => Kind::Image,
            kind => kind,
        }
    }

    fn quota(self) -> usize {
        match self.group() {
            Kind::Image => MAX_IMAGES,
            Kind::News => MAX_NEWS,
            _ => MAX_OTHERS,
        }
    }

    /// The file extensions WeChat accepts and the largest size, with the errcode of a file
    /// that is too large.
    pub(crate) fn file_rules(self) -> (&'static [&'static str], usize, i64) {
        const MB: usize = 1024 * 1024;
        match self {
            Kind::Image => (
                &["bmp", "png", "jpeg", "jpg", "gif"],
                10 * MB,
                errcode::INVALID_IMAGE_SIZE,
            ),
            Kind::Voice => (
                &["mp3", "wma", "wav", "amr"],
                2 * MB,
                errcode::INVALID_VOICE_SIZE,
            ),
            Kind::Video => (&["mp4"], 10 * MB, errcode::INVALID_VIDEO_SIZE),
            Kind::Thumb | Kind::News => (&["jpg", "jpeg"], 64 * 1024, errcode::INVALID_THUMB_SIZE),
        }
    }
}

/// One permanent material.
#[derive(Debug, Clone)]
pub(crate) struct Material {
    pub(crate) kind: Kind,
    /// Order of creation, for listing newest first.
    pub(crate) seq: u64,
    pub(crate) update_time: u64,
    pub(crate) name: String,
    pub(crate) content_type: String,
    pub(crate) bytes: Vec<u8>,
    pub(crate) url: Option<String>,
    /// A video's title and introduction.
    pub(crate) title: String,
    pub(crate) introduction: String,
    /// A news material's articles.
    pub(crate) articles: Vec<Value>,
}

/// The permanent material of each account, and the article images.
#[derive(Debug, Default)]
pub(crate) struct Materials {
    /// appid -> media_id -> material.
    pub(crate) apps: HashMap<String, HashMap<String, Material>>,
    next_seq: u64,
    /// url -> bytes of an image of `uploadimg`.
    article_images: HashMap<String, Vec<u8>>,
}

impl Materials {
    /// Keeps an image of `uploadimg` under its URL.
    pub(crate) fn keep_article_image(&mut self, url: &str, bytes: Vec<u8>) -> Result<(), WxError> {
        if self.article_images.len() >= MAX_ARTICLE_IMAGES {
            return Err(WxError::new(errcode::API_QUOTA_EXCEEDED));
        }
        self.article_images.insert(url.to_owned(), bytes);
        Ok(())
    }

    /// The bytes of an image of `uploadimg`, by URL.
    pub(crate) fn article_image(&self, url: &str) -> Option<Vec<u8>> {
        self.article_images.get(url).cloned()
    }

    /// Adds a news material of `articles` for `appid`; its media_id.
    pub(crate) fn add_news(
        &mut self,
        appid: &str,
        articles: Vec<Value>,
    ) -> Result<String, WxError> {
        let material = Material {
            kind: Kind::News,
            seq: 0,
            update_time: unix_now(),
            name: String::new(),
            content_type: String::new(),
            bytes: Vec::new(),
            url: None,
            title: String::new(),
            introduction: String::new(),
            articles,
        };
        self.insert(appid, material)
    }

    /// Stores `material` under a new media_id, within the account's quota for its kind.
    pub(crate) fn insert(
        &mut self,
        appid: &str,
        mut material: Material,
    ) -> Result<String, WxError> {
        let items = self.apps.entry(appid.to_owned()).or_default();
        let group = material.kind.group();
        let held = items.values().filter(|m| m.kind.group() == group).count();
        if held >= material.kind.quota() {
            return Err(WxError::new(errcode::MEDIA_FILE_COUNT_OUT_OF_LIMIT));
        }
        self.next_seq += 1;
        material.seq = self.next_seq;
        // WeChat's permanent media_ids are 43 URL-safe characters.
        let media_id = loop {
            let id = random_string(43);
            if !items.contains_key(&id) {
                break id;
            }
        };
        items.insert(media_id.clone(), material);
        Ok(media_id)
    }

    pub(crate) fn get(&self, appid: &str, media_id: &str) -> Option<&Material> {
        self.apps.get(appid)?.get(media_id)
    }
}
