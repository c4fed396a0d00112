//! An authorizer's profile (`api_get_authorizer_info`) and options
//! (`api_get_authorizer_option`, `api_set_authorizer_option`).

use axum::{extract::State, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::{check_component_appid, present};
use crate::{
    api::{credentials::ComponentAccessToken, ok, ok_empty, post, ApiResult, WxJson},
    errcode,
    ids::fnv1a,
    state::{AppState, Inner},
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/cgi-bin/component/api_get_authorizer_info",
            post(api_get_authorizer_info),
        )
        .route(
            "/cgi-bin/component/api_get_authorizer_option",
            post(api_get_authorizer_option),
        )
        .route(
            "/cgi-bin/component/api_set_authorizer_option",
            post(api_set_authorizer_option),
        )
}

/// The options an authorizer has: name, the values WeChat takes, and the value until set.
const OPTIONS: [(&str, &[&str], &str); 3] = [
    ("location_report", &["0", "1", "2"], "0"),
    ("voice_recognize", &["0", "1"], "0"),
    ("customer_service", &["0", "1"], "0"),
];

#[derive(Debug, Deserialize)]
struct AuthorizerRequest {
    component_appid: Option<String>,
    authorizer_appid: Option<String>,
    option_name: Option<String>,
    /// WeChat takes the value as a string or a number.
    option_value: Option<Value>,
}

/// Checks the body's component and that the authorizer authorized it: 41002 without an
/// authorizer, 61003 when it did not authorize this component. The authorizer appid.
fn authorized<'b>(
    inner: &Inner,
    token: &ComponentAccessToken,
    body: &'b AuthorizerRequest,
) -> Result<&'b str, WxError> {
    check_component_appid(token, &body.component_appid)?;
    let authorizer =
        present(&body.authorizer_appid).ok_or_else(|| WxError::new(errcode::APPID_MISSING))?;
    let key = (token.component_appid.clone(), authorizer.to_owned());
    if !inner.authorizers.contains_key(&key) {
        return Err(WxError::new(errcode::COMPONENT_NOT_AUTHORIZED));
    }
    Ok(authorizer)
}

/// The option named in the body: 61012 for an unknown name.
fn option(
    body: &AuthorizerRequest,
) -> Result<(&'static str, &'static [&'static str], &'static str), WxError> {
    let name = body.option_name.as_deref().unwrap_or_default();
    OPTIONS
        .iter()
        .find(|(known, _, _)| *known == name)
        .copied()
        .ok_or_else(|| WxError::new(errcode::INVALID_OPTION_NAME))
}

/// `POST /cgi-bin/component/api_get_authorizer_info`: the profile of an authorizer (derived
/// from its appid) and what it authorized.
async fn api_get_authorizer_info(
    State(state): State<AppState>,
    token: ComponentAccessToken,
    WxJson(body): WxJson<AuthorizerRequest>,
) -> ApiResult {
    let inner = state.lock();
    let authorizer = authorized(&inner, &token, &body)?;
    let refresh_token = inner
        .authorizers
        .get(&(token.component_appid.clone(), authorizer.to_owned()))
        .cloned()
        .unwrap_or_default();
    let hash = fnv1a(authorizer);
    let func_info: Vec<Value> = [1, 15, 4, 7, 2, 3, 11, 6]
        .iter()
        .map(|id| json!({ "funcscope_category": { "id": id } }))
        .collect();
    ok(json!({
        "authorizer_info": {
            "nick_name": format!("Account {}", &authorizer[authorizer.len().saturating_sub(4)..]),
            "head_img": format!("http://wx.qlogo.cn/mmopen/{hash:016x}/0"),
            "service_type_info": { "id": 2 },
            "verify_type_info": { "id": 0 },
            "user_name": format!("gh_{:012x}", hash >> 16),
            "principal_name": "Simulated Company Ltd.",
            "alias": "",
            "qrcode_url": format!("http://mmbiz.qpic.cn/mmbiz_jpg/{hash:016x}/0"),
            "business_info": {
                "open_pay": 0,
                "open_shake": 0,
                "open_scan": 0,
                "open_card": 0,
                "open_store": 0,
            },
            "signature": "An account of the WeChat simulator.",
            "account_status": 1,
            "basic_config": { "is_phone_configured": true, "is_email_configured": true },
            "idc": 1,
        },
        "authorization_info": {
            "authorizer_appid": authorizer,
            "authorizer_refresh_token": refresh_token,
            "func_info": func_info,
        },
    }))
}

/// `POST /cgi-bin/component/api_get_authorizer_option`: the option's value, as a string.
async fn api_get_authorizer_option(
    State(state): State<AppState>,
    token: ComponentAccessToken,
    WxJson(body): WxJson<AuthorizerRequest>,
) -> ApiResult {
    let inner = state.lock();
    let authorizer = authorized(&inner, &token, &body)?;
    let (name, _, default) = option(&body)?;
    let value = inner
        .authorizer_options
        .values
        .get(&(authorizer.to_owned(), name))
        .map_or(default, String::as_str);
    ok(json!({
        "authorizer_appid": authorizer,
        "option_name": name,
        "option_value": value,
    }))
}

/// `POST /cgi-bin/component/api_set_authorizer_option`: 61013 for a value the option does not
/// take.
async fn api_set_authorizer_option(
    State(state): State<AppState>,
    token: ComponentAccessToken,
    WxJson(body): WxJson<AuthorizerRequest>,
) -> ApiResult {
    let mut inner = state.lock();
    let authorizer = authorized(&inner, &token, &body)?.to_owned();
    let (name, values, _) = option(&body)?;
    let value = match &body.option_value {
        Some(Value::String(value)) => value.clone(),
        Some(Value::Number(value)) => value.to_string(),
        _ => String::new(),
    };
    if !values.contains(&value.as_str()) {
        return Err(WxError::new(errcode::INVALID_OPTION_VALUE));
    }
    inner
        .authorizer_options
        .values
        .insert((authorizer, name), value);
    ok_empty()
}
