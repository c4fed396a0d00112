//! Mass messages, to every follower, a tag or a list of openids: [`MassApi`].

use serde::{Deserialize, Serialize};

use super::{lenient_u64, CardRef, MediaRef, Text};
use crate::api::{check_len, check_present, ApiCall, Area, Retry};
use crate::error::{Error, Result};

/// Mass messages; from [`Client::mass`](crate::Client::mass).
pub struct MassApi<'c, K>(pub(crate) Area<'c, K>);

/// The images of a mass image message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MassImages {
    /// The images' media ids (permanent material).
    pub media_ids: Vec<String>,
    /// A recommendation text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recommend: Option<String>,
    /// 1 to open comments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_open_comment: Option<u8>,
    /// 1 to let only followers comment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub only_fans_can_comment: Option<u8>,
}

/// The video of a mass message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MassVideo {
    /// The video's media id.
    pub media_id: String,
    /// The title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The content of a mass message, one variant per `msgtype`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "msgtype")]
#[non_exhaustive]
pub enum MassMessage {
    /// `mpnews`: articles from material, by media id.
    #[serde(rename = "mpnews")]
    MpNews {
        /// The material.
        mpnews: MediaRef,
    },
    /// `text`.
    #[serde(rename = "text")]
    Text {
        /// The content.
        text: Text,
    },
    /// `voice`.
    #[serde(rename = "voice")]
    Voice {
        /// The voice.
        voice: MediaRef,
    },
    /// `image`: one or more images (the `images` object).
    #[serde(rename = "image")]
    Image {
        /// The images.
        images: MassImages,
    },
    /// `mpvideo`: a video, by a media id from `/cgi-bin/media/uploadvideo` or material.
    #[serde(rename = "mpvideo")]
    MpVideo {
        /// The video.
        mpvideo: MassVideo,
    },
    /// `wxcard`: a card (coupon).
    #[serde(rename = "wxcard")]
    WxCard {
        /// The card.
        wxcard: CardRef,
    },
}

impl MassMessage {
    /// Articles from material, by media id.
    pub fn mpnews(media_id: impl Into<String>) -> Self {
        MassMessage::MpNews {
            mpnews: MediaRef {
                media_id: media_id.into(),
            },
        }
    }

    /// A text message.
    pub fn text(content: impl Into<String>) -> Self {
        MassMessage::Text {
            text: Text {
                content: content.into(),
            },
        }
    }

    /// A voice message, by media id.
    pub fn voice(media_id: impl Into<String>) -> Self {
        MassMessage::Voice {
            voice: MediaRef {
                media_id: media_id.into(),
            },
        }
    }

    /// Images, by media id.
    pub fn images(media_ids: Vec<String>) -> Self {
        MassMessage::Image {
            images: MassImages {
                media_ids,
                recommend: None,
                need_open_comment: None,
                only_fans_can_comment: None,
            },
        }
    }

    /// A video, by media id, with an optional title and description (sends to an openid
    /// list show them).
    pub fn video(
        media_id: impl Into<String>,
        title: Option<String>,
        description: Option<String>,
    ) -> Self {
        MassMessage::MpVideo {
            mpvideo: MassVideo {
                media_id: media_id.into(),
                title,
                description,
            },
        }
    }

    /// A card (coupon), by card id.
    pub fn wxcard(card_id: impl Into<String>) -> Self {
        MassMessage::WxCard {
            wxcard: CardRef {
                card_id: card_id.into(),
            },
        }
    }

    fn check(&self) -> Result<()> {
        match self {
            MassMessage::MpNews { mpnews: m } | MassMessage::Voice { voice: m } => {
                check_present("media_id", &m.media_id)
            }
            MassMessage::Text { text } => check_present("text.content", &text.content),
            MassMessage::Image { images } => {
                check_len("images.media_ids", &images.media_ids, usize::MAX)?;
                images
                    .media_ids
                    .iter()
                    .try_for_each(|id| check_present("images.media_ids", id))
            }
            MassMessage::MpVideo { mpvideo } => {
                check_present("mpvideo.media_id", &mpvideo.media_id)
            }
            MassMessage::WxCard { wxcard } => check_present("wxcard.card_id", &wxcard.card_id),
        }
    }
}

/// Who a tag mass message goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MassFilter {
    /// Everyone (and into the account's history).
    pub is_to_all: bool,
    /// The tag, when not to everyone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_id: Option<u64>,
}

/// A mass message to everyone or to a tag (`sendall`), built with setters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct MassSendAll {
    /// The receivers.
    pub filter: MassFilter,
    /// The content.
    #[serde(flatten)]
    pub message: MassMessage,
    /// 1: go on when an article is judged a reprint that its author allows; 0 (WeChat's
    /// default): stop.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub send_ignore_reprint: Option<u8>,
    /// An id against duplicate sends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clientmsgid: Option<String>,
}

impl MassSendAll {
    /// To every follower.
    pub fn to_all(message: MassMessage) -> Self {
        MassSendAll {
            filter: MassFilter {
                is_to_all: true,
                tag_id: None,
            },
            message,
            send_ignore_reprint: None,
            clientmsgid: None,
        }
    }

    /// To the followers tagged `tag_id`.
    pub fn to_tag(tag_id: u64, message: MassMessage) -> Self {
        MassSendAll {
            filter: MassFilter {
                is_to_all: false,
                tag_id: Some(tag_id),
            },
            message,
            send_ignore_reprint: None,
            clientmsgid: None,
        }
    }

    /// Whether to go on when an article is judged a reprint that its author allows.
    pub fn send_ignore_reprint(mut self, ignore: bool) -> Self {
        self.send_ignore_reprint = Some(u8::from(ignore));
        self
    }

    /// An id against duplicate sends (at most 64 characters).
    pub fn clientmsgid(mut self, id: impl Into<String>) -> Self {
        self.clientmsgid = Some(id.into());
        self
    }
}

/// A mass message to a list of openids (`send`), built with setters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct MassSend {
    /// The receivers: 2 to 10,000 openids.
    pub touser: Vec<String>,
    /// The content.
    #[serde(flatten)]
    pub message: MassMessage,
    /// 1: go on when an article is judged a reprint that its author allows; 0: stop.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub send_ignore_reprint: Option<u8>,
    /// An id against duplicate sends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clientmsgid: Option<String>,
}

impl MassSend {
    /// To the openids `touser` (2 to 10,000).
    pub fn to_users(touser: Vec<String>, message: MassMessage) -> Self {
        MassSend {
            touser,
            message,
            send_ignore_reprint: None,
            clientmsgid: None,
        }
    }

    /// Whether to go on when an article is judged a reprint that its author allows.
    pub fn send_ignore_reprint(mut self, ignore: bool) -> Self {
        self.send_ignore_reprint = Some(u8::from(ignore));
        self
    }

    /// An id against duplicate sends (at most 64 characters).
    pub fn clientmsgid(mut self, id: impl Into<String>) -> Self {
        self.clientmsgid = Some(id.into());
        self
    }
}

/// Who a preview goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PreviewTarget {
    /// A follower, by openid (`touser`).
    OpenId(String),
    /// A follower, by WeChat id (`towxname`).
    WxName(String),
}

/// A submitted mass message.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct MassSent {
    /// The message id, for [`MassApi::status`] and [`MassApi::delete`].
    #[serde(deserialize_with = "lenient_u64")]
    pub msg_id: u64,
    /// The id of the message's data (articles only), for comment management.
    #[serde(default)]
    pub msg_data_id: Option<u64>,
}

/// The status of a mass message.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct MassStatus {
    /// The message id.
    #[serde(deserialize_with = "lenient_u64")]
    pub msg_id: u64,
    /// `SEND_SUCCESS`, `SENDING`, `SEND_FAIL` or `DELETE`.
    #[serde(default)]
    pub msg_status: String,
}

#[derive(Deserialize)]
struct MassMsgIdAnswer {
    #[serde(default, deserialize_with = "lenient_u64")]
    msg_id: u64,
}

impl<'c, K: 'static> MassApi<'c, K> {
    /// Sends a mass message to every follower or to a tag:
    /// `POST /cgi-bin/message/mass/sendall`. Never retried once it may have reached WeChat.
    pub fn send_all(&self, send: &MassSendAll) -> ApiCall<'static, MassSent, K> {
        self.0.checked(send.message.check(), |()| {
            self.0
                .post("/cgi-bin/message/mass/sendall", send, Retry::Unsafe)
        })
    }

    /// Sends a mass message to a list of 2 to 10,000 openids:
    /// `POST /cgi-bin/message/mass/send`. Never retried once it may have reached WeChat.
    pub fn send(&self, send: &MassSend) -> ApiCall<'static, MassSent, K> {
        let checked = check_len("touser", &send.touser, 10_000)
            .and_then(|()| {
                if send.touser.len() < 2 {
                    return Err(Error::invalid_input(
                        "touser has 1 openid; WeChat takes 2 to 10000 (use a customer service \
                         message for one user)",
                    ));
                }
                send.touser
                    .iter()
                    .try_for_each(|openid| check_present("touser", openid))
            })
            .and_then(|()| send.message.check());
        self.0.checked(checked, |()| {
            self.0
                .post("/cgi-bin/message/mass/send", send, Retry::Unsafe)
        })
    }

    /// Deletes a sent mass message, or only its article at `article_idx` (from 1; `None`
    /// deletes all of it): `POST /cgi-bin/message/mass/delete`.
    pub fn delete(&self, msg_id: u64, article_idx: Option<u32>) -> ApiCall<'static, (), K> {
        let mut body = serde_json::json!({ "msg_id": msg_id });
        if let Some(idx) = article_idx {
            body["article_idx"] = serde_json::json!(idx);
        }
        self.0
            .post_ok("/cgi-bin/message/mass/delete", &body, Retry::Unsafe)
    }

    /// Sends a message as a preview to one follower; returns its message id:
    /// `POST /cgi-bin/message/mass/preview`.
    pub fn preview(
        &self,
        target: &PreviewTarget,
        message: &MassMessage,
    ) -> ApiCall<'static, u64, K> {
        #[derive(Serialize)]
        struct Preview<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            touser: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            towxname: Option<&'a str>,
            #[serde(flatten)]
            message: &'a MassMessage,
        }
        let (touser, towxname) = match target {
            PreviewTarget::OpenId(openid) => (Some(openid.as_str()), None),
            PreviewTarget::WxName(name) => (None, Some(name.as_str())),
        };
        let checked = check_present("preview target", touser.or(towxname).unwrap_or_default())
            .and_then(|()| message.check());
        self.0.checked(checked, |()| {
            let body = Preview {
                touser,
                towxname,
                message,
            };
            self.0.post_with(
                "/cgi-bin/message/mass/preview",
                &body,
                Retry::Unsafe,
                |response| Ok(response.json::<MassMsgIdAnswer>()?.msg_id),
            )
        })
    }

    /// The status of a mass message: `POST /cgi-bin/message/mass/get`.
    pub fn status(&self, msg_id: u64) -> ApiCall<'static, MassStatus, K> {
        // The documentation gives msg_id as a string here.
        self.0.post(
            "/cgi-bin/message/mass/get",
            &serde_json::json!({ "msg_id": msg_id.to_string() }),
            Retry::Safe,
        )
    }
}
