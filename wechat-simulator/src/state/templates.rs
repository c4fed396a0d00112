//! The template industries, templates and sent template messages of each account
//! (`/cgi-bin/template/*`, `/cgi-bin/message/template/send`).

use std::collections::{HashMap, VecDeque};

use serde_json::{json, Value};

/// The template industries, templates and sends of every account.
#[derive(Debug, Default)]
pub(crate) struct Templates {
    pub(crate) apps: HashMap<String, TemplateApp>,
    /// Every accepted send, oldest first.
    pub(crate) sent: VecDeque<SentTemplate>,
    pub(crate) next_msgid: u64,
}

/// One account's industries and templates.
#[derive(Debug, Default)]
pub(crate) struct TemplateApp {
    /// The two industry codes, once set.
    pub(crate) industry: Option<(usize, usize)>,
    pub(crate) templates: Vec<PrivateTemplate>,
}

/// A template of an account.
#[derive(Debug, Clone)]
pub(crate) struct PrivateTemplate {
    pub(crate) template_id: String,
    pub(crate) title: String,
    pub(crate) primary_industry: String,
    pub(crate) deputy_industry: String,
    pub(crate) content: String,
    pub(crate) example: String,
}

/// A template message WeChat accepted.
#[derive(Debug, Clone)]
pub(crate) struct SentTemplate {
    /// The sending account.
    pub(crate) appid: String,
    /// The `msgid` answered, which `TEMPLATESENDJOBFINISH` carries.
    pub(crate) msgid: u64,
    pub(crate) body: Value,
}

impl Templates {
    /// The accepted template messages, oldest first (for the `TEMPLATESENDJOBFINISH` pushes).
    #[allow(dead_code)] // Read by the callback pushes, which the lead wires up.
    pub(crate) fn sent(&self) -> impl Iterator<Item = &SentTemplate> {
        self.sent.iter()
    }

    /// The bodies of the template messages `appid` sent, with their `msgid`, oldest first.
    pub(crate) fn sent_bodies(&self, appid: &str) -> Vec<Value> {
        self.sent
            .iter()
            .filter(|s| s.appid == appid)
            .map(|s| {
                let mut body = s.body.clone();
                body["msgid"] = json!(s.msgid);
                body
            })
            .collect()
    }
}
