//! Permanent material (`/cgi-bin/material/*`).

use axum::Router;

use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
}

/// What this area remembers, per account.
#[derive(Debug, Default)]
pub(crate) struct Materials {}
