//! Welcome messages to a customer just added (新客户欢迎语).

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::ExternalContactApi;
use crate::api::{check_present, ApiCall, Retry};
use crate::error::{Error, Result};
use crate::Work;

/// The most attachments of a welcome message.
pub const MAX_WELCOME_ATTACHMENTS: usize = 9;
/// The longest text of a welcome message, in bytes.
pub const MAX_WELCOME_TEXT_BYTES: usize = 4000;

/// An attachment of a [`WelcomeMessage`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WelcomeAttachment {
    /// `image`: a picture, by temporary media id or by a URL from the image upload.
    Image {
        /// The temporary media id.
        media_id: Option<String>,
        /// Or a URL from WeCom's image upload.
        pic_url: Option<String>,
    },
    /// `link`: a link card.
    Link {
        /// Its title (up to 128 bytes).
        title: String,
        /// Its cover's URL.
        picurl: Option<String>,
        /// Its description (up to 512 bytes).
        desc: Option<String>,
        /// Where it leads.
        url: String,
    },
    /// `miniprogram`: a Mini Program card (the Mini Program is bound to the corp).
    MiniProgram {
        /// Its title (up to 64 bytes).
        title: String,
        /// Its cover: a temporary media id.
        pic_media_id: String,
        /// The Mini Program's appid.
        appid: String,
        /// The page it opens.
        page: String,
    },
    /// `video`: a video, by temporary media id.
    Video {
        /// The temporary media id.
        media_id: String,
    },
    /// `file`: a file, by temporary media id.
    File {
        /// The temporary media id.
        media_id: String,
    },
}

impl WelcomeAttachment {
    /// A picture by temporary media id.
    pub fn image(media_id: impl Into<String>) -> Self {
        WelcomeAttachment::Image {
            media_id: Some(media_id.into()),
            pic_url: None,
        }
    }

    /// A picture by a URL from WeCom's image upload.
    pub fn image_url(pic_url: impl Into<String>) -> Self {
        WelcomeAttachment::Image {
            media_id: None,
            pic_url: Some(pic_url.into()),
        }
    }

    /// A link card without cover nor description.
    pub fn link(title: impl Into<String>, url: impl Into<String>) -> Self {
        WelcomeAttachment::Link {
            title: title.into(),
            picurl: None,
            desc: None,
            url: url.into(),
        }
    }

    /// A Mini Program card.
    pub fn mini_program(
        title: impl Into<String>,
        pic_media_id: impl Into<String>,
        appid: impl Into<String>,
        page: impl Into<String>,
    ) -> Self {
        WelcomeAttachment::MiniProgram {
            title: title.into(),
            pic_media_id: pic_media_id.into(),
            appid: appid.into(),
            page: page.into(),
        }
    }

    /// A video by temporary media id.
    pub fn video(media_id: impl Into<String>) -> Self {
        WelcomeAttachment::Video {
            media_id: media_id.into(),
        }
    }

    /// A file by temporary media id.
    pub fn file(media_id: impl Into<String>) -> Self {
        WelcomeAttachment::File {
            media_id: media_id.into(),
        }
    }

    /// Its `msgtype`.
    pub fn msgtype(&self) -> &'static str {
        match self {
            WelcomeAttachment::Image { .. } => "image",
            WelcomeAttachment::Link { .. } => "link",
            WelcomeAttachment::MiniProgram { .. } => "miniprogram",
            WelcomeAttachment::Video { .. } => "video",
            WelcomeAttachment::File { .. } => "file",
        }
    }

    fn check(&self) -> Result<()> {
        match self {
            WelcomeAttachment::Image { media_id, pic_url } => {
                if media_id.as_deref().unwrap_or("").trim().is_empty()
                    && pic_url.as_deref().unwrap_or("").trim().is_empty()
                {
                    return Err(Error::invalid_input("an image has no media_id nor pic_url"));
                }
                Ok(())
            }
            WelcomeAttachment::Link {
                title, url, desc, ..
            } => {
                check_present("link title", title)?;
                check_present("link url", url)?;
                check_bytes("link title", title, 128)?;
                check_bytes("link desc", desc.as_deref().unwrap_or(""), 512)
            }
            WelcomeAttachment::MiniProgram {
                title,
                pic_media_id,
                appid,
                page,
            } => {
                check_present("miniprogram title", title)?;
                check_bytes("miniprogram title", title, 64)?;
                check_present("miniprogram pic_media_id", pic_media_id)?;
                check_present("miniprogram appid", appid)?;
                check_present("miniprogram page", page)
            }
            WelcomeAttachment::Video { media_id } => check_present("video media_id", media_id),
            WelcomeAttachment::File { media_id } => check_present("file media_id", media_id),
        }
    }
}

fn check_bytes(what: &str, value: &str, max: usize) -> Result<()> {
    if value.len() > max {
        return Err(Error::invalid_input(format!(
            "{what} has {} bytes; WeCom takes at most {max}",
            value.len()
        )));
    }
    Ok(())
}

/// Writes `{"msgtype": .., "<msgtype>": {..}}`.
impl Serialize for WelcomeAttachment {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Fields<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            media_id: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            pic_url: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            title: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            picurl: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            desc: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            url: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            pic_media_id: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            appid: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            page: Option<&'a str>,
        }
        let none = Fields {
            media_id: None,
            pic_url: None,
            title: None,
            picurl: None,
            desc: None,
            url: None,
            pic_media_id: None,
            appid: None,
            page: None,
        };
        let fields = match self {
            WelcomeAttachment::Image { media_id, pic_url } => Fields {
                media_id: media_id.as_deref(),
                pic_url: pic_url.as_deref(),
                ..none
            },
            WelcomeAttachment::Link {
                title,
                picurl,
                desc,
                url,
            } => Fields {
                title: Some(title),
                picurl: picurl.as_deref(),
                desc: desc.as_deref(),
                url: Some(url),
                ..none
            },
            WelcomeAttachment::MiniProgram {
                title,
                pic_media_id,
                appid,
                page,
            } => Fields {
                title: Some(title),
                pic_media_id: Some(pic_media_id),
                appid: Some(appid),
                page: Some(page),
                ..none
            },
            WelcomeAttachment::Video { media_id } | WelcomeAttachment::File { media_id } => {
                Fields {
                    media_id: Some(media_id),
                    ..none
                }
            }
        };
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("msgtype", self.msgtype())?;
        map.serialize_entry(self.msgtype(), &fields)?;
        map.end()
    }
}

/// A welcome message to a customer just added, for [`ExternalContactApi::send_welcome_msg`]:
/// a text, attachments (up to 9), or both.
///
/// ```
/// use wechat_runtime::work::external_contact::{WelcomeAttachment, WelcomeMessage};
///
/// let welcome = WelcomeMessage::new("CALLBACK_CODE")
///     .text("Welcome! Here is our catalogue.")
///     .attachment(WelcomeAttachment::link("Catalogue", "https://example.com/catalogue"));
/// # let _ = welcome;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WelcomeMessage {
    welcome_code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<WelcomeText>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attachments: Vec<WelcomeAttachment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct WelcomeText {
    content: String,
}

impl WelcomeMessage {
    /// A welcome message answering the `WelcomeCode` of an add-customer event.
    pub fn new(welcome_code: impl Into<String>) -> Self {
        WelcomeMessage {
            welcome_code: welcome_code.into(),
            text: None,
            attachments: Vec::new(),
        }
    }

    /// Its text (up to 4000 bytes).
    pub fn text(mut self, content: impl Into<String>) -> Self {
        self.text = Some(WelcomeText {
            content: content.into(),
        });
        self
    }

    /// One more attachment.
    pub fn attachment(mut self, attachment: WelcomeAttachment) -> Self {
        self.attachments.push(attachment);
        self
    }

    fn check(&self) -> Result<()> {
        check_present("welcome_code", &self.welcome_code)?;
        match &self.text {
            Some(text) => {
                check_present("text", &text.content)?;
                check_bytes("text", &text.content, MAX_WELCOME_TEXT_BYTES)?;
            }
            None if self.attachments.is_empty() => {
                return Err(Error::invalid_input(
                    "a welcome message has a text or attachments",
                ))
            }
            None => {}
        }
        if self.attachments.len() > MAX_WELCOME_ATTACHMENTS {
            return Err(Error::invalid_input(format!(
                "a welcome message has {} attachments; WeCom takes at most {MAX_WELCOME_ATTACHMENTS}",
                self.attachments.len()
            )));
        }
        self.attachments
            .iter()
            .try_for_each(WelcomeAttachment::check)
    }
}

impl ExternalContactApi<'_> {
    /// Sends a welcome message to a customer just added, within 20 seconds of the event, once:
    /// `POST /cgi-bin/externalcontact/send_welcome_msg`. 41051 means the customer was already
    /// welcomed; 41096 that another app is welcoming them.
    pub fn send_welcome_msg(&self, message: &WelcomeMessage) -> ApiCall<'static, (), Work> {
        self.0.checked(message.check(), |()| {
            self.0.post_ok(
                "/cgi-bin/externalcontact/send_welcome_msg",
                message,
                Retry::Unsafe,
            )
        })
    }
}
