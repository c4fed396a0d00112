//! An authorizer's basic information: `/cgi-bin/account/getaccountbasicinfo`, its name
//! (`/wxa/setnickname` and its audit, the name check), avatar and signature.

use axum::extract::State;
use serde_json::{json, Value};

use super::{number, text};
use crate::{
    api::{credentials::AccessToken, ok, ok_empty, ApiResult, WxJson},
    clock::unix_now,
    errcode,
    state::AppState,
    wx_error::WxError,
};

/// Name changes allowed a year.
const NICKNAME_QUOTA: u32 = 2;
/// Avatar and signature changes allowed a month (53202, 53200 past it).
const MONTHLY_QUOTA: u32 = 5;
/// The longest name, in characters (91004 past it).
const MAX_NICKNAME_CHARS: usize = 30;
/// The longest signature, in characters (47003 past it).
const MAX_SIGNATURE_CHARS: usize = 120;
/// Names holding one of these need documents (91009 without).
const PROTECTED_WORDS: [&str; 2] = ["微信", "腾讯"];

/// The name an account has before it sets one.
fn default_nickname(appid: &str) -> String {
    let tail = appid.get(appid.len().saturating_sub(4)..).unwrap_or(appid);
    format!("小程序{tail}")
}

/// `GET` or `POST /cgi-bin/account/getaccountbasicinfo`: the account's profile.
pub(super) async fn info(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    let mut inner = state.lock();
    let account = inner.wxa_admin.account_mut(&auth.appid);
    let nickname = account
        .nickname
        .clone()
        .unwrap_or_else(|| default_nickname(&auth.appid));
    let head_image_url = account.head_image.as_deref().map_or_else(
        || format!("https://mmbiz.qpic.cn/simulated/{}/0", auth.appid),
        |media| format!("https://mmbiz.qpic.cn/simulated/{media}/0"),
    );
    ok(json!({
        "errcode": 0,
        "errmsg": "ok",
        "appid": auth.appid,
        "account_type": 3,
        "principal_type": 1,
        "principal_name": "模拟科技有限公司",
        "credential": "91440300MA5SIMUL0X",
        "realname_status": 1,
        "wx_verify_info": {
            "qualification_verify": true,
            "naming_verify": true,
            "annual_review": false,
        },
        "signature_info": {
            "signature": account.signature,
            "modify_used_count": account.signature_changes,
            "modify_quota": MONTHLY_QUOTA,
        },
        "head_image_info": {
            "head_image_url": head_image_url,
            "modify_used_count": account.head_image_changes,
            "modify_quota": MONTHLY_QUOTA,
        },
        "nickname": nickname,
        "nickname_info": {
            "nickname": nickname,
            "modify_used_count": account.nickname_changes.len(),
            "modify_quota": NICKNAME_QUOTA,
        },
        "registered_country": 1017,
        "customer_type": 1,
    }))
}

/// A valid name of the body's `nick_name`: 91004 when missing or over 30 characters.
fn nickname(body: &Value) -> Result<&str, WxError> {
    text(body, "nick_name")
        .filter(|name| name.chars().count() <= MAX_NICKNAME_CHARS)
        .ok_or_else(|| WxError::new(errcode::INVALID_NICKNAME))
}

fn protected(name: &str) -> bool {
    PROTECTED_WORDS.iter().any(|word| name.contains(word))
}

/// `POST /wxa/setnickname`: `{"nick_name","id_card"?,"license"?,"naming_other_stuff_N"?}`.
/// With documents the change is audited (and approved): `{"wording","audit_id"}`; without,
/// the name is set at once. 91004 for a bad name, 91009 for a protected one without
/// documents.
pub(super) async fn set_nickname(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let name = nickname(&body)?;
    let documents = ["id_card", "license"]
        .into_iter()
        .map(str::to_owned)
        .chain((1..=5).map(|i| format!("naming_other_stuff_{i}")))
        .any(|field| text(&body, &field).is_some());
    if protected(name) && !documents {
        return Err(WxError::new(errcode::NICKNAME_NEEDS_DOCUMENTS));
    }
    let mut inner = state.lock();
    if documents {
        let audit_id = inner
            .wxa_admin
            .change_nickname(&auth.appid, name, unix_now());
        ok(json!({ "errcode": 0, "errmsg": "ok", "wording": "名称审核中", "audit_id": audit_id }))
    } else {
        inner.wxa_admin.account_mut(&auth.appid).nickname = Some(name.to_owned());
        ok(json!({ "errcode": 0, "errmsg": "ok", "wording": "" }))
    }
}

/// `POST /wxa/api_wxa_querynickname`: `{"audit_id"}`; 91011 for an unknown audit.
pub(super) async fn nickname_audit(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let inner = state.lock();
    let change = number(&body, "audit_id")
        .and_then(|id| {
            inner
                .wxa_admin
                .account(&auth.appid)
                .and_then(|account| account.nickname_changes.get(&id))
        })
        .ok_or_else(|| WxError::new(errcode::NICKNAME_AUDIT_NOT_FOUND))?;
    ok(json!({
        "errcode": 0,
        "errmsg": "ok",
        "nickname": change.nickname,
        "audit_stat": 3,
        "fail_reason": "",
        "create_time": change.create_time,
        "audit_time": change.create_time,
    }))
}

/// `POST /cgi-bin/wxverify/checkwxverifynickname`: `{"nick_name"}` -> whether it needs
/// documents; 91004 for a bad name.
pub(super) async fn check_nickname(_auth: AccessToken, WxJson(body): WxJson<Value>) -> ApiResult {
    let name = nickname(&body)?;
    let hit = protected(name);
    ok(json!({
        "errcode": 0,
        "errmsg": "ok",
        "hit_condition": hit,
        "wording": if hit { "名称包含受保护的词，请提供相关证明材料" } else { "" },
    }))
}

/// `POST /cgi-bin/account/modifyheadimage`: `{"head_img_media_id","x1","y1","x2","y2"}`;
/// 40007 for media the account did not upload, 47003 for a crop outside the image, 53202
/// past 5 changes a month.
pub(super) async fn modify_head_image(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let media_id = text(&body, "head_img_media_id")
        .unwrap_or_default()
        .to_owned();
    let coordinate = |name: &str| match &body[name] {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    let crop_ok = match (
        coordinate("x1"),
        coordinate("y1"),
        coordinate("x2"),
        coordinate("y2"),
    ) {
        (Some(x1), Some(y1), Some(x2), Some(y2)) => {
            let inside = |a: f64, b: f64| 0.0 <= a && a < b && b <= 1.0;
            inside(x1, x2) && inside(y1, y2)
        }
        _ => false,
    };
    let mut inner = state.lock();
    let owned = inner
        .media
        .get(&media_id)
        .is_some_and(|media| media.owner == auth.appid);
    if !owned {
        return Err(WxError::new(errcode::INVALID_MEDIA_ID));
    }
    if !crop_ok {
        return Err(WxError::new(errcode::ARGUMENT_INVALID));
    }
    let account = inner.wxa_admin.account_mut(&auth.appid);
    if account.head_image_changes >= MONTHLY_QUOTA {
        return Err(WxError::new(errcode::HEAD_IMAGE_QUOTA_EXCEEDED));
    }
    account.head_image_changes += 1;
    account.head_image = Some(media_id);
    ok_empty()
}

/// `POST /cgi-bin/account/modifysignature`: `{"signature"}`; 47003 when empty or over 120
/// characters, 53200 past 5 changes a month.
pub(super) async fn modify_signature(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let signature = text(&body, "signature")
        .filter(|s| s.chars().count() <= MAX_SIGNATURE_CHARS)
        .ok_or_else(|| WxError::new(errcode::ARGUMENT_INVALID))?;
    let mut inner = state.lock();
    let account = inner.wxa_admin.account_mut(&auth.appid);
    if account.signature_changes >= MONTHLY_QUOTA {
        return Err(WxError::new(errcode::SIGNATURE_QUOTA_EXCEEDED));
    }
    account.signature_changes += 1;
    account.signature = signature.to_owned();
    ok_empty()
}
