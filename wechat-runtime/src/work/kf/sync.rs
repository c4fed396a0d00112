//! Reading the messages and events of customers' chats: [`KfSyncRequest`].

use serde::{Deserialize, Deserializer, Serialize};

use super::{KfApi, MAX_SYNC_LIMIT};
use crate::api::{check_between, check_present, ApiCall, Retry};
use crate::error::Result;
use crate::Work;

/// Which messages to read, for [`KfApi::sync_msg`].
///
/// ```
/// use wechat_runtime::work::kf::KfSyncRequest;
///
/// let first = KfSyncRequest::new().token("CALLBACK_TOKEN").open_kfid("wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw");
/// let next = first.clone().cursor("4gw7MepFLfgF2VC5npN");
/// # let _ = next;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct KfSyncRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    cursor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    voice_format: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    open_kfid: Option<String>,
}

impl KfSyncRequest {
    /// From the oldest message of the last 3 days, of every account.
    pub fn new() -> Self {
        Self::default()
    }

    /// From `cursor`, a [`KfSyncPage::next_cursor`].
    pub fn cursor(mut self, cursor: impl Into<String>) -> Self {
        self.cursor = Some(cursor.into());
        self
    }

    /// The `Token` of the `kf_msg_or_event` callback (valid 10 minutes); without one the
    /// call is strictly rate limited.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// At most `limit` (1 to 1000) messages.
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Voice messages as Silk (`1`) instead of AMR (`0`).
    pub fn voice_format(mut self, format: u32) -> Self {
        self.voice_format = Some(format);
        self
    }

    /// Only the messages of the account `open_kfid`.
    pub fn open_kfid(mut self, open_kfid: impl Into<String>) -> Self {
        self.open_kfid = Some(open_kfid.into());
        self
    }

    fn check(&self) -> Result<()> {
        if let Some(limit) = self.limit {
            check_between("limit", limit, 1, MAX_SYNC_LIMIT)?;
        }
        if let Some(format) = self.voice_format {
            check_between("voice_format", format, 0, 1)?;
        }
        if let Some(cursor) = &self.cursor {
            check_present("cursor", cursor)?;
        }
        Ok(())
    }
}

/// A page of messages, from [`KfApi::sync_msg`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct KfSyncPage {
    /// The cursor to read on from.
    #[serde(default)]
    pub next_cursor: String,
    /// Whether more messages wait (`has_more`: 1).
    #[serde(default, deserialize_with = "int_bool")]
    pub has_more: bool,
    /// The messages, oldest first.
    #[serde(default)]
    pub msg_list: Vec<KfSyncedMessage>,
}

fn int_bool<'de, D: Deserializer<'de>>(deserializer: D) -> std::result::Result<bool, D::Error> {
    Ok(match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::Bool(b) => b,
        serde_json::Value::Number(n) => n.as_u64().unwrap_or(0) != 0,
        _ => false,
    })
}

/// A message or event of a chat, from [`KfSyncPage::msg_list`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct KfSyncedMessage {
    /// Its id.
    pub msgid: String,
    /// The service account's id.
    #[serde(default)]
    pub open_kfid: String,
    /// The customer's external_userid (absent on some events).
    #[serde(default)]
    pub external_userid: Option<String>,
    /// When it was sent, in unix seconds.
    #[serde(default)]
    pub send_time: i64,
    /// Who sent it: `3` the customer, `4` the system (events), `5` a servicer.
    #[serde(default)]
    pub origin: u32,
    /// The servicer who sent it, for `origin` 5.
    #[serde(default)]
    pub servicer_userid: Option<String>,
    /// Its type: `text`, `image`, `voice`, `video`, `file`, `location`, `link`,
    /// `business_card`, `miniprogram`, `msgmenu`, `event`, …
    pub msgtype: String,
    /// A text message's text.
    #[serde(default)]
    pub text: Option<KfSyncedText>,
    /// An event's fields (`event_type`, …), as WeCom sent them.
    #[serde(default)]
    pub event: Option<serde_json::Value>,
    /// The fields of the other types (under their `msgtype`), as WeCom sent them.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

/// The text of a [`KfSyncedMessage`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct KfSyncedText {
    /// The text.
    #[serde(default)]
    pub content: String,
    /// The `click` option's id, when the customer tapped a menu option.
    #[serde(default)]
    pub menu_id: Option<String>,
}

impl KfApi<'_> {
    /// Reads the messages and events of the last 3 days from a cursor: `POST
    /// /cgi-bin/kf/sync_msg`. Read on with [`KfSyncPage::next_cursor`] while
    /// [`has_more`](KfSyncPage::has_more).
    pub fn sync_msg(&self, request: &KfSyncRequest) -> ApiCall<'static, KfSyncPage, Work> {
        self.0.checked(request.check(), |()| {
            self.0.post("/cgi-bin/kf/sync_msg", request, Retry::Safe)
        })
    }
}
