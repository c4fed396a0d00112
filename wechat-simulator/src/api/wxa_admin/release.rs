//! An authorizer's releases: `/wxa/release`, rollbacks, phased releases, the visit status and
//! the version information.

use axum::extract::State;
use serde_json::{json, Value};

use super::{number, text};
use crate::{
    api::{credentials::AccessToken, ok, ok_empty, ApiResult, Params, WxJson},
    clock::unix_now,
    errcode,
    state::{wxa_admin::GrayPlan, AppState},
    wx_error::WxError,
};

/// `POST /wxa/release`: releases the approved code of the latest audit; 85019 without an
/// audit, 85020 unless approved, 85052 once released.
pub(super) async fn release(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(_body): WxJson<Value>,
) -> ApiResult {
    let mut inner = state.lock();
    inner
        .wxa_admin
        .account_mut(&auth.appid)
        .release(unix_now())?;
    ok_empty()
}

/// `GET /wxa/revertcoderelease[?app_version=]`: rolls back; with
/// `action=get_history_version`, lists the versions to roll back to (newest first).
pub(super) async fn revert(
    State(state): State<AppState>,
    auth: AccessToken,
    params: Params,
) -> ApiResult {
    let mut inner = state.lock();
    let account = inner.wxa_admin.account_mut(&auth.appid);
    match params.get("action") {
        Some("get_history_version") => {
            let versions: Vec<Value> = account
                .history
                .iter()
                .map(|version| {
                    json!({
                        "app_version": version.app_version,
                        "user_version": version.user_version,
                        "user_desc": version.user_desc,
                        "commit_time": version.commit_time,
                    })
                })
                .collect();
            ok(json!({ "errcode": 0, "errmsg": "ok", "version_list": versions }))
        }
        Some(_) => Err(WxError::new(errcode::INVALID_ACTION)),
        None => {
            let app_version = match params.get("app_version") {
                None => None,
                Some(v) => Some(
                    v.parse()
                        .map_err(|_| WxError::new(errcode::CANNOT_REVERT))?,
                ),
            };
            account.revert(app_version)?;
            ok_empty()
        }
    }
}

/// `POST /wxa/grayrelease`: `{"gray_percentage","support_debuger_first"?,
/// "support_experiencer_first"?}`; 85079 without an online version, 85080 without approved
/// code to release, 85081 for a share outside 1 to 100, 85082 for one not above the current.
pub(super) async fn gray_release(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let mut inner = state.lock();
    let account = inner.wxa_admin.account_mut(&auth.appid);
    if account.online.is_none() {
        return Err(WxError::new(errcode::NO_ONLINE_VERSION));
    }
    let releasable = account
        .latest_audit()
        .is_some_and(|audit| audit.status == 0 && !audit.released);
    if !releasable {
        return Err(WxError::new(errcode::AUDIT_NOT_PASSED));
    }
    let percentage = number(&body, "gray_percentage")
        .filter(|p| (1..=100).contains(p))
        .ok_or_else(|| WxError::new(errcode::INVALID_GRAY_PERCENTAGE))? as u32;
    let running = account.gray.filter(|plan| plan.status == 1);
    if running.is_some_and(|plan| plan.gray_percentage >= percentage) {
        return Err(WxError::new(errcode::GRAY_PERCENTAGE_NOT_HIGHER));
    }
    account.gray = Some(GrayPlan {
        status: 1,
        create_timestamp: running.map_or_else(unix_now, |plan| plan.create_timestamp),
        gray_percentage: percentage,
        support_debuger_first: body["support_debuger_first"].as_bool().unwrap_or(false),
        support_experiencer_first: body["support_experiencer_first"].as_bool().unwrap_or(false),
    });
    ok_empty()
}

/// `GET /wxa/getgrayreleaseplan`: the phased release, or an initial one (status 0).
pub(super) async fn gray_release_plan(
    State(state): State<AppState>,
    auth: AccessToken,
) -> ApiResult {
    let inner = state.lock();
    let plan = inner
        .wxa_admin
        .account(&auth.appid)
        .and_then(|account| account.gray);
    let plan = plan.map_or_else(
        || {
            json!({ "status": 0, "create_timestamp": 0, "gray_percentage": 0,
                    "support_experiencer_first": false, "support_debuger_first": false })
        },
        |plan| {
            json!({
                "status": plan.status,
                "create_timestamp": plan.create_timestamp,
                "gray_percentage": plan.gray_percentage,
                "support_experiencer_first": plan.support_experiencer_first,
                "support_debuger_first": plan.support_debuger_first,
            })
        },
    );
    ok(json!({ "errcode": 0, "errmsg": "ok", "gray_release_plan": plan }))
}

/// `GET /wxa/revertgrayrelease`: cancels the phased release (status 4); 87012 without one.
pub(super) async fn revert_gray_release(
    State(state): State<AppState>,
    auth: AccessToken,
) -> ApiResult {
    let mut inner = state.lock();
    let account = inner.wxa_admin.account_mut(&auth.appid);
    match &mut account.gray {
        Some(plan) if plan.status == 1 => {
            plan.status = 4;
            ok_empty()
        }
        _ => Err(WxError::new(errcode::CANNOT_REVERT)),
    }
}

/// `POST /wxa/change_visitstatus`: `{"action":"open"|"close"}`; 85022 for another action,
/// 85021 without an online version or when already so.
pub(super) async fn change_visit_status(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let close = match text(&body, "action") {
        Some("open") => false,
        Some("close") => true,
        _ => return Err(WxError::new(errcode::INVALID_ACTION)),
    };
    let mut inner = state.lock();
    let account = inner.wxa_admin.account_mut(&auth.appid);
    if account.online.is_none() || account.closed == close {
        return Err(WxError::new(errcode::VISIT_STATUS_UNCHANGED));
    }
    account.closed = close;
    ok_empty()
}

/// `POST /wxa/getversioninfo`: the trial version (the uploaded code) and the online one.
pub(super) async fn version_info(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(_body): WxJson<Value>,
) -> ApiResult {
    let inner = state.lock();
    let mut answer = json!({ "errcode": 0, "errmsg": "ok" });
    if let Some(account) = inner.wxa_admin.account(&auth.appid) {
        if let Some(upload) = &account.upload {
            answer["exp_info"] = json!({
                "exp_time": upload.time,
                "exp_version": upload.user_version,
                "exp_desc": upload.user_desc,
            });
        }
        if let Some(online) = &account.online {
            answer["release_info"] = json!({
                "release_time": online.commit_time,
                "release_version": online.user_version,
                "release_desc": online.user_desc,
            });
        }
    }
    ok(answer)
}
