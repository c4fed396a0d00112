//! The platform's draft box and code template library, under its own token sent as
//! `access_token`.

use axum::extract::State;
use serde_json::{json, Value};

use super::number;
use crate::{
    api::{credentials::ComponentTokenAsAccessToken, ok, ok_empty, ApiResult, Params, WxJson},
    clock::unix_now,
    errcode,
    state::{
        wxa_admin::{CodeTemplate, MAX_TEMPLATES},
        AppState,
    },
    wx_error::WxError,
};

/// `GET /wxa/gettemplatedraftlist`: the drafts.
pub(super) async fn drafts(
    State(state): State<AppState>,
    token: ComponentTokenAsAccessToken,
) -> ApiResult {
    let mut inner = state.lock();
    let library = inner
        .wxa_admin
        .library_mut(&token.component_appid, unix_now());
    let drafts: Vec<Value> = library
        .drafts
        .iter()
        .map(|(id, draft)| {
            json!({
                "draft_id": id,
                "create_time": draft.create_time,
                "user_version": draft.user_version,
                "user_desc": draft.user_desc,
            })
        })
        .collect();
    ok(json!({ "errcode": 0, "errmsg": "ok", "draft_list": drafts }))
}

/// `POST /wxa/addtotemplate`: `{"draft_id", "template_type"?}`; 85064 for an unknown draft,
/// 85065 when the library is full, 47003 for a type other than 0 or 1.
pub(super) async fn add(
    State(state): State<AppState>,
    token: ComponentTokenAsAccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let draft_id =
        number(&body, "draft_id").ok_or_else(|| WxError::new(errcode::TEMPLATE_NOT_FOUND))?;
    let template_type = match number(&body, "template_type") {
        None => 0,
        Some(t @ (0 | 1)) => t as u8,
        Some(_) => return Err(WxError::new(errcode::ARGUMENT_INVALID)),
    };
    let now = unix_now();
    let mut inner = state.lock();
    let library = inner.wxa_admin.library_mut(&token.component_appid, now);
    let draft = library
        .drafts
        .get(&draft_id)
        .cloned()
        .ok_or_else(|| WxError::new(errcode::TEMPLATE_NOT_FOUND))?;
    if library.templates.len() >= MAX_TEMPLATES {
        return Err(WxError::new(errcode::TEMPLATE_LIBRARY_FULL));
    }
    let template_id = library.next_template_id;
    library.next_template_id += 1;
    library.templates.insert(
        template_id,
        CodeTemplate {
            draft_id,
            template_type,
            user_version: draft.user_version,
            user_desc: draft.user_desc,
            create_time: now,
        },
    );
    ok_empty()
}

/// `GET /wxa/gettemplatelist[?template_type=]`: the templates, of one type if asked.
pub(super) async fn list(
    State(state): State<AppState>,
    token: ComponentTokenAsAccessToken,
    params: Params,
) -> ApiResult {
    let wanted: Option<u8> = match params.get("template_type") {
        None => None,
        Some(t) => Some(
            t.parse()
                .ok()
                .filter(|t| *t <= 1)
                .ok_or_else(|| WxError::new(errcode::ARGUMENT_INVALID))?,
        ),
    };
    let inner = state.lock();
    let templates: Vec<Value> = inner
        .wxa_admin
        .library(&token.component_appid)
        .map(|library| {
            library
                .templates
                .iter()
                .filter(|(_, t)| wanted.is_none_or(|wanted| t.template_type == wanted))
                .map(|(id, t)| {
                    json!({
                        "template_id": id,
                        "draft_id": t.draft_id,
                        "template_type": t.template_type,
                        "create_time": t.create_time,
                        "user_version": t.user_version,
                        "user_desc": t.user_desc,
                        "category_list": [],
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    ok(json!({ "errcode": 0, "errmsg": "ok", "template_list": templates }))
}

/// `POST /wxa/deletetemplate`: `{"template_id"}`; 85064 for an unknown template.
pub(super) async fn delete(
    State(state): State<AppState>,
    token: ComponentTokenAsAccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let template_id = number(&body, "template_id");
    let mut inner = state.lock();
    let library = inner
        .wxa_admin
        .library_mut(&token.component_appid, unix_now());
    template_id
        .and_then(|id| library.templates.remove(&id))
        .ok_or_else(|| WxError::new(errcode::TEMPLATE_NOT_FOUND))?;
    ok_empty()
}
