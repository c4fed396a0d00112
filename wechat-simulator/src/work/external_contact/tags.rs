//! Corp customer tags: groups and tags, and the tags members put on customers.

use axum::{extract::State, Router};
use serde_json::{json, Value};

use super::super::{
    credentials::WorkToken,
    crm::{
        crm_error, external_contact_app, number, strings, text, INVALID_EXTERNAL_USERID,
        INVALID_PARAMETER, INVALID_TAG_ID, INVALID_USERID, TAG_NAME_EXISTS,
    },
    ok, ok_empty, post, ApiResult, WxJson,
};
use super::customers::relation;
use crate::{
    clock::unix_now,
    errcode,
    state::{
        work_crm::{CorpCrm, CorpTagRow, TagGroup},
        AppState,
    },
    tokens::random_string,
};

/// The longest tag or group name, in characters.
const MAX_NAME_CHARS: usize = 30;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/cgi-bin/externalcontact/get_corp_tag_list",
            post(corp_tag_list),
        )
        .route("/cgi-bin/externalcontact/add_corp_tag", post(add_corp_tag))
        .route(
            "/cgi-bin/externalcontact/edit_corp_tag",
            post(edit_corp_tag),
        )
        .route("/cgi-bin/externalcontact/del_corp_tag", post(del_corp_tag))
        .route("/cgi-bin/externalcontact/mark_tag", post(mark_tag))
}

fn tag_json(tag: &CorpTagRow) -> Value {
    json!({
        "id": tag.id,
        "name": tag.name,
        "create_time": tag.create_time,
        "order": tag.order,
        "deleted": false,
    })
}

fn group_json<'a>(group: &TagGroup, tags: impl Iterator<Item = &'a CorpTagRow>) -> Value {
    json!({
        "group_id": group.group_id,
        "group_name": group.group_name,
        "create_time": group.create_time,
        "order": group.order,
        "deleted": false,
        "tag": tags.map(tag_json).collect::<Vec<_>>(),
    })
}

/// A name of 1 to 30 characters; 40058 otherwise.
fn valid_name(name: Option<&str>) -> Result<&str, i64> {
    name.filter(|n| n.chars().count() <= MAX_NAME_CHARS)
        .ok_or(INVALID_PARAMETER)
}

/// A new tag or group id: `et` and 30 characters, as WeCom's.
fn new_id(corp: &mut CorpCrm) -> String {
    format!("et{:06}{}", corp.next_id(), random_string(24))
}

/// `POST /cgi-bin/externalcontact/get_corp_tag_list`: the tags `tag_id` (with their groups),
/// else the groups `group_id`, else every group; unknown ids are left out.
async fn corp_tag_list(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    external_contact_app(&auth)?;
    let tag_ids = strings(&body, "tag_id")?;
    let group_ids = strings(&body, "group_id")?;
    let mut inner = state.lock();
    let corp = inner.work_crm.corp(&auth.corpid);
    let groups: Vec<Value> = corp
        .tag_groups
        .iter()
        .filter_map(|group| {
            if !tag_ids.is_empty() {
                let tags: Vec<&CorpTagRow> = group
                    .tags
                    .iter()
                    .filter(|t| tag_ids.contains(&t.id))
                    .collect();
                (!tags.is_empty()).then(|| group_json(group, tags.into_iter()))
            } else if !group_ids.is_empty() {
                group_ids
                    .contains(&group.group_id)
                    .then(|| group_json(group, group.tags.iter()))
            } else {
                Some(group_json(group, group.tags.iter()))
            }
        })
        .collect();
    drop(inner);
    ok(json!({"errcode": errcode::OK, "errmsg": "ok", "tag_group": groups}))
}

/// `POST /cgi-bin/externalcontact/add_corp_tag`: adds tags to the group `group_id` (40068
/// unknown), or to the group named `group_name`, created when there is none. 40058 for no
/// tag or a name over 30 characters, 40071 for a name the group has. Answers the group with
/// the new tags.
async fn add_corp_tag(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    external_contact_app(&auth)?;
    let new_tags: Vec<(String, u64)> = body
        .get("tag")
        .and_then(Value::as_array)
        .map(|tags| {
            tags.iter()
                .map(|tag| {
                    valid_name(text(tag, "name"))
                        .map(|name| (name.to_owned(), number(tag, "order").unwrap_or(0)))
                })
                .collect::<Result<Vec<_>, i64>>()
        })
        .transpose()
        .map_err(crm_error)?
        .unwrap_or_default();
    if new_tags.is_empty() {
        return Err(crm_error(INVALID_PARAMETER));
    }
    let now = unix_now();
    let mut inner = state.lock();
    let corp = inner.work_crm.corp(&auth.corpid);
    let index = match text(&body, "group_id") {
        Some(group_id) => corp
            .tag_groups
            .iter()
            .position(|g| g.group_id == group_id)
            .ok_or_else(|| crm_error(INVALID_TAG_ID))?,
        None => {
            let name = valid_name(text(&body, "group_name")).map_err(crm_error)?;
            match corp.tag_groups.iter().position(|g| g.group_name == name) {
                Some(index) => index,
                None => {
                    let group_id = new_id(corp);
                    corp.tag_groups.push(TagGroup {
                        group_id,
                        group_name: name.to_owned(),
                        create_time: now,
                        order: number(&body, "order").unwrap_or(0),
                        tags: Vec::new(),
                    });
                    corp.tag_groups.len() - 1
                }
            }
        }
    };
    let existing = &corp.tag_groups[index].tags;
    let clash = new_tags.iter().enumerate().any(|(i, (name, _))| {
        existing.iter().any(|t| &t.name == name) || new_tags[..i].iter().any(|(n, _)| n == name)
    });
    if clash {
        return Err(crm_error(TAG_NAME_EXISTS));
    }
    let mut added = Vec::new();
    for (name, order) in new_tags {
        let id = new_id(corp);
        added.push(CorpTagRow {
            id,
            name,
            create_time: now,
            order,
        });
    }
    let group = &mut corp.tag_groups[index];
    group.tags.extend(added.iter().cloned());
    let answer = json!({
        "errcode": errcode::OK,
        "errmsg": "ok",
        "tag_group": group_json(group, added.iter()),
    });
    drop(inner);
    ok(answer)
}

/// `POST /cgi-bin/externalcontact/edit_corp_tag`: renames or moves the tag or group `id`
/// (40068 unknown, 40071 a name taken in its group, 40058 nothing to change).
async fn edit_corp_tag(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    external_contact_app(&auth)?;
    let id = text(&body, "id").ok_or_else(|| crm_error(INVALID_TAG_ID))?;
    let name = match body.get("name") {
        Some(_) => Some(valid_name(text(&body, "name")).map_err(crm_error)?),
        None => None,
    };
    let order = number(&body, "order");
    if name.is_none() && order.is_none() {
        return Err(crm_error(INVALID_PARAMETER));
    }
    let mut inner = state.lock();
    let corp = inner.work_crm.corp(&auth.corpid);
    if let Some(group) = corp.tag_groups.iter_mut().find(|g| g.group_id == id) {
        if let Some(name) = name {
            group.group_name = name.to_owned();
        }
        if let Some(order) = order {
            group.order = order;
        }
    } else {
        let (index, _) = corp.find_tag(id).ok_or_else(|| crm_error(INVALID_TAG_ID))?;
        let group = &mut corp.tag_groups[index];
        if let Some(name) = name {
            if group.tags.iter().any(|t| t.name == name && t.id != id) {
                return Err(crm_error(TAG_NAME_EXISTS));
            }
        }
        let tag = group
            .tags
            .iter_mut()
            .find(|t| t.id == id)
            .expect("found above");
        if let Some(name) = name {
            tag.name = name.to_owned();
        }
        if let Some(order) = order {
            tag.order = order;
        }
    }
    drop(inner);
    ok_empty()
}

/// `POST /cgi-bin/externalcontact/del_corp_tag`: deletes the tags `tag_id` and the groups
/// `group_id`; a group left without tags goes too, and customers lose the deleted tags.
/// 40058 when both are empty, 40068 when none of the ids is known.
async fn del_corp_tag(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    external_contact_app(&auth)?;
    let tag_ids = strings(&body, "tag_id")?;
    let group_ids = strings(&body, "group_id")?;
    if tag_ids.is_empty() && group_ids.is_empty() {
        return Err(crm_error(INVALID_PARAMETER));
    }
    let mut inner = state.lock();
    let corp = inner.work_crm.corp(&auth.corpid);
    let mut deleted: Vec<String> = Vec::new();
    for group in &mut corp.tag_groups {
        if group_ids.contains(&group.group_id) {
            deleted.extend(group.tags.drain(..).map(|t| t.id));
            deleted.push(group.group_id.clone());
        } else {
            let before = group.tags.len();
            group.tags.retain(|t| !tag_ids.contains(&t.id));
            if group.tags.len() != before {
                deleted.extend(tag_ids.iter().cloned());
            }
        }
    }
    if deleted.is_empty() {
        return Err(crm_error(INVALID_TAG_ID));
    }
    corp.tag_groups.retain(|g| !g.tags.is_empty());
    for follow in corp.follows.values_mut() {
        follow.tag_ids.retain(|id| !deleted.contains(id));
    }
    drop(inner);
    ok_empty()
}

/// `POST /cgi-bin/externalcontact/mark_tag`: puts `add_tag` on the member's customer and
/// takes `remove_tag` off; 40096 / 84061 for no such relation, 40068 for an unknown tag,
/// 40058 when both lists are empty.
async fn mark_tag(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    external_contact_app(&auth)?;
    let userid = text(&body, "userid").ok_or_else(|| crm_error(INVALID_USERID))?;
    let external_userid =
        text(&body, "external_userid").ok_or_else(|| crm_error(INVALID_EXTERNAL_USERID))?;
    let add = strings(&body, "add_tag")?;
    let remove = strings(&body, "remove_tag")?;
    if add.is_empty() && remove.is_empty() {
        return Err(crm_error(INVALID_PARAMETER));
    }
    let mut inner = state.lock();
    let corp = inner.work_crm.corp(&auth.corpid);
    if add
        .iter()
        .chain(&remove)
        .any(|id| corp.find_tag(id).is_none())
    {
        return Err(crm_error(INVALID_TAG_ID));
    }
    let follow = relation(corp, userid, external_userid).map_err(crm_error)?;
    follow.tag_ids.extend(add);
    follow.tag_ids.retain(|id| !remove.contains(id));
    drop(inner);
    ok_empty()
}
