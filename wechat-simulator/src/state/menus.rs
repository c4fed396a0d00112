//! The custom menus of each account (`/cgi-bin/menu/*`): the default menu and the conditional
//! ones.

use std::collections::HashMap;

use serde_json::{json, Map, Value};

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

/// The menus of one account.
#[derive(Debug, Clone)]
pub(crate) struct AccountMenus {
    /// The default menu; `None` once deleted.
    pub(crate) default: Option<DefaultMenu>,
    /// The conditional menus, oldest first.
    pub(crate) conditional: Vec<ConditionalMenu>,
}

/// The default menu of an account.
#[derive(Debug, Clone)]
pub(crate) struct DefaultMenu {
    pub(crate) button: Vec<Value>,
    pub(crate) menuid: u64,
}

/// A conditional menu.
#[derive(Debug, Clone)]
pub(crate) struct ConditionalMenu {
    pub(crate) button: Vec<Value>,
    pub(crate) tag_id: Option<String>,
    pub(crate) client_platform_type: Option<String>,
    pub(crate) menuid: u64,
}

impl ConditionalMenu {
    /// As `menu/get` shows it under `conditionalmenu`.
    pub(crate) fn to_json(&self) -> Value {
        let mut rule = Map::new();
        if let Some(tag_id) = &self.tag_id {
            rule.insert("tag_id".to_owned(), json!(tag_id));
        }
        if let Some(platform) = &self.client_platform_type {
            rule.insert("client_platform_type".to_owned(), json!(platform));
        }
        json!({ "button": self.button, "matchrule": rule, "menuid": self.menuid })
    }

    /// Whether a user with these tags sees this menu. The simulator does not know users'
    /// phones, so `client_platform_type` is not checked.
    pub(crate) fn matches(&self, user_tags: &[u64]) -> bool {
        self.tag_id
            .as_deref()
            .is_none_or(|tag| tag.parse::<u64>().is_ok_and(|tag| user_tags.contains(&tag)))
    }
}

impl AccountMenus {
    fn initial() -> Self {
        AccountMenus {
            default: Some(DefaultMenu {
                button: normalize(&built_in_buttons()),
                menuid: FIRST_MENUID,
            }),
            conditional: Vec::new(),
        }
    }

    /// The `menu` object of `menu/get`; the menuid only shows once conditional menus exist.
    pub(crate) fn default_json(&self) -> Option<Value> {
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
    pub(crate) fn account(&self, appid: &str) -> AccountMenus {
        self.accounts
            .get(appid)
            .cloned()
            .unwrap_or_else(AccountMenus::initial)
    }

    /// The menus of `appid`, to change them.
    pub(crate) fn account_mut(&mut self, appid: &str) -> &mut AccountMenus {
        self.accounts
            .entry(appid.to_owned())
            .or_insert_with(AccountMenus::initial)
    }

    /// A new menu id.
    pub(crate) fn next_menuid(&mut self) -> u64 {
        self.issued += 1;
        FIRST_MENUID + self.issued
    }

    /// The default menu of `appid` as `menu/get` shows it (`{"button":[..]}`), or `None` when
    /// it was deleted.
    pub(crate) fn default_menu(&self, appid: &str) -> Option<Value> {
        self.account(appid).default_json()
    }
}

/// Adds the empty `sub_button` lists that `menu/get` shows on every button.
pub(crate) fn normalize(buttons: &[Value]) -> Vec<Value> {
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
