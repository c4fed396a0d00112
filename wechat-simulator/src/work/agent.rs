//! An agent's details and settings (`/cgi-bin/agent/get`, `/cgi-bin/agent/set`,
//! `/cgi-bin/agent/list`) and its menu (`/cgi-bin/menu/create`, `get`, `delete`, each with
//! `?agentid=`).
//!
//! An agent's token acts for that agent only (301002 for another agentid, or for a token that
//! is no agent's). The agent is visible to the whole corp (department 1).

use axum::{extract::State, Router};
use serde_json::{json, Map, Value};

use super::{
    codes::*,
    credentials::WorkToken,
    {get, ok, post, ApiResult, Params, WxJson},
};
use crate::{state::AppState, wx_error::WxError};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/agent/get", get(read))
        .route("/cgi-bin/agent/set", post(set))
        .route("/cgi-bin/agent/list", get(list))
        .route("/cgi-bin/menu/create", post(create_menu))
        .route("/cgi-bin/menu/get", get(read_menu))
        .route("/cgi-bin/menu/delete", get(delete_menu))
}

/// The agentid the token acts for, if it is `agentid` (41011 missing, 301002 another).
fn own_agent(auth: &WorkToken, agentid: Option<i64>) -> Result<i64, WxError> {
    let agentid = agentid.ok_or_else(|| wecom_error(AGENTID_MISSING))?;
    if auth.agent_id() != Some(agentid) {
        return Err(wecom_error(OTHER_AGENT));
    }
    Ok(agentid)
}

fn agentid_param(params: &Params) -> Option<i64> {
    params.get("agentid").and_then(|id| id.parse().ok())
}

/// What an agent shows before `agent/set` changes it.
fn defaults(agentid: i64) -> Map<String, Value> {
    let Value::Object(map) = json!({
        "name": format!("应用{agentid}"),
        "square_logo_url": format!("https://p.qlogo.cn/bizmail/simulated-{agentid}/0"),
        "description": "",
        "close": 0,
        "redirect_domain": "",
        "report_location_flag": 0,
        "isreportenter": 0,
        "home_url": "",
    }) else {
        unreachable!("an object literal")
    };
    map
}

/// `GET /cgi-bin/agent/get?agentid=`: the agent, visible to the whole corp.
async fn read(State(state): State<AppState>, auth: WorkToken, params: Params) -> ApiResult {
    let agentid = own_agent(&auth, agentid_param(&params))?;
    let inner = state.lock();
    let mut agent = defaults(agentid);
    if let Some(saved) = inner
        .work_apps
        .get(&auth.corpid)
        .and_then(|apps| apps.agents.get(&agentid))
    {
        agent.extend(saved.settings.clone());
    }
    agent.remove("logo_mediaid");
    agent.insert("errcode".into(), 0.into());
    agent.insert("errmsg".into(), "ok".into());
    agent.insert("agentid".into(), agentid.into());
    agent.insert("allow_userinfos".into(), json!({ "user": [] }));
    agent.insert("allow_partys".into(), json!({ "partyid": [1] }));
    agent.insert("allow_tags".into(), json!({ "tagid": [] }));
    ok(Value::Object(agent))
}

/// The fields `agent/set` takes, checked: a name of up to 32 characters, a description of 4
/// to 120, an http(s) home page, flags of 0 or 1, an uploaded image as logo (40007).
fn check_settings(
    inner: &crate::state::Inner,
    corpid: &str,
    body: &Map<String, Value>,
) -> Result<(), WxError> {
    let chars = |key: &str| {
        body.get(key)
            .and_then(Value::as_str)
            .map(|v| v.chars().count())
    };
    if chars("name").is_some_and(|n| n == 0 || n > 32)
        || chars("description").is_some_and(|n| !(4..=120).contains(&n))
    {
        return Err(wecom_error(INVALID_PARAMETER));
    }
    if let Some(url) = body.get("home_url").and_then(Value::as_str) {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(wecom_error(INVALID_PARAMETER));
        }
    }
    for flag in ["report_location_flag", "isreportenter"] {
        if body
            .get(flag)
            .is_some_and(|v| !matches!(v.as_u64(), Some(0 | 1)))
        {
            return Err(wecom_error(INVALID_PARAMETER));
        }
    }
    if let Some(media_id) = body.get("logo_mediaid").and_then(Value::as_str) {
        let is_image = inner
            .work_apps
            .get(corpid)
            .and_then(|apps| apps.media(media_id))
            .is_some_and(|media| media.kind == "image");
        if !is_image {
            return Err(wecom_error(INVALID_MEDIA_ID));
        }
    }
    Ok(())
}

/// `POST /cgi-bin/agent/set`: the fields given change.
async fn set(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let Value::Object(mut body) = body else {
        return Err(wecom_error(INVALID_PARAMETER));
    };
    let agentid = own_agent(&auth, body.get("agentid").and_then(Value::as_i64))?;
    let mut inner = state.lock();
    check_settings(&inner, &auth.corpid, &body)?;
    body.remove("agentid");
    let agent = inner
        .work_apps
        .corp(&auth.corpid)
        .agent(agentid)
        .ok_or_else(|| wecom_error(INVALID_AGENTID))?;
    agent.settings.extend(body);
    ok(json!({ "errcode": 0, "errmsg": "ok" }))
}

/// `GET /cgi-bin/agent/list`: the agent of the token (none for the special secrets).
async fn list(State(state): State<AppState>, auth: WorkToken) -> ApiResult {
    let inner = state.lock();
    let agentlist: Vec<Value> = auth
        .agent_id()
        .map(|agentid| {
            let mut agent = defaults(agentid);
            if let Some(saved) = inner
                .work_apps
                .get(&auth.corpid)
                .and_then(|apps| apps.agents.get(&agentid))
            {
                agent.extend(saved.settings.clone());
            }
            json!({ "agentid": agentid, "name": agent["name"], "square_logo_url": agent["square_logo_url"] })
        })
        .into_iter()
        .collect();
    ok(json!({ "errcode": 0, "errmsg": "ok", "agentlist": agentlist }))
}

const BUTTON_TYPES: [&str; 9] = [
    "click",
    "view",
    "scancode_push",
    "scancode_waitmsg",
    "pic_sysphoto",
    "pic_photo_or_album",
    "pic_weixin",
    "location_select",
    "view_miniprogram",
];

/// A menu as WeCom checks it: 1 to 3 buttons (40016), 1 to 5 under a parent (40023), names of
/// up to 16 bytes at the top and 40 below (40018), a known type (40017), the key (40019), URL
/// (40020) or Mini Program (40058) each type needs.
fn check_menu(buttons: &Value) -> Result<(), WxError> {
    let buttons = buttons.as_array().filter(|b| (1..=3).contains(&b.len()));
    let buttons = buttons.ok_or_else(|| wecom_error(INVALID_BUTTON_SIZE))?;
    for button in buttons {
        check_button(button, 16)?;
        if button.get("type").is_none() {
            let subs = button["sub_button"]
                .as_array()
                .filter(|s| (1..=5).contains(&s.len()));
            for sub in subs.ok_or_else(|| wecom_error(INVALID_SUB_BUTTON_SIZE))? {
                check_button(sub, 40)?;
                check_action(sub)?;
            }
        } else {
            check_action(button)?;
        }
    }
    Ok(())
}

fn check_button(button: &Value, max_name: usize) -> Result<(), WxError> {
    let name = button["name"].as_str().unwrap_or_default();
    if name.trim().is_empty() || name.len() > max_name {
        return Err(wecom_error(INVALID_BUTTON_NAME));
    }
    Ok(())
}

fn check_action(button: &Value) -> Result<(), WxError> {
    let kind = button["type"]
        .as_str()
        .filter(|t| BUTTON_TYPES.contains(t))
        .ok_or_else(|| wecom_error(INVALID_BUTTON_TYPE))?;
    let field = |key: &str, max: usize| {
        button[key]
            .as_str()
            .is_some_and(|v| !v.trim().is_empty() && v.len() <= max)
    };
    match kind {
        "view" if !field("url", 1024) => Err(wecom_error(INVALID_BUTTON_URL)),
        "view_miniprogram" if !(field("appid", 64) && field("pagepath", 1024)) => {
            Err(wecom_error(INVALID_PARAMETER))
        }
        "view" | "view_miniprogram" => Ok(()),
        _ if !field("key", 128) => Err(wecom_error(INVALID_BUTTON_KEY)),
        _ => Ok(()),
    }
}

/// `POST /cgi-bin/menu/create?agentid=`: replaces the agent's menu.
async fn create_menu(
    State(state): State<AppState>,
    auth: WorkToken,
    params: Params,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let agentid = own_agent(&auth, agentid_param(&params))?;
    check_menu(&body["button"])?;
    let mut inner = state.lock();
    let agent = inner
        .work_apps
        .corp(&auth.corpid)
        .agent(agentid)
        .ok_or_else(|| wecom_error(INVALID_AGENTID))?;
    agent.menu = Some(body["button"].clone());
    ok(json!({ "errcode": 0, "errmsg": "ok" }))
}

/// `GET /cgi-bin/menu/get?agentid=`: the agent's menu, 46003 when it has none.
async fn read_menu(State(state): State<AppState>, auth: WorkToken, params: Params) -> ApiResult {
    let agentid = own_agent(&auth, agentid_param(&params))?;
    let inner = state.lock();
    let menu = inner
        .work_apps
        .get(&auth.corpid)
        .and_then(|apps| apps.agents.get(&agentid))
        .and_then(|agent| agent.menu.clone())
        .ok_or_else(|| wecom_error(MENU_NO_EXIST))?;
    ok(json!({ "errcode": 0, "errmsg": "ok", "button": menu }))
}

/// `GET /cgi-bin/menu/delete?agentid=`: removes the agent's menu.
async fn delete_menu(State(state): State<AppState>, auth: WorkToken, params: Params) -> ApiResult {
    let agentid = own_agent(&auth, agentid_param(&params))?;
    let mut inner = state.lock();
    if let Some(agent) = inner.work_apps.corp(&auth.corpid).agents.get_mut(&agentid) {
        agent.menu = None;
    }
    ok(json!({ "errcode": 0, "errmsg": "ok" }))
}
