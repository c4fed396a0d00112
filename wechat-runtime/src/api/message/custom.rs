//! Customer service messages (`/cgi-bin/message/custom/send`) and typing: [`MessageApi`].

use serde::Serialize;

use super::{CardRef, MediaRef, Text};
use crate::api::{check_all_present, check_len, check_present, ApiCall, Area, Retry};
use crate::error::Result;

/// Customer service messages; from [`Client::message`](crate::Client::message).
pub struct MessageApi<'c, K>(pub(crate) Area<'c, K>);

/// A video message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Video {
    /// The video's media id.
    pub media_id: String,
    /// The thumbnail's media id.
    pub thumb_media_id: String,
    /// The title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A music message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Music {
    /// The title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The music link.
    pub musicurl: String,
    /// The high-quality music link, played on Wi-Fi.
    pub hqmusicurl: String,
    /// The thumbnail's media id.
    pub thumb_media_id: String,
}

/// One article of a `news` message (an article that opens an external link).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewsArticle {
    /// The title.
    pub title: String,
    /// The description.
    pub description: String,
    /// The link opened on a tap.
    pub url: String,
    /// The picture's link (JPG or PNG).
    pub picurl: String,
}

impl NewsArticle {
    /// An article.
    pub fn new(
        title: impl Into<String>,
        description: impl Into<String>,
        url: impl Into<String>,
        picurl: impl Into<String>,
    ) -> Self {
        NewsArticle {
            title: title.into(),
            description: description.into(),
            url: url.into(),
            picurl: picurl.into(),
        }
    }
}

/// The articles of a `news` message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct News {
    /// The articles: WeChat takes exactly one (errcode 45008 for more).
    pub articles: Vec<NewsArticle>,
}

/// A published article, by the `article_id` of the publishing APIs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleRef {
    /// The article id.
    pub article_id: String,
}

/// One choice of a menu message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MenuChoice {
    /// The choice's id, sent back in the user's reply.
    pub id: String,
    /// The text shown.
    pub content: String,
}

impl MenuChoice {
    /// A choice.
    pub fn new(id: impl Into<String>, content: impl Into<String>) -> Self {
        MenuChoice {
            id: id.into(),
            content: content.into(),
        }
    }
}

/// A menu message: a question and choices the user taps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MsgMenu {
    /// The text above the choices.
    pub head_content: String,
    /// The choices.
    pub list: Vec<MenuChoice>,
    /// The text below the choices.
    pub tail_content: String,
}

/// A Mini Program card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MiniProgramPage {
    /// The title.
    pub title: String,
    /// The Mini Program's appid: required from an Official Account (the Mini Program must be
    /// linked to it), left out by a Mini Program sending its own card.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appid: Option<String>,
    /// The page, as in `app.json`, with parameters (`pages/index/index?foo=bar`).
    pub pagepath: String,
    /// The cover's media id.
    pub thumb_media_id: String,
}

/// A link card, sent by a Mini Program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The title.
    pub title: String,
    /// The description.
    pub description: String,
    /// The link opened on a tap.
    pub url: String,
    /// The picture's link.
    pub thumb_url: String,
}

/// A customer service message (`custom/send`), one variant per `msgtype`.
///
/// Build one with the constructors: `CustomMessage::text("hello")`,
/// `CustomMessage::image(media_id)`, ...
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "msgtype")]
#[non_exhaustive]
pub enum CustomMessage {
    /// `text`.
    #[serde(rename = "text")]
    Text {
        /// The content.
        text: Text,
    },
    /// `image`.
    #[serde(rename = "image")]
    Image {
        /// The image.
        image: MediaRef,
    },
    /// `voice`.
    #[serde(rename = "voice")]
    Voice {
        /// The voice.
        voice: MediaRef,
    },
    /// `video`.
    #[serde(rename = "video")]
    Video {
        /// The video.
        video: Video,
    },
    /// `music`.
    #[serde(rename = "music")]
    Music {
        /// The music.
        music: Music,
    },
    /// `news`: an article that opens an external link.
    #[serde(rename = "news")]
    News {
        /// The article.
        news: News,
    },
    /// `mpnews`: an article from material, by media id.
    #[serde(rename = "mpnews")]
    MpNews {
        /// The material.
        mpnews: MediaRef,
    },
    /// `mpnewsarticle`: a published article, by article id.
    #[serde(rename = "mpnewsarticle")]
    MpNewsArticle {
        /// The article.
        mpnewsarticle: ArticleRef,
    },
    /// `msgmenu`: a menu (verified Official Accounts only).
    #[serde(rename = "msgmenu")]
    MsgMenu {
        /// The menu.
        msgmenu: MsgMenu,
    },
    /// `wxcard`: a card (coupon).
    #[serde(rename = "wxcard")]
    WxCard {
        /// The card.
        wxcard: CardRef,
    },
    /// `miniprogrampage`: a Mini Program card.
    #[serde(rename = "miniprogrampage")]
    MiniProgramPage {
        /// The card.
        miniprogrampage: MiniProgramPage,
    },
    /// `link`: a link card (Mini Programs).
    #[serde(rename = "link")]
    Link {
        /// The card.
        link: Link,
    },
}

impl CustomMessage {
    /// A text message.
    pub fn text(content: impl Into<String>) -> Self {
        CustomMessage::Text {
            text: Text {
                content: content.into(),
            },
        }
    }

    /// An image, by media id.
    pub fn image(media_id: impl Into<String>) -> Self {
        CustomMessage::Image {
            image: MediaRef {
                media_id: media_id.into(),
            },
        }
    }

    /// A voice message, by media id.
    pub fn voice(media_id: impl Into<String>) -> Self {
        CustomMessage::Voice {
            voice: MediaRef {
                media_id: media_id.into(),
            },
        }
    }

    /// A video, by media id, with its thumbnail and an optional title and description.
    pub fn video(
        media_id: impl Into<String>,
        thumb_media_id: impl Into<String>,
        title: Option<String>,
        description: Option<String>,
    ) -> Self {
        CustomMessage::Video {
            video: Video {
                media_id: media_id.into(),
                thumb_media_id: thumb_media_id.into(),
                title,
                description,
            },
        }
    }

    /// A music message.
    pub fn music(
        title: Option<String>,
        description: Option<String>,
        musicurl: impl Into<String>,
        hqmusicurl: impl Into<String>,
        thumb_media_id: impl Into<String>,
    ) -> Self {
        CustomMessage::Music {
            music: Music {
                title,
                description,
                musicurl: musicurl.into(),
                hqmusicurl: hqmusicurl.into(),
                thumb_media_id: thumb_media_id.into(),
            },
        }
    }

    /// An article that opens an external link.
    pub fn news(article: NewsArticle) -> Self {
        CustomMessage::News {
            news: News {
                articles: vec![article],
            },
        }
    }

    /// An article from material, by media id.
    pub fn mpnews(media_id: impl Into<String>) -> Self {
        CustomMessage::MpNews {
            mpnews: MediaRef {
                media_id: media_id.into(),
            },
        }
    }

    /// A published article, by article id.
    pub fn mpnews_article(article_id: impl Into<String>) -> Self {
        CustomMessage::MpNewsArticle {
            mpnewsarticle: ArticleRef {
                article_id: article_id.into(),
            },
        }
    }

    /// A menu: a head text, choices, a tail text.
    pub fn menu(
        head_content: impl Into<String>,
        list: Vec<MenuChoice>,
        tail_content: impl Into<String>,
    ) -> Self {
        CustomMessage::MsgMenu {
            msgmenu: MsgMenu {
                head_content: head_content.into(),
                list,
                tail_content: tail_content.into(),
            },
        }
    }

    /// A card (coupon), by card id.
    pub fn wxcard(card_id: impl Into<String>) -> Self {
        CustomMessage::WxCard {
            wxcard: CardRef {
                card_id: card_id.into(),
            },
        }
    }

    /// A Mini Program card. `appid` is required from an Official Account, `None` from a Mini
    /// Program.
    pub fn mini_program_page(
        title: impl Into<String>,
        appid: Option<String>,
        pagepath: impl Into<String>,
        thumb_media_id: impl Into<String>,
    ) -> Self {
        CustomMessage::MiniProgramPage {
            miniprogrampage: MiniProgramPage {
                title: title.into(),
                appid,
                pagepath: pagepath.into(),
                thumb_media_id: thumb_media_id.into(),
            },
        }
    }

    /// A link card (Mini Programs).
    pub fn link(
        title: impl Into<String>,
        description: impl Into<String>,
        url: impl Into<String>,
        thumb_url: impl Into<String>,
    ) -> Self {
        CustomMessage::Link {
            link: Link {
                title: title.into(),
                description: description.into(),
                url: url.into(),
                thumb_url: thumb_url.into(),
            },
        }
    }

    /// Rejects what WeChat would reject: empty required fields, a news message without
    /// exactly one article, a menu without choices.
    fn check(&self) -> Result<()> {
        match self {
            CustomMessage::Text { text } => check_present("text.content", &text.content),
            CustomMessage::Image { image: m }
            | CustomMessage::Voice { voice: m }
            | CustomMessage::MpNews { mpnews: m } => check_present("media_id", &m.media_id),
            CustomMessage::Video { video } => check_all_present(&[
                ("video.media_id", &video.media_id),
                ("video.thumb_media_id", &video.thumb_media_id),
            ]),
            CustomMessage::Music { music } => check_all_present(&[
                ("music.musicurl", &music.musicurl),
                ("music.hqmusicurl", &music.hqmusicurl),
                ("music.thumb_media_id", &music.thumb_media_id),
            ]),
            CustomMessage::News { news } => {
                check_len("news.articles", &news.articles, 1)?;
                news.articles.iter().try_for_each(|a| {
                    check_all_present(&[
                        ("news.articles.title", &a.title),
                        ("news.articles.url", &a.url),
                    ])
                })
            }
            CustomMessage::MpNewsArticle { mpnewsarticle } => {
                check_present("mpnewsarticle.article_id", &mpnewsarticle.article_id)
            }
            CustomMessage::MsgMenu { msgmenu } => {
                check_len("msgmenu.list", &msgmenu.list, usize::MAX)?;
                msgmenu.list.iter().try_for_each(|c| {
                    check_all_present(&[
                        ("msgmenu.list.id", &c.id),
                        ("msgmenu.list.content", &c.content),
                    ])
                })
            }
            CustomMessage::WxCard { wxcard } => check_present("wxcard.card_id", &wxcard.card_id),
            CustomMessage::MiniProgramPage { miniprogrampage: p } => check_all_present(&[
                ("miniprogrampage.title", &p.title),
                ("miniprogrampage.pagepath", &p.pagepath),
                ("miniprogrampage.thumb_media_id", &p.thumb_media_id),
            ]),
            CustomMessage::Link { link } => check_all_present(&[
                ("link.title", &link.title),
                ("link.url", &link.url),
                ("link.thumb_url", &link.thumb_url),
            ]),
        }
    }
}

/// The typing state shown to a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum TypingCommand {
    /// "Typing…".
    Typing,
    /// Stops showing "Typing…".
    CancelTyping,
}

#[derive(Serialize)]
struct KfAccount<'a> {
    kf_account: &'a str,
}

#[derive(Serialize)]
struct CustomSend<'a> {
    touser: &'a str,
    #[serde(flatten)]
    message: &'a CustomMessage,
    #[serde(skip_serializing_if = "Option::is_none")]
    customservice: Option<KfAccount<'a>>,
}

impl<'c, K: 'static> MessageApi<'c, K> {
    /// Sends a customer service message to `touser` (an openid): `POST
    /// /cgi-bin/message/custom/send`. Never retried once it may have reached WeChat.
    pub fn send(&self, touser: &str, message: &CustomMessage) -> ApiCall<'static, (), K> {
        self.send_custom(touser, message, None)
    }

    /// Sends a customer service message as the customer service account `kf_account`
    /// (`customservice.kf_account`, e.g. `test1@kftest`): `POST /cgi-bin/message/custom/send`.
    pub fn send_as(
        &self,
        touser: &str,
        message: &CustomMessage,
        kf_account: &str,
    ) -> ApiCall<'static, (), K> {
        self.0
            .checked(check_present("kf_account", kf_account), |()| {
                self.send_custom(touser, message, Some(kf_account))
            })
    }

    fn send_custom(
        &self,
        touser: &str,
        message: &CustomMessage,
        kf_account: Option<&str>,
    ) -> ApiCall<'static, (), K> {
        let checked = check_present("touser", touser).and_then(|()| message.check());
        self.0.checked(checked, |()| {
            let body = CustomSend {
                touser,
                message,
                customservice: kf_account.map(|kf_account| KfAccount { kf_account }),
            };
            self.0
                .post_ok("/cgi-bin/message/custom/send", &body, Retry::Unsafe)
        })
    }

    /// Shows or hides "Typing…" to `touser`: `POST /cgi-bin/message/custom/typing`.
    pub fn typing(&self, touser: &str, command: TypingCommand) -> ApiCall<'static, (), K> {
        self.0.checked(check_present("touser", touser), |()| {
            self.0.post_ok(
                "/cgi-bin/message/custom/typing",
                &serde_json::json!({ "touser": touser, "command": command }),
                // Showing the same state twice does no harm.
                Retry::Safe,
            )
        })
    }
}
