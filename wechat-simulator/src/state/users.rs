//! The followers of each account (`/cgi-bin/user/*`).

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::clock::unix_now;

/// The followers of each account.
#[derive(Debug, Default)]
pub(crate) struct Users {
    pub(crate) accounts: HashMap<String, Followers>,
}

/// The followers of one account.
#[derive(Debug, Default)]
pub(crate) struct Followers {
    /// OpenID -> follower, in the stable order `user/get` pages them.
    pub(crate) current: BTreeMap<String, Follower>,
    /// Who unfollowed and has not followed again: `user/info` shows them unsubscribed.
    left: HashSet<String>,
}

/// A follower of an account.
#[derive(Debug, Clone)]
pub(crate) struct Follower {
    pub(crate) subscribe_time: u64,
    pub(crate) remark: String,
}

impl Users {
    /// `openid` follows `appid` from now on (kept as is if it already does).
    pub(crate) fn follow(&mut self, appid: &str, openid: &str) {
        let account = self.accounts.entry(appid.to_owned()).or_default();
        account.left.remove(openid);
        account
            .current
            .entry(openid.to_owned())
            .or_insert_with(|| Follower {
                subscribe_time: unix_now(),
                remark: String::new(),
            });
    }

    /// `openid` stops following `appid`; its remark is forgotten.
    pub(crate) fn unfollow(&mut self, appid: &str, openid: &str) {
        if let Some(account) = self.accounts.get_mut(appid) {
            if account.current.remove(openid).is_some() {
                account.left.insert(openid.to_owned());
            }
        }
    }

    /// Whether `openid` follows `appid`.
    pub(crate) fn is_follower(&self, appid: &str, openid: &str) -> bool {
        self.accounts
            .get(appid)
            .is_some_and(|account| account.current.contains_key(openid))
    }

    /// Every follower of `appid`, in `user/get` order.
    pub(crate) fn followers(&self, appid: &str) -> Vec<String> {
        self.accounts
            .get(appid)
            .map(|account| account.current.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// The follower `openid` of `appid`, if it follows.
    pub(crate) fn follower(&self, appid: &str, openid: &str) -> Option<&Follower> {
        self.accounts.get(appid)?.current.get(openid)
    }

    /// Whether `openid` unfollowed `appid` and has not followed again.
    pub(crate) fn has_left(&self, appid: &str, openid: &str) -> bool {
        self.accounts
            .get(appid)
            .is_some_and(|account| account.left.contains(openid))
    }
}
