//! Mini Program plugins (`/wxa/plugin`, `/wxa/devplugin`, `/wxa/getpluginopenpid`), stateful:
//! a Mini Program applies for a plugin (pending), the plugin's developer (calling with the
//! plugin's own token) agrees or refuses, and the Mini Program lists and removes its plugins.
//!
//! Any well-formed appid (`wx` and 16 letters or digits) is a plugin; another answers 89239.
//! Plugin login codes come from `Simulator::plugin_login_code`.

use axum::{extract::State, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::{credentials::AccessToken, ok, ok_empty, post, ApiResult, WxJson};
use crate::{
    clock::unix_now,
    errcode,
    state::{wxa_plugin::Application, AppState},
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/wxa/plugin", post(plugin))
        .route("/wxa/devplugin", post(devplugin))
        .route("/wxa/getpluginopenpid", post(getpluginopenpid))
}

/// Whether `appid` looks like an appid: `wx` and 16 ASCII letters or digits.
fn is_appid(appid: &str) -> bool {
    appid.len() == 18 && appid.starts_with("wx") && appid.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The last four characters of an appid, to name an account.
fn tail(appid: &str) -> &str {
    appid.get(appid.len().saturating_sub(4)..).unwrap_or(appid)
}

fn avatar(appid: &str) -> String {
    format!("http://mmbiz.qpic.cn/mmbiz_png/{appid}/0")
}

#[derive(Debug, Deserialize)]
struct PluginRequest {
    action: Option<String>,
    plugin_appid: Option<String>,
    reason: Option<String>,
    user_version: Option<String>,
}

/// `POST /wxa/plugin`: `apply`, `list`, `unbind` or `update` (40097 for another action or a
/// missing field; 89239 for a malformed plugin appid).
async fn plugin(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<PluginRequest>,
) -> ApiResult {
    let invalid = || WxError::new(errcode::INVALID_ARGS);
    let action = body.action.as_deref().unwrap_or_default();
    let plugins = &mut state.lock().wxa_plugin;
    if action == "list" {
        let list: Vec<Value> = plugins
            .list(&auth.appid)
            .map(|a| {
                json!({
                    "appid": a.plugin_appid,
                    "status": a.status,
                    "nickname": format!("插件{}", tail(&a.plugin_appid)),
                    "headimgurl": avatar(&a.plugin_appid),
                })
            })
            .collect();
        return ok(json!({ "errcode": errcode::OK, "errmsg": "ok", "plugin_list": list }));
    }
    let plugin_appid = body
        .plugin_appid
        .as_deref()
        .filter(|p| !p.is_empty())
        .ok_or_else(invalid)?;
    if !is_appid(plugin_appid) {
        return Err(WxError::new(errcode::PLUGIN_NOT_EXIST));
    }
    match action {
        "apply" => {
            let reason = body.reason.as_deref().unwrap_or_default();
            plugins.apply(&auth.appid, plugin_appid, reason, unix_now())?;
        }
        "unbind" => plugins.unbind(&auth.appid, plugin_appid)?,
        "update" => {
            let version = body
                .user_version
                .as_deref()
                .filter(|v| !v.is_empty())
                .ok_or_else(invalid)?;
            plugins.update(&auth.appid, plugin_appid, version)?;
        }
        _ => return Err(invalid()),
    }
    ok_empty()
}

#[derive(Debug, Deserialize)]
struct DevRequest {
    action: Option<String>,
    appid: Option<String>,
    reason: Option<String>,
    page: Option<u64>,
    num: Option<u64>,
}

fn application(a: &Application) -> Value {
    json!({
        "appid": a.appid,
        "status": a.status,
        "nickname": format!("小程序{}", tail(&a.appid)),
        "headimgurl": avatar(&a.appid),
        "reason": a.reason,
        "apply_url": format!("https://mp.weixin.qq.com/a/{}", a.appid),
        "create_time": a.create_time.to_string(),
        "categories": [{ "first": "工具", "second": "信息查询" }],
    })
}

/// `POST /wxa/devplugin`, called with the plugin's token: `dev_apply_list` (a page of `num`
/// from `page` 1), `dev_agree` (an `appid`), `dev_refuse` (the pending ones, with a `reason`),
/// `dev_delete` (the refused ones). 40097 for another action or a missing field.
async fn devplugin(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<DevRequest>,
) -> ApiResult {
    let invalid = || WxError::new(errcode::INVALID_ARGS);
    let plugins = &mut state.lock().wxa_plugin;
    match body.action.as_deref().unwrap_or_default() {
        "dev_apply_list" => {
            let (page, num) = match (body.page, body.num) {
                (Some(page), Some(num)) if page >= 1 && num >= 1 => (page, num),
                _ => return Err(invalid()),
            };
            let skip = usize::try_from((page - 1).saturating_mul(num)).unwrap_or(usize::MAX);
            let take = usize::try_from(num).unwrap_or(usize::MAX);
            let list: Vec<Value> = plugins
                .applications_for(&auth.appid)
                .skip(skip)
                .take(take)
                .map(application)
                .collect();
            return ok(json!({ "errcode": errcode::OK, "errmsg": "ok", "apply_list": list }));
        }
        "dev_agree" => {
            let appid = body
                .appid
                .as_deref()
                .filter(|a| !a.is_empty())
                .ok_or_else(invalid)?;
            plugins.agree(&auth.appid, appid)?;
        }
        "dev_refuse" => {
            body.reason
                .as_deref()
                .filter(|r| !r.is_empty())
                .ok_or_else(invalid)?;
            plugins.refuse(&auth.appid)?;
        }
        "dev_delete" => plugins.delete_refused(&auth.appid)?,
        _ => return Err(invalid()),
    }
    ok_empty()
}

#[derive(Debug, Deserialize)]
struct OpenpidRequest {
    code: Option<String>,
}

/// `POST /wxa/getpluginopenpid`, called with the plugin's token: spends a code of
/// `Simulator::plugin_login_code` (1001 without one, 1007 for an unknown, spent, expired or
/// another plugin's code).
async fn getpluginopenpid(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<OpenpidRequest>,
) -> ApiResult {
    let code = body
        .code
        .filter(|c| !c.is_empty())
        .ok_or_else(|| WxError::new(errcode::OPENPID_INVALID_REQUEST))?;
    let openpid = state
        .lock()
        .wxa_plugin
        .redeem_login_code(&auth.appid, &code)?;
    ok(json!({ "errcode": errcode::OK, "errmsg": "ok", "openpid": openpid }))
}
