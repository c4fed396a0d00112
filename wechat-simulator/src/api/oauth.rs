//! Web OAuth (`/sns/oauth2/*`, `/sns/userinfo`, `/sns/auth`): codes issued by
//! `Simulator::oauth_code` (as WeChat's redirect would), exchanged once for a user token.
//!
//! These paths take no application `access_token`: `/sns/oauth2/*` authenticates with the
//! appid and secret, `/sns/userinfo` and `/sns/auth` with the user's own token.

use axum::{extract::State, Router};
use serde_json::json;

use super::{get, ok, ok_empty, ApiResult, Params};
use crate::{
    errcode,
    ids::{fnv1a, unionid},
    state::{AppState, Inner},
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/sns/oauth2/access_token", get(access_token))
        .route("/sns/oauth2/refresh_token", get(refresh_token))
        .route("/sns/userinfo", get(userinfo))
        .route("/sns/auth", get(auth))
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
