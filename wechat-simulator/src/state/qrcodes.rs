//! The QR code tickets and short keys of each account (`/cgi-bin/qrcode/create`,
//! `/cgi-bin/shorten/*`).

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::clock::unix_now;

/// The QR codes and short keys of every account.
#[derive(Debug, Default)]
pub(crate) struct QrCodes {
    /// ticket -> code.
    pub(crate) codes: HashMap<String, QrCode>,
    /// short key -> data.
    pub(crate) short_keys: HashMap<String, ShortKey>,
}

/// A created QR code.
#[derive(Debug, Clone)]
pub(crate) struct QrCode {
    pub(crate) appid: String,
    pub(crate) action_name: &'static str,
    /// `{"scene_id": ..}` or `{"scene_str": ..}`.
    pub(crate) scene: Value,
    /// `(expire_seconds, expiry)` of a temporary code.
    pub(crate) expiry: Option<(u64, u64)>,
    pub(crate) url: String,
}

impl QrCode {
    fn live(&self, now: u64) -> bool {
        self.expiry.is_none_or(|(_, at)| at > now)
    }
}

/// A short key's data.
#[derive(Debug, Clone)]
pub(crate) struct ShortKey {
    pub(crate) appid: String,
    pub(crate) long_data: String,
    pub(crate) create_time: u64,
    pub(crate) expiry: u64,
}

impl QrCodes {
    /// The code behind `ticket`, shaped as its `qrcode/create` request plus `ticket` and `url`;
    /// `None` when unknown or expired.
    pub(crate) fn code(&self, ticket: &str) -> Option<Value> {
        let code = self.codes.get(ticket).filter(|c| c.live(unix_now()))?;
        let mut value = json!({
            "appid": code.appid,
            "ticket": ticket,
            "action_name": code.action_name,
            "action_info": { "scene": code.scene },
            "url": code.url,
        });
        if let Some((expire_seconds, _)) = code.expiry {
            value["expire_seconds"] = json!(expire_seconds);
        }
        Some(value)
    }

    /// Drops expired temporary codes and short keys.
    pub(crate) fn prune(&mut self, now: u64) {
        self.codes.retain(|_, code| code.live(now));
        self.short_keys.retain(|_, key| key.expiry > now);
    }
}
