//! The automatic replies set on the platform's website: on follow, to any message, and to
//! keywords (`/cgi-bin/get_current_autoreply_info`).
//!
//! Only the rules set on the website are listed; replies an account's own server (or a
//! third-party platform) makes are not. Images, voices and videos come as temporary media ids
//! (fetch them with [`MediaApi::get`](crate::api::media::MediaApi::get)); articles as
//! permanent ones.
//!
//! ```no_run
//! # async fn example<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
//! let info = client.autoreply().current().await?;
//! if info.is_autoreply_open == 1 {
//!     if let Some(default) = &info.message_default_autoreply_info {
//!         println!("any message gets a {} reply: {}", default.kind, default.content);
//!     }
//! }
//! for rule in info.keyword_autoreply_info.map(|k| k.list).unwrap_or_default() {
//!     println!("rule {}: {} keywords", rule.rule_name, rule.keyword_list_info.len());
//! }
//! # Ok(()) }
//! ```

use serde::Deserialize;

use super::menu::NewsInfo;
use super::{ApiCall, Area};

/// Automatic replies; from [`Client::autoreply`](crate::Client::autoreply).
pub struct AutoreplyApi<'c, K>(pub(crate) Area<'c, K>);

/// The automatic replies in use, from [`AutoreplyApi::current`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AutoReplyInfo {
    /// `1` when new followers get a reply.
    #[serde(default)]
    pub is_add_friend_reply_open: u8,
    /// `1` when messages get the default reply.
    #[serde(default)]
    pub is_autoreply_open: u8,
    /// The reply to new followers.
    #[serde(default)]
    pub add_friend_autoreply_info: Option<AutoReply>,
    /// The default reply to messages.
    #[serde(default)]
    pub message_default_autoreply_info: Option<AutoReply>,
    /// The keyword rules.
    #[serde(default)]
    pub keyword_autoreply_info: Option<KeywordAutoReplies>,
}

/// A reply: its type and content.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AutoReply {
    /// `text`, `img`, `voice` or `video` (and `news` in keyword rules).
    #[serde(rename = "type", default)]
    pub kind: String,
    /// The text, or the media id of the other types.
    #[serde(default)]
    pub content: String,
}

/// The keyword rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct KeywordAutoReplies {
    /// The rules.
    #[serde(default)]
    pub list: Vec<KeywordRule>,
}

/// One keyword rule: the keywords it matches and what it replies.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct KeywordRule {
    /// The rule's name.
    #[serde(default)]
    pub rule_name: String,
    /// When it was made, in unix seconds.
    #[serde(default)]
    pub create_time: u64,
    /// `reply_all` (every reply) or `random_one` (one of them).
    #[serde(default)]
    pub reply_mode: String,
    /// The keywords.
    #[serde(default)]
    pub keyword_list_info: Vec<KeywordMatch>,
    /// The replies.
    #[serde(default)]
    pub reply_list_info: Vec<KeywordReply>,
}

/// A keyword of a rule.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct KeywordMatch {
    /// Always `text`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// `contain` (the message holds the keyword) or `equal` (it is the keyword).
    #[serde(default)]
    pub match_mode: String,
    /// The keyword.
    #[serde(default)]
    pub content: String,
}

/// A reply of a keyword rule.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct KeywordReply {
    /// `text`, `img`, `voice`, `video` or `news`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// The text, or a media id (for `news`, the material's).
    #[serde(default)]
    pub content: String,
    /// The articles of a `news` reply.
    #[serde(default)]
    pub news_info: Option<NewsInfo>,
}

impl<'c, K: 'static> AutoreplyApi<'c, K> {
    /// The automatic replies in use: `GET /cgi-bin/get_current_autoreply_info`.
    pub fn current(&self) -> ApiCall<'static, AutoReplyInfo, K> {
        self.0.get("/cgi-bin/get_current_autoreply_info")
    }
}
