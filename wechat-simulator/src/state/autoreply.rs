//! The automatic replies each account set on the platform's website, as
//! `/cgi-bin/get_current_autoreply_info` answers them.

use std::collections::HashMap;

use serde_json::{json, Value};

/// The automatic replies of every account.
#[derive(Debug, Default)]
pub(crate) struct AutoReplies {
    /// appid -> the answer of `get_current_autoreply_info`.
    accounts: HashMap<String, Value>,
}

impl AutoReplies {
    /// The rules of `appid`: what was set, or none at all (both switches off).
    pub(crate) fn info(&self, appid: &str) -> Value {
        self.accounts
            .get(appid)
            .cloned()
            .unwrap_or_else(|| json!({ "is_add_friend_reply_open": 0, "is_autoreply_open": 0 }))
    }

    /// Sets the rules of `appid`, as the website would.
    pub(crate) fn set(&mut self, appid: &str, info: Value) {
        self.accounts.insert(appid.to_owned(), info);
    }
}
