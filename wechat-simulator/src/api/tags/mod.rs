//! User tags (`/cgi-bin/tags/*`, `/cgi-bin/user/tag/get`) and the blacklist
//! (`/cgi-bin/tags/members/*blacklist`).
//!
//! Only followers can be tagged or blacklisted (49003 otherwise); an account has at most 100
//! tags of its own, and a user at most 20 tags, as on WeChat.

mod blacklist;
mod members;
mod tag;

use axum::Router;

use super::post;
use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/tags/create", post(tag::create))
        .route("/cgi-bin/tags/get", super::get(tag::list))
        .route("/cgi-bin/tags/update", post(tag::update))
        .route("/cgi-bin/tags/delete", post(tag::delete))
        .route(
            "/cgi-bin/tags/members/batchtagging",
            post(members::tag_users),
        )
        .route(
            "/cgi-bin/tags/members/batchuntagging",
            post(members::untag_users),
        )
        .route("/cgi-bin/tags/getidlist", post(members::user_tags))
        .route("/cgi-bin/user/tag/get", post(members::members))
        .route("/cgi-bin/tags/members/getblacklist", post(blacklist::list))
        .route(
            "/cgi-bin/tags/members/batchblacklist",
            post(blacklist::block),
        )
        .route(
            "/cgi-bin/tags/members/batchunblacklist",
            post(blacklist::unblock),
        )
}

/// The highest reserved tag id; reserved tags cannot be renamed or deleted (45058).
const MAX_RESERVED_TAG: u64 = 2;
