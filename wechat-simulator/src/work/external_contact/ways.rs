//! "Contact me" ways: `add_contact_way`, `get_contact_way`, `update_contact_way`,
//! `del_contact_way`.

use axum::{extract::State, Router};
use serde_json::{json, Map, Value};

use super::super::{
    credentials::WorkToken,
    crm::{
        crm_error, external_contact_app, number, strings, text, INVALID_CONTACT_WAY,
        INVALID_PARAMETER, INVALID_USERID,
    },
    ok, ok_empty, post, ApiResult, WxJson,
};
use crate::{
    errcode,
    state::{work_crm::CorpCrm, AppState},
    tokens::random_string,
};

/// The longest remark or state, in characters.
const MAX_TEXT_CHARS: usize = 30;
/// The longest a temporary way or chat lasts, in seconds.
const MAX_TEMP_SECONDS: u64 = 14 * 86_400;
/// The fields a way keeps, besides `config_id`, `type`, `scene`, `qr_code`.
const SETTINGS: [&str; 12] = [
    "style",
    "remark",
    "skip_verify",
    "state",
    "user",
    "party",
    "is_temp",
    "expires_in",
    "chat_expires_in",
    "unionid",
    "is_exclusive",
    "conclusions",
];

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/cgi-bin/externalcontact/add_contact_way",
            post(add_contact_way),
        )
        .route(
            "/cgi-bin/externalcontact/get_contact_way",
            post(get_contact_way),
        )
        .route(
            "/cgi-bin/externalcontact/update_contact_way",
            post(update_contact_way),
        )
        .route(
            "/cgi-bin/externalcontact/del_contact_way",
            post(del_contact_way),
        )
}

/// Checks a way's settings as WeCom does: 40058 for a remark or state over 30 characters or
/// a temporary duration out of range, 40003 for a user not allowed to serve customers.
fn check_settings(corp: &CorpCrm, way: &Value) -> Result<(), i64> {
    for field in ["remark", "state"] {
        if way
            .get(field)
            .and_then(Value::as_str)
            .is_some_and(|s| s.chars().count() > MAX_TEXT_CHARS)
        {
            return Err(INVALID_PARAMETER);
        }
    }
    for field in ["expires_in", "chat_expires_in"] {
        if way.get(field).is_some()
            && !number(way, field).is_some_and(|s| (1..=MAX_TEMP_SECONDS).contains(&s))
        {
            return Err(INVALID_PARAMETER);
        }
    }
    let users = strings(way, "user").map_err(|_| INVALID_PARAMETER)?;
    if users.iter().any(|u| !corp.follow_users.contains(u)) {
        return Err(INVALID_USERID);
    }
    Ok(())
}

/// Checks the shape of a whole way: its `type` (41037), a single way's one user, a multi
/// way's users or parties, a temporary way being single (40058).
fn check_shape(way: &Value) -> Result<(), i64> {
    let users = way
        .get("user")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let parties = way
        .get("party")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let temporary = way.get("is_temp").and_then(Value::as_bool).unwrap_or(false);
    match number(way, "type") {
        Some(1) if users == 1 && parties == 0 => Ok(()),
        Some(2) if users + parties > 0 && !temporary => Ok(()),
        Some(1 | 2) => Err(INVALID_PARAMETER),
        _ => Err(INVALID_CONTACT_WAY),
    }
}

/// `POST /cgi-bin/externalcontact/add_contact_way`: a new way, with a QR code when `scene`
/// is 2; 41037 for a bad `type`, 40058 for a bad `scene` or settings.
async fn add_contact_way(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    external_contact_app(&auth)?;
    check_shape(&body).map_err(crm_error)?;
    let scene = number(&body, "scene")
        .filter(|scene| matches!(scene, 1 | 2))
        .ok_or_else(|| crm_error(INVALID_PARAMETER))?;
    let mut inner = state.lock();
    let corp = inner.work_crm.corp(&auth.corpid);
    check_settings(corp, &body).map_err(crm_error)?;
    let config_id = format!("{:08x}{}", corp.next_id(), random_string(24).to_lowercase());
    let mut way = Map::new();
    way.insert("config_id".into(), json!(config_id));
    way.insert("type".into(), json!(number(&body, "type")));
    way.insert("scene".into(), json!(scene));
    for field in SETTINGS {
        if let Some(value) = body.get(field) {
            way.insert(field.into(), value.clone());
        }
    }
    let mut answer = json!({"errcode": errcode::OK, "errmsg": "ok", "config_id": config_id});
    if scene == 2 {
        let qr_code = format!("https://wework.qpic.cn/wwpic/simulated/{config_id}/0");
        way.insert("qr_code".into(), json!(qr_code));
        answer["qr_code"] = json!(qr_code);
    }
    corp.contact_ways.insert(config_id, Value::Object(way));
    drop(inner);
    ok(answer)
}

/// `POST /cgi-bin/externalcontact/get_contact_way`: the way `config_id` (41037 unknown),
/// with WeCom's defaults for what was not set.
async fn get_contact_way(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    external_contact_app(&auth)?;
    let config_id = text(&body, "config_id").ok_or_else(|| crm_error(INVALID_CONTACT_WAY))?;
    let inner = state.lock();
    let stored = inner
        .work_crm
        .get(&auth.corpid)
        .and_then(|corp| corp.contact_ways.get(config_id))
        .cloned()
        .ok_or_else(|| crm_error(INVALID_CONTACT_WAY))?;
    drop(inner);
    let mut way = json!({
        "remark": "", "skip_verify": true, "state": "", "user": [], "party": [], "is_temp": false,
    });
    for (key, value) in stored.as_object().into_iter().flatten() {
        way[key] = value.clone();
    }
    ok(json!({"errcode": errcode::OK, "errmsg": "ok", "contact_way": way}))
}

/// `POST /cgi-bin/externalcontact/update_contact_way`: replaces the settings given; 41037
/// unknown, 40058 / 40003 as `add_contact_way` checks them, and the way keeps its shape.
async fn update_contact_way(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    external_contact_app(&auth)?;
    let config_id = text(&body, "config_id").ok_or_else(|| crm_error(INVALID_CONTACT_WAY))?;
    let mut inner = state.lock();
    let corp = inner.work_crm.corp(&auth.corpid);
    check_settings(corp, &body).map_err(crm_error)?;
    let way = corp
        .contact_ways
        .get_mut(config_id)
        .ok_or_else(|| crm_error(INVALID_CONTACT_WAY))?;
    let mut updated = way.clone();
    for field in SETTINGS {
        if let Some(value) = body.get(field) {
            updated[field] = value.clone();
        }
    }
    check_shape(&updated).map_err(crm_error)?;
    *way = updated;
    drop(inner);
    ok_empty()
}

/// `POST /cgi-bin/externalcontact/del_contact_way`: 41037 for an unknown `config_id`.
async fn del_contact_way(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    external_contact_app(&auth)?;
    let config_id = text(&body, "config_id").ok_or_else(|| crm_error(INVALID_CONTACT_WAY))?;
    let mut inner = state.lock();
    inner
        .work_crm
        .corp(&auth.corpid)
        .contact_ways
        .remove(config_id)
        .ok_or_else(|| crm_error(INVALID_CONTACT_WAY))?;
    drop(inner);
    ok_empty()
}
