//! The extractors every API endpoint uses to check its credential against the
//! [`TokenStore`](crate::tokens::TokenStore).

use axum::{extract::FromRequestParts, http::request::Parts};

use crate::{
    errcode,
    record::parse_query,
    state::{AppState, Inner},
    tokens::TokenKind,
    wx_error::WxError,
};

/// The first non-empty value of query parameter `name` of a request.
fn query_token(parts: &Parts, name: &str) -> Option<String> {
    parse_query(parts.uri.query())
        .into_iter()
        .find(|(key, value)| key == name && !value.is_empty())
        .map(|(_, value)| value)
}

/// Extractor: a valid `access_token` query parameter (an app's or an authorizer's).
///
/// Rejects with 41001 when missing, 40014 when malformed, 40001 when unknown, revoked or not the
/// latest, and 42001 when expired.
#[derive(Debug, Clone)]
pub(crate) struct AccessToken {
    /// The appid the token was issued to (the authorizer appid for authorizer tokens).
    pub(crate) appid: String,
}

impl FromRequestParts<AppState> for AccessToken {
    type Rejection = WxError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WxError> {
        let token = query_token(parts, "access_token")
            .ok_or_else(|| WxError::new(errcode::ACCESS_TOKEN_MISSING))?;
        check_access_token(&state.lock(), &token)
    }
}

fn check_access_token(inner: &Inner, token: &str) -> Result<AccessToken, WxError> {
    match inner.tokens.validate(token) {
        Ok((owner, kind)) if kind.is_access_token() => Ok(AccessToken {
            appid: owner.to_owned(),
        }),
        Ok(_) => Err(WxError::new(errcode::INVALID_CREDENTIAL)),
        Err(code) => Err(WxError::new(code)),
    }
}

/// Extractor: a valid `component_access_token` query parameter.
///
/// Rejects with 41001 when missing, 40014 when malformed, 40001 when unknown, revoked or not the
/// latest, 42001 when expired, and 61014 when it is an ordinary access token.
#[derive(Debug, Clone)]
pub(crate) struct ComponentAccessToken {
    /// The component appid the token was issued to.
    pub(crate) component_appid: String,
}

impl FromRequestParts<AppState> for ComponentAccessToken {
    type Rejection = WxError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WxError> {
        let token = query_token(parts, "component_access_token")
            .ok_or_else(|| WxError::new(errcode::ACCESS_TOKEN_MISSING))?;
        check_component_token(&state.lock(), &token)
    }
}

fn check_component_token(inner: &Inner, token: &str) -> Result<ComponentAccessToken, WxError> {
    match inner.tokens.validate(token) {
        Ok((owner, TokenKind::Component)) => Ok(ComponentAccessToken {
            component_appid: owner.to_owned(),
        }),
        Ok(_) => Err(WxError::new(errcode::MUST_USE_COMPONENT_TOKEN)),
        Err(code) => Err(WxError::new(code)),
    }
}

/// Extractor: the component's token in the `access_token` query parameter, as the open
/// platform's code template APIs (`/wxa/gettemplatelist` and its siblings) take it.
///
/// Rejects as [`ComponentAccessToken`] does: 41001 when missing, 40014 when malformed, 40001
/// when unknown, revoked or not the latest, 42001 when expired, and 61014 when it is not a
/// component's token.
#[derive(Debug, Clone)]
pub(crate) struct ComponentTokenAsAccessToken {
    /// The component appid the token was issued to.
    pub(crate) component_appid: String,
}

impl FromRequestParts<AppState> for ComponentTokenAsAccessToken {
    type Rejection = WxError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WxError> {
        let token = query_token(parts, "access_token")
            .ok_or_else(|| WxError::new(errcode::ACCESS_TOKEN_MISSING))?;
        let checked = check_component_token(&state.lock(), &token)?;
        Ok(ComponentTokenAsAccessToken {
            component_appid: checked.component_appid,
        })
    }
}
