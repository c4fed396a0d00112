//! Access tokens of common applications: `/cgi-bin/token` and `/cgi-bin/stable_token`.

use axum::{extract::State, Router};
use serde::Deserialize;
use serde_json::json;

use super::{get, ok, post, ApiResult, Params, WxJson};
use crate::{
    errcode,
    state::{AppState, Inner},
    tokens::TokenKind,
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/token", get(token))
        .route("/cgi-bin/stable_token", post(stable_token))
}

/// Checks grant_type, appid and secret; `bad_secret` is the errcode for a wrong secret.
fn check_credentials(
    inner: &Inner,
    grant_type: Option<&str>,
    appid: Option<&str>,
    secret: Option<&str>,
    bad_secret: i64,
) -> Result<String, WxError> {
    if grant_type != Some("client_credential") {
        return Err(WxError::new(errcode::INVALID_GRANT_TYPE));
    }
    let appid = appid.ok_or_else(|| WxError::new(errcode::APPID_MISSING))?;
    let Some(expected) = inner.apps.get(appid) else {
        if inner.components.contains_key(appid) {
            return Err(WxError::new(errcode::MUST_USE_COMPONENT_TOKEN_API));
        }
        return Err(WxError::new(errcode::INVALID_APPID));
    };
    let secret = secret.ok_or_else(|| WxError::new(errcode::APPSECRET_MISSING))?;
    if secret != expected {
        return Err(WxError::new(bad_secret));
    }
    Ok(appid.to_owned())
}

/// `GET /cgi-bin/token`: a new token on every call; the previous one answers 40001.
async fn token(State(state): State<AppState>, params: Params) -> ApiResult {
    let issued = {
        let mut inner = state.lock();
        let appid = check_credentials(
            &inner,
            params.get("grant_type"),
            params.get("appid"),
            params.get("secret"),
            errcode::INVALID_CREDENTIAL,
        )?;
        let ttl = inner.token_ttl;
        inner.tokens.issue(&appid, TokenKind::Basic, ttl)
    };
    ok(json!({ "access_token": issued.token, "expires_in": issued.expires_in }))
}

#[derive(Debug, Deserialize)]
struct StableTokenRequest {
    grant_type: Option<String>,
    appid: Option<String>,
    secret: Option<String>,
    #[serde(default)]
    force_refresh: Option<bool>,
}

/// `POST /cgi-bin/stable_token`: the live token is reused unless `force_refresh`.
async fn stable_token(
    State(state): State<AppState>,
    WxJson(body): WxJson<StableTokenRequest>,
) -> ApiResult {
    let issued = {
        let mut inner = state.lock();
        let appid = check_credentials(
            &inner,
            body.grant_type.as_deref(),
            body.appid.as_deref().filter(|s| !s.is_empty()),
            body.secret.as_deref().filter(|s| !s.is_empty()),
            errcode::INVALID_APPSECRET,
        )?;
        let current = if body.force_refresh.unwrap_or(false) {
            None
        } else {
            inner.tokens.current_live(&appid, TokenKind::Stable)
        };
        match current {
            Some(issued) => issued,
            None => {
                let ttl = inner.token_ttl;
                inner.tokens.issue(&appid, TokenKind::Stable, ttl)
            }
        }
    };
    ok(json!({ "access_token": issued.token, "expires_in": issued.expires_in }))
}
