//! WeCom contacts: members (`/cgi-bin/user/*`, `/cgi-bin/batch/invite`), departments
//! (`/cgi-bin/department/*`) and tags (`/cgi-bin/tag/*`), per corp.
//!
//! Members and departments are changed with the contacts secret's token only (60011
//! otherwise); any app reads them. A tag belongs to the app that created it: only that app,
//! or the contacts secret, renames it, deletes it or changes its members.

mod departments;
mod tags;
mod users;

use axum::Router;
use serde_json::{Map, Value};

use super::{
    codes::{wecom_error, NO_PRIVILEGE},
    credentials::WorkToken,
    get, post,
};
use crate::{
    ids::fnv1a,
    state::{work::WorkAppId, AppState},
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/user/create", post(users::create))
        .route("/cgi-bin/user/get", get(users::read))
        .route("/cgi-bin/user/update", post(users::update))
        .route("/cgi-bin/user/delete", get(users::delete))
        .route("/cgi-bin/user/batchdelete", post(users::batch_delete))
        .route("/cgi-bin/user/simplelist", get(users::simple_list))
        .route("/cgi-bin/user/list", get(users::list))
        .route("/cgi-bin/user/convert_to_openid", post(users::to_openid))
        .route("/cgi-bin/user/convert_to_userid", post(users::to_userid))
        .route("/cgi-bin/user/getuserid", post(users::by_mobile))
        .route("/cgi-bin/batch/invite", post(users::invite))
        .route("/cgi-bin/department/create", post(departments::create))
        .route("/cgi-bin/department/update", post(departments::update))
        .route("/cgi-bin/department/delete", get(departments::delete))
        .route("/cgi-bin/department/list", get(departments::list))
        .route(
            "/cgi-bin/department/simplelist",
            get(departments::simple_list),
        )
        .route("/cgi-bin/department/get", get(departments::read))
        .route("/cgi-bin/tag/create", post(tags::create))
        .route("/cgi-bin/tag/update", post(tags::update))
        .route("/cgi-bin/tag/delete", get(tags::delete))
        .route("/cgi-bin/tag/get", get(tags::read))
        .route("/cgi-bin/tag/addtagusers", post(tags::add_members))
        .route("/cgi-bin/tag/deltagusers", post(tags::remove_members))
        .route("/cgi-bin/tag/list", get(tags::list))
}

/// Members and departments change with the contacts secret's token only.
fn require_contacts(auth: &WorkToken) -> Result<(), WxError> {
    if auth.app == WorkAppId::Contacts {
        Ok(())
    } else {
        Err(wecom_error(NO_PRIVILEGE))
    }
}

/// A non-empty string field.
fn text<'a>(body: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    body.get(key)
        .and_then(Value::as_str)
        .filter(|value| !value.trim().is_empty())
}

/// A field that is a non-negative 32-bit number, written as a number or a string.
fn number(value: Option<&Value>) -> Option<u32> {
    match value? {
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The body as an object, or 40058.
fn object(body: Value) -> Result<Map<String, Value>, WxError> {
    match body {
        Value::Object(body) => Ok(body),
        _ => Err(wecom_error(super::codes::INVALID_PARAMETER)),
    }
}

/// The openid of a member for WeChat Pay, stable per corp and userid.
fn openid_of(corpid: &str, userid: &str) -> String {
    let hash = fnv1a(&format!("{corpid}/{}", userid.to_lowercase()));
    format!("oW_{hash:016x}{:09x}", hash.rotate_left(23) & 0xf_ffff_ffff)
}

/// The member's id across a service provider's corps, stable per corp and userid.
fn open_userid_of(corpid: &str, userid: &str) -> String {
    let hash = fnv1a(&format!("open/{corpid}/{}", userid.to_lowercase()));
    format!("wo{hash:016x}")
}
