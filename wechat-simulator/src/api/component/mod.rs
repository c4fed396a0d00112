//! Third-party platform (component) APIs: its tokens and authorizations under
//! `/cgi-bin/component/` here, the authorizers' profiles and options in [`authorizer`], and web
//! OAuth and Mini Program login on their behalf in [`sns`].

mod authorizer;
mod sns;

use axum::{extract::State, Router};
use serde::Deserialize;
use serde_json::json;

use super::{credentials::ComponentAccessToken, ok, post, ApiResult, WxJson};
use crate::{
    errcode,
    state::AppState,
    tokens::{random_string, TokenKind},
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/cgi-bin/component/api_component_token",
            post(api_component_token),
        )
        .route(
            "/cgi-bin/component/api_authorizer_token",
            post(api_authorizer_token),
        )
        .route(
            "/cgi-bin/component/api_create_preauthcode",
            post(api_create_preauthcode),
        )
        .route("/cgi-bin/component/api_query_auth", post(api_query_auth))
        .route(
            "/cgi-bin/component/api_get_authorizer_list",
            post(api_get_authorizer_list),
        )
        .merge(authorizer::routes())
        .merge(sns::routes())
}

#[derive(Debug, Deserialize)]
struct QueryAuthRequest {
    component_appid: Option<String>,
    authorization_code: Option<String>,
}

/// `POST /cgi-bin/component/api_query_auth`: spends an authorization code of
/// `Simulator::authorize`, and issues the authorizer's tokens.
async fn api_query_auth(
    State(state): State<AppState>,
    token: ComponentAccessToken,
    WxJson(body): WxJson<QueryAuthRequest>,
) -> ApiResult {
    check_component_appid(&token, &body.component_appid)?;
    let code =
        present(&body.authorization_code).ok_or_else(|| WxError::new(errcode::INVALID_ARGS))?;
    let (authorizer, issued, refresh_token) = {
        let mut inner = state.lock();
        let (component, authorizer) = inner
            .authorization_codes
            .remove(code)
            .ok_or_else(|| WxError::new(errcode::AUTHORIZATION_CODE_INVALID))?;
        if component != token.component_appid {
            return Err(WxError::new(errcode::AUTHORIZATION_CODE_INVALID));
        }
        let refresh_token = new_refresh_token();
        inner
            .authorizers
            .insert((component, authorizer.clone()), refresh_token.clone());
        let ttl = inner.token_ttl;
        let issued = inner.tokens.issue(&authorizer, TokenKind::Authorizer, ttl);
        (authorizer, issued, refresh_token)
    };
    ok(json!({
        "authorization_info": {
            "authorizer_appid": authorizer,
            "authorizer_access_token": issued.token,
            "expires_in": issued.expires_in,
            "authorizer_refresh_token": refresh_token,
            "func_info": [],
        }
    }))
}

#[derive(Debug, Deserialize)]
struct AuthorizerListRequest {
    component_appid: Option<String>,
    offset: Option<u64>,
    count: Option<u64>,
}

/// `POST /cgi-bin/component/api_get_authorizer_list`: the authorizers by appid, a page at a
/// time (1 to 500).
async fn api_get_authorizer_list(
    State(state): State<AppState>,
    token: ComponentAccessToken,
    WxJson(body): WxJson<AuthorizerListRequest>,
) -> ApiResult {
    check_component_appid(&token, &body.component_appid)?;
    let count = body.count.unwrap_or(0);
    if !(1..=500).contains(&count) {
        return Err(WxError::new(errcode::INVALID_ARGS));
    }
    let inner = state.lock();
    let mut all: Vec<(&String, &String)> = inner
        .authorizers
        .iter()
        .filter(|((component, _), _)| *component == token.component_appid)
        .map(|((_, authorizer), refresh_token)| (authorizer, refresh_token))
        .collect();
    all.sort();
    let page: Vec<_> = all
        .iter()
        .skip(usize::try_from(body.offset.unwrap_or(0)).unwrap_or(usize::MAX))
        .take(count as usize)
        .map(|(authorizer, refresh_token)| {
            json!({ "authorizer_appid": authorizer, "refresh_token": refresh_token, "auth_time": 0 })
        })
        .collect();
    ok(json!({ "total_count": all.len(), "list": page }))
}

/// A non-empty string field.
fn present(field: &Option<String>) -> Option<&str> {
    field.as_deref().filter(|s| !s.is_empty())
}

/// Checks that the body's `component_appid` is the one the token was issued to.
fn check_component_appid(
    token: &ComponentAccessToken,
    component_appid: &Option<String>,
) -> Result<(), WxError> {
    match present(component_appid) {
        None => Err(WxError::new(errcode::MISSING_COMPONENT_APPID)),
        Some(appid) if appid != token.component_appid => {
            Err(WxError::new(errcode::INVALID_COMPONENT))
        }
        Some(_) => Ok(()),
    }
}

#[derive(Debug, Deserialize)]
struct ComponentTokenRequest {
    component_appid: Option<String>,
    component_appsecret: Option<String>,
    component_verify_ticket: Option<String>,
}

/// `POST /cgi-bin/component/api_component_token`: needs the latest or the previous verify ticket.
async fn api_component_token(
    State(state): State<AppState>,
    WxJson(body): WxJson<ComponentTokenRequest>,
) -> ApiResult {
    let issued = {
        let mut inner = state.lock();
        let appid = present(&body.component_appid)
            .ok_or_else(|| WxError::new(errcode::MISSING_COMPONENT_APPID))?;
        let component = inner
            .components
            .get(appid)
            .ok_or_else(|| WxError::new(errcode::INVALID_COMPONENT))?;
        let secret = present(&body.component_appsecret)
            .ok_or_else(|| WxError::new(errcode::APPSECRET_MISSING))?;
        if secret != component.secret {
            return Err(WxError::new(errcode::INVALID_APPSECRET));
        }
        let ticket_ok = present(&body.component_verify_ticket)
            .is_some_and(|ticket| component.tickets.iter().any(|t| t == ticket));
        if !ticket_ok {
            return Err(WxError::new(errcode::COMPONENT_TICKET_INVALID));
        }
        let appid = appid.to_owned();
        let ttl = inner.token_ttl;
        inner.tokens.issue(&appid, TokenKind::Component, ttl)
    };
    ok(json!({
        "component_access_token": issued.token,
        "expires_in": issued.expires_in,
    }))
}

#[derive(Debug, Deserialize)]
struct AuthorizerTokenRequest {
    component_appid: Option<String>,
    authorizer_appid: Option<String>,
    authorizer_refresh_token: Option<String>,
}

/// `POST /cgi-bin/component/api_authorizer_token`: rotates the refresh token.
async fn api_authorizer_token(
    State(state): State<AppState>,
    token: ComponentAccessToken,
    WxJson(body): WxJson<AuthorizerTokenRequest>,
) -> ApiResult {
    check_component_appid(&token, &body.component_appid)?;
    let (issued, refresh_token) = {
        let mut inner = state.lock();
        let authorizer = present(&body.authorizer_appid)
            .ok_or_else(|| WxError::new(errcode::APPID_MISSING))?
            .to_owned();
        let key = (token.component_appid.clone(), authorizer.clone());
        let current = inner
            .authorizers
            .get(&key)
            .ok_or_else(|| WxError::new(errcode::COMPONENT_NOT_AUTHORIZED))?;
        if present(&body.authorizer_refresh_token) != Some(current.as_str()) {
            return Err(WxError::new(errcode::REFRESH_TOKEN_INVALID));
        }
        let refresh_token = new_refresh_token();
        inner.authorizers.insert(key, refresh_token.clone());
        let ttl = inner.token_ttl;
        let issued = inner.tokens.issue(&authorizer, TokenKind::Authorizer, ttl);
        (issued, refresh_token)
    };
    ok(json!({
        "authorizer_access_token": issued.token,
        "expires_in": issued.expires_in,
        "authorizer_refresh_token": refresh_token,
    }))
}

#[derive(Debug, Deserialize)]
struct PreAuthCodeRequest {
    component_appid: Option<String>,
}

/// `POST /cgi-bin/component/api_create_preauthcode`.
async fn api_create_preauthcode(
    token: ComponentAccessToken,
    WxJson(body): WxJson<PreAuthCodeRequest>,
) -> ApiResult {
    check_component_appid(&token, &body.component_appid)?;
    ok(json!({
        "pre_auth_code": format!("preauthcode@@@{}", random_string(43)),
        "expires_in": 1800,
    }))
}

/// A new `authorizer_refresh_token`, shaped like WeChat's.
pub(crate) fn new_refresh_token() -> String {
    format!("refreshtoken@@@{}", random_string(43))
}

/// A new `component_verify_ticket`, shaped like WeChat's.
pub(crate) fn new_verify_ticket() -> String {
    format!("ticket@@@{}", random_string(86))
}
