//! Checking menu buttons as WeChat does, and reshaping them for the menu-in-use answer.

use serde_json::{json, Map, Value};

use crate::{errcode, state::menus::normalize, wx_error::WxError};

/// The most top-level buttons (40016 past it) and sub-buttons (40023) a menu has.
const MAX_BUTTONS: usize = 3;
const MAX_SUB_BUTTONS: usize = 5;
/// The longest names in bytes: top-level (40018) and sub-button (40025).
const MAX_NAME: usize = 16;
const MAX_SUB_NAME: usize = 60;
/// The longest `key` (40019 / 40026) and `url` (40020 / 40027) in bytes.
const MAX_KEY: usize = 128;
const MAX_URL: usize = 1024;

/// The button types that need a `key`.
const KEYED: &[&str] = &[
    "click",
    "scancode_push",
    "scancode_waitmsg",
    "pic_sysphoto",
    "pic_photo_or_album",
    "pic_weixin",
    "location_select",
];
/// The other button types the API takes.
const OTHER_TYPES: &[&str] = &[
    "view",
    "miniprogram",
    "media_id",
    "view_limited",
    "article_id",
    "article_view_limited",
];

/// The errcodes of one level of buttons.
struct Level {
    max_name: usize,
    name: i64,
    kind: i64,
    key: i64,
    url: i64,
}

const TOP: Level = Level {
    max_name: MAX_NAME,
    name: errcode::INVALID_BUTTON_NAME_SIZE,
    kind: errcode::INVALID_BUTTON_TYPE,
    key: errcode::INVALID_BUTTON_KEY_SIZE,
    url: errcode::INVALID_BUTTON_URL_SIZE,
};

const SUB: Level = Level {
    max_name: MAX_SUB_NAME,
    name: errcode::INVALID_SUB_BUTTON_NAME_SIZE,
    kind: errcode::INVALID_SUB_BUTTON_TYPE,
    key: errcode::INVALID_SUB_BUTTON_KEY_SIZE,
    url: errcode::INVALID_SUB_BUTTON_URL_SIZE,
};

/// Checks the `button` list of a `menu/create` or `menu/addconditional` body, and returns it
/// as `menu/get` shows it.
pub(super) fn check(body: &Value) -> Result<Vec<Value>, WxError> {
    let buttons = body
        .get("button")
        .and_then(Value::as_array)
        .filter(|b| (1..=MAX_BUTTONS).contains(&b.len()))
        .ok_or_else(|| WxError::new(errcode::INVALID_BUTTON_SIZE))?;
    for button in buttons {
        let subs = button.get("sub_button").and_then(Value::as_array);
        match subs.filter(|subs| !subs.is_empty()) {
            Some(subs) => {
                check_name(button, &TOP)?;
                if subs.len() > MAX_SUB_BUTTONS {
                    return Err(WxError::new(errcode::INVALID_SUB_BUTTON_SIZE));
                }
                subs.iter().try_for_each(|sub| check_action(sub, &SUB))?;
            }
            None => check_action(button, &TOP)?,
        }
    }
    Ok(normalize(buttons))
}

fn text<'a>(button: &'a Value, field: &str) -> &'a str {
    button
        .get(field)
        .and_then(Value::as_str)
        .unwrap_or_default()
}

fn check_name(button: &Value, level: &Level) -> Result<(), WxError> {
    let name = text(button, "name");
    if name.is_empty() || name.len() > level.max_name {
        return Err(WxError::new(level.name));
    }
    Ok(())
}

fn check_action(button: &Value, level: &Level) -> Result<(), WxError> {
    check_name(button, level)?;
    let kind = text(button, "type");
    let bounded = |field: &str, max: usize, code: i64| {
        let value = text(button, field);
        if value.is_empty() || value.len() > max {
            Err(WxError::new(code))
        } else {
            Ok(())
        }
    };
    if KEYED.contains(&kind) {
        bounded("key", MAX_KEY, level.key)
    } else if matches!(kind, "view" | "miniprogram") {
        bounded("url", MAX_URL, level.url)
    } else if OTHER_TYPES.contains(&kind) {
        Ok(())
    } else {
        Err(WxError::new(level.kind))
    }
}

/// The buttons as `get_current_selfmenu_info` shows them: sub-buttons in `{"list":[..]}`, the
/// material or article of a button in `value`.
pub(super) fn to_selfmenu(buttons: &[Value]) -> Vec<Value> {
    buttons
        .iter()
        .map(|button| {
            let mut out = Map::new();
            for field in ["type", "name", "key", "url", "appid", "pagepath"] {
                if let Some(value) = button.get(field) {
                    out.insert(field.to_owned(), value.clone());
                }
            }
            if let Some(value) = button.get("media_id").or_else(|| button.get("article_id")) {
                out.insert("value".to_owned(), value.clone());
            }
            let subs = button.get("sub_button").and_then(Value::as_array);
            if let Some(subs) = subs.filter(|subs| !subs.is_empty()) {
                out.remove("type");
                out.insert(
                    "sub_button".to_owned(),
                    json!({ "list": to_selfmenu(subs) }),
                );
            }
            Value::Object(out)
        })
        .collect()
}
