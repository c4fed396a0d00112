//! Web OAuth and Mini Program login on behalf of an authorizer:
//! `/sns/oauth2/component/access_token`, `/sns/oauth2/component/refresh_token`,
//! `/sns/component/jscode2session`.
//!
//! They take the codes of `Simulator::oauth_code` and `Simulator::js_code` issued for the
//! authorizer, and check `component_appid` and `component_access_token` in the query.

use axum::{extract::State, Router};

use crate::{
    api::{
        credentials::ComponentAccessToken,
        get, mini_program,
        oauth::{code_param, refresh_param},
        ok, ApiResult, Params,
    },
    errcode,
    state::{AppState, Inner},
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/sns/oauth2/component/access_token",
            get(oauth_access_token),
        )
        .route(
            "/sns/oauth2/component/refresh_token",
            get(oauth_refresh_token),
        )
        .route("/sns/component/jscode2session", get(jscode2session))
}

/// Checks `component_appid` (41018 missing, 61011 not the token's) and that the authorizer
/// `appid` (41002 missing) authorized the component (61003). The authorizer appid.
fn authorizer<'p>(
    inner: &Inner,
    token: &ComponentAccessToken,
    params: &'p Params,
) -> Result<&'p str, WxError> {
    let component_appid = params.get("component_appid").map(str::to_owned);
    super::check_component_appid(token, &component_appid)?;
    let appid = params
        .get("appid")
        .ok_or_else(|| WxError::new(errcode::APPID_MISSING))?;
    let key = (token.component_appid.clone(), appid.to_owned());
    if !inner.authorizers.contains_key(&key) {
        return Err(WxError::new(errcode::COMPONENT_NOT_AUTHORIZED));
    }
    Ok(appid)
}

/// `GET /sns/oauth2/component/access_token?appid&code&grant_type=authorization_code&component_appid&component_access_token`.
async fn oauth_access_token(
    State(state): State<AppState>,
    token: ComponentAccessToken,
    params: Params,
) -> ApiResult {
    let mut inner = state.lock();
    let appid = authorizer(&inner, &token, &params)?;
    let code = code_param(&params, "code")?;
    let mut grant = inner.oauth.redeem(appid, code)?;
    grant.component = Some(token.component_appid);
    let ttl = inner.token_ttl;
    ok(inner.oauth.issue_tokens(grant, ttl))
}

/// `GET /sns/oauth2/component/refresh_token?appid&grant_type=refresh_token&component_appid&refresh_token&component_access_token`:
/// takes only refresh tokens of the component web OAuth of the same component.
async fn oauth_refresh_token(
    State(state): State<AppState>,
    token: ComponentAccessToken,
    params: Params,
) -> ApiResult {
    let mut inner = state.lock();
    let appid = authorizer(&inner, &token, &params)?;
    let refresh_token = refresh_param(&params)?;
    let ttl = inner.token_ttl;
    let answer = inner.oauth.refresh(
        appid,
        Some(token.component_appid.as_str()),
        refresh_token,
        ttl,
    )?;
    ok(answer)
}

/// `GET /sns/component/jscode2session?appid&js_code&grant_type=authorization_code&component_appid&component_access_token`.
async fn jscode2session(
    State(state): State<AppState>,
    token: ComponentAccessToken,
    params: Params,
) -> ApiResult {
    let mut inner = state.lock();
    let appid = authorizer(&inner, &token, &params)?;
    let code = code_param(&params, "js_code")?;
    let openid = inner.mini_program.redeem_js_code(appid, code)?;
    ok(mini_program::session(
        &mut inner.mini_program,
        appid,
        &openid,
    ))
}
