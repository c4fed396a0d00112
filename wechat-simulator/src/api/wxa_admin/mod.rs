//! The open platform managing authorizers' Mini Programs: code templates (`/wxa/*template*`,
//! the platform's token as `access_token`), code, audits and releases (`/wxa/commit` and its
//! siblings), domains, testers, categories (`/cgi-bin/wxopen/*`), basic information
//! (`/cgi-bin/account/*`, `/wxa/setnickname`), privacy guides
//! (`/cgi-bin/component/*privacy*`, the authorizer's token) and fast registration
//! (`/cgi-bin/component/fastregisterweapp`).
//!
//! The state and its rules (audits decided at once, by markers) are in
//! `state::wxa_admin`. Every platform starts with two drafts in its draft box.

mod basic_info;
mod categories;
mod code;
mod domains;
mod privacy;
mod register;
mod release;
mod templates;
mod testers;

use axum::Router;
use serde_json::Value;

use super::{get, post};
use crate::{errcode, state::AppState, state::Inner, wx_error::WxError};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/wxa/gettemplatedraftlist", get(templates::drafts))
        .route("/wxa/addtotemplate", post(templates::add))
        .route("/wxa/gettemplatelist", get(templates::list))
        .route("/wxa/deletetemplate", post(templates::delete))
        .route("/wxa/commit", post(code::commit))
        .route("/wxa/get_page", get(code::pages))
        .route("/wxa/get_qrcode", get(code::trial_qrcode))
        .route("/wxa/get_category", get(code::audit_categories))
        .route("/wxa/submit_audit", post(code::submit_audit))
        .route("/wxa/get_auditstatus", post(code::audit_status))
        .route(
            "/wxa/get_latest_auditstatus",
            get(code::latest_audit_status),
        )
        .route("/wxa/undocodeaudit", get(code::undo_audit))
        .route("/wxa/speedupaudit", post(code::speedup_audit))
        .route("/wxa/queryquota", get(code::quota))
        .route(
            "/wxa/security/get_code_privacy_info",
            get(code::privacy_info),
        )
        .route("/wxa/release", post(release::release))
        .route("/wxa/revertcoderelease", get(release::revert))
        .route("/wxa/grayrelease", post(release::gray_release))
        .route("/wxa/getgrayreleaseplan", get(release::gray_release_plan))
        .route("/wxa/revertgrayrelease", get(release::revert_gray_release))
        .route(
            "/wxa/change_visitstatus",
            post(release::change_visit_status),
        )
        .route("/wxa/getversioninfo", post(release::version_info))
        .route("/wxa/modify_domain", post(domains::modify))
        .route(
            "/wxa/modify_domain_directly",
            post(domains::modify_directly),
        )
        .route("/wxa/get_effective_domain", post(domains::effective))
        .route("/wxa/setwebviewdomain", post(domains::webview))
        .route(
            "/wxa/setwebviewdomain_directly",
            post(domains::webview_directly),
        )
        .route(
            "/wxa/get_webviewdomain_confirmfile",
            post(domains::confirm_file),
        )
        .route("/wxa/bind_tester", post(testers::bind))
        .route("/wxa/unbind_tester", post(testers::unbind))
        .route("/wxa/memberauth", post(testers::members))
        .route("/cgi-bin/wxopen/getallcategories", get(categories::all))
        .route(
            "/cgi-bin/wxopen/getcategoriesbytype",
            post(categories::by_type),
        )
        .route("/cgi-bin/wxopen/getcategory", get(categories::list))
        .route("/cgi-bin/wxopen/addcategory", post(categories::add))
        .route("/cgi-bin/wxopen/deletecategory", post(categories::delete))
        .route("/cgi-bin/wxopen/modifycategory", post(categories::modify))
        .route(
            "/cgi-bin/account/getaccountbasicinfo",
            post(basic_info::info).get(basic_info::info),
        )
        .route("/wxa/setnickname", post(basic_info::set_nickname))
        .route(
            "/wxa/api_wxa_querynickname",
            post(basic_info::nickname_audit),
        )
        .route(
            "/cgi-bin/wxverify/checkwxverifynickname",
            post(basic_info::check_nickname),
        )
        .route(
            "/cgi-bin/account/modifyheadimage",
            post(basic_info::modify_head_image),
        )
        .route(
            "/cgi-bin/account/modifysignature",
            post(basic_info::modify_signature),
        )
        .route(
            "/cgi-bin/component/getprivacysetting",
            post(privacy::get_setting),
        )
        .route(
            "/cgi-bin/component/setprivacysetting",
            post(privacy::set_setting),
        )
        .route(
            "/cgi-bin/component/uploadprivacyextfile",
            post(privacy::upload_file),
        )
        .route(
            "/cgi-bin/component/fastregisterweapp",
            post(register::fast_register),
        )
}

/// The platform that `appid` authorized, if any.
fn platform_of(inner: &Inner, appid: &str) -> Option<String> {
    inner
        .authorizers
        .keys()
        .find(|(_, authorizer)| authorizer == appid)
        .map(|(component, _)| component.clone())
}

/// A non-empty string field of `body`.
fn text<'a>(body: &'a Value, name: &str) -> Option<&'a str> {
    body[name].as_str().filter(|value| !value.trim().is_empty())
}

/// The strings of an array field of `body` (none when missing); 47001 when not an array of
/// strings.
fn strings(body: &Value, name: &str) -> Result<Vec<String>, WxError> {
    match &body[name] {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| WxError::new(errcode::DATA_FORMAT_ERROR))
            })
            .collect(),
        _ => Err(WxError::new(errcode::DATA_FORMAT_ERROR)),
    }
}

/// A number field of `body`, also when sent as a string (`"47"`).
fn number(body: &Value, name: &str) -> Option<u64> {
    match &body[name] {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}
