//! An authorizer's code and its audits: `/wxa/commit`, `/wxa/get_page`, `/wxa/get_qrcode`,
//! `/wxa/get_category`, `/wxa/submit_audit` and the audit queries.

use axum::{
    extract::State,
    http::{header, StatusCode},
    response::IntoResponse,
};
use serde_json::{json, Value};

use super::{categories::category_name, number, platform_of, strings, text};
use crate::{
    api::{credentials::AccessToken, mini_program::CODE_PNG, ok, ok_empty, ApiResult, WxJson},
    clock::unix_now,
    errcode,
    state::{
        wxa_admin::{Upload, AUDIT_LIMIT, SPEEDUP_LIMIT, UNDO_LIMIT},
        AppState,
    },
    wx_error::WxError,
};

/// The longest `user_version`, in characters.
const MAX_USER_VERSION_CHARS: usize = 64;
/// The most items an audit lists.
const MAX_AUDIT_ITEMS: usize = 5;

/// `POST /wxa/commit`: `{"template_id","ext_json","user_version","user_desc"}`. 86000 for a
/// Mini Program no platform manages, 85014 for a template not in its platform's library,
/// 85013 for an `ext_json` that is not a JSON object, 47003 for a missing or too long version.
pub(super) async fn commit(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let mut inner = state.lock();
    let platform =
        platform_of(&inner, &auth.appid).ok_or_else(|| WxError::new(errcode::NOT_BY_COMPONENT))?;
    number(&body, "template_id")
        .filter(|id| {
            inner
                .wxa_admin
                .library(&platform)
                .is_some_and(|library| library.templates.contains_key(id))
        })
        .ok_or_else(|| WxError::new(errcode::CODE_TEMPLATE_NOT_EXIST))?;
    let ext_json = text(&body, "ext_json")
        .and_then(|ext| serde_json::from_str::<Value>(ext).ok())
        .filter(Value::is_object)
        .ok_or_else(|| WxError::new(errcode::INVALID_EXT_JSON))?;
    let (Some(user_version), Some(user_desc)) =
        (text(&body, "user_version"), text(&body, "user_desc"))
    else {
        return Err(WxError::new(errcode::ARGUMENT_INVALID));
    };
    if user_version.chars().count() > MAX_USER_VERSION_CHARS {
        return Err(WxError::new(errcode::ARGUMENT_INVALID));
    }
    let upload = Upload {
        ext_json,
        user_version: user_version.to_owned(),
        user_desc: user_desc.to_owned(),
        time: unix_now(),
    };
    inner.wxa_admin.account_mut(&auth.appid).upload = Some(upload);
    ok_empty()
}

/// The uploaded code of `appid`: 86001 without one.
fn uploaded(state: &AppState, appid: &str) -> Result<Upload, WxError> {
    state
        .lock()
        .wxa_admin
        .account(appid)
        .and_then(|account| account.upload.clone())
        .ok_or_else(|| WxError::new(errcode::NO_COMMITTED_CODE))
}

/// `GET /wxa/get_page`: the pages of the uploaded code.
pub(super) async fn pages(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    let upload = uploaded(&state, &auth.appid)?;
    ok(json!({ "errcode": 0, "errmsg": "ok", "page_list": upload.pages() }))
}

/// `GET /wxa/get_qrcode[?path=]`: the trial version's QR code, an image.
pub(super) async fn trial_qrcode(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    uploaded(&state, &auth.appid)?;
    Ok((
        StatusCode::OK,
        [(header::CONTENT_TYPE, "image/png")],
        CODE_PNG,
    )
        .into_response())
}

/// `GET /wxa/get_category`: the approved categories of the account, for audit items.
pub(super) async fn audit_categories(
    State(state): State<AppState>,
    auth: AccessToken,
) -> ApiResult {
    let inner = state.lock();
    let list: Vec<Value> = inner
        .wxa_admin
        .account(&auth.appid)
        .map(|account| {
            account
                .categories
                .iter()
                .filter(|category| category.audit_status == 3)
                .map(|category| {
                    json!({
                        "first_class": category_name(category.first),
                        "second_class": category_name(category.second),
                        "first_id": category.first,
                        "second_id": category.second,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    ok(json!({ "errcode": 0, "errmsg": "ok", "category_list": list }))
}

/// `POST /wxa/submit_audit`: 85086 without uploaded code, 47003 for more than 5 items, 85077
/// for an item in a category the account has not approved, 85007 for a page not in the
/// code, 85009 while an audit runs. Decided at once (see `state::wxa_admin`).
pub(super) async fn submit_audit(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let upload = state
        .lock()
        .wxa_admin
        .account(&auth.appid)
        .and_then(|account| account.upload.clone())
        .ok_or_else(|| WxError::new(errcode::CODE_NOT_COMMITTED))?;
    let items = match &body["item_list"] {
        Value::Null => Vec::new(),
        Value::Array(items) if items.len() <= MAX_AUDIT_ITEMS => items.clone(),
        _ => return Err(WxError::new(errcode::ARGUMENT_INVALID)),
    };
    let pages = upload.pages();
    let mut inner = state.lock();
    let account = inner.wxa_admin.account_mut(&auth.appid);
    for item in &items {
        let approved = account.categories.iter().any(|category| {
            category.audit_status == 3
                && Some(category.first) == number(item, "first_id")
                && Some(category.second) == number(item, "second_id")
        });
        if !approved {
            return Err(WxError::new(errcode::AUDIT_CATEGORY_INVALID));
        }
        if text(item, "address").is_some_and(|address| !pages.iter().any(|page| page == address)) {
            return Err(WxError::new(errcode::INVALID_AUDIT_ADDRESS));
        }
    }
    let version_desc = text(&body, "version_desc").unwrap_or_default().to_owned();
    let auditid = inner
        .wxa_admin
        .submit_audit(&auth.appid, &version_desc, unix_now())?;
    ok(json!({ "errcode": 0, "errmsg": "ok", "auditid": auditid }))
}

/// An audit as WeChat answers it; the reason and screenshots only when there are some.
fn audit_json(status: u32, reason: &str, screenshot: &str) -> Value {
    let mut answer = json!({ "errcode": 0, "errmsg": "ok", "status": status });
    if !reason.is_empty() {
        answer["reason"] = reason.into();
    }
    if !screenshot.is_empty() {
        answer["screenshot"] = screenshot.into();
    }
    answer
}

/// `POST /wxa/get_auditstatus`: `{"auditid"}`; 85012 for an audit of another account.
pub(super) async fn audit_status(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let mut inner = state.lock();
    let account = inner.wxa_admin.account_mut(&auth.appid);
    let audit = account.audit_mut(number(&body, "auditid").unwrap_or_default())?;
    ok(audit_json(audit.status, &audit.reason, &audit.screenshot))
}

/// `GET /wxa/get_latest_auditstatus`: 85012 before any audit.
pub(super) async fn latest_audit_status(
    State(state): State<AppState>,
    auth: AccessToken,
) -> ApiResult {
    let inner = state.lock();
    let audit = inner
        .wxa_admin
        .account(&auth.appid)
        .and_then(|account| account.latest_audit())
        .ok_or_else(|| WxError::new(errcode::INVALID_AUDIT_ID))?;
    let mut answer = audit_json(audit.status, &audit.reason, &audit.screenshot);
    answer["auditid"] = audit.auditid.into();
    answer["user_version"] = audit.upload.user_version.clone().into();
    answer["user_desc"] = audit.upload.user_desc.clone().into();
    answer["submit_audit_time"] = audit.submit_time.into();
    ok(answer)
}

/// `GET /wxa/undocodeaudit`: withdraws the audit in progress; 87012 without one, 87013 past
/// five a day.
pub(super) async fn undo_audit(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    let mut inner = state.lock();
    let account = inner.wxa_admin.account_mut(&auth.appid);
    if account.latest_audit().is_none_or(|audit| audit.status != 2) {
        return Err(WxError::new(errcode::CANNOT_REVERT));
    }
    if account.undos_used >= UNDO_LIMIT {
        return Err(WxError::new(errcode::UNDO_QUOTA_EXCEEDED));
    }
    account.undos_used += 1;
    if let Some(audit) = account.audits.back_mut() {
        audit.status = 3;
    }
    ok_empty()
}

/// `POST /wxa/speedupaudit`: `{"auditid"}`; the audit in progress finishes at once, approved.
/// 85012 for an audit of another account or one not in progress, 45009 past the monthly
/// quota.
pub(super) async fn speedup_audit(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let mut inner = state.lock();
    let account = inner.wxa_admin.account_mut(&auth.appid);
    if account.speedups_used >= SPEEDUP_LIMIT {
        return Err(WxError::new(errcode::API_QUOTA_EXCEEDED));
    }
    let audit = account.audit_mut(number(&body, "auditid").unwrap_or_default())?;
    if audit.status != 2 {
        return Err(WxError::new(errcode::INVALID_AUDIT_ID));
    }
    audit.status = 0;
    account.speedups_used += 1;
    ok_empty()
}

/// `GET /wxa/queryquota`: the audits and speed-ups left this month.
pub(super) async fn quota(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    let inner = state.lock();
    let (audits, speedups) = inner
        .wxa_admin
        .account(&auth.appid)
        .map(|account| (account.audits_used, account.speedups_used))
        .unwrap_or_default();
    ok(json!({
        "errcode": 0,
        "errmsg": "ok",
        "rest": AUDIT_LIMIT - audits,
        "limit": AUDIT_LIMIT,
        "speedup_rest": SPEEDUP_LIMIT - speedups,
        "speedup_limit": SPEEDUP_LIMIT,
    }))
}

/// `GET /wxa/security/get_code_privacy_info`: the uploaded code calls exactly the privacy
/// APIs its `ext_json` declares in `requiredPrivateInfos`.
pub(super) async fn privacy_info(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    let upload = uploaded(&state, &auth.appid)?;
    let declared = strings(&upload.ext_json, "requiredPrivateInfos").unwrap_or_default();
    ok(json!({
        "errcode": 0,
        "errmsg": "ok",
        "without_auth_list": [],
        "valid_auth_list": declared,
    }))
}
