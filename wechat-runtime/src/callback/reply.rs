//! Passive replies: the XML answered to a callback, which WeChat shows the user.

use super::header::Header;
use super::xml::{self, XmlWriter};
use crate::error::{Error, Result};

/// The most articles a news reply may carry.
pub const MAX_ARTICLES: usize = 8;

/// A passive reply to a user's message or event.
///
/// Build one with its constructors, then answer through an
/// [`Endpoint`](super::Endpoint) (which encrypts it in safe mode) or write it with
/// [`to_xml`](Self::to_xml).
///
/// ```
/// use wechat_runtime::callback::{Article, Reply};
///
/// let reply = Reply::text("Hello, <friend> ]]> & welcome");
/// let xml = reply.to_xml_addressed("oia2TjuEGTNoeX76QEjQNrcURxG8", "gh_7f083739789a", 1407743423)?;
/// assert!(xml.starts_with("<xml><ToUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></ToUserName>"));
///
/// let news = Reply::news([Article::new("Release notes", "https://example.com/notes")
///     .description("What changed")
///     .pic_url("https://example.com/cover.png")]);
/// # let _ = news;
/// # Ok::<(), wechat_runtime::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reply {
    /// `text`.
    Text {
        /// `Content`.
        content: String,
    },
    /// `image`.
    Image {
        /// `MediaId` of an uploaded image.
        media_id: String,
    },
    /// `voice`.
    Voice {
        /// `MediaId` of an uploaded voice recording.
        media_id: String,
    },
    /// `video`.
    Video(VideoReply),
    /// `music`.
    Music(MusicReply),
    /// `news`: 1 to [`MAX_ARTICLES`] articles.
    News(Vec<Article>),
    /// `transfer_customer_service`: hand the conversation to customer service, to any agent
    /// or to one.
    TransferCustomerService {
        /// `TransInfo/KfAccount`: the agent, if one is chosen.
        kf_account: Option<String>,
    },
}

/// The video of a [`Reply::Video`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VideoReply {
    /// `MediaId` of an uploaded video.
    pub media_id: String,
    /// `Title`.
    pub title: Option<String>,
    /// `Description`.
    pub description: Option<String>,
}

impl VideoReply {
    /// A video by its `MediaId`.
    pub fn new(media_id: impl Into<String>) -> Self {
        VideoReply {
            media_id: media_id.into(),
            title: None,
            description: None,
        }
    }

    /// Sets the title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }
}

/// The music of a [`Reply::Music`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MusicReply {
    /// `ThumbMediaId`: the cover, an uploaded thumbnail.
    pub thumb_media_id: String,
    /// `Title`.
    pub title: Option<String>,
    /// `Description`.
    pub description: Option<String>,
    /// `MusicUrl`.
    pub music_url: Option<String>,
    /// `HQMusicUrl`: played on Wi-Fi.
    pub hq_music_url: Option<String>,
}

impl MusicReply {
    /// Music with its cover's `ThumbMediaId`.
    pub fn new(thumb_media_id: impl Into<String>) -> Self {
        MusicReply {
            thumb_media_id: thumb_media_id.into(),
            title: None,
            description: None,
            music_url: None,
            hq_music_url: None,
        }
    }

    /// Sets the title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the music's URL.
    pub fn music_url(mut self, url: impl Into<String>) -> Self {
        self.music_url = Some(url.into());
        self
    }

    /// Sets the high-quality music's URL.
    pub fn hq_music_url(mut self, url: impl Into<String>) -> Self {
        self.hq_music_url = Some(url.into());
        self
    }
}

/// One article of a [`Reply::News`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Article {
    /// `Title`.
    pub title: String,
    /// `Description`; written empty when `None`.
    pub description: Option<String>,
    /// `PicUrl`: the cover; written empty when `None`.
    pub pic_url: Option<String>,
    /// `Url`: where a tap leads.
    pub url: String,
}

impl Article {
    /// An article with its title and link.
    pub fn new(title: impl Into<String>, url: impl Into<String>) -> Self {
        Article {
            title: title.into(),
            description: None,
            pic_url: None,
            url: url.into(),
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the cover picture's URL.
    pub fn pic_url(mut self, pic_url: impl Into<String>) -> Self {
        self.pic_url = Some(pic_url.into());
        self
    }
}

impl Reply {
    /// A text reply.
    pub fn text(content: impl Into<String>) -> Self {
        Reply::Text {
            content: content.into(),
        }
    }

    /// An image reply, by the `MediaId` of an uploaded image.
    pub fn image(media_id: impl Into<String>) -> Self {
        Reply::Image {
            media_id: media_id.into(),
        }
    }

    /// A voice reply, by the `MediaId` of an uploaded recording.
    pub fn voice(media_id: impl Into<String>) -> Self {
        Reply::Voice {
            media_id: media_id.into(),
        }
    }

    /// A video reply.
    pub fn video(video: VideoReply) -> Self {
        Reply::Video(video)
    }

    /// A music reply.
    pub fn music(music: MusicReply) -> Self {
        Reply::Music(music)
    }

    /// A news reply: 1 to [`MAX_ARTICLES`] articles (checked when it is written).
    pub fn news(articles: impl IntoIterator<Item = Article>) -> Self {
        Reply::News(articles.into_iter().collect())
    }

    /// Hands the conversation to customer service, to whichever agent is free.
    pub fn transfer_customer_service() -> Self {
        Reply::TransferCustomerService { kf_account: None }
    }

    /// Hands the conversation to one customer service agent (`account@wechat_id`).
    pub fn transfer_to(kf_account: impl Into<String>) -> Self {
        Reply::TransferCustomerService {
            kf_account: Some(kf_account.into()),
        }
    }

    /// The `MsgType` of this reply.
    pub fn msg_type(&self) -> &'static str {
        match self {
            Reply::Text { .. } => "text",
            Reply::Image { .. } => "image",
            Reply::Voice { .. } => "voice",
            Reply::Video(_) => "video",
            Reply::Music(_) => "music",
            Reply::News(_) => "news",
            Reply::TransferCustomerService { .. } => "transfer_customer_service",
        }
    }

    /// The XML answering the message or event whose header is `incoming`: it goes to its
    /// sender, from its recipient.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for a news reply without articles or with more than
    /// [`MAX_ARTICLES`].
    pub fn to_xml(&self, incoming: &Header, create_time: u64) -> Result<String> {
        self.to_xml_addressed(
            &incoming.from_user_name,
            &incoming.to_user_name,
            create_time,
        )
    }

    /// The XML of this reply to `to_user_name` (the user's openid) from `from_user_name` (the
    /// account's original id).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for a news reply without articles or with more than
    /// [`MAX_ARTICLES`].
    pub fn to_xml_addressed(
        &self,
        to_user_name: &str,
        from_user_name: &str,
        create_time: u64,
    ) -> Result<String> {
        if let Reply::News(articles) = self {
            if articles.is_empty() || articles.len() > MAX_ARTICLES {
                return Err(Error::invalid_input(format!(
                    "a news reply carries 1 to {MAX_ARTICLES} articles, not {}",
                    articles.len()
                )));
            }
        }
        xml::document(256, |w| {
            w.cdata("ToUserName", to_user_name)?;
            w.cdata("FromUserName", from_user_name)?;
            w.text("CreateTime", &create_time.to_string())?;
            w.cdata("MsgType", self.msg_type())?;
            self.write_body(w)
        })
    }

    fn write_body(&self, w: &mut XmlWriter) -> std::io::Result<()> {
        fn optional(w: &mut XmlWriter, name: &str, value: &Option<String>) -> std::io::Result<()> {
            match value {
                Some(value) => w.cdata(name, value),
                None => Ok(()),
            }
        }
        match self {
            Reply::Text { content } => w.cdata("Content", content),
            Reply::Image { media_id } => w.element("Image", |w| w.cdata("MediaId", media_id)),
            Reply::Voice { media_id } => w.element("Voice", |w| w.cdata("MediaId", media_id)),
            Reply::Video(video) => w.element("Video", |w| {
                w.cdata("MediaId", &video.media_id)?;
                optional(w, "Title", &video.title)?;
                optional(w, "Description", &video.description)
            }),
            Reply::Music(music) => w.element("Music", |w| {
                optional(w, "Title", &music.title)?;
                optional(w, "Description", &music.description)?;
                optional(w, "MusicUrl", &music.music_url)?;
                optional(w, "HQMusicUrl", &music.hq_music_url)?;
                w.cdata("ThumbMediaId", &music.thumb_media_id)
            }),
            Reply::News(articles) => {
                w.text("ArticleCount", &articles.len().to_string())?;
                w.element("Articles", |w| {
                    for article in articles {
                        w.element("item", |w| {
                            // All four, empty when unset: WeChat's documentation shows
                            // them all, and some parsers refuse an item without them.
                            w.cdata("Title", &article.title)?;
                            w.cdata("Description", article.description.as_deref().unwrap_or(""))?;
                            w.cdata("PicUrl", article.pic_url.as_deref().unwrap_or(""))?;
                            w.cdata("Url", &article.url)
                        })?;
                    }
                    Ok(())
                })
            }
            Reply::TransferCustomerService { kf_account } => match kf_account {
                Some(account) => w.element("TransInfo", |w| w.cdata("KfAccount", account)),
                None => Ok(()),
            },
        }
    }
}
