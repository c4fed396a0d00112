//! The customer service of each account: its agent accounts, the sessions between them and
//! users, and the chat records (`/customservice/*`, `/cgi-bin/customservice/*`).

use std::collections::{HashMap, VecDeque};

use serde_json::{json, Value};

use super::push_bounded;
use crate::tokens::random_string;

/// The most sessions (waiting or served) the simulator keeps per account.
pub(crate) const MAX_SESSIONS: usize = 100_000;
/// The most records kept per account; older ones are dropped.
const MAX_RECORDS: usize = 10_000;
/// `opercode` of a message the agent sent.
const SENT_BY_AGENT: u32 = 2002;

/// The customer service of every account, by appid.
#[derive(Debug, Default)]
pub(crate) struct CustomerService {
    apps: HashMap<String, KfApp>,
}

/// One account's customer service.
#[derive(Debug, Default)]
pub(crate) struct KfApp {
    /// In the order they were added (`getkflist` lists them so).
    pub(crate) accounts: Vec<KfAccount>,
    /// The next `kf_id` to give.
    pub(crate) next_kf_id: u64,
    /// openid -> the user's session, waiting or served.
    pub(crate) sessions: HashMap<String, Session>,
    /// Arrival counter, to list waiting users in order.
    pub(crate) next_arrival: u64,
    /// Chat records, oldest first.
    pub(crate) records: VecDeque<Record>,
    /// The `msgid` of the next record (from 1).
    next_msgid: u64,
}

impl KfApp {
    /// The account `kf_account`, if it exists.
    pub(crate) fn account(&self, kf_account: &str) -> Option<&KfAccount> {
        self.accounts.iter().find(|a| a.kf_account == kf_account)
    }

    /// The account `kf_account`, to change it.
    pub(crate) fn account_mut(&mut self, kf_account: &str) -> Option<&mut KfAccount> {
        self.accounts
            .iter_mut()
            .find(|a| a.kf_account == kf_account)
    }
}

impl CustomerService {
    /// The customer service of `appid`, if it has any.
    pub(crate) fn app(&self, appid: &str) -> Option<&KfApp> {
        self.apps.get(appid)
    }

    /// The customer service of `appid`, created empty on first use.
    pub(crate) fn app_mut(&mut self, appid: &str) -> &mut KfApp {
        self.apps.entry(appid.to_owned()).or_default()
    }

    /// Whether `appid` has the customer service account `kf_account`.
    pub(crate) fn has_account(&self, appid: &str, kf_account: &str) -> bool {
        self.app(appid)
            .is_some_and(|app| app.account(kf_account).is_some())
    }

    /// Records a message that `kf_account` sent to `openid`, for `msgrecord/getmsglist`.
    pub(crate) fn record_sent(
        &mut self,
        appid: &str,
        kf_account: &str,
        openid: &str,
        text: String,
        time: u64,
    ) {
        record(self.app_mut(appid), kf_account, openid, text, time);
    }

    /// Puts `openid` in the waiting queue (as a user writing in would be); `false` when the user
    /// is already waiting or served, or the account keeps too many sessions.
    pub(crate) fn add_waiting(&mut self, appid: &str, openid: &str, now: u64) -> bool {
        add_waiting(self.app_mut(appid), openid, now)
    }

    /// Binds the account to the WeChat user it invited, as if the invitation was accepted.
    pub(crate) fn accept_invitation(&mut self, appid: &str, kf_account: &str) -> bool {
        self.apps
            .get_mut(appid)
            .and_then(|app| app.account_mut(kf_account))
            .is_some_and(KfAccount::accept_invitation)
    }
}

/// A customer service account.
#[derive(Debug, Clone)]
pub(crate) struct KfAccount {
    pub(crate) kf_account: String,
    pub(crate) nickname: String,
    pub(crate) kf_id: u64,
    pub(crate) headimgurl: Option<String>,
    /// The WeChat user bound to the account, and the agent's openid.
    pub(crate) bound: Option<(String, String)>,
    pub(crate) invite: Option<Invite>,
}

/// An invitation to bind a WeChat user to an account.
#[derive(Debug, Clone)]
pub(crate) struct Invite {
    pub(crate) wx: String,
    pub(crate) expire_time: u64,
}

impl KfAccount {
    /// The account as `getkflist` shows it.
    pub(crate) fn to_json(&self, now: u64) -> Value {
        let mut account = json!({
            "kf_account": self.kf_account,
            "kf_nick": self.nickname,
            "kf_id": self.kf_id.to_string(),
        });
        if let Some(url) = &self.headimgurl {
            account["kf_headimgurl"] = json!(url);
        }
        if let Some((wx, openid)) = &self.bound {
            account["kf_wx"] = json!(wx);
            account["kf_openid"] = json!(openid);
        } else if let Some(invite) = &self.invite {
            let status = if now > invite.expire_time {
                "expired"
            } else {
                "waiting"
            };
            account["invite_wx"] = json!(invite.wx);
            account["invite_expire_time"] = json!(invite.expire_time);
            account["invite_status"] = json!(status);
        }
        account
    }

    /// Binds the invited user; `false` when no invitation waits.
    fn accept_invitation(&mut self) -> bool {
        let Some(invite) = self.invite.take() else {
            return false;
        };
        let openid = format!("o{}", random_string(27));
        self.bound = Some((invite.wx, openid));
        true
    }
}

/// A user's session.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    /// The account serving the user; `None` while the user waits.
    pub(crate) kf_account: Option<String>,
    /// When an account took the session (0 while waiting).
    pub(crate) createtime: u64,
    /// When the user last wrote.
    pub(crate) latest_time: u64,
    /// The order the user came in, for the waiting list.
    pub(crate) arrival: u64,
}

/// Puts `openid` in the waiting queue; `false` when already there or served, or when full.
fn add_waiting(app: &mut KfApp, openid: &str, now: u64) -> bool {
    if app.sessions.contains_key(openid) || app.sessions.len() >= MAX_SESSIONS {
        return false;
    }
    app.next_arrival += 1;
    app.sessions.insert(
        openid.to_owned(),
        Session {
            kf_account: None,
            createtime: 0,
            latest_time: now,
            arrival: app.next_arrival,
        },
    );
    true
}

/// One chat record.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    pub(crate) msgid: u64,
    pub(crate) openid: String,
    pub(crate) opercode: u32,
    pub(crate) text: String,
    pub(crate) time: u64,
    pub(crate) worker: String,
}

/// Keeps a message `kf_account` sent to `openid`.
fn record(app: &mut KfApp, kf_account: &str, openid: &str, text: String, time: u64) {
    app.next_msgid += 1;
    let record = Record {
        msgid: app.next_msgid,
        openid: openid.to_owned(),
        opercode: SENT_BY_AGENT,
        text,
        time,
        worker: kf_account.to_owned(),
    };
    push_bounded(&mut app.records, record, MAX_RECORDS);
}
