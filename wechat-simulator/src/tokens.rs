//! Token issuing and validation: access tokens, component access tokens and authorizer access
//! tokens. Plain data under the state lock; the extractors that check a request's credential
//! against it are in `api::credentials`.

use std::{
    collections::HashMap,
    time::{Duration, Instant},
};

use rand::{distributions::Alphanumeric, Rng};

use crate::errcode;

/// What a token was issued for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum TokenKind {
    /// `/cgi-bin/token`.
    Basic,
    /// `/cgi-bin/stable_token` (isolated from `Basic`, as in WeChat).
    Stable,
    /// `/cgi-bin/component/api_component_token`.
    Component,
    /// `/cgi-bin/component/api_authorizer_token`.
    Authorizer,
    /// WeCom's `/qyapi/cgi-bin/gettoken`, owned by `corpid/app`; not a WeChat access token.
    Work,
}

impl TokenKind {
    /// Whether the token is accepted as an `access_token` by the ordinary APIs.
    pub(crate) fn is_access_token(self) -> bool {
        !matches!(self, TokenKind::Component | TokenKind::Work)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Live,
    /// A newer token of the same owner and kind was issued.
    Superseded,
    Revoked,
    /// Expired by [`TokenStore::expire_owner`], before its time.
    Expired,
}

#[derive(Debug)]
struct Record {
    owner: String,
    kind: TokenKind,
    expires_at: Instant,
    status: Status,
}

/// A token and its remaining lifetime in seconds.
#[derive(Debug, Clone)]
pub(crate) struct Issued {
    pub(crate) token: String,
    pub(crate) expires_in: u64,
}

/// Every token ever issued, and which one is current per owner and kind.
#[derive(Debug, Default)]
pub(crate) struct TokenStore {
    /// How far the simulated clock runs ahead of the real one.
    offset: Duration,
    records: HashMap<String, Record>,
    current: HashMap<(String, TokenKind), String>,
    latest: HashMap<String, String>,
}

impl TokenStore {
    /// The simulated time: the real clock plus every [`advance`](Self::advance).
    pub(crate) fn now(&self) -> Instant {
        let now = Instant::now();
        now.checked_add(self.offset).unwrap_or(now)
    }

    /// Moves the simulated clock forward: tokens live `by` less. Capped at a century ahead,
    /// which outlives any token and keeps instants representable.
    pub(crate) fn advance(&mut self, by: Duration) {
        const CENTURY: Duration = Duration::from_secs(100 * 365 * 86_400);
        self.offset = self.offset.saturating_add(by).min(CENTURY);
    }

    /// How far the simulated clock runs ahead of the real one.
    pub(crate) fn offset(&self) -> Duration {
        self.offset
    }

    /// Issues a new token; the previous one of the same owner and kind stops being valid.
    pub(crate) fn issue(&mut self, owner: &str, kind: TokenKind, ttl: u64) -> Issued {
        let token = loop {
            let candidate = new_token(kind);
            if !self.records.contains_key(&candidate) {
                break candidate;
            }
        };
        if let Some(old) = self.current.insert((owner.to_owned(), kind), token.clone()) {
            if let Some(record) = self.records.get_mut(&old) {
                if record.status == Status::Live {
                    record.status = Status::Superseded;
                }
            }
        }
        self.latest.insert(owner.to_owned(), token.clone());
        self.records.insert(
            token.clone(),
            Record {
                owner: owner.to_owned(),
                kind,
                expires_at: deadline(self.now(), ttl),
                status: Status::Live,
            },
        );
        Issued {
            token,
            expires_in: ttl,
        }
    }

    /// The current token of that owner and kind, if it is still live.
    pub(crate) fn current_live(&self, owner: &str, kind: TokenKind) -> Option<Issued> {
        let token = self.current.get(&(owner.to_owned(), kind))?;
        let record = self.records.get(token)?;
        let now = self.now();
        if record.status != Status::Live || record.expires_at <= now {
            return None;
        }
        let remaining = record.expires_at.saturating_duration_since(now);
        Some(Issued {
            token: token.clone(),
            expires_in: remaining
                .as_millis()
                .div_ceil(1000)
                .try_into()
                .unwrap_or(u64::MAX),
        })
    }

    /// Checks a token: its owner and kind, or the errcode WeChat would answer.
    pub(crate) fn validate(&self, token: &str) -> Result<(&str, TokenKind), i64> {
        if !well_formed(token) {
            return Err(errcode::INVALID_ACCESS_TOKEN);
        }
        let record = self.records.get(token).ok_or(errcode::INVALID_CREDENTIAL)?;
        match record.status {
            Status::Superseded | Status::Revoked => Err(errcode::INVALID_CREDENTIAL),
            Status::Expired => Err(errcode::ACCESS_TOKEN_EXPIRED),
            Status::Live if record.expires_at <= self.now() => Err(errcode::ACCESS_TOKEN_EXPIRED),
            Status::Live => Ok((&record.owner, record.kind)),
        }
    }

    /// Checks a WeCom token (kind [`TokenKind::Work`]): its owner, or the errcode WeCom
    /// answers. WeCom hands out the live token again, so a token was only replaced once it
    /// had expired: 42001 for it as for an expired one; 40001 for a revoked one (as if the
    /// secret had been reset); 40014 for anything else, a WeChat token included.
    pub(crate) fn validate_work(&self, token: &str) -> Result<&str, i64> {
        let record = self
            .records
            .get(token)
            .filter(|record| well_formed(token) && record.kind == TokenKind::Work)
            .ok_or(errcode::INVALID_ACCESS_TOKEN)?;
        match record.status {
            Status::Revoked => Err(errcode::INVALID_CREDENTIAL),
            Status::Superseded | Status::Expired => Err(errcode::ACCESS_TOKEN_EXPIRED),
            Status::Live if record.expires_at <= self.now() => Err(errcode::ACCESS_TOKEN_EXPIRED),
            Status::Live => Ok(&record.owner),
        }
    }

    /// Makes every live token of `owner` answer 42001.
    pub(crate) fn expire_owner(&mut self, owner: &str) {
        for record in self.records.values_mut() {
            if record.owner == owner && record.status == Status::Live {
                record.status = Status::Expired;
            }
        }
    }

    /// Makes `token` answer 40001.
    pub(crate) fn revoke(&mut self, token: &str) {
        if let Some(record) = self.records.get_mut(token) {
            record.status = Status::Revoked;
        }
    }

    /// The token issued last to `owner`, of any kind.
    pub(crate) fn latest(&self, owner: &str) -> Option<String> {
        self.latest.get(owner).cloned()
    }
}

/// The instant a token issued at `now` with `ttl` seconds expires.
fn deadline(now: Instant, ttl: u64) -> Instant {
    now.checked_add(Duration::from_secs(ttl))
        // Far beyond any test; avoids overflow for absurd TTLs.
        .or_else(|| now.checked_add(Duration::from_secs(100 * 365 * 86_400)))
        .unwrap_or(now)
}

/// A random string of `len` characters from `[A-Za-z0-9]`.
pub(crate) fn random_string(len: usize) -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}

fn new_token(kind: TokenKind) -> String {
    // Shaped like WeChat's: a short numeric prefix, then a long random body.
    let prefix: u8 = rand::thread_rng().gen_range(70..99);
    let body = random_string(if kind == TokenKind::Component {
        100
    } else {
        120
    });
    format!("{prefix}_{body}")
}

/// Whether `token` could be a token at all; WeChat answers 40014 for one that cannot.
fn well_formed(token: &str) -> bool {
    token
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'@' | b'.' | b'*'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuing_supersedes_the_previous_token_of_the_same_kind_only() {
        let mut store = TokenStore::default();
        let first = store.issue("wxa", TokenKind::Basic, 7200);
        let stable = store.issue("wxa", TokenKind::Stable, 7200);
        let second = store.issue("wxa", TokenKind::Basic, 7200);
        assert_ne!(first.token, second.token);
        assert_eq!(
            store.validate(&first.token),
            Err(errcode::INVALID_CREDENTIAL)
        );
        assert!(store.validate(&second.token).is_ok());
        assert!(store.validate(&stable.token).is_ok());
        assert_eq!(store.latest("wxa"), Some(second.token));
    }

    #[test]
    fn expiry_revocation_and_malformed_tokens() {
        let mut store = TokenStore::default();
        let zero = store.issue("wxa", TokenKind::Basic, 0);
        assert_eq!(
            store.validate(&zero.token),
            Err(errcode::ACCESS_TOKEN_EXPIRED)
        );
        let live = store.issue("wxb", TokenKind::Stable, 7200);
        let revoked = store.issue("wxb", TokenKind::Basic, 7200);
        store.revoke(&revoked.token);
        store.expire_owner("wxb");
        assert_eq!(
            store.validate(&live.token),
            Err(errcode::ACCESS_TOKEN_EXPIRED)
        );
        assert_eq!(
            store.validate(&revoked.token),
            Err(errcode::INVALID_CREDENTIAL)
        );
        assert_eq!(
            store.validate("not a token!"),
            Err(errcode::INVALID_ACCESS_TOKEN)
        );
        assert_eq!(store.validate("unknown"), Err(errcode::INVALID_CREDENTIAL));
        assert!(store.current_live("wxb", TokenKind::Stable).is_none());
    }

    #[test]
    fn wecom_tokens_answer_wecom_errcodes() {
        let mut store = TokenStore::default();
        let wechat = store.issue("wxa", TokenKind::Basic, 7200);
        let work = store.issue("ww/agent:1", TokenKind::Work, 7200);
        assert_eq!(store.validate_work(&work.token), Ok("ww/agent:1"));
        assert_eq!(
            store.validate_work(&wechat.token),
            Err(errcode::INVALID_ACCESS_TOKEN)
        );
        assert_eq!(
            store.validate_work("unknown"),
            Err(errcode::INVALID_ACCESS_TOKEN)
        );
        // A WeCom token is not a WeChat access token.
        assert!(!TokenKind::Work.is_access_token());
        store.expire_owner("ww/agent:1");
        assert_eq!(
            store.validate_work(&work.token),
            Err(errcode::ACCESS_TOKEN_EXPIRED)
        );
        let next = store.issue("ww/agent:1", TokenKind::Work, 7200);
        assert_eq!(
            store.validate_work(&work.token),
            Err(errcode::ACCESS_TOKEN_EXPIRED),
            "replaced after it expired"
        );
        store.revoke(&next.token);
        assert_eq!(
            store.validate_work(&next.token),
            Err(errcode::INVALID_CREDENTIAL)
        );
    }
}
