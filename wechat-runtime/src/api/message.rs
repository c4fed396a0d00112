//! Messages: customer service messages, template messages, subscribe messages, mass messages.
//!
//! Sending a message is never retried after it may have reached WeChat: a user must not get
//! it twice. Queries (industries, template lists, mass status) are retried on transient
//! failures.
//!
//! # Example
//!
//! ```no_run
//! # async fn example<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
//! use wechat_runtime::api::message::{CustomMessage, MassMessage, MassSendAll, TemplateMessage};
//!
//! // A customer service message, within 48 hours of the user's last interaction.
//! client
//!     .message()
//!     .send("o6_bmjrPTlm6_2sgVt7hMZOPfL2M", &CustomMessage::text("Your order has shipped."))
//!     .await?;
//!
//! // A template message with a link.
//! let message = TemplateMessage::new("o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY")
//!     .url("https://example.com/orders/42")
//!     .data("thing1", "Chocolate")
//!     .data_with_color("amount2", "39.80", "#173177");
//! let msgid = client.template().send(&message).await?;
//!
//! // A mass message to everyone tagged 2.
//! let sent = client
//!     .mass()
//!     .send_all(&MassSendAll::to_tag(2, MassMessage::text("Hello, followers")))
//!     .await?;
//! let status = client.mass().status(sent.msg_id).await?;
//! # let _ = (msgid, status);
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

use super::{area, check_len, check_present, json, ok, ApiCall};
use crate::error::{Error, Result};

area! {
    /// Customer service messages; from [`Client::message`](crate::Client::message).
    MessageApi
}

area! {
    /// Template messages; from [`Client::template`](crate::Client::template).
    TemplateApi
}

area! {
    /// Subscribe messages; from [`Client::subscribe`](crate::Client::subscribe).
    SubscribeApi
}

area! {
    /// Mass messages; from [`Client::mass`](crate::Client::mass).
    MassApi
}

/// Checks every named field for presence, in order.
fn check_all(fields: &[(&str, &str)]) -> Result<()> {
    fields
        .iter()
        .try_for_each(|(what, value)| check_present(what, value))
}

/// Checks what a template or subscribe message needs: a user, a template and, when it opens
/// a Mini Program, that program's appid.
fn check_addressed(
    touser: &str,
    template_id: &str,
    miniprogram: Option<&MiniProgramTarget>,
) -> Result<()> {
    check_all(&[("touser", touser), ("template_id", template_id)])?;
    match miniprogram {
        Some(target) => check_present("miniprogram.appid", &target.appid),
        None => Ok(()),
    }
}

/// A number WeChat sends as a JSON number or as a string of digits.
fn lenient_u64<'de, D: Deserializer<'de>>(deserializer: D) -> std::result::Result<u64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Num {
        N(u64),
        S(String),
    }
    match Num::deserialize(deserializer)? {
        Num::N(n) => Ok(n),
        Num::S(s) => s.trim().parse().map_err(serde::de::Error::custom),
    }
}

/// A string WeChat sends as a JSON string or as a number.
fn lenient_string<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Text {
        S(String),
        N(serde_json::Number),
    }
    Ok(match Text::deserialize(deserializer)? {
        Text::S(s) => s,
        Text::N(n) => n.to_string(),
    })
}

// ---------------------------------------------------------------------------------------------
// Customer service messages
// ---------------------------------------------------------------------------------------------

/// Text content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    /// The text; it may hold `<a href>` links, also to Mini Program pages.
    pub content: String,
}

/// A reference to uploaded media.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MediaRef {
    /// The media id, from an upload.
    pub media_id: String,
}

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

/// A card (coupon).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardRef {
    /// The card id.
    pub card_id: String,
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
            CustomMessage::Video { video } => check_all(&[
                ("video.media_id", &video.media_id),
                ("video.thumb_media_id", &video.thumb_media_id),
            ]),
            CustomMessage::Music { music } => check_all(&[
                ("music.musicurl", &music.musicurl),
                ("music.hqmusicurl", &music.hqmusicurl),
                ("music.thumb_media_id", &music.thumb_media_id),
            ]),
            CustomMessage::News { news } => {
                check_len("news.articles", &news.articles, 1)?;
                news.articles.iter().try_for_each(|a| {
                    check_all(&[
                        ("news.articles.title", &a.title),
                        ("news.articles.url", &a.url),
                    ])
                })
            }
            CustomMessage::MpNewsArticle { mpnewsarticle } => {
                check_present("mpnewsarticle.article_id", &mpnewsarticle.article_id)
            }
            CustomMessage::MsgMenu { msgmenu } => {
                if msgmenu.list.is_empty() {
                    return Err(Error::invalid_input("msgmenu.list is empty"));
                }
                msgmenu.list.iter().try_for_each(|c| {
                    check_all(&[
                        ("msgmenu.list.id", &c.id),
                        ("msgmenu.list.content", &c.content),
                    ])
                })
            }
            CustomMessage::WxCard { wxcard } => check_present("wxcard.card_id", &wxcard.card_id),
            CustomMessage::MiniProgramPage { miniprogrampage: p } => check_all(&[
                ("miniprogrampage.title", &p.title),
                ("miniprogrampage.pagepath", &p.pagepath),
                ("miniprogrampage.thumb_media_id", &p.thumb_media_id),
            ]),
            CustomMessage::Link { link } => check_all(&[
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
        if let Err(e) = check_present("kf_account", kf_account) {
            return self.0.reject(e);
        }
        self.send_custom(touser, message, Some(kf_account))
    }

    fn send_custom(
        &self,
        touser: &str,
        message: &CustomMessage,
        kf_account: Option<&str>,
    ) -> ApiCall<'static, (), K> {
        if let Err(e) = check_present("touser", touser).and_then(|()| message.check()) {
            return self.0.reject(e);
        }
        let body = CustomSend {
            touser,
            message,
            customservice: kf_account.map(|kf_account| KfAccount { kf_account }),
        };
        self.0
            .post_with("/cgi-bin/message/custom/send", &body, false, ok)
    }

    /// Shows or hides "Typing…" to `touser`: `POST /cgi-bin/message/custom/typing`.
    pub fn typing(&self, touser: &str, command: TypingCommand) -> ApiCall<'static, (), K> {
        if let Err(e) = check_present("touser", touser) {
            return self.0.reject(e);
        }
        let request = self
            .0
            .request(reqwest::Method::POST, "/cgi-bin/message/custom/typing")
            .json(&serde_json::json!({ "touser": touser, "command": command }))
            // Showing the same state twice does no harm.
            .idempotent(true);
        self.0.call(request, ok)
    }
}

// ---------------------------------------------------------------------------------------------
// Template messages
// ---------------------------------------------------------------------------------------------

/// One industry class of a template industry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct IndustryClass {
    /// The main class (e.g. `IT科技`).
    #[serde(default)]
    pub first_class: String,
    /// The sub class (e.g. `互联网|电子商务`).
    #[serde(default)]
    pub second_class: String,
}

/// The account's template industries.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Industry {
    /// The primary industry.
    pub primary_industry: Option<IndustryClass>,
    /// The secondary industry.
    pub secondary_industry: Option<IndustryClass>,
}

/// A template of the account.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Template {
    /// The template id, used to send.
    pub template_id: String,
    /// The title.
    #[serde(default)]
    pub title: String,
    /// The primary industry.
    #[serde(default)]
    pub primary_industry: String,
    /// The secondary industry.
    #[serde(default)]
    pub deputy_industry: String,
    /// The content, with `{{name.DATA}}` placeholders.
    #[serde(default)]
    pub content: String,
    /// An example.
    #[serde(default)]
    pub example: String,
}

/// One value of a template or subscribe message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DataValue {
    /// The value.
    pub value: String,
    /// Its color, like `#173177` (template messages only; WeChat may ignore it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

impl DataValue {
    /// A value, with an optional color.
    pub fn new(value: impl Into<String>, color: Option<String>) -> Self {
        DataValue {
            value: value.into(),
            color,
        }
    }
}

/// The Mini Program page a message opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MiniProgramTarget {
    /// The Mini Program's appid (linked to the Official Account).
    pub appid: String,
    /// The page, with parameters (`index?foo=bar`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pagepath: Option<String>,
}

impl MiniProgramTarget {
    /// The page `pagepath` of the Mini Program `appid`.
    pub fn new(appid: impl Into<String>, pagepath: impl Into<String>) -> Self {
        MiniProgramTarget {
            appid: appid.into(),
            pagepath: Some(pagepath.into()),
        }
    }
}

/// A template message, built with setters, sent with [`TemplateApi::send`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TemplateMessage {
    /// The receiver's openid.
    pub touser: String,
    /// The template id.
    pub template_id: String,
    /// The link opened on a tap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The Mini Program page opened on a tap; it wins over `url` where supported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub miniprogram: Option<MiniProgramTarget>,
    /// The values, by name (`keyword1`, `thing2`, ...).
    pub data: BTreeMap<String, DataValue>,
    /// An id to keep WeChat from sending the same message twice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_msg_id: Option<String>,
}

impl TemplateMessage {
    /// A message of template `template_id` to `touser`.
    pub fn new(touser: impl Into<String>, template_id: impl Into<String>) -> Self {
        TemplateMessage {
            touser: touser.into(),
            template_id: template_id.into(),
            url: None,
            miniprogram: None,
            data: BTreeMap::new(),
            client_msg_id: None,
        }
    }

    /// The link opened on a tap.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// The Mini Program page opened on a tap.
    pub fn miniprogram(mut self, appid: impl Into<String>, pagepath: impl Into<String>) -> Self {
        self.miniprogram = Some(MiniProgramTarget::new(appid, pagepath));
        self
    }

    /// Sets the value `name`.
    pub fn data(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.data.insert(name.into(), DataValue::new(value, None));
        self
    }

    /// Sets the value `name` with a color.
    pub fn data_with_color(
        mut self,
        name: impl Into<String>,
        value: impl Into<String>,
        color: impl Into<String>,
    ) -> Self {
        self.data
            .insert(name.into(), DataValue::new(value, Some(color.into())));
        self
    }

    /// An id against duplicate sends (WeChat keeps it for a while).
    pub fn client_msg_id(mut self, id: impl Into<String>) -> Self {
        self.client_msg_id = Some(id.into());
        self
    }
}

#[derive(Deserialize)]
struct TemplateIdAnswer {
    template_id: String,
}

#[derive(Deserialize)]
struct TemplateListAnswer {
    #[serde(default)]
    template_list: Vec<Template>,
}

#[derive(Deserialize)]
struct MsgIdAnswer {
    #[serde(deserialize_with = "lenient_u64")]
    msgid: u64,
}

impl<'c, K: 'static> TemplateApi<'c, K> {
    /// Sets the account's two template industries, by industry code (WeChat allows a change
    /// once a month): `POST /cgi-bin/template/api_set_industry`.
    pub fn set_industry(&self, industry_id1: &str, industry_id2: &str) -> ApiCall<'static, (), K> {
        if let Err(e) = check_all(&[
            ("industry_id1", industry_id1),
            ("industry_id2", industry_id2),
        ]) {
            return self.0.reject(e);
        }
        self.0.post_with(
            "/cgi-bin/template/api_set_industry",
            &serde_json::json!({
                "industry_id1": industry_id1,
                "industry_id2": industry_id2,
            }),
            false,
            ok,
        )
    }

    /// The account's template industries: `GET /cgi-bin/template/get_industry`.
    pub fn industry(&self) -> ApiCall<'static, Industry, K> {
        self.0.get("/cgi-bin/template/get_industry")
    }

    /// Adds a template from the library by its short id (e.g. `TM00015`), with the keyword
    /// names to use for the newer templates (empty: the template's own); returns the
    /// template id: `POST /cgi-bin/template/api_add_template`.
    pub fn add(
        &self,
        template_id_short: &str,
        keyword_name_list: &[&str],
    ) -> ApiCall<'static, String, K> {
        if let Err(e) = check_present("template_id_short", template_id_short) {
            return self.0.reject(e);
        }
        let mut body = serde_json::json!({ "template_id_short": template_id_short });
        if !keyword_name_list.is_empty() {
            body["keyword_name_list"] = serde_json::json!(keyword_name_list);
        }
        self.0.post_with(
            "/cgi-bin/template/api_add_template",
            &body,
            false,
            |response| Ok(response.json::<TemplateIdAnswer>()?.template_id),
        )
    }

    /// The account's templates: `GET /cgi-bin/template/get_all_private_template`.
    pub fn list(&self) -> ApiCall<'static, Vec<Template>, K> {
        let request = self.0.request(
            reqwest::Method::GET,
            "/cgi-bin/template/get_all_private_template",
        );
        self.0.call(request, |response| {
            Ok(response.json::<TemplateListAnswer>()?.template_list)
        })
    }

    /// Deletes a template of the account: `POST /cgi-bin/template/del_private_template`.
    pub fn delete(&self, template_id: &str) -> ApiCall<'static, (), K> {
        if let Err(e) = check_present("template_id", template_id) {
            return self.0.reject(e);
        }
        let request = self
            .0
            .request(
                reqwest::Method::POST,
                "/cgi-bin/template/del_private_template",
            )
            .json(&serde_json::json!({ "template_id": template_id }))
            .idempotent(false);
        self.0.call(request, ok)
    }

    /// Sends a template message; returns its `msgid`: `POST /cgi-bin/message/template/send`.
    /// Never retried once it may have reached WeChat.
    pub fn send(&self, message: &TemplateMessage) -> ApiCall<'static, u64, K> {
        let checked = check_addressed(
            &message.touser,
            &message.template_id,
            message.miniprogram.as_ref(),
        );
        if let Err(e) = checked {
            return self.0.reject(e);
        }
        self.0.post_with(
            "/cgi-bin/message/template/send",
            message,
            false,
            |response| Ok(response.json::<MsgIdAnswer>()?.msgid),
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Subscribe messages
// ---------------------------------------------------------------------------------------------

/// A subscribe message of an Official Account (`bizsend`), built with setters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SubscribeMessage {
    /// The receiver's openid.
    pub touser: String,
    /// The (private) template id.
    pub template_id: String,
    /// The web page opened on a tap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// The Mini Program page opened on a tap; it wins over `page`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub miniprogram: Option<MiniProgramTarget>,
    /// The values, by name (`thing1`, `time2`, ...).
    pub data: BTreeMap<String, DataValue>,
}

impl SubscribeMessage {
    /// A message of template `template_id` to `touser`.
    pub fn new(touser: impl Into<String>, template_id: impl Into<String>) -> Self {
        SubscribeMessage {
            touser: touser.into(),
            template_id: template_id.into(),
            page: None,
            miniprogram: None,
            data: BTreeMap::new(),
        }
    }

    /// The web page opened on a tap.
    pub fn page(mut self, page: impl Into<String>) -> Self {
        self.page = Some(page.into());
        self
    }

    /// The Mini Program page opened on a tap.
    pub fn miniprogram(mut self, appid: impl Into<String>, pagepath: impl Into<String>) -> Self {
        self.miniprogram = Some(MiniProgramTarget::new(appid, pagepath));
        self
    }

    /// Sets the value `name`.
    pub fn data(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.data.insert(name.into(), DataValue::new(value, None));
        self
    }
}

/// Which version of a Mini Program a subscribe message opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum MiniProgramState {
    /// The development version.
    Developer,
    /// The trial version.
    Trial,
    /// The released version (WeChat's default).
    Formal,
}

/// The language of a Mini Program subscribe message's "open the Mini Program" link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum Lang {
    /// Simplified Chinese (WeChat's default).
    #[serde(rename = "zh_CN")]
    ZhCn,
    /// English.
    #[serde(rename = "en_US")]
    EnUs,
    /// Traditional Chinese (Hong Kong).
    #[serde(rename = "zh_HK")]
    ZhHk,
    /// Traditional Chinese (Taiwan).
    #[serde(rename = "zh_TW")]
    ZhTw,
}

/// A Mini Program subscribe message, built with setters, sent with
/// [`SubscribeApi::send`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct MiniProgramSubscribeMessage {
    /// The receiver's openid.
    pub touser: String,
    /// The template id.
    pub template_id: String,
    /// The page opened on a tap (`index?foo=bar`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// The values, by name.
    pub data: BTreeMap<String, DataValue>,
    /// Which version of the Mini Program opens.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub miniprogram_state: Option<MiniProgramState>,
    /// The language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

impl MiniProgramSubscribeMessage {
    /// A message of template `template_id` to `touser`.
    pub fn new(touser: impl Into<String>, template_id: impl Into<String>) -> Self {
        MiniProgramSubscribeMessage {
            touser: touser.into(),
            template_id: template_id.into(),
            page: None,
            data: BTreeMap::new(),
            miniprogram_state: None,
            lang: None,
        }
    }

    /// The page opened on a tap.
    pub fn page(mut self, page: impl Into<String>) -> Self {
        self.page = Some(page.into());
        self
    }

    /// Sets the value `name`.
    pub fn data(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.data.insert(name.into(), DataValue::new(value, None));
        self
    }

    /// Which version of the Mini Program opens.
    pub fn miniprogram_state(mut self, state: MiniProgramState) -> Self {
        self.miniprogram_state = Some(state);
        self
    }

    /// The language.
    pub fn lang(mut self, lang: Lang) -> Self {
        self.lang = Some(lang);
        self
    }
}

/// A category of the account, for the public template library.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Category {
    /// The category id.
    #[serde(deserialize_with = "lenient_u64")]
    pub id: u64,
    /// Its name.
    #[serde(default)]
    pub name: String,
}

/// A template title of the public library.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TemplateTitle {
    /// The title id (`tid`).
    #[serde(deserialize_with = "lenient_u64")]
    pub tid: u64,
    /// The title.
    #[serde(default)]
    pub title: String,
    /// 2: one-time subscription; 3: long-term subscription.
    #[serde(rename = "type", default)]
    pub kind: u32,
    /// The category id (WeChat sends a number or a string).
    #[serde(rename = "categoryId", default, deserialize_with = "lenient_string")]
    pub category_id: String,
}

/// A page of template titles.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TemplateTitles {
    /// How many titles there are in all.
    #[serde(default)]
    pub count: u64,
    /// This page.
    #[serde(default)]
    pub data: Vec<TemplateTitle>,
}

/// A keyword of a library template.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TemplateKeyword {
    /// The keyword id (`kid`), to pick it in [`SubscribeApi::add_template`].
    #[serde(deserialize_with = "lenient_u64")]
    pub kid: u64,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// An example value.
    #[serde(default)]
    pub example: String,
    /// The value's type (`thing`, `time`, `number`, ...).
    #[serde(default)]
    pub rule: String,
}

/// The keywords of a library template.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TemplateKeywords {
    /// How many there are.
    #[serde(default)]
    pub count: u64,
    /// The keywords.
    #[serde(default)]
    pub data: Vec<TemplateKeyword>,
}

/// The values an enumerated keyword takes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct KeywordEnumValues {
    /// The keyword (`thing1`, ...).
    #[serde(rename = "keywordCode", default)]
    pub keyword_code: String,
    /// Its values.
    #[serde(rename = "enumValueList", default)]
    pub enum_value_list: Vec<String>,
}

/// A template of the account (private library).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SubscribeTemplate {
    /// The template id, used to send.
    #[serde(rename = "priTmplId")]
    pub pri_tmpl_id: String,
    /// The title.
    #[serde(default)]
    pub title: String,
    /// The content, with `{{name.DATA}}` placeholders.
    #[serde(default)]
    pub content: String,
    /// An example.
    #[serde(default)]
    pub example: String,
    /// 2: one-time subscription; 3: long-term subscription.
    #[serde(rename = "type", default)]
    pub kind: u32,
    /// The values of enumerated keywords, where the template has some.
    #[serde(rename = "keywordEnumValueList", default)]
    pub keyword_enum_value_list: Vec<KeywordEnumValues>,
}

#[derive(Deserialize)]
struct DataAnswer<T> {
    #[serde(default = "Vec::new")]
    data: Vec<T>,
}

#[derive(Deserialize)]
struct PriTmplIdAnswer {
    #[serde(rename = "priTmplId")]
    pri_tmpl_id: String,
}

impl<'c, K: 'static> SubscribeApi<'c, K> {
    /// Sends an Official Account subscribe message: `POST /cgi-bin/message/subscribe/bizsend`.
    /// Never retried once it may have reached WeChat.
    pub fn bizsend(&self, message: &SubscribeMessage) -> ApiCall<'static, (), K> {
        let checked = check_addressed(
            &message.touser,
            &message.template_id,
            message.miniprogram.as_ref(),
        );
        if let Err(e) = checked {
            return self.0.reject(e);
        }
        self.0
            .post_with("/cgi-bin/message/subscribe/bizsend", message, false, ok)
    }

    /// Sends a Mini Program subscribe message: `POST /cgi-bin/message/subscribe/send`.
    /// Never retried once it may have reached WeChat.
    pub fn send(&self, message: &MiniProgramSubscribeMessage) -> ApiCall<'static, (), K> {
        if let Err(e) = check_all(&[
            ("touser", &message.touser),
            ("template_id", &message.template_id),
        ]) {
            return self.0.reject(e);
        }
        self.0
            .post_with("/cgi-bin/message/subscribe/send", message, false, ok)
    }

    /// The account's categories, to query the public library with:
    /// `GET /wxaapi/newtmpl/getcategory`.
    pub fn categories(&self) -> ApiCall<'static, Vec<Category>, K> {
        let request = self
            .0
            .request(reqwest::Method::GET, "/wxaapi/newtmpl/getcategory");
        self.0.call(request, |response| {
            Ok(response.json::<DataAnswer<Category>>()?.data)
        })
    }

    /// The public library's template titles of the categories `ids`, `limit` (1 to 30) from
    /// `start`: `GET /wxaapi/newtmpl/getpubtemplatetitles`.
    pub fn pub_template_titles(
        &self,
        ids: &[u64],
        start: u32,
        limit: u32,
    ) -> ApiCall<'static, TemplateTitles, K> {
        if let Err(e) = check_len("ids", ids, usize::MAX) {
            return self.0.reject(e);
        }
        if !(1..=30).contains(&limit) {
            return self.0.reject(Error::invalid_input(format!(
                "limit is {limit}; WeChat takes 1 to 30"
            )));
        }
        let ids = ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
        let request = self
            .0
            .request(reqwest::Method::GET, "/wxaapi/newtmpl/getpubtemplatetitles")
            .query("ids", ids)
            .query("start", start)
            .query("limit", limit);
        self.0.call(request, json)
    }

    /// The keywords of the library template `tid`: `GET /wxaapi/newtmpl/getpubtemplatekeywords`.
    pub fn pub_template_keywords(&self, tid: u64) -> ApiCall<'static, TemplateKeywords, K> {
        let request = self
            .0
            .request(
                reqwest::Method::GET,
                "/wxaapi/newtmpl/getpubtemplatekeywords",
            )
            .query("tid", tid);
        self.0.call(request, json)
    }

    /// Adds the library template `tid` to the account with the keywords `kid_list` (2 to 5, in
    /// the order to show) and a scene description (at most 15 characters); returns the new
    /// template id: `POST /wxaapi/newtmpl/addtemplate`.
    pub fn add_template(
        &self,
        tid: u64,
        kid_list: &[u64],
        scene_desc: Option<&str>,
    ) -> ApiCall<'static, String, K> {
        if let Err(e) = check_len("kidList", kid_list, 5) {
            return self.0.reject(e);
        }
        if kid_list.len() < 2 {
            return self.0.reject(Error::invalid_input(
                "kidList has 1 item; WeChat takes 2 to 5",
            ));
        }
        let mut body = serde_json::json!({ "tid": tid.to_string(), "kidList": kid_list });
        if let Some(scene_desc) = scene_desc {
            body["sceneDesc"] = serde_json::json!(scene_desc);
        }
        self.0
            .post_with("/wxaapi/newtmpl/addtemplate", &body, false, |response| {
                Ok(response.json::<PriTmplIdAnswer>()?.pri_tmpl_id)
            })
    }

    /// Deletes a template of the account: `POST /wxaapi/newtmpl/deltemplate`.
    pub fn delete_template(&self, pri_tmpl_id: &str) -> ApiCall<'static, (), K> {
        if let Err(e) = check_present("priTmplId", pri_tmpl_id) {
            return self.0.reject(e);
        }
        self.0.post_with(
            "/wxaapi/newtmpl/deltemplate",
            &serde_json::json!({ "priTmplId": pri_tmpl_id }),
            false,
            ok,
        )
    }

    /// The account's templates: `GET /wxaapi/newtmpl/gettemplate`.
    pub fn templates(&self) -> ApiCall<'static, Vec<SubscribeTemplate>, K> {
        let request = self
            .0
            .request(reqwest::Method::GET, "/wxaapi/newtmpl/gettemplate");
        self.0.call(request, |response| {
            Ok(response.json::<DataAnswer<SubscribeTemplate>>()?.data)
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Mass messages
// ---------------------------------------------------------------------------------------------

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
        if let Err(e) = send.message.check() {
            return self.0.reject(e);
        }
        self.0.post("/cgi-bin/message/mass/sendall", send, false)
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
        if let Err(e) = checked {
            return self.0.reject(e);
        }
        self.0.post("/cgi-bin/message/mass/send", send, false)
    }

    /// Deletes a sent mass message, or only its article at `article_idx` (from 1; `None`
    /// deletes all of it): `POST /cgi-bin/message/mass/delete`.
    pub fn delete(&self, msg_id: u64, article_idx: Option<u32>) -> ApiCall<'static, (), K> {
        let mut body = serde_json::json!({ "msg_id": msg_id });
        if let Some(idx) = article_idx {
            body["article_idx"] = serde_json::json!(idx);
        }
        self.0
            .post_with("/cgi-bin/message/mass/delete", &body, false, ok)
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
        if let Err(e) = checked {
            return self.0.reject(e);
        }
        let body = Preview {
            touser,
            towxname,
            message,
        };
        self.0
            .post_with("/cgi-bin/message/mass/preview", &body, false, |response| {
                Ok(response.json::<MassMsgIdAnswer>()?.msg_id)
            })
    }

    /// The status of a mass message: `POST /cgi-bin/message/mass/get`.
    pub fn status(&self, msg_id: u64) -> ApiCall<'static, MassStatus, K> {
        // The documentation gives msg_id as a string here.
        self.0.post(
            "/cgi-bin/message/mass/get",
            &serde_json::json!({ "msg_id": msg_id.to_string() }),
            true,
        )
    }
}
