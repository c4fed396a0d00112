//! Web OAuth (`/sns/oauth2/*`, `/sns/userinfo`, `/sns/auth`).

use axum::Router;

use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
}

/// What this area remembers, per account.
#[derive(Debug, Default)]
pub(crate) struct OAuth {}
