//! WeChat customer service (`/cgi-bin/kf/*`): accounts, their links, messages sent to
//! customers, and customers' messages read with `sync_msg`.
//!
//! Customers write through the control API (`Simulator::push_kf_customer_message`); a
//! customer who wrote to an account is in session with it, and only then may the account
//! `send_msg` them (95018 otherwise). Every call takes the customer service secret's token or
//! an agent's (48002 otherwise).

use axum::{extract::State, Router};
use serde_json::{json, Value};

use super::{
    credentials::WorkToken,
    crm::{
        crm_error, kf_app, number, text, INVALID_KF_NAME, INVALID_MSG_TOKEN, INVALID_PARAMETER,
        KF_ACCOUNT_NOT_FOUND, SESSION_STATUS_INVALID,
    },
    ok, ok_empty, post, ApiResult, WxJson,
};
use crate::{
    errcode,
    state::{
        work_crm::{Kf, KfAccountRow},
        AppState,
    },
    tokens::random_string,
};

/// The longest account name, in characters.
const MAX_NAME_CHARS: usize = 16;
/// The most accounts a page of `account/list` holds.
const MAX_ACCOUNT_PAGE: u64 = 100;
/// The longest link `scene`, in bytes.
const MAX_SCENE_BYTES: usize = 32;
/// The most messages a page of `sync_msg` holds.
const MAX_SYNC: u64 = 1000;
/// The longest `sync_msg` token, in bytes.
const MAX_TOKEN_BYTES: usize = 128;
/// The message types `send_msg` takes.
const MSGTYPES: [&str; 9] = [
    "text",
    "image",
    "voice",
    "video",
    "file",
    "link",
    "miniprogram",
    "msgmenu",
    "location",
];

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/kf/account/add", post(add_account))
        .route("/cgi-bin/kf/account/del", post(del_account))
        .route("/cgi-bin/kf/account/update", post(update_account))
        .route("/cgi-bin/kf/account/list", post(list_accounts))
        .route("/cgi-bin/kf/add_contact_way", post(add_contact_way))
        .route("/cgi-bin/kf/send_msg", post(send_msg))
        .route("/cgi-bin/kf/sync_msg", post(sync_msg))
}

/// A name of 1 to 16 characters; 95006 otherwise.
fn valid_name(name: Option<&str>) -> Result<&str, i64> {
    name.filter(|n| n.chars().count() <= MAX_NAME_CHARS)
        .ok_or(INVALID_KF_NAME)
}

/// The account `open_kfid` of `kf`; 95004 when there is none.
fn account<'a>(kf: &'a mut Kf, open_kfid: Option<&str>) -> Result<&'a mut KfAccountRow, i64> {
    open_kfid
        .and_then(|id| kf.accounts.get_mut(id))
        .ok_or(KF_ACCOUNT_NOT_FOUND)
}

/// `POST /cgi-bin/kf/account/add`: a new account; 95006 for a bad name, 40058 without an
/// avatar `media_id`.
async fn add_account(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    kf_app(&auth)?;
    let name = valid_name(text(&body, "name")).map_err(crm_error)?;
    let media_id = text(&body, "media_id").ok_or_else(|| crm_error(INVALID_PARAMETER))?;
    let open_kfid = format!("wk{}", random_string(30));
    let mut inner = state.lock();
    inner.work_crm.corp(&auth.corpid).kf.accounts.insert(
        open_kfid.clone(),
        KfAccountRow {
            name: name.to_owned(),
            media_id: media_id.to_owned(),
            avatar: format!("https://wework.qpic.cn/wwhead/simulated/{open_kfid}/0"),
        },
    );
    drop(inner);
    ok(json!({"errcode": errcode::OK, "errmsg": "ok", "open_kfid": open_kfid}))
}

/// `POST /cgi-bin/kf/account/del`: 95004 for an unknown account.
async fn del_account(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    kf_app(&auth)?;
    let mut inner = state.lock();
    let kf = &mut inner.work_crm.corp(&auth.corpid).kf;
    text(&body, "open_kfid")
        .and_then(|id| kf.accounts.remove(id))
        .ok_or_else(|| crm_error(KF_ACCOUNT_NOT_FOUND))?;
    drop(inner);
    ok_empty()
}

/// `POST /cgi-bin/kf/account/update`: a new name (95006 when bad) or avatar; 95004 for an
/// unknown account.
async fn update_account(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    kf_app(&auth)?;
    let name = match body.get("name") {
        Some(_) => Some(valid_name(text(&body, "name")).map_err(crm_error)?),
        None => None,
    };
    let mut inner = state.lock();
    let account = account(
        &mut inner.work_crm.corp(&auth.corpid).kf,
        text(&body, "open_kfid"),
    )
    .map_err(crm_error)?;
    if let Some(name) = name {
        account.name = name.to_owned();
    }
    if let Some(media_id) = text(&body, "media_id") {
        account.media_id = media_id.to_owned();
    }
    drop(inner);
    ok_empty()
}

/// `POST /cgi-bin/kf/account/list`: a page of accounts from `offset`; 40058 for a `limit`
/// outside 1 to 100.
async fn list_accounts(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    kf_app(&auth)?;
    let offset = number(&body, "offset").unwrap_or(0) as usize;
    let limit = match body.get("limit") {
        Some(_) => number(&body, "limit")
            .filter(|l| (1..=MAX_ACCOUNT_PAGE).contains(l))
            .ok_or_else(|| crm_error(INVALID_PARAMETER))?,
        None => MAX_ACCOUNT_PAGE,
    } as usize;
    let inner = state.lock();
    let accounts: Vec<Value> = inner
        .work_crm
        .get(&auth.corpid)
        .map(|corp| {
            corp.kf
                .accounts
                .iter()
                .skip(offset)
                .take(limit)
                .map(|(open_kfid, account)| {
                    json!({
                        "open_kfid": open_kfid,
                        "name": account.name,
                        "avatar": account.avatar,
                        "manage_privilege": true,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    drop(inner);
    ok(json!({"errcode": errcode::OK, "errmsg": "ok", "account_list": accounts}))
}

/// `POST /cgi-bin/kf/add_contact_way`: the account's link, carrying the encoded `scene`;
/// 95004 for an unknown account, 40058 for a `scene` over 32 bytes or outside
/// `[0-9a-zA-Z_-]`.
async fn add_contact_way(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    kf_app(&auth)?;
    let scene = body.get("scene").and_then(Value::as_str).unwrap_or("");
    if scene.len() > MAX_SCENE_BYTES
        || !scene
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(crm_error(INVALID_PARAMETER));
    }
    let mut inner = state.lock();
    account(
        &mut inner.work_crm.corp(&auth.corpid).kf,
        text(&body, "open_kfid"),
    )
    .map_err(crm_error)?;
    drop(inner);
    let mut url = format!(
        "https://work.weixin.qq.com/kf/kfc{}",
        random_string(14).to_lowercase()
    );
    if !scene.is_empty() {
        url.push_str(&format!("?enc_scene=ENC{scene}"));
    }
    ok(json!({"errcode": errcode::OK, "errmsg": "ok", "url": url}))
}

/// `POST /cgi-bin/kf/send_msg`: 95004 for an unknown account, 40008 for an unknown
/// `msgtype` or one without its fields, 40058 for an empty text, 95018 when the customer never
/// wrote to the account. Answers the `msgid` (the caller's, or a new one).
async fn send_msg(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    kf_app(&auth)?;
    let msgtype = text(&body, "msgtype")
        .filter(|t| MSGTYPES.contains(t) && body.get(*t).is_some_and(Value::is_object))
        .ok_or_else(|| crm_error(errcode::INVALID_MESSAGE_TYPE))?;
    if msgtype == "text"
        && body
            .pointer("/text/content")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
    {
        return Err(crm_error(INVALID_PARAMETER));
    }
    let touser = text(&body, "touser").ok_or_else(|| crm_error(INVALID_PARAMETER))?;
    let mut inner = state.lock();
    let kf = &mut inner.work_crm.corp(&auth.corpid).kf;
    let open_kfid = text(&body, "open_kfid").unwrap_or_default();
    account(kf, Some(open_kfid)).map_err(crm_error)?;
    if !kf.in_session(open_kfid, touser) {
        return Err(crm_error(SESSION_STATUS_INVALID));
    }
    let msgid = text(&body, "msgid")
        .map(str::to_owned)
        .unwrap_or_else(|| random_string(32));
    let mut sent = body.clone();
    sent["msgid"] = json!(msgid);
    kf.record_sent(sent);
    drop(inner);
    ok(json!({"errcode": errcode::OK, "errmsg": "ok", "msgid": msgid}))
}

/// `POST /cgi-bin/kf/sync_msg`: customers' messages from `cursor` (all kept ones without),
/// of `open_kfid` when given, at most `limit` (capped at 1000); `next_cursor` reads on and
/// `has_more` says whether to. 95007 for a token over 128 bytes, 40058 for a bad cursor.
async fn sync_msg(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    kf_app(&auth)?;
    if body
        .get("token")
        .and_then(Value::as_str)
        .is_some_and(|token| token.len() > MAX_TOKEN_BYTES)
    {
        return Err(crm_error(INVALID_MSG_TOKEN));
    }
    let from = match text(&body, "cursor") {
        Some(cursor) => cursor
            .parse::<u64>()
            .map_err(|_| crm_error(INVALID_PARAMETER))?,
        None => 0,
    };
    let limit = number(&body, "limit")
        .filter(|l| *l > 0)
        .unwrap_or(MAX_SYNC)
        .min(MAX_SYNC) as usize;
    let open_kfid = text(&body, "open_kfid");
    let inner = state.lock();
    let waiting: Vec<&crate::state::work_crm::KfInbound> = inner
        .work_crm
        .get(&auth.corpid)
        .map(|corp| {
            corp.kf
                .inbox
                .iter()
                .filter(|m| m.seq >= from && open_kfid.is_none_or(|id| m.open_kfid == id))
                .collect()
        })
        .unwrap_or_default();
    let has_more = waiting.len() > limit;
    let page = &waiting[..waiting.len().min(limit)];
    let next_cursor = page.last().map_or(from, |m| m.seq + 1);
    let msg_list: Vec<Value> = page
        .iter()
        .map(|m| {
            json!({
                "msgid": m.msgid,
                "open_kfid": m.open_kfid,
                "external_userid": m.external_userid,
                "send_time": m.send_time,
                "origin": 3,
                "msgtype": "text",
                "text": {"content": m.content},
            })
        })
        .collect();
    drop(inner);
    ok(json!({
        "errcode": errcode::OK,
        "errmsg": "ok",
        "next_cursor": next_cursor.to_string(),
        "has_more": u8::from(has_more),
        "msg_list": msg_list,
    }))
}
