//! Subscribe messages and their templates (`/cgi-bin/message/subscribe/*`, `/wxaapi/newtmpl/*`).

use axum::Router;

use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
}

/// What this area remembers, per account.
#[derive(Debug, Default)]
pub(crate) struct SubscribeTemplates {}
