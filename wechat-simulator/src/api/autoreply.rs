//! The automatic replies set on the website: `/cgi-bin/get_current_autoreply_info`.
//!
//! An account has none until the control API sets them
//! ([`Simulator::set_autoreply_info`](crate::Simulator::set_autoreply_info)): both switches
//! off, as for an account that never set any.

use axum::{extract::State, Router};

use super::{credentials::AccessToken, get, ok, ApiResult};
use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/cgi-bin/get_current_autoreply_info", get(current))
}

/// `GET /cgi-bin/get_current_autoreply_info`.
async fn current(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    let info = state.lock().autoreply.info(&auth.appid);
    ok(info)
}
