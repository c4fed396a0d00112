//! Departments: create, change, delete, list, read one.

use axum::extract::State;
use serde_json::{json, Map, Value};

use super::{number, object, require_contacts, text};
use crate::{
    state::{
        work_contacts::{CorpContacts, Department, MAX_DEPARTMENTS},
        AppState,
    },
    work::{
        codes::*,
        credentials::WorkToken,
        {ok, ApiResult, Params, WxJson},
    },
    wx_error::WxError,
};

/// A department name: 1 to 64 characters (60001), none of `\:*?"<>|` (60009).
fn check_name(name: &str) -> Result<(), WxError> {
    if name.trim().is_empty() || name.chars().count() > 64 {
        return Err(wecom_error(DEPARTMENT_NAME_LENGTH));
    }
    if name.chars().any(|c| "\\:*?\"<>|".contains(c)) {
        return Err(wecom_error(DEPARTMENT_NAME_CHARS));
    }
    Ok(())
}

/// 60008 when a sibling under `parentid` other than `id` has `name`.
fn check_sibling_name(
    corp: &CorpContacts,
    id: u32,
    parentid: u32,
    name: &str,
) -> Result<(), WxError> {
    let taken = corp
        .departments
        .values()
        .any(|d| d.id != id && d.parentid == parentid && d.name == name);
    if taken {
        return Err(wecom_error(DEPARTMENT_EXISTS));
    }
    Ok(())
}

fn department_json(corp: &CorpContacts, department: &Department) -> Value {
    json!({
        "id": department.id,
        "name": department.name,
        "name_en": department.name_en,
        "department_leader": corp.leaders_of(department.id),
        "parentid": department.parentid,
        "order": department.order,
    })
}

fn name_en(body: &Map<String, Value>) -> Result<Option<String>, WxError> {
    match text(body, "name_en") {
        Some(name_en) => {
            check_name(name_en)?;
            Ok(Some(name_en.to_owned()))
        }
        None => Ok(None),
    }
}

/// `POST /cgi-bin/department/create`: answers the new id (one above the largest unless
/// given). 60001 / 60009 a bad name, 60004 an unknown parent, 60008 the id or the name under
/// the parent exists, 60123 an id of 1 or less.
pub(super) async fn create(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    require_contacts(&auth)?;
    let body = object(body)?;
    let name = text(&body, "name").unwrap_or_default().to_owned();
    check_name(&name)?;
    let name_en = name_en(&body)?;
    let mut inner = state.lock();
    let corp = inner.work_contacts.corp(&auth.corpid);
    let parentid = number(body.get("parentid"))
        .filter(|id| corp.departments.contains_key(id))
        .ok_or_else(|| wecom_error(PARENT_NOT_FOUND))?;
    let id = match body.get("id") {
        None | Some(Value::Null) => corp.next_department_id(),
        Some(id) => {
            let id = number(Some(id))
                .filter(|id| *id > 1)
                .ok_or_else(|| wecom_error(INVALID_PARTY_ID))?;
            if corp.departments.contains_key(&id) {
                return Err(wecom_error(DEPARTMENT_EXISTS));
            }
            id
        }
    };
    check_sibling_name(corp, id, parentid, &name)?;
    if corp.departments.len() >= MAX_DEPARTMENTS {
        return Err(wecom_error(INVALID_PARAMETER));
    }
    let department = Department {
        id,
        name,
        name_en: name_en.unwrap_or_default(),
        parentid,
        order: number(body.get("order")).unwrap_or(0),
    };
    corp.departments.insert(id, department);
    ok(json!({ "errcode": 0, "errmsg": "created", "id": id }))
}

/// `POST /cgi-bin/department/update`: the fields given change. 60123 an unknown id, 60004 an
/// unknown parent, 60010 a parent under the department itself, 60008 a sibling's name.
pub(super) async fn update(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    require_contacts(&auth)?;
    let body = object(body)?;
    if body.contains_key("name") {
        check_name(text(&body, "name").unwrap_or_default())?;
    }
    let name_en = name_en(&body)?;
    let mut inner = state.lock();
    let corp = inner.work_contacts.corp(&auth.corpid);
    let id = number(body.get("id"))
        .filter(|id| corp.departments.contains_key(id))
        .ok_or_else(|| wecom_error(INVALID_PARTY_ID))?;
    let mut department = corp.departments[&id].clone();
    if let Some(parentid) = body.get("parentid") {
        let parentid = number(Some(parentid))
            .filter(|parent| corp.departments.contains_key(parent))
            .ok_or_else(|| wecom_error(PARENT_NOT_FOUND))?;
        if id == 1 || corp.is_within(parentid, id) {
            return Err(wecom_error(DEPARTMENT_LOOP));
        }
        department.parentid = parentid;
    }
    if let Some(name) = text(&body, "name") {
        department.name = name.to_owned();
    }
    if let Some(name_en) = name_en {
        department.name_en = name_en;
    }
    if let Some(order) = number(body.get("order")) {
        department.order = order;
    }
    check_sibling_name(corp, id, department.parentid, &department.name)?;
    corp.departments.insert(id, department);
    ok(json!({ "errcode": 0, "errmsg": "updated" }))
}

fn id_param(params: &Params) -> Result<Option<u32>, WxError> {
    match params.get("id") {
        None => Ok(None),
        Some(id) => id
            .parse()
            .map(Some)
            .map_err(|_| wecom_error(INVALID_PARTY_ID)),
    }
}

/// `GET /cgi-bin/department/delete?id=`. 60123 an unknown id, 60007 the root, 60006 a
/// department with sub-departments, 60005 one with members.
pub(super) async fn delete(
    State(state): State<AppState>,
    auth: WorkToken,
    params: Params,
) -> ApiResult {
    require_contacts(&auth)?;
    let mut inner = state.lock();
    let corp = inner.work_contacts.corp(&auth.corpid);
    let id = id_param(&params)?
        .filter(|id| corp.departments.contains_key(id))
        .ok_or_else(|| wecom_error(INVALID_PARTY_ID))?;
    if id == 1 {
        return Err(wecom_error(ROOT_UNDELETABLE));
    }
    if corp.departments.values().any(|d| d.parentid == id) {
        return Err(wecom_error(DEPARTMENT_HAS_CHILDREN));
    }
    if !corp.members_in(id).is_empty() {
        return Err(wecom_error(DEPARTMENT_HAS_MEMBERS));
    }
    corp.departments.remove(&id);
    for tag in corp.tags.values_mut() {
        tag.parties.remove(&id);
    }
    ok(json!({ "errcode": 0, "errmsg": "deleted" }))
}

/// The department `id` (the root when absent) and its subtree, or 60123.
fn subtree<'a>(corp: &'a CorpContacts, params: &Params) -> Result<Vec<&'a Department>, WxError> {
    let id = id_param(params)?.unwrap_or(1);
    if !corp.departments.contains_key(&id) {
        return Err(wecom_error(INVALID_PARTY_ID));
    }
    Ok(corp.subtree(id))
}

/// `GET /cgi-bin/department/list[?id=]`: the department and all below it.
pub(super) async fn list(
    State(state): State<AppState>,
    auth: WorkToken,
    params: Params,
) -> ApiResult {
    let mut inner = state.lock();
    let corp = inner.work_contacts.corp(&auth.corpid);
    let department: Vec<Value> = subtree(corp, &params)?
        .into_iter()
        .map(|d| department_json(corp, d))
        .collect();
    ok(json!({ "errcode": 0, "errmsg": "ok", "department": department }))
}

/// `GET /cgi-bin/department/simplelist[?id=]`: the ids of the department and all below it.
pub(super) async fn simple_list(
    State(state): State<AppState>,
    auth: WorkToken,
    params: Params,
) -> ApiResult {
    let mut inner = state.lock();
    let corp = inner.work_contacts.corp(&auth.corpid);
    let ids: Vec<Value> = subtree(corp, &params)?
        .into_iter()
        .map(|d| json!({ "id": d.id, "parentid": d.parentid, "order": d.order }))
        .collect();
    ok(json!({ "errcode": 0, "errmsg": "ok", "department_id": ids }))
}

/// `GET /cgi-bin/department/get?id=`. 60123 an unknown or missing id.
pub(super) async fn read(
    State(state): State<AppState>,
    auth: WorkToken,
    params: Params,
) -> ApiResult {
    let mut inner = state.lock();
    let corp = inner.work_contacts.corp(&auth.corpid);
    let department = id_param(&params)?
        .and_then(|id| corp.departments.get(&id))
        .ok_or_else(|| wecom_error(INVALID_PARTY_ID))?;
    ok(json!({ "errcode": 0, "errmsg": "ok", "department": department_json(corp, department) }))
}
