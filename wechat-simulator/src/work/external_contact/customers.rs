//! Customers: the members who follow them, their details, remarks, and welcome messages.

use axum::{extract::State, Router};
use serde_json::{json, Value};

use super::super::{
    credentials::WorkToken,
    crm::{
        crm_error, external_contact_app, number, strings, text, INVALID_EXTERNAL_USERID,
        INVALID_PARAMETER, INVALID_USERID, NOT_EXTERNAL_CONTACT, WELCOME_SENT,
    },
    get, ok, ok_empty, post, ApiResult, Params, WxJson,
};
use super::page;
use crate::{
    errcode,
    state::{
        work_crm::{CorpCrm, Customer, Follow},
        AppState,
    },
};

/// The most members `batch/get_by_user` takes, and the most customers a page holds.
const MAX_BATCH: usize = 100;
/// The customers a page of `batch/get_by_user` holds when `limit` is not given.
const DEFAULT_BATCH_LIMIT: u64 = 50;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/cgi-bin/externalcontact/get_follow_user_list",
            get(follow_users),
        )
        .route("/cgi-bin/externalcontact/list", get(list))
        .route("/cgi-bin/externalcontact/get", get(detail))
        .route(
            "/cgi-bin/externalcontact/batch/get_by_user",
            post(batch_get_by_user),
        )
        .route("/cgi-bin/externalcontact/remark", post(remark))
        .route(
            "/cgi-bin/externalcontact/send_welcome_msg",
            post(send_welcome_msg),
        )
}

/// The customer as `external_contact` writes it.
pub(super) fn customer_json(customer: &Customer) -> Value {
    let mut value = json!({
        "external_userid": customer.external_userid,
        "name": customer.name,
        "avatar": "http://wx.qlogo.cn/mmhead/simulated/0",
        "type": customer.kind,
        "gender": customer.gender,
    });
    if let Some(unionid) = &customer.unionid {
        value["unionid"] = json!(unionid);
    }
    value
}

/// What a member knows of a customer, as `follow_user` (`tags` with names) or `follow_info`
/// (`tag_id` only) writes it.
fn follow_json(corp: &CorpCrm, userid: &str, follow: &Follow, named_tags: bool) -> Value {
    let mut value = json!({
        "userid": userid,
        "remark": follow.remark,
        "description": follow.description,
        "createtime": follow.createtime,
        "remark_corp_name": follow.remark_corp_name,
        "remark_mobiles": follow.remark_mobiles,
        "add_way": follow.add_way,
        "oper_userid": userid,
    });
    if let Some(state) = &follow.state {
        value["state"] = json!(state);
    }
    if named_tags {
        let tags: Vec<Value> = follow
            .tag_ids
            .iter()
            .filter_map(|id| corp.find_tag(id))
            .map(|(group, tag)| {
                json!({
                    "group_name": corp.tag_groups[group].group_name,
                    "tag_name": tag.name,
                    "tag_id": tag.id,
                    "type": 1,
                })
            })
            .collect();
        value["tags"] = json!(tags);
    } else {
        value["tag_id"] = json!(follow.tag_ids);
    }
    value
}

/// The relation of `userid` to `external_userid`, or WeCom's errcode: 40096 an unknown
/// customer, 84061 a customer the member did not add.
pub(super) fn relation<'a>(
    corp: &'a mut CorpCrm,
    userid: &str,
    external_userid: &str,
) -> Result<&'a mut Follow, i64> {
    if !corp.customers.contains_key(external_userid) {
        return Err(INVALID_EXTERNAL_USERID);
    }
    corp.follows
        .get_mut(&(userid.to_owned(), external_userid.to_owned()))
        .ok_or(NOT_EXTERNAL_CONTACT)
}

/// `GET /cgi-bin/externalcontact/get_follow_user_list`: the members allowed to serve
/// customers.
async fn follow_users(State(state): State<AppState>, auth: WorkToken) -> ApiResult {
    external_contact_app(&auth)?;
    let inner = state.lock();
    let follow_user: Vec<String> = inner
        .work_crm
        .get(&auth.corpid)
        .map(|corp| corp.follow_users.iter().cloned().collect())
        .unwrap_or_default();
    drop(inner);
    ok(json!({"errcode": errcode::OK, "errmsg": "ok", "follow_user": follow_user}))
}

/// `GET /cgi-bin/externalcontact/list?userid`: the member's customers; 40003 for a member
/// not allowed to serve customers, 84061 for one without customers.
async fn list(State(state): State<AppState>, auth: WorkToken, params: Params) -> ApiResult {
    external_contact_app(&auth)?;
    let userid = params
        .get("userid")
        .ok_or_else(|| crm_error(INVALID_USERID))?;
    let mut inner = state.lock();
    let corp = inner.work_crm.corp(&auth.corpid);
    if !corp.follow_users.contains(userid) {
        return Err(crm_error(INVALID_USERID));
    }
    let external_userid: Vec<&String> = corp
        .follows
        .keys()
        .filter(|(member, _)| member == userid)
        .map(|(_, external)| external)
        .collect();
    if external_userid.is_empty() {
        return Err(crm_error(NOT_EXTERNAL_CONTACT));
    }
    let body = json!({"errcode": errcode::OK, "errmsg": "ok", "external_userid": external_userid});
    drop(inner);
    ok(body)
}

/// `GET /cgi-bin/externalcontact/get?external_userid`: the customer and every member who
/// added them (one page: the simulator's customers have fewer than 500); 40096 unknown.
async fn detail(State(state): State<AppState>, auth: WorkToken, params: Params) -> ApiResult {
    external_contact_app(&auth)?;
    let external_userid = params
        .get("external_userid")
        .ok_or_else(|| crm_error(INVALID_EXTERNAL_USERID))?;
    let mut inner = state.lock();
    let corp = inner.work_crm.corp(&auth.corpid);
    let customer = corp
        .customers
        .get(external_userid)
        .ok_or_else(|| crm_error(INVALID_EXTERNAL_USERID))?;
    let follow_user: Vec<Value> = corp
        .follows
        .iter()
        .filter(|((_, external), _)| external == external_userid)
        .map(|((userid, _), follow)| follow_json(corp, userid, follow, true))
        .collect();
    let body = json!({
        "errcode": errcode::OK,
        "errmsg": "ok",
        "external_contact": customer_json(customer),
        "follow_user": follow_user,
        "next_cursor": "",
    });
    drop(inner);
    ok(body)
}

/// `POST /cgi-bin/externalcontact/batch/get_by_user`: one entry per (member, customer) of the
/// members listed, paged by `cursor`; `limit` defaults to 50 and is capped at 100. 40058 for
/// an empty or too long list or a bad cursor, 40003 for a member not allowed to serve
/// customers.
async fn batch_get_by_user(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    external_contact_app(&auth)?;
    let userids = strings(&body, "userid_list")?;
    if userids.is_empty() || userids.len() > MAX_BATCH {
        return Err(crm_error(INVALID_PARAMETER));
    }
    let limit = number(&body, "limit")
        .filter(|limit| *limit > 0)
        .unwrap_or(DEFAULT_BATCH_LIMIT)
        .min(MAX_BATCH as u64) as usize;
    let cursor = text(&body, "cursor").unwrap_or("");
    let mut inner = state.lock();
    let corp = inner.work_crm.corp(&auth.corpid);
    if userids.iter().any(|u| !corp.follow_users.contains(u)) {
        return Err(crm_error(INVALID_USERID));
    }
    let pairs: Vec<(String, String)> = corp
        .follows
        .keys()
        .filter(|(userid, _)| userids.contains(userid))
        .cloned()
        .collect();
    let (pairs, next_cursor) =
        page(&pairs, cursor, limit).map_err(|()| crm_error(INVALID_PARAMETER))?;
    let list: Vec<Value> = pairs
        .iter()
        .map(|key| {
            json!({
                "external_contact": customer_json(&corp.customers[&key.1]),
                "follow_info": follow_json(corp, &key.0, &corp.follows[key], false),
            })
        })
        .collect();
    let answer = json!({
        "errcode": errcode::OK,
        "errmsg": "ok",
        "external_contact_list": list,
        "next_cursor": next_cursor,
    });
    drop(inner);
    ok(answer)
}

/// `POST /cgi-bin/externalcontact/remark`: sets what is given (`remark_mobiles: [""]`
/// clears the numbers); 40096 / 84061 for no such relation, 40058 when nothing is given.
async fn remark(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    external_contact_app(&auth)?;
    let userid = text(&body, "userid").ok_or_else(|| crm_error(INVALID_USERID))?;
    let external_userid =
        text(&body, "external_userid").ok_or_else(|| crm_error(INVALID_EXTERNAL_USERID))?;
    let fields = [
        "remark",
        "description",
        "remark_company",
        "remark_mobiles",
        "remark_pic_mediaid",
    ];
    if fields.iter().all(|field| body.get(field).is_none()) {
        return Err(crm_error(INVALID_PARAMETER));
    }
    let mobiles = strings(&body, "remark_mobiles")?;
    let mut inner = state.lock();
    let follow =
        relation(inner.work_crm.corp(&auth.corpid), userid, external_userid).map_err(crm_error)?;
    if let Some(remark) = body.get("remark").and_then(Value::as_str) {
        follow.remark = remark.to_owned();
    }
    if let Some(description) = body.get("description").and_then(Value::as_str) {
        follow.description = description.to_owned();
    }
    if let Some(company) = body.get("remark_company").and_then(Value::as_str) {
        follow.remark_corp_name = company.to_owned();
    }
    if body.get("remark_mobiles").is_some() {
        follow.remark_mobiles = mobiles.into_iter().filter(|m| !m.is_empty()).collect();
    }
    drop(inner);
    ok_empty()
}

/// `POST /cgi-bin/externalcontact/send_welcome_msg`: spends the welcome code of an added
/// customer (40058 unknown, 41051 already spent); a text or 1 to 9 attachments (40058
/// otherwise). The message is kept for `Simulator::welcome_messages`.
async fn send_welcome_msg(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    external_contact_app(&auth)?;
    let code = text(&body, "welcome_code").ok_or_else(|| crm_error(INVALID_PARAMETER))?;
    let has_text = body
        .pointer("/text/content")
        .and_then(Value::as_str)
        .is_some_and(|content| !content.is_empty());
    let attachments = body
        .get("attachments")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    if (!has_text && attachments == 0) || attachments > 9 {
        return Err(crm_error(INVALID_PARAMETER));
    }
    let mut inner = state.lock();
    let corp = inner.work_crm.corp(&auth.corpid);
    corp.spend_welcome_code(code).map_err(|spent| {
        crm_error(if spent {
            WELCOME_SENT
        } else {
            INVALID_PARAMETER
        })
    })?;
    crate::state::push_bounded(
        &mut corp.welcomes,
        body,
        crate::state::work_crm::MAX_WELCOME_CODES,
    );
    drop(inner);
    ok_empty()
}
