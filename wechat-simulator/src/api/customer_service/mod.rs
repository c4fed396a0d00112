//! Customer service (`/customservice/*`, `/cgi-bin/customservice/*`): accounts, sessions between
//! accounts and users, and chat records.
//!
//! Every account counts as online (logged in on the web): the simulator has no agent client, so
//! `getonlinekflist` lists every account and sessions can start at once.

mod accounts;
mod records;
mod sessions;

use std::collections::{HashMap, VecDeque};

use axum::Router;

use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .merge(accounts::routes())
        .merge(sessions::routes())
        .merge(records::routes())
}

/// The customer service of every account, by appid.
#[derive(Debug, Default)]
pub(crate) struct CustomerService {
    apps: HashMap<String, KfApp>,
}

/// One account's customer service.
#[derive(Debug, Default)]
struct KfApp {
    /// In the order they were added (`getkflist` lists them so).
    accounts: Vec<accounts::KfAccount>,
    /// The next `kf_id` to give.
    next_kf_id: u64,
    /// openid -> the user's session, waiting or served.
    sessions: HashMap<String, sessions::Session>,
    /// Arrival counter, to list waiting users in order.
    next_arrival: u64,
    /// Chat records, oldest first.
    records: VecDeque<records::Record>,
    /// The `msgid` of the next record (from 1).
    next_msgid: u64,
}

impl KfApp {
    fn account(&self, kf_account: &str) -> Option<&accounts::KfAccount> {
        self.accounts.iter().find(|a| a.kf_account == kf_account)
    }

    fn account_mut(&mut self, kf_account: &str) -> Option<&mut accounts::KfAccount> {
        self.accounts
            .iter_mut()
            .find(|a| a.kf_account == kf_account)
    }
}

impl CustomerService {
    fn app(&self, appid: &str) -> Option<&KfApp> {
        self.apps.get(appid)
    }

    fn app_mut(&mut self, appid: &str) -> &mut KfApp {
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
        records::record(self.app_mut(appid), kf_account, openid, text, time);
    }

    /// Puts `openid` in the waiting queue (as a user writing in would be); `false` when the user
    /// is already waiting or served, or the account keeps too many sessions.
    pub(crate) fn add_waiting(&mut self, appid: &str, openid: &str, now: u64) -> bool {
        sessions::add_waiting(self.app_mut(appid), openid, now)
    }

    /// Binds the account to the WeChat user it invited, as if the invitation was accepted.
    pub(crate) fn accept_invitation(&mut self, appid: &str, kf_account: &str) -> bool {
        self.apps
            .get_mut(appid)
            .and_then(|app| app.account_mut(kf_account))
            .is_some_and(accounts::KfAccount::accept_invitation)
    }
}
