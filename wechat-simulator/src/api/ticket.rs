//! JS-SDK and card tickets: `/cgi-bin/ticket/getticket`.

use std::time::Duration;

use axum::{extract::State, Router};
use serde_json::json;

use super::{credentials::AccessToken, get, ok, ApiResult, Params};
use crate::{errcode, state::AppState, tokens::random_string, wx_error::WxError};

/// WeChat's ticket lifetime, independent of the token TTL.
const TICKET_TTL: u64 = 7200;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/cgi-bin/ticket/getticket", get(getticket))
}

/// `GET /cgi-bin/ticket/getticket?type=jsapi|wx_card`: the same ticket while it lives.
async fn getticket(State(state): State<AppState>, auth: AccessToken, params: Params) -> ApiResult {
    let ticket_type = match params.get("type") {
        Some(t @ ("jsapi" | "wx_card")) => t.to_owned(),
        _ => return Err(WxError::new(errcode::INVALID_ARGS)),
    };
    let (ticket, expires_in) = {
        let mut inner = state.lock();
        let now = inner.tokens.now();
        let key = (auth.appid, ticket_type);
        match inner.tickets.get(&key) {
            Some((ticket, expires_at)) if *expires_at > now => (
                ticket.clone(),
                expires_at.saturating_duration_since(now).as_secs(),
            ),
            _ => {
                let ticket = random_string(86);
                let expires_at = now + Duration::from_secs(TICKET_TTL);
                inner.tickets.insert(key, (ticket.clone(), expires_at));
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
