//! WeCom JS-SDK tickets: the corp's (`GET /cgi-bin/get_jsapi_ticket`, for `wx.config`) and an
//! agent's (`GET /cgi-bin/ticket/get?type=agent_config`, for `wx.agentConfig`).

use std::time::Duration;

use axum::{extract::State, Router};
use serde_json::json;

use super::{credentials::WorkToken, get, ok, work_error, ApiResult, Params};
use crate::{
    errcode,
    state::{work::WorkTicketKey, AppState},
    tokens::random_string,
};

/// WeCom's ticket lifetime, independent of the token TTL.
const TICKET_TTL: u64 = 7200;

/// WeCom's `48002`: the token may not call this API (here: a special secret's token asking for
/// an agent's ticket).
pub(crate) const API_FORBIDDEN: i64 = 48002;

/// WeCom's `40058`: a parameter is invalid (here: a ticket `type` other than `agent_config`).
pub(crate) const INVALID_PARAMETER: i64 = 40058;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/get_jsapi_ticket", get(corp_ticket))
        .route("/cgi-bin/ticket/get", get(agent_ticket))
}

/// `GET /cgi-bin/get_jsapi_ticket`: the corp's ticket, the same one while it lives; any app's
/// token of the corp may ask.
async fn corp_ticket(State(state): State<AppState>, auth: WorkToken) -> ApiResult {
    ticket_answer(&state, WorkTicketKey::Corp(auth.corpid))
}

/// `GET /cgi-bin/ticket/get?type=agent_config`: the agent's ticket; only an agent's token may
/// ask (48002 otherwise), and `type` must be `agent_config` (40058 otherwise).
async fn agent_ticket(State(state): State<AppState>, auth: WorkToken, params: Params) -> ApiResult {
    if params.get("type") != Some("agent_config") {
        return Err(work_error(INVALID_PARAMETER));
    }
    let agent_id = auth.agent_id().ok_or_else(|| work_error(API_FORBIDDEN))?;
    ticket_answer(&state, WorkTicketKey::Agent(auth.corpid, agent_id))
}

/// The live ticket under `key`, or a new one.
fn ticket_answer(state: &AppState, key: WorkTicketKey) -> ApiResult {
    let (ticket, expires_in) = {
        let mut inner = state.lock();
        let now = inner.tokens.now();
        match inner.work.live_ticket(&key, now) {
            Some((ticket, expires_at)) => {
                (ticket, expires_at.saturating_duration_since(now).as_secs())
            }
            None => {
                let ticket = random_string(86);
                let expires_at = now + Duration::from_secs(TICKET_TTL);
                inner.work.put_ticket(key, ticket.clone(), expires_at);
                (ticket, TICKET_TTL)
            }
        }
    };
    ok(json!({
        "errcode": errcode::OK,
        "errmsg": "ok",
        "ticket": ticket,
        "expires_in": expires_in,
    }))
}
