//! User tags and the blacklist of each account (`/cgi-bin/tags/*`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The tag every account has: id 2, the "starred" group. Ids 0 to 2 are reserved.
pub(crate) const STARRED_TAG: u64 = 2;
/// The first id given to a tag an account creates.
const FIRST_TAG_ID: u64 = 100;

/// What this area remembers, per account.
#[derive(Debug, Default)]
pub(crate) struct Tags {
    accounts: HashMap<String, AccountTags>,
}

/// The tags and blacklist of one account.
#[derive(Debug)]
pub(crate) struct AccountTags {
    /// tag id -> tag, the reserved one included.
    pub(crate) tags: BTreeMap<u64, Tag>,
    pub(crate) next_id: u64,
    /// OpenID -> the ids of its tags (never an empty set).
    pub(crate) user_tags: HashMap<String, BTreeSet<u64>>,
    /// The blacklisted OpenIDs, in `getblacklist` order.
    pub(crate) blacklist: BTreeSet<String>,
}

/// A tag of an account.
#[derive(Debug)]
pub(crate) struct Tag {
    pub(crate) name: String,
    pub(crate) members: BTreeSet<String>,
}

impl AccountTags {
    /// An account's tags before it changed any: only the starred group.
    pub(crate) fn new() -> Self {
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

    /// The tags of `appid`, if it changed any.
    pub(crate) fn account(&self, appid: &str) -> Option<&AccountTags> {
        self.accounts.get(appid)
    }

    /// The tags of `appid`, created with the starred group on first use.
    pub(crate) fn account_mut(&mut self, appid: &str) -> &mut AccountTags {
        self.accounts
            .entry(appid.to_owned())
            .or_insert_with(AccountTags::new)
    }
}
