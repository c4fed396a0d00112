//! Messages from a service account to a customer: [`KfMessage`].

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use super::{check_token, KfApi, MAX_TEXT_BYTES};
use crate::api::{check_all_present, check_present, ApiCall, Retry};
use crate::error::{Error, Result};
use crate::Work;

/// An option of a [`KfMessageContent::Menu`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KfMenuItem {
    /// `click`: a reply the customer sends by tapping; its `id` comes back as the text's
    /// `menu_id`.
    Click {
        /// The id given back.
        id: String,
        /// What the customer sees and sends.
        content: String,
    },
    /// `view`: a link.
    View {
        /// Where it leads.
        url: String,
        /// What the customer sees.
        content: String,
    },
    /// `miniprogram`: a Mini Program page.
    MiniProgram {
        /// The Mini Program's appid.
        appid: String,
        /// The page it opens.
        pagepath: String,
        /// What the customer sees.
        content: String,
    },
    /// `text`: plain text between options.
    Text {
        /// The text.
        content: String,
        /// Whether no line break follows it.
        no_newline: bool,
    },
}

impl Serialize for KfMenuItem {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let (kind, body) = match self {
            KfMenuItem::Click { id, content } => {
                ("click", serde_json::json!({ "id": id, "content": content }))
            }
            KfMenuItem::View { url, content } => (
                "view",
                serde_json::json!({ "url": url, "content": content }),
            ),
            KfMenuItem::MiniProgram {
                appid,
                pagepath,
                content,
            } => (
                "miniprogram",
                serde_json::json!({ "appid": appid, "pagepath": pagepath, "content": content }),
            ),
            KfMenuItem::Text {
                content,
                no_newline,
            } => (
                "text",
                serde_json::json!({ "content": content, "no_newline": u8::from(*no_newline) }),
            ),
        };
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("type", kind)?;
        map.serialize_entry(kind, &body)?;
        map.end()
    }
}

/// What a [`KfMessage`] says: its `msgtype` and that type's fields.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum KfMessageContent {
    /// `text` (up to 2048 bytes).
    Text {
        /// The text.
        content: String,
    },
    /// `image`, by temporary media id.
    Image {
        /// The temporary media id.
        media_id: String,
    },
    /// `voice`, by temporary media id.
    Voice {
        /// The temporary media id.
        media_id: String,
    },
    /// `video`, by temporary media id.
    Video {
        /// The temporary media id.
        media_id: String,
    },
    /// `file`, by temporary media id.
    File {
        /// The temporary media id.
        media_id: String,
    },
    /// `link`: a link card.
    Link {
        /// Its title.
        title: String,
        /// Its description.
        desc: String,
        /// Where it leads.
        url: String,
        /// Its cover: a temporary media id.
        thumb_media_id: String,
    },
    /// `miniprogram`: a Mini Program card.
    MiniProgram {
        /// The Mini Program's appid.
        appid: String,
        /// Its title.
        title: String,
        /// Its cover: a temporary media id.
        thumb_media_id: String,
        /// The page it opens.
        pagepath: String,
    },
    /// `msgmenu`: a menu of options.
    Menu {
        /// The text above the options.
        head_content: String,
        /// The options.
        list: Vec<KfMenuItem>,
        /// The text below the options.
        tail_content: String,
    },
    /// `location`: a place.
    Location {
        /// Its name.
        name: String,
        /// Its address.
        address: String,
        /// Its latitude.
        latitude: f64,
        /// Its longitude.
        longitude: f64,
    },
}

impl KfMessageContent {
    /// Its `msgtype`.
    pub fn msgtype(&self) -> &'static str {
        match self {
            KfMessageContent::Text { .. } => "text",
            KfMessageContent::Image { .. } => "image",
            KfMessageContent::Voice { .. } => "voice",
            KfMessageContent::Video { .. } => "video",
            KfMessageContent::File { .. } => "file",
            KfMessageContent::Link { .. } => "link",
            KfMessageContent::MiniProgram { .. } => "miniprogram",
            KfMessageContent::Menu { .. } => "msgmenu",
            KfMessageContent::Location { .. } => "location",
        }
    }

    fn body(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            KfMessageContent::Text { content } => json!({ "content": content }),
            KfMessageContent::Image { media_id }
            | KfMessageContent::Voice { media_id }
            | KfMessageContent::Video { media_id }
            | KfMessageContent::File { media_id } => json!({ "media_id": media_id }),
            KfMessageContent::Link {
                title,
                desc,
                url,
                thumb_media_id,
            } => {
                json!({ "title": title, "desc": desc, "url": url, "thumb_media_id": thumb_media_id })
            }
            KfMessageContent::MiniProgram {
                appid,
                title,
                thumb_media_id,
                pagepath,
            } => json!({
                "appid": appid, "title": title, "thumb_media_id": thumb_media_id, "pagepath": pagepath
            }),
            KfMessageContent::Menu {
                head_content,
                list,
                tail_content,
            } => {
                json!({ "head_content": head_content, "list": list, "tail_content": tail_content })
            }
            KfMessageContent::Location {
                name,
                address,
                latitude,
                longitude,
            } => {
                json!({ "name": name, "address": address, "latitude": latitude, "longitude": longitude })
            }
        }
    }

    fn check(&self) -> Result<()> {
        match self {
            KfMessageContent::Text { content } => {
                check_present("text content", content)?;
                if content.len() > MAX_TEXT_BYTES {
                    return Err(Error::invalid_input(format!(
                        "text content has {} bytes; WeCom takes at most {MAX_TEXT_BYTES}",
                        content.len()
                    )));
                }
                Ok(())
            }
            KfMessageContent::Image { media_id }
            | KfMessageContent::Voice { media_id }
            | KfMessageContent::Video { media_id }
            | KfMessageContent::File { media_id } => check_present("media_id", media_id),
            KfMessageContent::Link {
                title,
                url,
                thumb_media_id,
                ..
            } => check_all_present(&[
                ("link title", title),
                ("link url", url),
                ("link thumb_media_id", thumb_media_id),
            ]),
            KfMessageContent::MiniProgram {
                appid,
                thumb_media_id,
                pagepath,
                ..
            } => check_all_present(&[
                ("miniprogram appid", appid),
                ("miniprogram thumb_media_id", thumb_media_id),
                ("miniprogram pagepath", pagepath),
            ]),
            KfMessageContent::Menu { list, .. } if list.is_empty() => {
                Err(Error::invalid_input("a menu has no option"))
            }
            KfMessageContent::Menu { .. } => Ok(()),
            KfMessageContent::Location { name, .. } => check_present("location name", name),
        }
    }
}

/// A message from a service account to a customer, for [`KfApi::send_msg`]. It is answered
/// only within 48 hours of the customer's last message, and at most 5 times per message.
///
/// ```
/// use wechat_runtime::work::kf::{KfMessage, KfMessageContent};
///
/// let hello = KfMessage::text("wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw", "wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw", "Hello!");
/// let picture = KfMessage::new(
///     "wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw",
///     "wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw",
///     KfMessageContent::Image { media_id: "MEDIA_ID".into() },
/// )
/// .msgid("order-1234-shipped");
/// # let _ = (hello, picture);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct KfMessage {
    touser: String,
    open_kfid: String,
    msgid: Option<String>,
    content: KfMessageContent,
}

impl KfMessage {
    /// `content` from the account `open_kfid` to the customer `touser` (an external_userid).
    pub fn new(
        touser: impl Into<String>,
        open_kfid: impl Into<String>,
        content: KfMessageContent,
    ) -> Self {
        KfMessage {
            touser: touser.into(),
            open_kfid: open_kfid.into(),
            msgid: None,
            content,
        }
    }

    /// A text message.
    pub fn text(
        touser: impl Into<String>,
        open_kfid: impl Into<String>,
        content: impl Into<String>,
    ) -> Self {
        Self::new(
            touser,
            open_kfid,
            KfMessageContent::Text {
                content: content.into(),
            },
        )
    }

    /// The message's own id (up to 32 bytes of `[0-9a-zA-Z_-]`), instead of WeCom's.
    pub fn msgid(mut self, msgid: impl Into<String>) -> Self {
        self.msgid = Some(msgid.into());
        self
    }

    fn check(&self) -> Result<()> {
        check_all_present(&[("touser", &self.touser), ("open_kfid", &self.open_kfid)])?;
        if let Some(msgid) = &self.msgid {
            check_token("msgid", msgid, 32)?;
        }
        self.content.check()
    }
}

/// Writes `{"touser", "open_kfid", "msgid"?, "msgtype", "<msgtype>": {..}}`.
impl Serialize for KfMessage {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("touser", &self.touser)?;
        map.serialize_entry("open_kfid", &self.open_kfid)?;
        if let Some(msgid) = &self.msgid {
            map.serialize_entry("msgid", msgid)?;
        }
        let msgtype = self.content.msgtype();
        map.serialize_entry("msgtype", msgtype)?;
        map.serialize_entry(msgtype, &self.content.body())?;
        map.end()
    }
}

#[derive(Deserialize)]
struct Msgid {
    msgid: String,
}

impl KfApi<'_> {
    /// Sends a message to a customer: `POST /cgi-bin/kf/send_msg`. Answers its `msgid`. 95018
    /// means the chat is not one the API may answer (it is with a servicer, or closed).
    pub fn send_msg(&self, message: &KfMessage) -> ApiCall<'static, String, Work> {
        self.0.checked(message.check(), |()| {
            self.0
                .post_with("/cgi-bin/kf/send_msg", message, Retry::Unsafe, |response| {
                    Ok(response.json::<Msgid>()?.msgid)
                })
        })
    }
}
