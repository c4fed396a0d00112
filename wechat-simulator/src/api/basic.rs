//! `/cgi-bin/getcallbackip`, `/cgi-bin/get_api_domain_ip`, `/cgi-bin/callback/check`, quotas and rids.

use axum::Router;

use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
}
