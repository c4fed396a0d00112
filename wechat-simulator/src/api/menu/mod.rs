//! Custom menus: `/cgi-bin/menu/*` and `/cgi-bin/get_current_selfmenu_info`.
//!
//! Every account starts with a default menu. `menu/create` replaces it, `menu/delete` removes
//! it together with the conditional menus, and conditional menus need a default menu (65303).

mod buttons;
mod conditional;

use std::collections::HashMap;

use axum::{extract::State, Router};
use serde_json::{json, Map, Value};

use super::{credentials::AccessToken, get, ok, ok_empty, post, ApiResult, WxJson};
use crate::{errcode, state::AppState, wx_error::WxError};
use conditional::ConditionalMenu;

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

/// The id of the menu every account starts with; menus created later get the next ids.
const FIRST_MENUID: u64 = 208_379_533;

/// The menus of every account.
#[derive(Debug, Default)]
pub(crate) struct Menus {
    /// appid -> its menus; an absent account has the built-in default menu.
    accounts: HashMap<String, AccountMenus>,
    /// How many menu ids were given out.
    issued: u64,
}

#[derive(Debug, Clone)]
struct AccountMenus {
    /// The default menu; `None` once deleted.
    default: Option<DefaultMenu>,
    /// The conditional menus, oldest first.
    conditional: Vec<ConditionalMenu>,
}

#[derive(Debug, Clone)]
struct DefaultMenu {
    button: Vec<Value>,
    menuid: u64,
}

impl AccountMenus {
    fn initial() -> Self {
        AccountMenus {
            default: Some(DefaultMenu {
                button: buttons::normalize(&built_in_buttons()),
                menuid: FIRST_MENUID,
            }),
            conditional: Vec::new(),
        }
    }

    /// The `menu` object of `menu/get`; the menuid only shows once conditional menus exist.
    fn default_json(&self) -> Option<Value> {
        let default = self.default.as_ref()?;
        let mut menu = Map::new();
        menu.insert("button".to_owned(), Value::Array(default.button.clone()));
        if !self.conditional.is_empty() {
            menu.insert("menuid".to_owned(), json!(default.menuid));
        }
        Some(Value::Object(menu))
    }
}

impl Menus {
    /// The menus of `appid`, as they are now.
    fn account(&self, appid: &str) -> AccountMenus {
        self.accounts
            .get(appid)
            .cloned()
            .unwrap_or_else(AccountMenus::initial)
    }

    fn account_mut(&mut self, appid: &str) -> &mut AccountMenus {
        self.accounts
            .entry(appid.to_owned())
            .or_insert_with(AccountMenus::initial)
    }

    fn next_menuid(&mut self) -> u64 {
        self.issued += 1;
        FIRST_MENUID + self.issued
    }

    /// The default menu of `appid` as `menu/get` shows it (`{"button":[..]}`), or `None` when
    /// it was deleted.
    pub(crate) fn default_menu(&self, appid: &str) -> Option<Value> {
        self.account(appid).default_json()
    }
}

/// The menu every account has until it creates or deletes one.
fn built_in_buttons() -> Vec<Value> {
    vec![
        json!({ "type": "click", "name": "今日歌曲", "key": "V1001_TODAY_MUSIC" }),
        json!({
            "name": "菜单",
            "sub_button": [
                { "type": "view", "name": "搜索", "url": "https://www.soso.com/" },
                {
                    "type": "miniprogram",
                    "name": "小程序",
                    "url": "https://mp.weixin.qq.com",
                    "appid": "wx286b93c14bbf93aa",
                    "pagepath": "pages/lunar/index"
                },
                { "type": "click", "name": "赞一下我们", "key": "V1001_GOOD" }
            ]
        }),
    ]
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
