//! What WeCom keeps of a corp's own applications: the application messages sent (and
//! recalled), each agent's settings and menu, and the temporary media uploaded. Plain data
//! under the state lock; the handlers are in `work/`.

use std::collections::{BTreeMap, HashMap, VecDeque};

use serde_json::{Map, Value};

use super::push_bounded;

/// How many sent messages a corp keeps.
pub(crate) const MAX_MESSAGES: usize = 1000;
/// How many temporary media a corp keeps; the oldest are forgotten first.
pub(crate) const MAX_MEDIA: usize = 1000;
/// How many agents a corp keeps settings of.
pub(crate) const MAX_AGENTS: usize = 1000;

/// Every corp's applications.
#[derive(Debug, Default)]
pub(crate) struct WorkApps {
    corps: HashMap<String, CorpApps>,
}

impl WorkApps {
    /// The applications of `corpid`, created empty on first use.
    pub(crate) fn corp(&mut self, corpid: &str) -> &mut CorpApps {
        self.corps.entry(corpid.to_owned()).or_default()
    }

    /// The applications of `corpid`, if it has any state yet.
    pub(crate) fn get(&self, corpid: &str) -> Option<&CorpApps> {
        self.corps.get(corpid)
    }
}

/// An application message as sent.
#[derive(Debug, Clone)]
pub(crate) struct SentAppMessage {
    pub(crate) msgid: String,
    pub(crate) agentid: i64,
    /// The request body as received.
    pub(crate) body: Value,
    /// The members it reached, as created (not lowercased).
    pub(crate) delivered_to: Vec<String>,
    /// Unix seconds.
    pub(crate) sent_at: u64,
    pub(crate) recalled: bool,
}

impl SentAppMessage {
    /// The record as the control API shows it: the body, and `msgid`, `delivered_to`,
    /// `sent_at`, `recalled`.
    pub(crate) fn to_json(&self) -> Value {
        let mut record = match &self.body {
            Value::Object(body) => body.clone(),
            _ => Map::new(),
        };
        record.insert("msgid".into(), self.msgid.clone().into());
        record.insert("delivered_to".into(), self.delivered_to.clone().into());
        record.insert("sent_at".into(), self.sent_at.into());
        record.insert("recalled".into(), self.recalled.into());
        Value::Object(record)
    }
}

/// An uploaded temporary media.
#[derive(Debug, Clone)]
pub(crate) struct WorkMedia {
    pub(crate) kind: String,
    pub(crate) filename: String,
    pub(crate) content_type: String,
    pub(crate) bytes: Vec<u8>,
}

/// An agent's settings (as `agent/set` set them) and menu.
#[derive(Debug, Clone, Default)]
pub(crate) struct AgentState {
    pub(crate) settings: Map<String, Value>,
    /// The `button` list of the menu, if one is set.
    pub(crate) menu: Option<Value>,
}

/// One corp's applications.
#[derive(Debug, Default)]
pub(crate) struct CorpApps {
    /// Oldest first.
    pub(crate) messages: VecDeque<SentAppMessage>,
    pub(crate) agents: BTreeMap<i64, AgentState>,
    media: HashMap<String, WorkMedia>,
    media_order: VecDeque<String>,
}

impl CorpApps {
    /// Keeps a sent message, forgetting the oldest past [`MAX_MESSAGES`].
    pub(crate) fn record_message(&mut self, message: SentAppMessage) {
        push_bounded(&mut self.messages, message, MAX_MESSAGES);
    }

    /// Keeps a media, forgetting the oldest past [`MAX_MEDIA`].
    pub(crate) fn add_media(&mut self, media_id: String, media: WorkMedia) {
        if self.media_order.len() >= MAX_MEDIA {
            if let Some(oldest) = self.media_order.pop_front() {
                self.media.remove(&oldest);
            }
        }
        self.media_order.push_back(media_id.clone());
        self.media.insert(media_id, media);
    }

    /// The media `media_id`.
    pub(crate) fn media(&self, media_id: &str) -> Option<&WorkMedia> {
        self.media.get(media_id)
    }

    /// The state of agent `agentid`, created empty on first use, if there is room.
    pub(crate) fn agent(&mut self, agentid: i64) -> Option<&mut AgentState> {
        if !self.agents.contains_key(&agentid) && self.agents.len() >= MAX_AGENTS {
            return None;
        }
        Some(self.agents.entry(agentid).or_default())
    }
}
