//! Members: create, read, change, delete, list; id conversions; invitations.

use axum::extract::State;
use serde_json::{json, Map, Value};

use super::{number, object, open_userid_of, openid_of, require_contacts, text};
use crate::{
    state::{
        work_contacts::{CorpContacts, MAX_MEMBERS},
        AppState,
    },
    work::{
        codes::*,
        credentials::WorkToken,
        {ok, ApiResult, Params, WxJson},
    },
    wx_error::WxError,
};

/// A userid WeCom accepts: 1 to 64 bytes of letters, digits and `_-@.`, starting with a
/// letter or digit.
fn check_userid(userid: &str) -> Result<(), WxError> {
    let starts_well = userid
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let chars_ok = userid
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "_-@.".contains(c));
    if userid.len() > 64 || !starts_well || !chars_ok {
        return Err(wecom_error(INVALID_USERID));
    }
    Ok(())
}

fn check_name(name: &str) -> Result<(), WxError> {
    let chars = name.chars().count();
    if name.trim().is_empty() || chars > 64 {
        return Err(wecom_error(INVALID_NAME));
    }
    Ok(())
}

/// The departments of a body: 1 to 100 known ids (60127 when absent, 60123 otherwise).
fn check_departments(corp: &CorpContacts, departments: &Value) -> Result<(), WxError> {
    let ids = departments
        .as_array()
        .filter(|ids| !ids.is_empty())
        .ok_or_else(|| wecom_error(DEPARTMENT_MISSING))?;
    if ids.len() > 100 {
        return Err(wecom_error(INVALID_PARTY_ID));
    }
    for id in ids {
        match number(Some(id)) {
            Some(id) if corp.departments.contains_key(&id) => {}
            _ => return Err(wecom_error(INVALID_PARTY_ID)),
        }
    }
    Ok(())
}

/// 60104 / 60106 when another member than `userid` has the mobile or email of `body`.
fn check_unique(
    corp: &CorpContacts,
    userid: &str,
    body: &Map<String, Value>,
) -> Result<(), WxError> {
    let me = userid.to_lowercase();
    for (field, code) in [("mobile", MOBILE_EXISTS), ("email", EMAIL_EXISTS)] {
        if let Some(value) = text(body, field) {
            let taken = corp
                .members
                .iter()
                .any(|(other, member)| *other != me && text(member, field) == Some(value));
            if taken {
                return Err(wecom_error(code));
            }
        }
    }
    Ok(())
}

/// `enable` as WeCom reports it: `status` 2 when disabled, else 4 (not yet active: nobody
/// logs in to the simulator).
fn apply_enable(member: &mut Map<String, Value>) {
    let disabled = member.get("enable").and_then(Value::as_u64) == Some(0);
    member.insert("status".into(), if disabled { 2 } else { 4 }.into());
}

/// A member as `user/get` and `user/list` answer it.
fn member_json(corpid: &str, member: &Map<String, Value>) -> Value {
    let mut out = member.clone();
    out.remove("enable");
    let userid = text(member, "userid").unwrap_or_default().to_owned();
    let departments = CorpContacts::departments_of(member);
    let zeros = vec![0; departments.len()];
    for (key, default) in [
        ("order", json!(zeros)),
        ("is_leader_in_dept", json!(zeros)),
        ("direct_leader", json!([])),
        (
            "main_department",
            json!(departments.first().copied().unwrap_or(1)),
        ),
        ("position", json!("")),
        ("mobile", json!("")),
        ("gender", json!("0")),
        ("email", json!("")),
        ("avatar", json!("")),
        ("thumb_avatar", json!("")),
        ("telephone", json!("")),
        ("alias", json!("")),
        ("address", json!("")),
        ("open_userid", json!(open_userid_of(corpid, &userid))),
    ] {
        out.entry(key).or_insert(default);
    }
    Value::Object(out)
}

fn brief_json(corpid: &str, member: &Map<String, Value>) -> Value {
    let userid = text(member, "userid").unwrap_or_default();
    json!({
        "userid": userid,
        "name": text(member, "name").unwrap_or_default(),
        "department": CorpContacts::departments_of(member),
        "open_userid": open_userid_of(corpid, userid),
    })
}

fn done(errmsg: &str) -> ApiResult {
    ok(json!({ "errcode": 0, "errmsg": errmsg }))
}

/// `POST /cgi-bin/user/create`. 41009 no userid, 40003 a malformed one, 60112 a bad name,
/// 60127 no department, 60123 an unknown one, 60129 neither mobile nor email, 60102 the userid
/// exists, 60104 / 60106 the mobile / email is another member's.
pub(super) async fn create(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    require_contacts(&auth)?;
    let mut body = object(body)?;
    let userid = text(&body, "userid")
        .ok_or_else(|| wecom_error(USERID_MISSING))?
        .to_owned();
    check_userid(&userid)?;
    check_name(text(&body, "name").unwrap_or_default())?;
    let mut inner = state.lock();
    let corp = inner.work_contacts.corp(&auth.corpid);
    check_departments(corp, body.get("department").unwrap_or(&Value::Null))?;
    if text(&body, "mobile").is_none() && text(&body, "email").is_none() {
        return Err(wecom_error(MOBILE_AND_EMAIL_EMPTY));
    }
    if corp.member(&userid).is_some() {
        return Err(wecom_error(USERID_EXISTS));
    }
    check_unique(corp, &userid, &body)?;
    if corp.members.len() >= MAX_MEMBERS {
        return Err(wecom_error(INVALID_PARAMETER));
    }
    body.remove("to_invite");
    body.remove("new_userid");
    apply_enable(&mut body);
    corp.members.insert(userid.to_lowercase(), body);
    done("created")
}

/// `GET /cgi-bin/user/get?userid=`. 41009 no userid, 60111 no such member.
pub(super) async fn read(
    State(state): State<AppState>,
    auth: WorkToken,
    params: Params,
) -> ApiResult {
    let userid = params
        .get("userid")
        .ok_or_else(|| wecom_error(USERID_MISSING))?;
    let inner = state.lock();
    let member = inner
        .work_contacts
        .get(&auth.corpid)
        .and_then(|corp| corp.member(userid))
        .ok_or_else(|| wecom_error(USERID_NOT_FOUND))?;
    let mut answer = member_json(&auth.corpid, member);
    answer["errcode"] = 0.into();
    answer["errmsg"] = "ok".into();
    ok(answer)
}

/// `POST /cgi-bin/user/update`: the fields given replace the member's. 60111 no such member,
/// 60102 a `new_userid` that exists, and the checks of a creation for the fields given.
pub(super) async fn update(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    require_contacts(&auth)?;
    let mut body = object(body)?;
    let userid = text(&body, "userid")
        .ok_or_else(|| wecom_error(USERID_MISSING))?
        .to_owned();
    if body.contains_key("name") {
        check_name(text(&body, "name").unwrap_or_default())?;
    }
    let mut inner = state.lock();
    let corp = inner.work_contacts.corp(&auth.corpid);
    if corp.member(&userid).is_none() {
        return Err(wecom_error(USERID_NOT_FOUND));
    }
    if let Some(departments) = body.get("department") {
        check_departments(corp, departments)?;
    }
    check_unique(corp, &userid, &body)?;
    let new_userid = match text(&body, "new_userid") {
        Some(new_userid) if !new_userid.eq_ignore_ascii_case(&userid) => {
            check_userid(new_userid)?;
            if corp.member(new_userid).is_some() {
                return Err(wecom_error(USERID_EXISTS));
            }
            Some(new_userid.to_owned())
        }
        _ => None,
    };
    body.remove("new_userid");
    body.remove("to_invite");
    body.remove("userid");
    let mut member = corp
        .members
        .remove(&userid.to_lowercase())
        .unwrap_or_default();
    member.extend(body);
    if let Some(new_userid) = new_userid {
        member.insert("userid".into(), new_userid.clone().into());
        for tag in corp.tags.values_mut() {
            if tag.users.remove(&userid.to_lowercase()) {
                tag.users.insert(new_userid.to_lowercase());
            }
        }
    }
    apply_enable(&mut member);
    let key = text(&member, "userid").unwrap_or(&userid).to_lowercase();
    corp.members.insert(key, member);
    done("updated")
}

/// `GET /cgi-bin/user/delete?userid=`. 60111 no such member.
pub(super) async fn delete(
    State(state): State<AppState>,
    auth: WorkToken,
    params: Params,
) -> ApiResult {
    require_contacts(&auth)?;
    let userid = params
        .get("userid")
        .ok_or_else(|| wecom_error(USERID_MISSING))?;
    let mut inner = state.lock();
    if !inner.work_contacts.corp(&auth.corpid).remove_member(userid) {
        return Err(wecom_error(USERID_NOT_FOUND));
    }
    done("deleted")
}

/// `POST /cgi-bin/user/batchdelete`: 1 to 200 userids, all deleted or none (40031 a list out
/// of range, 60111 an unknown member).
pub(super) async fn batch_delete(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    require_contacts(&auth)?;
    let userids: Vec<String> = body["useridlist"]
        .as_array()
        .map(|ids| {
            ids.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    if userids.is_empty() || userids.len() > 200 {
        return Err(wecom_error(INVALID_USERID_LIST));
    }
    let mut inner = state.lock();
    let corp = inner.work_contacts.corp(&auth.corpid);
    if userids.iter().any(|userid| corp.member(userid).is_none()) {
        return Err(wecom_error(USERID_NOT_FOUND));
    }
    for userid in &userids {
        corp.remove_member(userid);
    }
    done("deleted")
}

fn department_param(params: &Params) -> Result<u32, WxError> {
    params
        .get("department_id")
        .and_then(|id| id.parse().ok())
        .ok_or_else(|| wecom_error(INVALID_PARTY_ID))
}

/// `GET /cgi-bin/user/simplelist?department_id=`: the department's own members. 60123 an
/// unknown department.
pub(super) async fn simple_list(
    State(state): State<AppState>,
    auth: WorkToken,
    params: Params,
) -> ApiResult {
    department_members(&state, &auth, &params, brief_json)
}

/// `GET /cgi-bin/user/list?department_id=`: the department's own members in full.
pub(super) async fn list(
    State(state): State<AppState>,
    auth: WorkToken,
    params: Params,
) -> ApiResult {
    department_members(&state, &auth, &params, member_json)
}

/// The members of the department `department_id`, each shown by `show`.
fn department_members(
    state: &AppState,
    auth: &WorkToken,
    params: &Params,
    show: fn(&str, &Map<String, Value>) -> Value,
) -> ApiResult {
    let id = department_param(params)?;
    let mut inner = state.lock();
    let corp = inner.work_contacts.corp(&auth.corpid);
    if !corp.departments.contains_key(&id) {
        return Err(wecom_error(INVALID_PARTY_ID));
    }
    let userlist: Vec<Value> = corp
        .members_in(id)
        .into_iter()
        .map(|member| show(&auth.corpid, member))
        .collect();
    ok(json!({ "errcode": 0, "errmsg": "ok", "userlist": userlist }))
}

/// `POST /cgi-bin/user/convert_to_openid`: a stable openid per member. 60111 no such member.
pub(super) async fn to_openid(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let body = object(body)?;
    let userid = text(&body, "userid").ok_or_else(|| wecom_error(USERID_MISSING))?;
    let inner = state.lock();
    let member = inner
        .work_contacts
        .get(&auth.corpid)
        .and_then(|corp| corp.member(userid))
        .ok_or_else(|| wecom_error(USERID_NOT_FOUND))?;
    let userid = text(member, "userid").unwrap_or(userid);
    ok(json!({ "errcode": 0, "errmsg": "ok", "openid": openid_of(&auth.corpid, userid) }))
}

/// `POST /cgi-bin/user/convert_to_userid`: the member of an openid of `convert_to_openid`.
/// 40003 an openid of no member.
pub(super) async fn to_userid(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let body = object(body)?;
    let openid = text(&body, "openid").ok_or_else(|| wecom_error(INVALID_USERID))?;
    let inner = state.lock();
    let userid = inner
        .work_contacts
        .get(&auth.corpid)
        .and_then(|corp| {
            corp.members
                .values()
                .filter_map(|member| text(member, "userid"))
                .find(|userid| openid_of(&auth.corpid, userid) == openid)
        })
        .ok_or_else(|| wecom_error(INVALID_USERID))?;
    ok(json!({ "errcode": 0, "errmsg": "ok", "userid": userid }))
}

/// `POST /cgi-bin/user/getuserid`: the member with this mobile. 46004 none.
pub(super) async fn by_mobile(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let body = object(body)?;
    let mobile = text(&body, "mobile").ok_or_else(|| wecom_error(INVALID_PARAMETER))?;
    let inner = state.lock();
    let userid = inner
        .work_contacts
        .get(&auth.corpid)
        .and_then(|corp| {
            corp.members
                .values()
                .find(|member| text(member, "mobile") == Some(mobile))
                .and_then(|member| text(member, "userid"))
        })
        .ok_or_else(|| wecom_error(USER_NO_EXIST))?;
    ok(json!({ "errcode": 0, "errmsg": "ok", "userid": userid }))
}

/// `POST /cgi-bin/batch/invite`: the ids that exist are invited, the others come back
/// (81013 when none exists; 40058 when none is given or a list is too long).
pub(super) async fn invite(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let list = |key: &str| body[key].as_array().cloned().unwrap_or_default();
    let (users, parties, tags) = (list("user"), list("party"), list("tag"));
    if (users.is_empty() && parties.is_empty() && tags.is_empty())
        || users.len() > 1000
        || parties.len() > 100
        || tags.len() > 100
    {
        return Err(wecom_error(INVALID_PARAMETER));
    }
    let mut inner = state.lock();
    let corp = inner.work_contacts.corp(&auth.corpid);
    let invalid_users: Vec<&Value> = users
        .iter()
        .filter(|user| user.as_str().and_then(|u| corp.member(u)).is_none())
        .collect();
    let invalid_parties: Vec<&Value> = parties
        .iter()
        .filter(|id| number(Some(id)).is_none_or(|id| !corp.departments.contains_key(&id)))
        .collect();
    let invalid_tags: Vec<&Value> = tags
        .iter()
        .filter(|id| number(Some(id)).is_none_or(|id| !corp.tags.contains_key(&id)))
        .collect();
    if invalid_users.len() + invalid_parties.len() + invalid_tags.len()
        == users.len() + parties.len() + tags.len()
    {
        return Err(wecom_error(ALL_RECIPIENTS_INVALID));
    }
    let mut answer = json!({ "errcode": 0, "errmsg": "ok" });
    for (key, invalid) in [
        ("invaliduser", invalid_users),
        ("invalidparty", invalid_parties),
        ("invalidtag", invalid_tags),
    ] {
        if !invalid.is_empty() {
            answer[key] = json!(invalid);
        }
    }
    ok(answer)
}
