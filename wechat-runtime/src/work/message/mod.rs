//! Application messages (应用消息): what a WeCom agent sends to members, departments and tags,
//! from [`Client::app_message`](crate::Client::app_message).
//!
//! A message is built from its content ([`AppMessage::text`], [`AppMessage::template_card`]
//! and their siblings), then addressed. It goes out as the client's agent unless
//! [`AppMessage::agentid`] names another. A send is never retried once it may have reached
//! WeCom: a member would get it twice.
//!
//! ```no_run
//! use wechat_runtime::work::message::{AppMessage, CardAction, CardTitle, TemplateCard};
//! use wechat_runtime::work::{WorkApp, WorkKey};
//! use wechat_runtime::{Client, Hub, MemoryStore};
//!
//! # async fn run() -> wechat_runtime::Result<()> {
//! let corp = "ww0123456789abcdef";
//! let agent = WorkApp::Agent(1000002);
//! let store = MemoryStore::new().with_work_app(WorkKey::new(corp, agent), "the-agent-secret");
//! let client = Client::work_builder(Hub::new(store)).corpid(corp).work_app(agent).build()?;
//!
//! let sent = client
//!     .app_message()
//!     .send(&AppMessage::text("你的快递已到").to_users(&["zhangsan", "lisi"]))
//!     .await?;
//! let card = TemplateCard::text_notice(
//!     CardTitle::new("周会", "周三 10:00"),
//!     CardAction::url("https://work.weixin.qq.com"),
//! );
//! client.app_message().send(&AppMessage::template_card(card).to_parties(&[2])).await?;
//! client.app_message().recall(&sent.msgid).await?;
//! # Ok(()) }
//! ```

mod card;
mod card_parts;

pub use card::{TemplateCard, TemplateCardType};
pub use card_parts::{
    CardAction, CardActionMenu, CardButton, CardCheckbox, CardHorizontalContent, CardImage,
    CardImageTextArea, CardJump, CardMenuAction, CardOption, CardQuoteArea, CardSelect, CardSource,
    CardSubmitButton, CardTitle,
};

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::api::{check_len, check_present, ApiCall, Area, Retry};
use crate::call::kind::Work;
use crate::error::{Error, Result};
use crate::work::lists::{check_at_most, check_bytes, check_chars, join_pipe, pipe_or_array};

/// Application messages; from [`Client::app_message`](crate::Client::app_message).
pub struct AppMessageApi<'c> {
    area: Area<'c, Work>,
    /// The client's agent, the sender of messages that name none.
    agentid: Option<i64>,
}

/// The most articles a news message carries.
pub const MAX_NEWS_ARTICLES: usize = 8;

impl<S> crate::Client<S, Work> {
    /// Application messages, sent as the client's agent.
    ///
    /// ```no_run
    /// # async fn run<S>(client: &wechat_runtime::Client<S, wechat_runtime::Work>) -> wechat_runtime::Result<()> {
    /// use wechat_runtime::work::message::AppMessage;
    ///
    /// let sent = client.app_message().send(&AppMessage::markdown("**会议** 10:00").to_all()).await?;
    /// println!("{}", sent.msgid);
    /// # Ok(()) }
    /// ```
    pub fn app_message(&self) -> AppMessageApi<'_> {
        AppMessageApi {
            area: Area::new(&self.core),
            agentid: self.core.work_app.and_then(|app| app.agent_id()),
        }
    }
}

/// What a message carries.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum AppMessageBody {
    /// Text, up to 2048 bytes.
    Text(String),
    /// An image, by the media id of an upload.
    Image(String),
    /// A file, by the media id of an upload.
    File(String),
    /// A text card: a title, a description and a link.
    TextCard(AppTextCard),
    /// 1 to 8 articles.
    News(Vec<AppNewsArticle>),
    /// Markdown (WeCom's subset), up to 2048 bytes.
    Markdown(String),
    /// A template card (boxed: it is much larger than the other contents).
    TemplateCard(Box<TemplateCard>),
}

/// A text card message's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AppTextCard {
    /// The title, up to 128 bytes.
    pub title: String,
    /// The description, up to 512 bytes (WeCom's simple HTML classes allowed).
    pub description: String,
    /// The page opened, up to 2048 bytes.
    pub url: String,
    /// The button's text, up to 4 characters (WeCom's default 详情).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub btntxt: Option<String>,
}

impl AppTextCard {
    /// A text card.
    pub fn new(
        title: impl Into<String>,
        description: impl Into<String>,
        url: impl Into<String>,
    ) -> Self {
        AppTextCard {
            title: title.into(),
            description: description.into(),
            url: url.into(),
            btntxt: None,
        }
    }

    /// Sets the button's text.
    pub fn button(mut self, text: impl Into<String>) -> Self {
        self.btntxt = Some(text.into());
        self
    }
}

/// One article of a news message: a link (or a Mini Program page) with a picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AppNewsArticle {
    /// The title, up to 128 bytes.
    pub title: String,
    /// The description, up to 512 bytes.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The page opened, up to 2048 bytes (or a Mini Program: `appid`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// The picture's URL.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub picurl: String,
    /// The Mini Program opened instead of `url`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub appid: String,
    /// The Mini Program's page.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub pagepath: String,
}

impl AppNewsArticle {
    /// An article linking to `url`.
    pub fn new(title: impl Into<String>, url: impl Into<String>) -> Self {
        AppNewsArticle {
            title: title.into(),
            description: String::new(),
            url: url.into(),
            picurl: String::new(),
            appid: String::new(),
            pagepath: String::new(),
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = description.into();
        self
    }

    /// Sets the picture.
    pub fn picurl(mut self, picurl: impl Into<String>) -> Self {
        self.picurl = picurl.into();
        self
    }

    /// Opens a Mini Program's page instead of the URL.
    pub fn miniprogram(mut self, appid: impl Into<String>, pagepath: impl Into<String>) -> Self {
        self.appid = appid.into();
        self.pagepath = pagepath.into();
        self
    }
}

/// An application message: its content, its recipients and its options.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct AppMessage {
    /// The members (`@all` for everyone the app reaches), up to 1000.
    pub touser: Vec<String>,
    /// The departments, up to 100.
    pub toparty: Vec<u32>,
    /// The tags, up to 100.
    pub totag: Vec<u32>,
    /// The sending agent, instead of the client's.
    pub agentid: Option<i64>,
    /// The content.
    pub body: AppMessageBody,
    /// Confidential: not shareable, watermarked (text, image and file messages).
    pub safe: bool,
    /// Whether `$userName=..$` and `$departmentName=..$` are translated into names.
    pub enable_id_trans: bool,
    /// Whether the same message within `duplicate_check_interval` is dropped.
    pub enable_duplicate_check: bool,
    /// The duplicate check's window, in seconds (WeCom's default 1800, at most 14400).
    pub duplicate_check_interval: Option<u32>,
}

impl AppMessage {
    /// A message of `body`, to nobody yet.
    pub fn new(body: AppMessageBody) -> Self {
        AppMessage {
            touser: Vec::new(),
            toparty: Vec::new(),
            totag: Vec::new(),
            agentid: None,
            body,
            safe: false,
            enable_id_trans: false,
            enable_duplicate_check: false,
            duplicate_check_interval: None,
        }
    }

    /// A text message.
    pub fn text(content: impl Into<String>) -> Self {
        Self::new(AppMessageBody::Text(content.into()))
    }

    /// An image message, by an uploaded image's media id.
    pub fn image(media_id: impl Into<String>) -> Self {
        Self::new(AppMessageBody::Image(media_id.into()))
    }

    /// A file message, by an uploaded file's media id.
    pub fn file(media_id: impl Into<String>) -> Self {
        Self::new(AppMessageBody::File(media_id.into()))
    }

    /// A text card message.
    pub fn textcard(card: AppTextCard) -> Self {
        Self::new(AppMessageBody::TextCard(card))
    }

    /// A news message of 1 to 8 articles.
    pub fn news(articles: Vec<AppNewsArticle>) -> Self {
        Self::new(AppMessageBody::News(articles))
    }

    /// A markdown message.
    pub fn markdown(content: impl Into<String>) -> Self {
        Self::new(AppMessageBody::Markdown(content.into()))
    }

    /// A template card message.
    pub fn template_card(card: TemplateCard) -> Self {
        Self::new(AppMessageBody::TemplateCard(Box::new(card)))
    }

    /// Adds members.
    pub fn to_users(mut self, userids: &[&str]) -> Self {
        self.touser.extend(userids.iter().map(|u| (*u).to_owned()));
        self
    }

    /// Sends to everyone the app reaches (`@all`); departments and tags are then ignored.
    pub fn to_all(mut self) -> Self {
        self.touser = vec!["@all".to_owned()];
        self
    }

    /// Adds departments.
    pub fn to_parties(mut self, parties: &[u32]) -> Self {
        self.toparty.extend_from_slice(parties);
        self
    }

    /// Adds tags.
    pub fn to_tags(mut self, tags: &[u32]) -> Self {
        self.totag.extend_from_slice(tags);
        self
    }

    /// Sends as the agent `agentid` instead of the client's (its token must allow it).
    pub fn agentid(mut self, agentid: i64) -> Self {
        self.agentid = Some(agentid);
        self
    }

    /// Marks the message confidential (text, image and file messages).
    pub fn safe(mut self, safe: bool) -> Self {
        self.safe = safe;
        self
    }

    /// Translates ids in the content into names.
    pub fn id_trans(mut self, enable: bool) -> Self {
        self.enable_id_trans = enable;
        self
    }

    /// Drops the same message sent again within `interval` seconds (`None`: WeCom's 1800).
    pub fn duplicate_check(mut self, interval: Option<u32>) -> Self {
        self.enable_duplicate_check = true;
        self.duplicate_check_interval = interval;
        self
    }

    /// The `msgtype` WeCom knows the content by.
    pub fn msgtype(&self) -> &'static str {
        match self.body {
            AppMessageBody::Text(_) => "text",
            AppMessageBody::Image(_) => "image",
            AppMessageBody::File(_) => "file",
            AppMessageBody::TextCard(_) => "textcard",
            AppMessageBody::News(_) => "news",
            AppMessageBody::Markdown(_) => "markdown",
            AppMessageBody::TemplateCard(_) => "template_card",
        }
    }

    fn check(&self) -> Result<()> {
        if self.touser.is_empty() && self.toparty.is_empty() && self.totag.is_empty() {
            return Err(Error::invalid_input(
                "the message has no recipient: add members, departments or tags",
            ));
        }
        check_at_most("the members", &self.touser, 1000)?;
        check_at_most("the departments", &self.toparty, 100)?;
        check_at_most("the tags", &self.totag, 100)?;
        if let Some(interval) = self.duplicate_check_interval {
            if interval > 14_400 {
                return Err(Error::invalid_input(format!(
                    "the duplicate check interval is {interval} s; WeCom takes at most 14400"
                )));
            }
        }
        match &self.body {
            AppMessageBody::Text(content) | AppMessageBody::Markdown(content) => {
                check_present("the content", content)?;
                check_bytes("the content", content, 2048)
            }
            AppMessageBody::Image(media_id) | AppMessageBody::File(media_id) => {
                check_present("the media_id", media_id)
            }
            AppMessageBody::TextCard(card) => {
                check_present("the title", &card.title)?;
                check_bytes("the title", &card.title, 128)?;
                check_present("the description", &card.description)?;
                check_bytes("the description", &card.description, 512)?;
                check_present("the url", &card.url)?;
                check_bytes("the url", &card.url, 2048)?;
                match &card.btntxt {
                    Some(text) => check_chars("the button text", text, 4),
                    None => Ok(()),
                }
            }
            AppMessageBody::News(articles) => {
                check_len("the articles", articles, MAX_NEWS_ARTICLES)?;
                articles.iter().try_for_each(|article| {
                    check_present("an article's title", &article.title)?;
                    check_bytes("an article's title", &article.title, 128)?;
                    check_bytes("an article's description", &article.description, 512)?;
                    check_bytes("an article's url", &article.url, 2048)?;
                    if article.url.trim().is_empty() && article.appid.trim().is_empty() {
                        return Err(Error::invalid_input(format!(
                            "the article `{}` has no url and no Mini Program",
                            article.title
                        )));
                    }
                    Ok(())
                })
            }
            AppMessageBody::TemplateCard(card) => card.check(),
        }
    }

    /// The body of `message/send`, sent as `agentid`.
    fn to_json(&self, agentid: i64) -> Value {
        let mut body = Map::new();
        for (key, ids) in [
            ("touser", join_pipe(&self.touser)),
            ("toparty", join_pipe(&self.toparty)),
            ("totag", join_pipe(&self.totag)),
        ] {
            if let Some(ids) = ids {
                body.insert(key.into(), ids.into());
            }
        }
        body.insert("msgtype".into(), self.msgtype().into());
        body.insert("agentid".into(), agentid.into());
        let content = match &self.body {
            AppMessageBody::Text(content) | AppMessageBody::Markdown(content) => {
                json!({ "content": content })
            }
            AppMessageBody::Image(media_id) | AppMessageBody::File(media_id) => {
                json!({ "media_id": media_id })
            }
            AppMessageBody::TextCard(card) => json!(card),
            AppMessageBody::News(articles) => json!({ "articles": articles }),
            AppMessageBody::TemplateCard(card) => json!(card),
        };
        body.insert(self.msgtype().into(), content);
        if self.safe {
            body.insert("safe".into(), 1.into());
        }
        if self.enable_id_trans {
            body.insert("enable_id_trans".into(), 1.into());
        }
        if self.enable_duplicate_check {
            body.insert("enable_duplicate_check".into(), 1.into());
            if let Some(interval) = self.duplicate_check_interval {
                body.insert("duplicate_check_interval".into(), interval.into());
            }
        }
        Value::Object(body)
    }
}

/// What a send answers: the message's id, and the recipients it did not reach (the others
/// got it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AppMessageSent {
    /// The message's id, for [`AppMessageApi::recall`].
    #[serde(default)]
    pub msgid: String,
    /// Members not reached (WeCom lowercases them).
    #[serde(default, deserialize_with = "pipe_or_array")]
    pub invaliduser: Vec<String>,
    /// Departments not reached.
    #[serde(default, deserialize_with = "pipe_or_array")]
    pub invalidparty: Vec<String>,
    /// Tags not reached.
    #[serde(default, deserialize_with = "pipe_or_array")]
    pub invalidtag: Vec<String>,
    /// Members without a license for the app.
    #[serde(default, deserialize_with = "pipe_or_array")]
    pub unlicenseduser: Vec<String>,
    /// For interactive template cards: the code that updates the card once (72 hours).
    #[serde(default)]
    pub response_code: Option<String>,
}

impl AppMessageApi<'_> {
    /// Sends a message: `POST /cgi-bin/message/send`. It needs a recipient and an agent (the
    /// client's, or [`AppMessage::agentid`]); recipients WeCom refuses are in the answer (all
    /// refused: 81013). Never sent twice.
    pub fn send(&self, message: &AppMessage) -> ApiCall<'static, AppMessageSent, Work> {
        let checked = message.check().and_then(|()| {
            message.agentid.or(self.agentid).ok_or_else(|| {
                Error::invalid_input(
                    "no agent sends this message: build the client with `WorkApp::Agent(..)` \
                     or set `AppMessage::agentid`",
                )
            })
        });
        self.area.checked(checked, |agentid| {
            self.area.post(
                "/cgi-bin/message/send",
                &message.to_json(agentid),
                Retry::Unsafe,
            )
        })
    }

    /// Recalls a message sent within the last 24 hours: `POST /cgi-bin/message/recall`.
    pub fn recall(&self, msgid: &str) -> ApiCall<'static, (), Work> {
        self.area.checked(check_present("the msgid", msgid), |()| {
            self.area.post_ok(
                "/cgi-bin/message/recall",
                &json!({ "msgid": msgid }),
                Retry::Unsafe,
            )
        })
    }
}
