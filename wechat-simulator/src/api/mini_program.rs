//! Mini Program server APIs (`/sns/jscode2session`, `/wxa/*`, `/cgi-bin/wxaapp/*`).

use axum::Router;

use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
}

/// What this area remembers, per account.
#[derive(Debug, Default)]
pub(crate) struct MiniProgram {}
