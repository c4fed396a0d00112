//! Contact tags: create, rename, delete, read, change members, list.

use axum::extract::State;
use serde_json::{json, Map, Value};

use super::{number, object, text};
use crate::{
    state::{
        work::WorkAppId,
        work_contacts::{ContactTag, CorpContacts, MAX_TAGS},
        AppState,
    },
    work::{
        codes::*,
        credentials::WorkToken,
        {ok, ApiResult, Params, WxJson},
    },
    wx_error::WxError,
};

/// A tag name: 1 to 32 characters (40072).
fn check_name(name: &str) -> Result<(), WxError> {
    if name.trim().is_empty() || name.chars().count() > 32 {
        return Err(wecom_error(INVALID_TAG_NAME));
    }
    Ok(())
}

/// 40071 when a tag other than `tagid` has `name`.
fn check_unique(corp: &CorpContacts, tagid: Option<u32>, name: &str) -> Result<(), WxError> {
    if corp
        .tags
        .iter()
        .any(|(id, tag)| Some(*id) != tagid && tag.name == name)
    {
        return Err(wecom_error(TAG_NAME_EXISTS));
    }
    Ok(())
}

/// The tag `tagid` if the token's app may change it: 40068 unknown, 60011 another app's.
fn own_tag<'a>(
    corp: &'a mut CorpContacts,
    tagid: Option<u32>,
    auth: &WorkToken,
) -> Result<&'a mut ContactTag, WxError> {
    let tag = tagid
        .and_then(|id| corp.tags.get_mut(&id))
        .ok_or_else(|| wecom_error(INVALID_TAGID))?;
    if tag.owner != auth.app && auth.app != WorkAppId::Contacts {
        return Err(wecom_error(NO_PRIVILEGE));
    }
    Ok(tag)
}

/// `POST /cgi-bin/tag/create`: the tag belongs to the token's app. 40072 a bad name, 40071 a
/// name taken, 40068 a `tagid` taken.
pub(super) async fn create(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let body = object(body)?;
    let name = text(&body, "tagname").unwrap_or_default().to_owned();
    check_name(&name)?;
    let mut inner = state.lock();
    let corp = inner.work_contacts.corp(&auth.corpid);
    check_unique(corp, None, &name)?;
    let tagid = match body.get("tagid") {
        None | Some(Value::Null) => corp.next_tag_id(),
        Some(id) => number(Some(id))
            .filter(|id| !corp.tags.contains_key(id))
            .ok_or_else(|| wecom_error(INVALID_TAGID))?,
    };
    if corp.tags.len() >= MAX_TAGS {
        return Err(wecom_error(INVALID_PARAMETER));
    }
    corp.tags.insert(
        tagid,
        ContactTag {
            name,
            owner: auth.app,
            users: Default::default(),
            parties: Default::default(),
        },
    );
    ok(json!({ "errcode": 0, "errmsg": "created", "tagid": tagid }))
}

/// `POST /cgi-bin/tag/update`: renames. 40068 unknown, 60011 another app's, 40072 / 40071.
pub(super) async fn update(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let body = object(body)?;
    let name = text(&body, "tagname").unwrap_or_default().to_owned();
    let tagid = number(body.get("tagid"));
    let mut inner = state.lock();
    let corp = inner.work_contacts.corp(&auth.corpid);
    own_tag(corp, tagid, &auth)?;
    check_name(&name)?;
    check_unique(corp, tagid, &name)?;
    own_tag(corp, tagid, &auth)?.name = name;
    ok(json!({ "errcode": 0, "errmsg": "updated" }))
}

/// `GET /cgi-bin/tag/delete?tagid=`. 40068 unknown, 60011 another app's.
pub(super) async fn delete(
    State(state): State<AppState>,
    auth: WorkToken,
    params: Params,
) -> ApiResult {
    let tagid = params.get("tagid").and_then(|id| id.parse().ok());
    let mut inner = state.lock();
    let corp = inner.work_contacts.corp(&auth.corpid);
    own_tag(corp, tagid, &auth)?;
    if let Some(tagid) = tagid {
        corp.tags.remove(&tagid);
    }
    ok(json!({ "errcode": 0, "errmsg": "deleted" }))
}

/// `GET /cgi-bin/tag/get?tagid=`: the name, the members (userid and name), the departments.
pub(super) async fn read(
    State(state): State<AppState>,
    auth: WorkToken,
    params: Params,
) -> ApiResult {
    let tagid: Option<u32> = params.get("tagid").and_then(|id| id.parse().ok());
    let mut inner = state.lock();
    let corp = inner.work_contacts.corp(&auth.corpid);
    let tag = tagid
        .and_then(|id| corp.tags.get(&id))
        .ok_or_else(|| wecom_error(INVALID_TAGID))?;
    let userlist: Vec<Value> = tag
        .users
        .iter()
        .filter_map(|userid| corp.member(userid))
        .map(|member| {
            json!({
                "userid": text(member, "userid").unwrap_or_default(),
                "name": text(member, "name").unwrap_or_default(),
            })
        })
        .collect();
    ok(json!({
        "errcode": 0, "errmsg": "ok", "tagname": tag.name,
        "userlist": userlist, "partylist": tag.parties,
    }))
}

/// The members (lowercase userids) and departments of a tag change that exist, and those
/// that do not (userids as sent).
struct Sorted {
    users: Vec<String>,
    parties: Vec<u32>,
    invalid_users: Vec<String>,
    invalid_parties: Vec<Value>,
}

fn sort(corp: &CorpContacts, body: &Map<String, Value>) -> Result<Sorted, WxError> {
    let users = body
        .get("userlist")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let parties = body
        .get("partylist")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if (users.is_empty() && parties.is_empty()) || users.len() > 1000 || parties.len() > 100 {
        return Err(wecom_error(INVALID_PARAMETER));
    }
    let mut sorted = Sorted {
        users: Vec::new(),
        parties: Vec::new(),
        invalid_users: Vec::new(),
        invalid_parties: Vec::new(),
    };
    for user in users {
        match user.as_str().filter(|u| corp.member(u).is_some()) {
            Some(userid) => sorted.users.push(userid.to_lowercase()),
            None => sorted.invalid_users.push(
                user.as_str()
                    .map_or_else(|| user.to_string(), str::to_owned),
            ),
        }
    }
    for party in parties {
        match number(Some(&party)).filter(|id| corp.departments.contains_key(id)) {
            Some(id) => sorted.parties.push(id),
            None => sorted.invalid_parties.push(party),
        }
    }
    Ok(sorted)
}

fn change_answer(errmsg: &str, sorted: Sorted) -> ApiResult {
    let mut answer = json!({ "errcode": 0, "errmsg": errmsg });
    if !sorted.invalid_users.is_empty() {
        answer["invalidlist"] = sorted.invalid_users.join("|").into();
    }
    if !sorted.invalid_parties.is_empty() {
        answer["invalidparty"] = sorted.invalid_parties.into();
    }
    ok(answer)
}

/// `POST /cgi-bin/tag/addtagusers`: tags the members and departments that exist; the others
/// come back in `invalidlist` (`a|b`) and `invalidparty`. 40070 when none exists.
pub(super) async fn add_members(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let body = object(body)?;
    let mut inner = state.lock();
    let corp = inner.work_contacts.corp(&auth.corpid);
    own_tag(corp, number(body.get("tagid")), &auth)?;
    let sorted = sort(corp, &body)?;
    if sorted.users.is_empty() && sorted.parties.is_empty() {
        return Err(wecom_error(ALL_LIST_INVALID));
    }
    let tag = own_tag(corp, number(body.get("tagid")), &auth)?;
    tag.users.extend(sorted.users.iter().cloned());
    tag.parties.extend(sorted.parties.iter().copied());
    change_answer("ok", sorted)
}

/// `POST /cgi-bin/tag/deltagusers`: untags them; 40031 when none exists.
pub(super) async fn remove_members(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let body = object(body)?;
    let mut inner = state.lock();
    let corp = inner.work_contacts.corp(&auth.corpid);
    own_tag(corp, number(body.get("tagid")), &auth)?;
    let sorted = sort(corp, &body)?;
    if sorted.users.is_empty() && sorted.parties.is_empty() {
        return Err(wecom_error(INVALID_USERID_LIST));
    }
    let tag = own_tag(corp, number(body.get("tagid")), &auth)?;
    for userid in &sorted.users {
        tag.users.remove(userid);
    }
    for party in &sorted.parties {
        tag.parties.remove(party);
    }
    change_answer("deleted", sorted)
}

/// `GET /cgi-bin/tag/list`: every tag of the corp.
pub(super) async fn list(State(state): State<AppState>, auth: WorkToken) -> ApiResult {
    let inner = state.lock();
    let taglist: Vec<Value> = inner
        .work_contacts
        .get(&auth.corpid)
        .map(|corp| {
            corp.tags
                .iter()
                .map(|(id, tag)| json!({ "tagid": id, "tagname": tag.name }))
                .collect()
        })
        .unwrap_or_default();
    ok(json!({ "errcode": 0, "errmsg": "ok", "taglist": taglist }))
}
