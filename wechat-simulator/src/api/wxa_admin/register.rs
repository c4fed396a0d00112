//! Fast registration of company Mini Programs:
//! `POST /cgi-bin/component/fastregisterweapp?action=create|search`, with the platform's
//! `component_access_token`. A task waits for the legal representative's face check, which
//! never comes in the simulator: `search` finds it waiting (89251).

use axum::extract::State;
use serde_json::Value;

use super::{number, text};
use crate::{
    api::{credentials::ComponentAccessToken, ok_empty, ApiResult, Params, WxJson},
    errcode,
    state::{
        wxa_admin::{Registration, MAX_REGISTRATIONS},
        AppState,
    },
    wx_error::WxError,
};

/// A WeChat ID: 6 to 20 letters, digits, `_` or `-`, starting with a letter.
fn valid_wechat_id(wx: &str) -> bool {
    (6..=20).contains(&wx.len())
        && wx.starts_with(|c: char| c.is_ascii_alphabetic())
        && wx
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
}

/// The company and representative of the body: 89253 when one is missing.
fn task(body: &Value) -> Result<Registration, WxError> {
    match (
        text(body, "name"),
        text(body, "legal_persona_wechat"),
        text(body, "legal_persona_name"),
    ) {
        (Some(name), Some(wechat), Some(legal_name)) => Ok(Registration {
            name: name.to_owned(),
            legal_persona_wechat: wechat.to_owned(),
            legal_persona_name: legal_name.to_owned(),
        }),
        _ => Err(WxError::new(errcode::REGISTRATION_PARAMS_MISSING)),
    }
}

fn same(a: &Registration, b: &Registration) -> bool {
    a.name == b.name
        && a.legal_persona_wechat == b.legal_persona_wechat
        && a.legal_persona_name == b.legal_persona_name
}

/// `create`: 89253 for a missing field, 89248 for a code type other than 1 to 3, 89255 for a
/// code of the wrong length, 86004 for a malformed WeChat ID, 89249 while the same task runs.
/// `search`: 89251 for a task waiting, 89250 for none.
pub(super) async fn fast_register(
    State(state): State<AppState>,
    token: ComponentAccessToken,
    params: Params,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let registration = task(&body)?;
    let mut inner = state.lock();
    let tasks = inner
        .wxa_admin
        .registrations
        .entry(token.component_appid)
        .or_default();
    match params.get("action") {
        Some("create") => {
            let code = text(&body, "code")
                .ok_or_else(|| WxError::new(errcode::REGISTRATION_PARAMS_MISSING))?;
            let length = match number(&body, "code_type") {
                Some(1) => 18,
                Some(2) => 9,
                Some(3) => 15,
                _ => return Err(WxError::new(errcode::INVALID_CODE_TYPE)),
            };
            let letters = code.chars().filter(|c| *c != '-').count();
            if letters != length || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                return Err(WxError::new(errcode::INVALID_ENTERPRISE_CODE));
            }
            if !valid_wechat_id(&registration.legal_persona_wechat) {
                return Err(WxError::new(errcode::INVALID_LEGAL_WECHAT));
            }
            if tasks.iter().any(|task| same(task, &registration)) {
                return Err(WxError::new(errcode::REGISTRATION_RUNNING));
            }
            if tasks.len() >= MAX_REGISTRATIONS {
                return Err(WxError::new(errcode::API_QUOTA_EXCEEDED));
            }
            tasks.push_back(registration);
            ok_empty()
        }
        Some("search") => {
            if tasks.iter().any(|task| same(task, &registration)) {
                Err(WxError::new(errcode::LEGAL_PERSON_CHECKING))
            } else {
                Err(WxError::new(errcode::REGISTRATION_NOT_FOUND))
            }
        }
        _ => Err(WxError::new(errcode::REGISTRATION_PARAMS_MISSING)),
    }
}
