//! User tags (`/cgi-bin/tags/*`, `/cgi-bin/user/tag/get`) and the blacklist
//! (`/cgi-bin/tags/members/*blacklist`).
//!
//! Only followers can be tagged or blacklisted (49003 otherwise); an account has at most 100
//! tags of its own, and a user at most 20 tags, as on WeChat.

mod blacklist;
mod members;
mod tag;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use axum::Router;

use super::post;
use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/tags/create", post(tag::create))
        .route("/cgi-bin/tags/get", super::get(tag::list))
        .route("/cgi-bin/tags/update", post(tag::update))
        .route("/cgi-bin/tags/delete", post(tag::delete))
        .route(
            "/cgi-bin/tags/members/batchtagging",
            post(members::tag_users),
        )
        .route(
            "/cgi-bin/tags/members/batchuntagging",
            post(members::untag_users),
        )
        .route("/cgi-bin/tags/getidlist", post(members::user_tags))
        .route("/cgi-bin/user/tag/get", post(members::members))
        .route("/cgi-bin/tags/members/getblacklist", post(blacklist::list))
        .route(
            "/cgi-bin/tags/members/batchblacklist",
            post(blacklist::block),
        )
        .route(
            "/cgi-bin/tags/members/batchunblacklist",
            post(blacklist::unblock),
        )
}

/// The tag every account has: id 2, the "starred" group. Ids 0 to 2 are reserved.
const STARRED_TAG: u64 = 2;
/// The highest reserved tag id; reserved tags cannot be renamed or deleted (45058).
const MAX_RESERVED_TAG: u64 = 2;
/// The first id given to a tag an account creates.
const FIRST_TAG_ID: u64 = 100;

/// What this area remembers, per account.
#[derive(Debug, Default)]
pub(crate) struct Tags {
    accounts: HashMap<String, AccountTags>,
}

#[derive(Debug)]
struct AccountTags {
    /// tag id -> tag, the reserved one included.
    tags: BTreeMap<u64, Tag>,
    next_id: u64,
    /// OpenID -> the ids of its tags (never an empty set).
    user_tags: HashMap<String, BTreeSet<u64>>,
    /// The blacklisted OpenIDs, in `getblacklist` order.
    blacklist: BTreeSet<String>,
}

#[derive(Debug)]
struct Tag {
    name: String,
    members: BTreeSet<String>,
}

impl AccountTags {
    fn new() -> Self {
        let starred = Tag {
            name: "星标组".to_owned(),
            members: BTreeSet::new(),
        };
        AccountTags {
            tags: BTreeMap::from([(STARRED_TAG, starred)]),
            next_id: FIRST_TAG_ID,
            user_tags: HashMap::new(),
            blacklist: BTreeSet::new(),
        }
    }
}

impl Tags {
    /// The ids of the tags `openid` carries in `appid`, ascending.
    pub(crate) fn user_tags(&self, appid: &str, openid: &str) -> Vec<u64> {
        self.accounts
            .get(appid)
            .and_then(|account| account.user_tags.get(openid))
            .map(|ids| ids.iter().copied().collect())
            .unwrap_or_default()
    }

    /// The blacklisted OpenIDs of `appid`, in `getblacklist` order.
    pub(crate) fn blacklist(&self, appid: &str) -> Vec<String> {
        self.accounts
            .get(appid)
            .map(|account| account.blacklist.iter().cloned().collect())
            .unwrap_or_default()
    }

    fn account(&self, appid: &str) -> Option<&AccountTags> {
        self.accounts.get(appid)
    }

    fn account_mut(&mut self, appid: &str) -> &mut AccountTags {
        self.accounts
            .entry(appid.to_owned())
            .or_insert_with(AccountTags::new)
    }
}
