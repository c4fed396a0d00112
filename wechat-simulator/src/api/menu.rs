//! Custom menus: `/cgi-bin/menu/*`.

use axum::{extract::State, Router};
use serde_json::{json, Value};

use super::{credentials::AccessToken, get, ok, ok_empty, post, ApiResult, WxJson};
use crate::{errcode, state::AppState, wx_error::WxError};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/menu/get", get(menu_get))
        .route("/cgi-bin/menu/create", post(menu_create))
        .route("/cgi-bin/menu/delete", get(menu_delete))
}

/// The menu every account has until it creates or deletes one.
fn default_menu() -> Value {
    json!({
        "button": [
            { "type": "click", "name": "今日歌曲", "key": "V1001_TODAY_MUSIC", "sub_button": [] },
            {
                "name": "菜单",
                "sub_button": [
                    { "type": "view", "name": "搜索", "url": "https://www.soso.com/", "sub_button": [] },
                    {
                        "type": "miniprogram",
                        "name": "小程序",
                        "url": "https://mp.weixin.qq.com",
                        "appid": "wx286b93c14bbf93aa",
                        "pagepath": "pages/lunar/index",
                        "sub_button": []
                    },
                    { "type": "click", "name": "赞一下我们", "key": "V1001_GOOD", "sub_button": [] }
                ]
            }
        ]
    })
}

/// Adds the empty `sub_button` lists that `menu/get` shows on every button.
fn normalize(buttons: &[Value]) -> Vec<Value> {
    buttons
        .iter()
        .map(|button| {
            let mut button = button.clone();
            if let Some(object) = button.as_object_mut() {
                let subs = object
                    .get("sub_button")
                    .and_then(Value::as_array)
                    .map(|subs| normalize(subs))
                    .unwrap_or_default();
                object.insert("sub_button".to_owned(), Value::Array(subs));
            }
            button
        })
        .collect()
}

/// `GET /cgi-bin/menu/get`.
async fn menu_get(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    let menu = state
        .lock()
        .menus
        .get(&auth.appid)
        .cloned()
        .unwrap_or_else(|| Some(default_menu()));
    match menu {
        Some(menu) => ok(json!({ "menu": menu })),
        None => Err(WxError::new(errcode::MENU_NO_EXIST)),
    }
}

/// `POST /cgi-bin/menu/create`: replaces the menu that `menu/get` returns.
async fn menu_create(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let buttons = body
        .get("button")
        .and_then(Value::as_array)
        .filter(|b| (1..=3).contains(&b.len()))
        .ok_or_else(|| WxError::new(errcode::INVALID_BUTTON_SIZE))?;
    let menu = json!({ "button": normalize(buttons) });
    state.lock().menus.insert(auth.appid, Some(menu));
    ok_empty()
}

/// `GET /cgi-bin/menu/delete`: afterwards `menu/get` answers 46003.
async fn menu_delete(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    state.lock().menus.insert(auth.appid, None);
    ok_empty()
}
