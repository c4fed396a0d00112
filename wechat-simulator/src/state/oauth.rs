//! The web OAuth codes and user tokens of each account (`/sns/oauth2/*`, `/sns/userinfo`,
//! `/sns/auth`).

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::fifo::Fifo;
use crate::{errcode, ids::unionid, tokens::random_string, wx_error::WxError};

/// How long a code of the redirect may be exchanged, as in WeChat.
pub(crate) const CODE_TTL: Duration = Duration::from_secs(5 * 60);
/// How long a user's refresh token lasts, as in WeChat.
const REFRESH_TTL: Duration = Duration::from_secs(30 * 24 * 3600);

/// What a user granted an application: a code of the redirect, then a refresh token.
#[derive(Debug, Clone)]
pub(crate) struct Grant {
    pub(crate) appid: String,
    pub(crate) openid: String,
    pub(crate) scope: String,
    pub(crate) expires_at: Instant,
    /// The component that exchanged the code, for tokens of component web OAuth.
    pub(crate) component: Option<String>,
}

/// The web OAuth state of every account.
#[derive(Debug, Default)]
pub(crate) struct OAuth {
    codes: Fifo<Grant>,
    spent: Fifo<()>,
    tokens: Fifo<Grant>,
    refresh_tokens: Fifo<Grant>,
}

impl OAuth {
    /// Issues a code of the redirect for `openid` of `appid`.
    pub(crate) fn issue_code(&mut self, appid: &str, openid: &str, scope: &str) -> String {
        let code = random_string(32);
        let grant = Grant {
            appid: appid.to_owned(),
            openid: openid.to_owned(),
            scope: scope.to_owned(),
            expires_at: Instant::now() + CODE_TTL,
            component: None,
        };
        self.codes.insert(code.clone(), grant);
        code
    }

    /// Spends `code` of `appid`: 40163 if already spent, 40029 if unknown, expired or another
    /// account's.
    pub(crate) fn redeem(&mut self, appid: &str, code: &str) -> Result<Grant, WxError> {
        if self.spent.contains(code) {
            return Err(WxError::new(errcode::CODE_BEEN_USED));
        }
        let grant = self
            .codes
            .get(code)
            .filter(|grant| grant.appid == appid)
            .ok_or_else(|| WxError::new(errcode::INVALID_CODE))?;
        let live = grant.expires_at > Instant::now();
        let grant = self.codes.remove(code);
        self.spent.insert(code.to_owned(), ());
        grant
            .filter(|_| live)
            .ok_or_else(|| WxError::new(errcode::INVALID_CODE))
    }

    /// Issues a user token and a refresh token for `grant`; the answer WeChat sends.
    pub(crate) fn issue_tokens(&mut self, mut grant: Grant, token_ttl: u64) -> Value {
        let access_token = random_string(86);
        let refresh_token = random_string(86);
        grant.expires_at = Instant::now() + REFRESH_TTL;
        self.refresh_tokens
            .insert(refresh_token.clone(), grant.clone());
        self.answer(grant, access_token, refresh_token, token_ttl)
    }

    /// A new user token from `refresh_token` of `appid` (and `component`): 40030 if unknown or
    /// another's, 42002 if expired. The refresh token stays the same, as in WeChat.
    pub(crate) fn refresh(
        &mut self,
        appid: &str,
        component: Option<&str>,
        refresh_token: &str,
        token_ttl: u64,
    ) -> Result<Value, WxError> {
        let grant = self
            .refresh_tokens
            .get(refresh_token)
            .filter(|g| g.appid == appid && g.component.as_deref() == component)
            .cloned()
            .ok_or_else(|| WxError::new(errcode::INVALID_REFRESH_TOKEN))?;
        if grant.expires_at <= Instant::now() {
            return Err(WxError::new(errcode::REFRESH_TOKEN_EXPIRED));
        }
        Ok(self.answer(
            grant,
            random_string(86),
            refresh_token.to_owned(),
            token_ttl,
        ))
    }

    fn answer(
        &mut self,
        mut grant: Grant,
        access_token: String,
        refresh_token: String,
        token_ttl: u64,
    ) -> Value {
        let mut body = json!({
            "access_token": access_token,
            "expires_in": token_ttl,
            "refresh_token": refresh_token,
            "openid": grant.openid,
            "scope": grant.scope,
        });
        if grant.scope.contains("snsapi_userinfo") {
            body["unionid"] = json!(unionid(&grant.appid, &grant.openid));
        }
        grant.expires_at = Instant::now() + Duration::from_secs(token_ttl);
        self.tokens.insert(access_token, grant);
        body
    }

    /// The grant of a live user token for `openid`: 40001 unknown, 42001 expired, 40003
    /// another user's.
    pub(crate) fn user(&self, token: &str, openid: &str) -> Result<&Grant, WxError> {
        let grant = self
            .tokens
            .get(token)
            .ok_or_else(|| WxError::new(errcode::INVALID_CREDENTIAL))?;
        if grant.expires_at <= Instant::now() {
            return Err(WxError::new(errcode::ACCESS_TOKEN_EXPIRED));
        }
        if grant.openid != openid {
            return Err(WxError::new(errcode::INVALID_OPENID));
        }
        Ok(grant)
    }
}
