//! Custom menus: `/cgi-bin/menu/*` and `/cgi-bin/get_current_selfmenu_info`.
//!
//! Every account starts with a default menu. `menu/create` replaces it, `menu/delete` removes
//! it together with the conditional menus, and conditional menus need a default menu (65303).

mod buttons;
mod conditional;

use axum::{extract::State, Router};
use serde_json::{json, Value};

use super::{credentials::AccessToken, get, ok, ok_empty, post, ApiResult, WxJson};
use crate::{
    errcode,
    state::{menus::DefaultMenu, AppState},
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/menu/get", get(menu_get))
        .route("/cgi-bin/menu/create", post(menu_create))
        .route("/cgi-bin/menu/delete", get(menu_delete))
        .route("/cgi-bin/get_current_selfmenu_info", get(selfmenu_info))
        .route("/cgi-bin/menu/addconditional", post(conditional::add))
        .route("/cgi-bin/menu/delconditional", post(conditional::delete))
        .route("/cgi-bin/menu/trymatch", post(conditional::try_match))
}

/// `GET /cgi-bin/menu/get`: the default menu and the conditional ones; 46003 when deleted.
async fn menu_get(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    let account = state.lock().menus.account(&auth.appid);
    let menu = account
        .default_json()
        .ok_or_else(|| WxError::new(errcode::MENU_NO_EXIST))?;
    let mut body = json!({ "menu": menu });
    if !account.conditional.is_empty() {
        let conditional: Vec<Value> = account.conditional.iter().map(|c| c.to_json()).collect();
        body["conditionalmenu"] = Value::Array(conditional);
    }
    ok(body)
}

/// `POST /cgi-bin/menu/create`: replaces the default menu (conditional menus stay).
async fn menu_create(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let button = buttons::check(&body)?;
    let mut inner = state.lock();
    let menuid = inner.menus.next_menuid();
    inner.menus.account_mut(&auth.appid).default = Some(DefaultMenu { button, menuid });
    ok_empty()
}

/// `GET /cgi-bin/menu/delete`: removes the default menu and every conditional menu; afterwards
/// `menu/get` answers 46003.
async fn menu_delete(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    let mut inner = state.lock();
    let account = inner.menus.account_mut(&auth.appid);
    account.default = None;
    account.conditional.clear();
    ok_empty()
}

/// `GET /cgi-bin/get_current_selfmenu_info`: the default menu in use, sub-buttons wrapped in
/// `{"list":[..]}`; `is_menu_open` 0 and no buttons once the menu was deleted.
async fn selfmenu_info(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    let account = state.lock().menus.account(&auth.appid);
    let body = match account.default {
        Some(default) => json!({
            "is_menu_open": 1,
            "selfmenu_info": { "button": buttons::to_selfmenu(&default.button) },
        }),
        None => json!({ "is_menu_open": 0, "selfmenu_info": { "button": [] } }),
    };
    ok(body)
}
