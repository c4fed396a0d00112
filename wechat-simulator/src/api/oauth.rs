//! Web OAuth (`/sns/oauth2/*`, `/sns/userinfo`, `/sns/auth`): codes issued by
//! `Simulator::oauth_code` (as WeChat's redirect would), exchanged once for a user token.
//!
//! These paths take no application `access_token`: `/sns/oauth2/*` authenticates with the
//! appid and secret, `/sns/userinfo` and `/sns/auth` with the user's own token.

use std::{
    collections::{HashMap, VecDeque},
    time::{Duration, Instant},
};

use axum::{extract::State, Router};
use serde_json::{json, Value};

use super::{get, ok, ok_empty, ApiResult, Params};
use crate::{
    errcode,
    state::{AppState, Inner},
    tokens::random_string,
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/sns/oauth2/access_token", get(access_token))
        .route("/sns/oauth2/refresh_token", get(refresh_token))
        .route("/sns/userinfo", get(userinfo))
        .route("/sns/auth", get(auth))
}

/// How long a code of the redirect may be exchanged, as in WeChat.
pub(crate) const CODE_TTL: Duration = Duration::from_secs(5 * 60);
/// How long a user's refresh token lasts, as in WeChat.
const REFRESH_TTL: Duration = Duration::from_secs(30 * 24 * 3600);
/// How many codes, tokens and spent codes the simulator remembers per kind; the oldest are
/// forgotten first (by then WeChat would have expired them).
pub(crate) const MAX_REMEMBERED: usize = 100_000;

/// A map that forgets its oldest entries past a capacity.
#[derive(Debug)]
pub(crate) struct Fifo<V> {
    map: HashMap<String, V>,
    order: VecDeque<String>,
}

impl<V> Default for Fifo<V> {
    fn default() -> Self {
        Fifo {
            map: HashMap::new(),
            order: VecDeque::new(),
        }
    }
}

impl<V> Fifo<V> {
    pub(crate) fn insert(&mut self, key: String, value: V) {
        if self.map.insert(key.clone(), value).is_none() {
            self.order.push_back(key);
        }
        while self.map.len() > MAX_REMEMBERED {
            match self.order.pop_front() {
                Some(oldest) => {
                    self.map.remove(&oldest);
                }
                None => break,
            }
        }
        // Removed keys linger in `order`; drop them once they outnumber the live ones.
        if self.order.len() > 2 * self.map.len() + 16 {
            let map = &self.map;
            self.order.retain(|key| map.contains_key(key));
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<&V> {
        self.map.get(key)
    }

    pub(crate) fn remove(&mut self, key: &str) -> Option<V> {
        self.map.remove(key)
    }

    pub(crate) fn contains(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }
}

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
    fn user(&self, token: &str, openid: &str) -> Result<&Grant, WxError> {
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

/// A stable 64-bit hash (FNV-1a).
pub(crate) fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The unionid of `openid` of `appid`, the same `/cgi-bin/user/info` answers.
pub(crate) fn unionid(appid: &str, openid: &str) -> String {
    let hash = fnv1a(&format!("{appid}/{openid}"));
    format!("o6_bmjrPTlm6_{:016x}", hash.rotate_left(17))
}

/// Checks the `appid` and `secret` query parameters against the registered apps: 41002 / 40013
/// for the appid, 41004 / 40125 for the secret. The appid.
pub(crate) fn check_app_secret(inner: &Inner, params: &Params) -> Result<String, WxError> {
    let appid = params
        .get("appid")
        .ok_or_else(|| WxError::new(errcode::APPID_MISSING))?;
    let secret = inner
        .apps
        .get(appid)
        .ok_or_else(|| WxError::new(errcode::INVALID_APPID))?;
    match params.get("secret") {
        None => Err(WxError::new(errcode::APPSECRET_MISSING)),
        Some(given) if given != secret => Err(WxError::new(errcode::INVALID_APPSECRET)),
        Some(_) => Ok(appid.to_owned()),
    }
}

/// Checks `grant_type` (40002) and that the code parameter `name` is present (41008); the code.
pub(crate) fn code_param<'p>(params: &'p Params, name: &str) -> Result<&'p str, WxError> {
    if params.get("grant_type") != Some("authorization_code") {
        return Err(WxError::new(errcode::INVALID_GRANT_TYPE));
    }
    params
        .get(name)
        .ok_or_else(|| WxError::new(errcode::CODE_MISSING))
}

/// Checks `grant_type` (40002) and that `refresh_token` is present (41003); the token.
pub(crate) fn refresh_param(params: &Params) -> Result<&str, WxError> {
    if params.get("grant_type") != Some("refresh_token") {
        return Err(WxError::new(errcode::INVALID_GRANT_TYPE));
    }
    params
        .get("refresh_token")
        .ok_or_else(|| WxError::new(errcode::REFRESH_TOKEN_MISSING))
}

/// `GET /sns/oauth2/access_token?appid&secret&code&grant_type=authorization_code`.
async fn access_token(State(state): State<AppState>, params: Params) -> ApiResult {
    let mut inner = state.lock();
    let appid = check_app_secret(&inner, &params)?;
    let code = code_param(&params, "code")?;
    let grant = inner.oauth.redeem(&appid, code)?;
    let ttl = inner.token_ttl;
    ok(inner.oauth.issue_tokens(grant, ttl))
}

/// `GET /sns/oauth2/refresh_token?appid&grant_type=refresh_token&refresh_token`.
async fn refresh_token(State(state): State<AppState>, params: Params) -> ApiResult {
    let mut inner = state.lock();
    let appid = params
        .get("appid")
        .ok_or_else(|| WxError::new(errcode::APPID_MISSING))?;
    let refresh_token = refresh_param(&params)?;
    let ttl = inner.token_ttl;
    ok(inner.oauth.refresh(appid, None, refresh_token, ttl)?)
}

/// The user token and openid of `/sns/userinfo` and `/sns/auth`: 41001 / 41009 when missing.
fn user_params(params: &Params) -> Result<(&str, &str), WxError> {
    let token = params
        .get("access_token")
        .ok_or_else(|| WxError::new(errcode::ACCESS_TOKEN_MISSING))?;
    let openid = params
        .get("openid")
        .ok_or_else(|| WxError::new(errcode::OPENID_MISSING))?;
    Ok((token, openid))
}

/// `GET /sns/userinfo?access_token&openid&lang`: the profile, for a token of scope
/// `snsapi_userinfo` (48001 for `snsapi_base`).
async fn userinfo(State(state): State<AppState>, params: Params) -> ApiResult {
    let (token, openid) = user_params(&params)?;
    let grant = state.lock().oauth.user(token, openid)?.clone();
    if !grant.scope.contains("snsapi_userinfo") {
        return Err(WxError::new(errcode::API_UNAUTHORIZED));
    }
    let hash = fnv1a(&format!("{}/{openid}", grant.appid));
    ok(json!({
        "openid": openid,
        "nickname": format!("User {:04X}", hash % 0x10000),
        "sex": 0,
        "province": "",
        "city": "",
        "country": "",
        "headimgurl": format!(
            "https://thirdwx.qlogo.cn/mmopen/vi_32/{:016x}{:016x}/132",
            hash,
            hash.rotate_left(29)
        ),
        "privilege": [],
        "unionid": unionid(&grant.appid, openid),
    }))
}

/// `GET /sns/auth?access_token&openid`: `ok` while the user token is valid for the openid.
async fn auth(State(state): State<AppState>, params: Params) -> ApiResult {
    let (token, openid) = user_params(&params)?;
    state.lock().oauth.user(token, openid)?;
    ok_empty()
}
