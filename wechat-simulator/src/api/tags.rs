//! User tags (`/cgi-bin/tags/*`, `/cgi-bin/user/tag/get`) and the blacklist.

use axum::Router;

use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
}

/// What this area remembers, per account.
#[derive(Debug, Default)]
pub(crate) struct Tags {}
