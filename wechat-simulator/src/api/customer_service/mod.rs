//! Customer service (`/customservice/*`, `/cgi-bin/customservice/*`): accounts, sessions between
//! accounts and users, and chat records.
//!
//! Every account counts as online (logged in on the web): the simulator has no agent client, so
//! `getonlinekflist` lists every account and sessions can start at once.

mod accounts;
mod records;
mod sessions;

use axum::Router;

use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .merge(accounts::routes())
        .merge(sessions::routes())
        .merge(records::routes())
}
