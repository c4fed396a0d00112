//! The subscribe templates and sent subscribe messages of each account (`/wxaapi/newtmpl/*`,
//! `/cgi-bin/message/subscribe/*`).

use std::collections::{HashMap, VecDeque};

use serde_json::Value;

/// The subscribe templates and sends of every account.
#[derive(Debug, Default)]
pub(crate) struct SubscribeTemplates {
    /// appid -> its templates, in the order added.
    pub(crate) apps: HashMap<String, Vec<PrivateTemplate>>,
    /// Every accepted message, oldest first.
    pub(crate) sent: VecDeque<SentSubscribe>,
}

/// A template of an account.
#[derive(Debug, Clone)]
pub(crate) struct PrivateTemplate {
    pub(crate) pri_tmpl_id: String,
    pub(crate) title: String,
    pub(crate) content: String,
    pub(crate) example: String,
    pub(crate) kind: u32,
    /// The names its `data` must give, e.g. `thing2`.
    pub(crate) placeholders: Vec<String>,
}

/// A subscribe message WeChat accepted.
#[derive(Debug, Clone)]
pub(crate) struct SentSubscribe {
    pub(crate) appid: String,
    pub(crate) body: Value,
}

impl SubscribeTemplates {
    /// The bodies of the subscribe messages `appid` sent (both kinds), oldest first.
    pub(crate) fn sent_bodies(&self, appid: &str) -> Vec<Value> {
        self.sent
            .iter()
            .filter(|s| s.appid == appid)
            .map(|s| s.body.clone())
            .collect()
    }
}
