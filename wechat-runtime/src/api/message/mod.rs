//! Messages: customer service messages, template messages, subscribe messages, mass messages.
//!
//! Each kind has its area: [`MessageApi`] (customer service messages, `custom/send`, and
//! typing), [`TemplateApi`] (template messages and industries), [`SubscribeApi`] (subscribe
//! messages of Official Accounts and Mini Programs, and their templates) and [`MassApi`] (mass
//! messages). Every type of them is here, in `wechat_runtime::api::message`.
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

mod custom;
mod mass;
mod subscribe;
mod template;

pub use custom::{
    ArticleRef, CustomMessage, Link, MenuChoice, MessageApi, MiniProgramPage, MsgMenu, Music, News,
    NewsArticle, TypingCommand, Video,
};
pub use mass::{
    MassApi, MassFilter, MassImages, MassMessage, MassSend, MassSendAll, MassSent, MassStatus,
    MassVideo, PreviewTarget,
};
pub use subscribe::{
    Category, KeywordEnumValues, MiniProgramState, MiniProgramSubscribeMessage, SubscribeApi,
    SubscribeLang, SubscribeMessage, SubscribeTemplate, TemplateKeyword, TemplateKeywords,
    TemplateTitle, TemplateTitles,
};
pub use template::{Industry, IndustryClass, Template, TemplateApi, TemplateMessage};

use serde::{Deserialize, Deserializer, Serialize};

use super::{check_all_present, check_present};
use crate::error::Result;

/// Text content (customer service and mass messages).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    /// The text; it may hold `<a href>` links, also to Mini Program pages.
    pub content: String,
}

/// A reference to uploaded media (customer service and mass messages).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MediaRef {
    /// The media id, from an upload.
    pub media_id: String,
}

/// A card (coupon), in customer service and mass messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardRef {
    /// The card id.
    pub card_id: String,
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

/// The Mini Program page a template or subscribe message opens.
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

/// Checks what a template or subscribe message needs: a user, a template and, when it opens
/// a Mini Program, that program's appid.
fn check_addressed(
    touser: &str,
    template_id: &str,
    miniprogram: Option<&MiniProgramTarget>,
) -> Result<()> {
    check_all_present(&[("touser", touser), ("template_id", template_id)])?;
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
