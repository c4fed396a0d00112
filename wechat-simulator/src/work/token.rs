//! WeCom access tokens: `GET /cgi-bin/gettoken?corpid&corpsecret`.

use axum::{extract::State, Router};
use serde_json::json;

use super::{get, ok, work_error, ApiResult, Params};
use crate::{
    errcode,
    state::{work::token_owner, AppState},
    tokens::TokenKind,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/cgi-bin/gettoken", get(gettoken))
}

/// `GET /cgi-bin/gettoken`: the live token of the app the secret names, or a new one when it
/// has none (WeCom, unlike WeChat, hands out the same token while it lives). Each app of a
/// corp has its own token.
///
/// Errcodes: 41002 corpid missing, 40013 unknown corpid, 41004 corpsecret missing, 40001 a
/// secret of no app of the corp.
async fn gettoken(State(state): State<AppState>, params: Params) -> ApiResult {
    let issued = {
        let mut inner = state.lock();
        let corpid = params
            .get("corpid")
            .ok_or_else(|| work_error(errcode::APPID_MISSING))?;
        if !inner.work.has_corp(corpid) {
            return Err(work_error(errcode::INVALID_APPID));
        }
        let secret = params
            .get("corpsecret")
            .ok_or_else(|| work_error(errcode::APPSECRET_MISSING))?;
        let app = inner
            .work
            .app_by_secret(corpid, secret)
            .ok_or_else(|| work_error(errcode::INVALID_CREDENTIAL))?;
        let owner = token_owner(corpid, app);
        match inner.tokens.current_live(&owner, TokenKind::Work) {
            Some(issued) => issued,
            None => {
                let ttl = inner.token_ttl;
                inner.tokens.issue(&owner, TokenKind::Work, ttl)
            }
        }
    };
    ok(json!({
        "errcode": errcode::OK,
        "errmsg": "ok",
        "access_token": issued.token,
        "expires_in": issued.expires_in,
    }))
}
