//! The extractor every WeCom endpoint uses to check its `access_token` against the WeCom
//! tokens of the [`TokenStore`](crate::tokens::TokenStore).

use axum::{extract::FromRequestParts, http::request::Parts};

use super::work_error;
use crate::{
    errcode,
    record::parse_query,
    state::{
        work::{parse_token_owner, WorkAppId},
        AppState, Inner,
    },
    wx_error::WxError,
};

/// Extractor: a valid WeCom `access_token` query parameter.
///
/// Rejects as WeCom does: 41001 when missing; 42001 when expired (or replaced, which WeCom
/// does only once it expired); 40001 when revoked (as if the app's secret had been reset);
/// 40014 for any other token, malformed or a WeChat token included.
#[derive(Debug, Clone)]
pub(crate) struct WorkToken {
    /// The corp the token was issued to.
    pub(crate) corpid: String,
    /// The app of the corp whose secret fetched it.
    pub(crate) app: WorkAppId,
}

impl WorkToken {
    /// The agentid, when the token is an agent's.
    pub(crate) fn agent_id(&self) -> Option<i64> {
        self.app.agent_id()
    }
}

impl FromRequestParts<AppState> for WorkToken {
    type Rejection = WxError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WxError> {
        let token = parse_query(parts.uri.query())
            .into_iter()
            .find(|(key, value)| key == "access_token" && !value.is_empty())
            .map(|(_, value)| value)
            .ok_or_else(|| work_error(errcode::ACCESS_TOKEN_MISSING))?;
        check_work_token(&state.lock(), &token)
    }
}

/// Checks `token` as WeCom does: its corp and app, or the errcode WeCom answers.
pub(crate) fn check_work_token(inner: &Inner, token: &str) -> Result<WorkToken, WxError> {
    let owner = inner.tokens.validate_work(token).map_err(work_error)?;
    let (corpid, app) =
        parse_token_owner(owner).ok_or_else(|| work_error(errcode::INVALID_ACCESS_TOKEN))?;
    Ok(WorkToken {
        corpid: corpid.to_owned(),
        app,
    })
}
