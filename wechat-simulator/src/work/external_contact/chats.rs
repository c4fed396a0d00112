//! Customer group chats: `groupchat/list` and `groupchat/get`.

use axum::{extract::State, Router};
use serde_json::{json, Value};

use super::super::{
    credentials::WorkToken,
    crm::{
        crm_error, external_contact_app, number, strings, text, INVALID_CHAT_ID, INVALID_PARAMETER,
    },
    ok, post, ApiResult, WxJson,
};
use super::page;
use crate::{errcode, state::AppState};

/// The most chats a page holds.
const MAX_LIMIT: u64 = 1000;
/// The most owners a filter names.
const MAX_OWNERS: usize = 100;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/externalcontact/groupchat/list", post(list))
        .route("/cgi-bin/externalcontact/groupchat/get", post(detail))
}

/// `POST /cgi-bin/externalcontact/groupchat/list`: the chats of the owners filtered on (every
/// chat without a filter), paged by `cursor`; every simulated owner is active, so a
/// `status_filter` of 1 to 3 finds none. 40058 for a `limit` outside 1 to 1000, a bad
/// `status_filter` or cursor, or over 100 owners.
async fn list(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    external_contact_app(&auth)?;
    let limit = number(&body, "limit")
        .filter(|limit| (1..=MAX_LIMIT).contains(limit))
        .ok_or_else(|| crm_error(INVALID_PARAMETER))? as usize;
    let status_filter = number(&body, "status_filter").unwrap_or(0);
    if status_filter > 3 {
        return Err(crm_error(INVALID_PARAMETER));
    }
    let owners = match body.get("owner_filter") {
        Some(filter) => strings(filter, "userid_list")?,
        None => Vec::new(),
    };
    if owners.len() > MAX_OWNERS {
        return Err(crm_error(INVALID_PARAMETER));
    }
    let cursor = text(&body, "cursor").unwrap_or("");
    let inner = state.lock();
    let chats: Vec<String> = inner
        .work_crm
        .get(&auth.corpid)
        .map(|corp| {
            corp.group_chats
                .values()
                .filter(|chat| {
                    status_filter == 0 && (owners.is_empty() || owners.contains(&chat.owner))
                })
                .map(|chat| chat.chat_id.clone())
                .collect()
        })
        .unwrap_or_default();
    drop(inner);
    let (chats, next_cursor) =
        page(&chats, cursor, limit).map_err(|()| crm_error(INVALID_PARAMETER))?;
    let list: Vec<Value> = chats
        .iter()
        .map(|chat_id| json!({"chat_id": chat_id, "status": 0}))
        .collect();
    ok(json!({
        "errcode": errcode::OK,
        "errmsg": "ok",
        "group_chat_list": list,
        "next_cursor": next_cursor,
    }))
}

/// `POST /cgi-bin/externalcontact/groupchat/get`: the chat and its members, with their names
/// when `need_name` is 1; 40050 for an unknown chat.
async fn detail(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    external_contact_app(&auth)?;
    let chat_id = text(&body, "chat_id").ok_or_else(|| crm_error(INVALID_CHAT_ID))?;
    let need_name = number(&body, "need_name") == Some(1);
    let inner = state.lock();
    let corp = inner
        .work_crm
        .get(&auth.corpid)
        .ok_or_else(|| crm_error(INVALID_CHAT_ID))?;
    let chat = corp
        .group_chats
        .get(chat_id)
        .ok_or_else(|| crm_error(INVALID_CHAT_ID))?;
    let members: Vec<Value> = chat
        .members
        .iter()
        .map(|member| {
            let mut value = json!({
                "userid": member.userid,
                "type": member.kind,
                "join_time": member.join_time,
                "join_scene": if member.invitor.is_some() { 1 } else { 3 },
                "group_nickname": "",
            });
            if let Some(invitor) = &member.invitor {
                value["invitor"] = json!({"userid": invitor});
            }
            let customer = corp.customers.get(&member.userid);
            if let Some(unionid) = customer.and_then(|c| c.unionid.as_ref()) {
                value["unionid"] = json!(unionid);
            }
            if need_name {
                value["name"] = json!(customer.map_or(member.userid.as_str(), |c| &c.name));
            }
            value
        })
        .collect();
    let admins: Vec<Value> = chat.admins.iter().map(|a| json!({"userid": a})).collect();
    let answer = json!({
        "errcode": errcode::OK,
        "errmsg": "ok",
        "group_chat": {
            "chat_id": chat.chat_id,
            "name": chat.name,
            "owner": chat.owner,
            "create_time": chat.create_time,
            "notice": chat.notice,
            "member_list": members,
            "admin_list": admins,
            "member_version": format!("{:032x}", chat.members.len()),
        },
    });
    drop(inner);
    ok(answer)
}
