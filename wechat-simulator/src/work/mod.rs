//! WeCom's (企业微信) API, served under the path prefix `/qyapi` of the same server, so
//! `Simulator::work_base_url()` stands in for `https://qyapi.weixin.qq.com`.
//!
//! Adding an endpoint is a handler in its area module plus one `.merge(area::routes())` line
//! in [`routes`]. Handlers take [`WorkToken`](credentials::WorkToken), which checks the WeCom
//! `access_token` (41001 missing, 40014 invalid, 42001 expired; a WeChat token is not a WeCom
//! token), and the same [`Params`] / [`WxJson`] extractors and [`ok`] / [`get`] / [`post`]
//! helpers as the WeChat API. Errors use [`work_error`], which gives WeCom's `errmsg`.

mod agent;
mod approval;
mod codes;
mod contacts;
pub(crate) mod credentials;
mod crm;
mod external_contact;
mod kf;
mod media;
mod message;
mod ticket;
mod token;

use axum::Router;

// The WeChat API's extractors and helpers, for the WeCom areas; not all of them used yet.
#[allow(unused_imports)]
pub(crate) use crate::api::{get, ok, ok_empty, post, ApiResult, Params, WxJson};
use crate::{errcode, state::AppState, wx_error::WxError};

/// The path prefix WeCom's API is served under.
pub(crate) const WORK_PREFIX: &str = "/qyapi";

/// All WeCom routes, relative to [`WORK_PREFIX`] (the server nests them under it).
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .merge(token::routes())
        .merge(ticket::routes())
        .merge(external_contact::routes())
        .merge(kf::routes())
        .merge(approval::routes())
        .merge(contacts::routes())
        .merge(message::routes())
        .merge(agent::routes())
        .merge(media::routes())
}

/// A WeCom error answer: `errcode` with WeCom's `errmsg`, which ends, as WeCom's does, with
/// where to read more about the code.
pub(crate) fn work_error(code: i64) -> WxError {
    let text = match code {
        errcode::INVALID_CREDENTIAL => "invalid credential",
        errcode::INVALID_APPID => "invalid corpid",
        errcode::INVALID_ACCESS_TOKEN => "invalid access_token",
        errcode::ACCESS_TOKEN_MISSING => "access_token missing",
        errcode::APPID_MISSING => "corpid missing",
        errcode::APPSECRET_MISSING => "corpsecret missing",
        errcode::ACCESS_TOKEN_EXPIRED => "access_token expired",
        ticket::API_FORBIDDEN => "api forbidden",
        ticket::INVALID_PARAMETER => "invalid parameter",
        other => errcode::message(other),
    };
    WxError {
        errcode: code,
        errmsg: format!(
            "{text}, more info at https://open.work.weixin.qq.com/devtool/query?e={code}"
        ),
    }
}
