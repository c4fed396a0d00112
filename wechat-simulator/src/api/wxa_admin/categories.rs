//! An authorizer's categories (`/cgi-bin/wxopen/*category*`), over a small fixed category
//! tree. A sensitive category needs certificates; it is approved unless a certificate's value
//! holds the audit markers of `state::wxa_admin` (rejected or left auditing).

use axum::extract::State;
use serde_json::{json, Value};

use super::number;
use crate::{
    api::{credentials::AccessToken, ok, ok_empty, ApiResult, WxJson},
    errcode,
    state::{
        wxa_admin::{SetCategory, AUDIT_PENDING_MARKER, AUDIT_REJECT_MARKER},
        AppState,
    },
    wx_error::WxError,
};

/// How many categories may be added in a period (53300 past it).
const CATEGORY_QUOTA: u32 = 5;
/// The most categories an account has (53301 past it).
const CATEGORY_LIMIT: usize = 20;

/// A category of the tree: id, name, level, parent, and the document a sensitive one needs.
struct Node {
    id: u64,
    name: &'static str,
    level: u32,
    father: u64,
    document: Option<&'static str>,
}

const fn node(id: u64, name: &'static str, level: u32, father: u64) -> Node {
    Node {
        id,
        name,
        level,
        father,
        document: None,
    }
}

/// The category tree every account may set (first and second levels).
const TREE: [Node; 8] = [
    node(1, "快递业与邮政", 1, 0),
    node(2, "快递、物流", 2, 1),
    node(8, "教育", 1, 0),
    Node {
        document: Some("《因私出入境中介机构经营许可证》"),
        ..node(39, "出国移民", 2, 8)
    },
    node(41, "教育信息服务", 2, 8),
    node(287, "工具", 1, 0),
    node(612, "备忘录", 2, 287),
    node(614, "天气", 2, 287),
];

/// The name of category `id`.
pub(super) fn category_name(id: u64) -> &'static str {
    TREE.iter()
        .find(|node| node.id == id)
        .map_or("", |node| node.name)
}

/// The tree as WeChat lists it, the root (id 0) first; without the sensitive categories when
/// `sensitive` is false.
fn tree_json(sensitive: bool) -> Vec<Value> {
    let shown = |node: &&Node| sensitive || node.document.is_none();
    let children = |id: u64| -> Vec<u64> {
        TREE.iter()
            .filter(shown)
            .filter(|node| node.father == id)
            .map(|node| node.id)
            .collect()
    };
    let mut nodes = vec![json!({
        "id": 0,
        "children": children(0),
        "qualify": { "exter_list": [], "remark": "" },
    })];
    nodes.extend(TREE.iter().filter(shown).map(|node| {
        let exter_list: Vec<Value> = node
            .document
            .map(|name| json!({ "inner_list": [{ "name": name, "url": "https://mmbiz.qpic.cn/sample" }] }))
            .into_iter()
            .collect();
        json!({
            "id": node.id,
            "name": node.name,
            "level": node.level,
            "father": node.father,
            "children": children(node.id),
            "sensitive_type": u8::from(node.document.is_some()),
            "qualify": { "exter_list": exter_list, "remark": "" },
        })
    }));
    nodes
}

fn tree_answer(sensitive: bool) -> ApiResult {
    ok(json!({
        "errcode": 0,
        "errmsg": "ok",
        "categories_list": { "categories": tree_json(sensitive) },
    }))
}

/// `GET /cgi-bin/wxopen/getallcategories`: the whole tree.
pub(super) async fn all(_auth: AccessToken) -> ApiResult {
    tree_answer(true)
}

/// `POST /cgi-bin/wxopen/getcategoriesbytype`: `{"verify_type"}` (0 to 4); a person (0) may
/// not set sensitive categories. 47003 for another type.
pub(super) async fn by_type(_auth: AccessToken, WxJson(body): WxJson<Value>) -> ApiResult {
    match number(&body, "verify_type").unwrap_or(0) {
        0 => tree_answer(false),
        1..=4 => tree_answer(true),
        _ => Err(WxError::new(errcode::ARGUMENT_INVALID)),
    }
}

/// `GET /cgi-bin/wxopen/getcategory`: the account's categories and quota.
pub(super) async fn list(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    let inner = state.lock();
    let (categories, added) = inner
        .wxa_admin
        .account(&auth.appid)
        .map(|account| (account.categories.clone(), account.categories_added))
        .unwrap_or_default();
    let categories: Vec<Value> = categories
        .iter()
        .map(|category| {
            json!({
                "first": category.first,
                "first_name": category_name(category.first),
                "second": category.second,
                "second_name": category_name(category.second),
                "audit_status": category.audit_status,
                "audit_reason": category.audit_reason,
            })
        })
        .collect();
    ok(json!({
        "errcode": 0,
        "errmsg": "ok",
        "categories": categories,
        "limit": CATEGORY_QUOTA,
        "quota": CATEGORY_QUOTA.saturating_sub(added),
        "category_limit": CATEGORY_LIMIT,
    }))
}

/// A category of the request, checked against the tree: its ids, and its audit status and
/// reason from its certificates. 53303 for an unknown pair, or a sensitive category without
/// certificates.
fn requested(item: &Value) -> Result<SetCategory, WxError> {
    let invalid = || WxError::new(errcode::INVALID_CATEGORY);
    let (first, second) = (number(item, "first"), number(item, "second"));
    let node = TREE
        .iter()
        .find(|node| Some(node.id) == second && node.level == 2 && Some(node.father) == first)
        .ok_or_else(invalid)?;
    let values: Vec<&str> = item["certicates"]
        .as_array()
        .map(|certificates| {
            certificates
                .iter()
                .filter_map(|certificate| certificate["value"].as_str())
                .collect()
        })
        .unwrap_or_default();
    let (audit_status, audit_reason) = if node.document.is_none() {
        (3, String::new())
    } else if values.is_empty() {
        return Err(invalid());
    } else if values.iter().any(|v| v.contains(AUDIT_REJECT_MARKER)) {
        (2, "资质材料不清晰，请重新上传".to_owned())
    } else if values.iter().any(|v| v.contains(AUDIT_PENDING_MARKER)) {
        (1, String::new())
    } else {
        (3, String::new())
    };
    Ok(SetCategory {
        first: node.father,
        second: node.id,
        audit_status,
        audit_reason,
    })
}

/// `POST /cgi-bin/wxopen/addcategory`: `{"categories":[{"first","second","certicates"}]}`;
/// 53303 for an empty list or a bad category, 53304 for one already set, 53301 past 20
/// categories, 53300 past 5 additions.
pub(super) async fn add(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let items = body["categories"]
        .as_array()
        .filter(|items| !items.is_empty())
        .ok_or_else(|| WxError::new(errcode::INVALID_CATEGORY))?;
    let new = items.iter().map(requested).collect::<Result<Vec<_>, _>>()?;
    let mut inner = state.lock();
    let account = inner.wxa_admin.account_mut(&auth.appid);
    for (i, category) in new.iter().enumerate() {
        let same =
            |other: &SetCategory| other.first == category.first && other.second == category.second;
        if account.categories.iter().any(same) || new[..i].iter().any(same) {
            return Err(WxError::new(errcode::CATEGORY_EXISTS));
        }
    }
    if account.categories.len() + new.len() > CATEGORY_LIMIT {
        return Err(WxError::new(errcode::CATEGORY_LIMIT));
    }
    if account.categories_added + new.len() as u32 > CATEGORY_QUOTA {
        return Err(WxError::new(errcode::CATEGORY_QUOTA_EXCEEDED));
    }
    account.categories_added += new.len() as u32;
    account.categories.extend(new);
    ok_empty()
}

/// `POST /cgi-bin/wxopen/deletecategory`: `{"first","second"}`; 53303 for a category not
/// set, 53308 for one being audited.
pub(super) async fn delete(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let (first, second) = (number(&body, "first"), number(&body, "second"));
    let mut inner = state.lock();
    let account = inner.wxa_admin.account_mut(&auth.appid);
    let index = account
        .categories
        .iter()
        .position(|c| Some(c.first) == first && Some(c.second) == second)
        .ok_or_else(|| WxError::new(errcode::INVALID_CATEGORY))?;
    if account.categories[index].audit_status == 1 {
        return Err(WxError::new(errcode::CATEGORY_AUDITING));
    }
    account.categories.remove(index);
    ok_empty()
}

/// `POST /cgi-bin/wxopen/modifycategory`: `{"first","second","certicates"}`, audited again;
/// 53303 for a category not set, 53307 for one not rejected.
pub(super) async fn modify(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let changed = requested(&body)?;
    let mut inner = state.lock();
    let account = inner.wxa_admin.account_mut(&auth.appid);
    let category = account
        .categories
        .iter_mut()
        .find(|c| c.first == changed.first && c.second == changed.second)
        .ok_or_else(|| WxError::new(errcode::INVALID_CATEGORY))?;
    if category.audit_status != 2 {
        return Err(WxError::new(errcode::CATEGORY_NOT_REJECTED));
    }
    *category = changed;
    ok_empty()
}
