//! Conditional (personalized) menus: `addconditional`, `delconditional`, `trymatch`.

use axum::extract::State;
use serde::Deserialize;
use serde_json::{json, Value};

use super::buttons;
use crate::{
    api::{credentials::AccessToken, ok, ok_empty, user::valid_openid, ApiResult, WxJson},
    errcode,
    state::{menus::ConditionalMenu, AppState},
    wx_error::WxError,
};

/// The most conditional menus an account keeps (65305 past it).
const MAX_CONDITIONAL: usize = 100;
/// The match conditions WeChat no longer takes, to protect privacy (65320).
const PRIVATE_FIELDS: &[&str] = &["sex", "country", "province", "city", "language"];

/// A match-rule field, a string or a number; `None` when absent or empty.
fn rule_field(rule: &Value, field: &str) -> Option<String> {
    match rule.get(field)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `POST /cgi-bin/menu/addconditional`: `{"button","matchrule"}` -> `{"menuid"}`.
pub(super) async fn add(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let button = buttons::check(&body)?;
    let rule = body.get("matchrule").cloned().unwrap_or(Value::Null);
    if PRIVATE_FIELDS
        .iter()
        .any(|f| rule_field(&rule, f).is_some())
    {
        return Err(WxError::new(errcode::MATCHRULE_PRIVACY));
    }
    let tag_id = rule_field(&rule, "tag_id");
    let client_platform_type = rule_field(&rule, "client_platform_type");
    if tag_id.is_none() && client_platform_type.is_none() {
        return Err(WxError::new(errcode::MATCHRULE_EMPTY));
    }
    let mut inner = state.lock();
    let account = inner.menus.account(&auth.appid);
    if account.default.is_none() {
        return Err(WxError::new(errcode::NO_DEFAULT_MENU));
    }
    if account.conditional.len() >= MAX_CONDITIONAL {
        return Err(WxError::new(errcode::CONDITIONAL_MENU_LIMIT));
    }
    let menuid = inner.menus.next_menuid();
    inner
        .menus
        .account_mut(&auth.appid)
        .conditional
        .push(ConditionalMenu {
            button,
            tag_id,
            client_platform_type,
            menuid,
        });
    ok(json!({ "menuid": menuid.to_string() }))
}

#[derive(Debug, Deserialize)]
pub(super) struct DeleteRequest {
    #[serde(default)]
    menuid: Option<Value>,
}

/// `POST /cgi-bin/menu/delconditional`: `{"menuid"}` (a string or a number); 65301 if unknown.
pub(super) async fn delete(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<DeleteRequest>,
) -> ApiResult {
    let menuid = match body.menuid {
        Some(Value::String(s)) => s.trim().parse::<u64>().ok(),
        Some(Value::Number(n)) => n.as_u64(),
        _ => None,
    };
    let mut inner = state.lock();
    let conditional = &mut inner.menus.account_mut(&auth.appid).conditional;
    let position = conditional
        .iter()
        .position(|menu| Some(menu.menuid) == menuid)
        .ok_or_else(|| WxError::new(errcode::NO_SUCH_CONDITIONAL_MENU))?;
    conditional.remove(position);
    ok_empty()
}

#[derive(Debug, Deserialize)]
pub(super) struct TryMatchRequest {
    #[serde(default)]
    user_id: String,
}

/// `POST /cgi-bin/menu/trymatch`: the buttons a user (OpenID or WeChat ID) sees: the newest
/// conditional menu whose tag the user carries, else the default menu.
pub(super) async fn try_match(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<TryMatchRequest>,
) -> ApiResult {
    if !valid_openid(&body.user_id) {
        return Err(WxError::new(errcode::NO_SUCH_USER));
    }
    let inner = state.lock();
    let account = inner.menus.account(&auth.appid);
    let default = account
        .default
        .as_ref()
        .ok_or_else(|| WxError::new(errcode::MENU_NO_EXIST))?;
    let user_tags = inner.tags.user_tags(&auth.appid, &body.user_id);
    let button = account
        .conditional
        .iter()
        .rev()
        .find(|menu| menu.matches(&user_tags))
        .map_or(&default.button, |menu| &menu.button);
    ok(json!({ "button": button }))
}
