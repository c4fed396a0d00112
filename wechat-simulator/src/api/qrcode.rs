//! QR code tickets (`/cgi-bin/qrcode/create`) and short keys (`/cgi-bin/shorten/*`).

use axum::Router;

use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
}

/// What this area remembers, per account.
#[derive(Debug, Default)]
pub(crate) struct QrCodes {}
