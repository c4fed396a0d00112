//! Subscribe messages (`/cgi-bin/message/subscribe/bizsend` for Official Accounts,
//! `/cgi-bin/message/subscribe/send` for Mini Programs) and their templates
//! (`/wxaapi/newtmpl/*`), drawn from a fixed [`catalogue`].

mod catalogue;

use axum::{extract::State, Router};
use serde_json::{json, Value};

use super::{
    credentials::AccessToken,
    get,
    message::{lenient_u64, text, touser},
    ok, ok_empty, post,
    template::data_names,
    ApiResult, Params, WxJson,
};
use crate::{
    errcode,
    state::{
        push_bounded,
        subscribe::{PrivateTemplate, SentSubscribe},
        AppState,
    },
    tokens::random_string,
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/wxaapi/newtmpl/getcategory", get(categories))
        .route("/wxaapi/newtmpl/getpubtemplatetitles", get(titles))
        .route("/wxaapi/newtmpl/getpubtemplatekeywords", get(keywords))
        .route("/wxaapi/newtmpl/addtemplate", post(add_template))
        .route("/wxaapi/newtmpl/deltemplate", post(delete_template))
        .route("/wxaapi/newtmpl/gettemplate", get(templates))
        .route("/cgi-bin/message/subscribe/bizsend", post(bizsend))
        .route("/cgi-bin/message/subscribe/send", post(send))
}

/// WeChat's cap on subscribe templates per account.
const MAX_TEMPLATES: usize = 25;
/// The longest `sceneDesc`, in characters.
const MAX_SCENE_DESC: usize = 15;
/// How many sent subscribe messages the simulator keeps; older ones are dropped.
const MAX_SENT: usize = 10_000;

/// `GET /wxaapi/newtmpl/getcategory`.
async fn categories(_auth: AccessToken) -> ApiResult {
    let data: Vec<Value> = catalogue::CATEGORIES
        .iter()
        .map(|c| json!({ "id": c.id, "name": c.name }))
        .collect();
    ok(json!({ "errcode": 0, "errmsg": "ok", "data": data }))
}

/// `GET /wxaapi/newtmpl/getpubtemplatetitles?ids=..&start=..&limit=..`: 200018 without valid
/// category `ids`, 200017 for a `limit` outside 1 to 30.
async fn titles(_auth: AccessToken, params: Params) -> ApiResult {
    let ids: Vec<u64> = params
        .get("ids")
        .and_then(|ids| ids.split(',').map(|id| id.trim().parse().ok()).collect())
        .ok_or_else(|| WxError::new(errcode::INVALID_CATEGORY_IDS))?;
    let limit: usize = params
        .get("limit")
        .and_then(|l| l.parse().ok())
        .filter(|l| (1..=30).contains(l))
        .ok_or_else(|| WxError::new(errcode::INVALID_LIMIT))?;
    let start: usize = params
        .get("start")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let matching: Vec<&catalogue::Title> = catalogue::TITLES
        .iter()
        .filter(|t| ids.contains(&t.category_id))
        .collect();
    let data: Vec<Value> = matching
        .iter()
        .skip(start)
        .take(limit)
        .map(|t| {
            json!({
                "tid": t.tid,
                "title": t.title,
                "type": t.kind,
                "categoryId": t.category_id.to_string(),
            })
        })
        .collect();
    ok(json!({ "errcode": 0, "errmsg": "ok", "count": matching.len(), "data": data }))
}

/// `GET /wxaapi/newtmpl/getpubtemplatekeywords?tid=..`: 200014 for an unknown `tid`.
async fn keywords(_auth: AccessToken, params: Params) -> ApiResult {
    let title = params
        .get("tid")
        .and_then(|tid| tid.parse().ok())
        .and_then(catalogue::title)
        .ok_or_else(|| WxError::new(errcode::INVALID_TID))?;
    let data: Vec<Value> = title
        .keywords
        .iter()
        .map(|k| json!({ "kid": k.kid, "name": k.name, "example": k.example, "rule": k.rule }))
        .collect();
    ok(json!({ "errcode": 0, "errmsg": "ok", "count": data.len(), "data": data }))
}

/// `POST /wxaapi/newtmpl/addtemplate`: the library template `tid` with the keywords `kidList`
/// (2 to 5 distinct ones, in order); 200014 for an unknown `tid`, 200020 for a bad `kidList`,
/// 200021 for a `sceneDesc` over 15 characters, 200012 past 25 templates.
async fn add_template(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let title = lenient_u64(body.get("tid"))
        .and_then(catalogue::title)
        .ok_or_else(|| WxError::new(errcode::INVALID_TID))?;
    let bad_kids = || WxError::new(errcode::INVALID_KID_LIST);
    let kids = body
        .get("kidList")
        .and_then(Value::as_array)
        .filter(|kids| (2..=5).contains(&kids.len()))
        .ok_or_else(bad_kids)?;
    let mut chosen: Vec<&catalogue::Keyword> = Vec::with_capacity(kids.len());
    for kid in kids {
        let keyword = lenient_u64(Some(kid))
            .and_then(|kid| title.keywords.iter().find(|k| k.kid == kid))
            .filter(|k| !chosen.iter().any(|c| c.kid == k.kid))
            .ok_or_else(bad_kids)?;
        chosen.push(keyword);
    }
    if let Some(scene_desc) = body.get("sceneDesc").filter(|d| !d.is_null()) {
        let fits = scene_desc
            .as_str()
            .is_some_and(|d| d.chars().count() <= MAX_SCENE_DESC);
        if !fits {
            return Err(WxError::new(errcode::INVALID_SCENE_DESC));
        }
    }
    let template = PrivateTemplate {
        pri_tmpl_id: random_string(43),
        title: title.title.to_owned(),
        content: chosen
            .iter()
            .map(|k| format!("{}:{{{{{}.DATA}}}}\n", k.name, k.placeholder()))
            .collect(),
        example: chosen
            .iter()
            .map(|k| format!("{}:{}\n", k.name, k.example))
            .collect(),
        kind: title.kind,
        placeholders: chosen.iter().map(|k| k.placeholder()).collect(),
    };
    let pri_tmpl_id = template.pri_tmpl_id.clone();
    let mut inner = state.lock();
    let templates = inner.subscribe.apps.entry(auth.appid).or_default();
    if templates.len() >= MAX_TEMPLATES {
        return Err(WxError::new(errcode::SUBSCRIBE_TEMPLATE_LIMIT));
    }
    templates.push(template);
    drop(inner);
    ok(json!({ "errcode": 0, "errmsg": "ok", "priTmplId": pri_tmpl_id }))
}

/// `POST /wxaapi/newtmpl/deltemplate`: 20002 for a template the account has not.
async fn delete_template(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let id = text(&body, "priTmplId").unwrap_or_default();
    let mut inner = state.lock();
    let templates = inner.subscribe.apps.entry(auth.appid).or_default();
    let before = templates.len();
    templates.retain(|t| t.pri_tmpl_id != id);
    if templates.len() == before {
        return Err(WxError::new(errcode::INVALID_PARAMETER));
    }
    drop(inner);
    ok_empty()
}

/// `GET /wxaapi/newtmpl/gettemplate`.
async fn templates(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    let data: Vec<Value> = state
        .lock()
        .subscribe
        .apps
        .get(&auth.appid)
        .map(|templates| {
            templates
                .iter()
                .map(|t| {
                    json!({
                        "priTmplId": t.pri_tmpl_id,
                        "title": t.title,
                        "content": t.content,
                        "example": t.example,
                        "type": t.kind,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    ok(json!({ "errcode": 0, "errmsg": "ok", "data": data }))
}

/// Checks and keeps a subscribe message: 40003 for a bad `touser`, 40037 for a template the
/// account has not, 47003 when `data` misses one of the template's keywords or is malformed.
fn accept(state: &AppState, appid: String, body: Value) -> ApiResult {
    touser(&body)?;
    let given = data_names(&body)?;
    let template_id = text(&body, "template_id").unwrap_or_default();
    let mut inner = state.lock();
    let subscribe = &mut inner.subscribe;
    let template = subscribe
        .apps
        .get(&appid)
        .and_then(|templates| templates.iter().find(|t| t.pri_tmpl_id == template_id))
        .ok_or_else(|| WxError::new(errcode::INVALID_TEMPLATE_ID))?;
    let complete = template
        .placeholders
        .iter()
        .all(|p| given.contains(&p.as_str()));
    if !complete {
        return Err(WxError::new(errcode::ARGUMENT_INVALID));
    }
    push_bounded(&mut subscribe.sent, SentSubscribe { appid, body }, MAX_SENT);
    drop(inner);
    ok_empty()
}

/// `POST /cgi-bin/message/subscribe/bizsend`: see [`accept`]; also 47003 for a `miniprogram`
/// without `appid`.
async fn bizsend(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    if let Some(miniprogram) = body.get("miniprogram") {
        if text(miniprogram, "appid").is_none() {
            return Err(WxError::new(errcode::ARGUMENT_INVALID));
        }
    }
    accept(&state, auth.appid, body)
}

/// `POST /cgi-bin/message/subscribe/send`: see [`accept`]; also 47003 for an unknown
/// `miniprogram_state` or `lang`.
async fn send(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let one_of = |key: &str, allowed: &[&str]| match body.get(key) {
        None | Some(Value::Null) => true,
        Some(value) => value.as_str().is_some_and(|v| allowed.contains(&v)),
    };
    if !one_of("miniprogram_state", &["developer", "trial", "formal"])
        || !one_of("lang", &["zh_CN", "en_US", "zh_HK", "zh_TW"])
    {
        return Err(WxError::new(errcode::ARGUMENT_INVALID));
    }
    accept(&state, auth.appid, body)
}
