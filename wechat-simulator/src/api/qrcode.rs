//! QR code tickets (`/cgi-bin/qrcode/create`) and short keys (`/cgi-bin/shorten/*`).
//!
//! Tickets are kept with their scene, so a test can read back what a code carries
//! ([`Simulator::qrcode`](crate::Simulator::qrcode)). A permanent code asked for again with the
//! same scene gets the same ticket, as WeChat's permanent codes are one per scene.

use axum::{extract::State, Router};
use serde_json::{json, Value};

use super::{
    credentials::AccessToken,
    message::{lenient_u64, text},
    ok, post, ApiResult, WxJson,
};
use crate::{
    clock::unix_now,
    errcode,
    state::{
        qrcodes::{QrCode, ShortKey},
        AppState,
    },
    tokens::random_string,
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/qrcode/create", post(create))
        .route("/cgi-bin/shorten/gen", post(shorten))
        .route("/cgi-bin/shorten/fetch", post(fetch_shorten))
}

/// The longest a temporary code or a short key lives: 30 days.
const MAX_EXPIRE_SECONDS: u64 = 2_592_000;
/// How long a temporary code lives when `expire_seconds` is not given.
const DEFAULT_QR_EXPIRE_SECONDS: u64 = 60;
/// The largest scene id of a permanent code.
const MAX_PERMANENT_SCENE_ID: u64 = 100_000;
/// The longest scene string, in characters.
const MAX_SCENE_STR: usize = 64;
/// WeChat's cap on permanent codes per account; the simulator also keeps at most this many
/// live temporary codes and short keys per account.
const MAX_CODES: usize = 100_000;
/// The longest `long_data`, in bytes.
const MAX_LONG_DATA: usize = 4096;

/// The checked scene of a `qrcode/create` body: 40053 when missing or out of range.
fn scene(body: &Value, permanent: bool, by_id: bool) -> Result<Value, WxError> {
    let invalid = || WxError::new(errcode::INVALID_ACTION_INFO);
    let scene = body.pointer("/action_info/scene").ok_or_else(invalid)?;
    if by_id {
        let max = if permanent {
            MAX_PERMANENT_SCENE_ID
        } else {
            u64::from(u32::MAX)
        };
        let id = lenient_u64(scene.get("scene_id"))
            .filter(|id| (1..=max).contains(id))
            .ok_or_else(invalid)?;
        Ok(json!({ "scene_id": id }))
    } else {
        let scene_str = text(scene, "scene_str")
            .filter(|s| s.chars().count() <= MAX_SCENE_STR)
            .ok_or_else(invalid)?;
        Ok(json!({ "scene_str": scene_str }))
    }
}

/// `POST /cgi-bin/qrcode/create`: `QR_SCENE`, `QR_STR_SCENE` (temporary: `expire_seconds`
/// defaults to 60 and is capped at 30 days, as WeChat does), `QR_LIMIT_SCENE` (scene id 1 to
/// 100000), `QR_LIMIT_STR_SCENE`. 40052 for another `action_name`, 40053 for a bad scene, 45009
/// past 100000 codes.
async fn create(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let (action_name, permanent, by_id) = match text(&body, "action_name") {
        Some("QR_SCENE") => ("QR_SCENE", false, true),
        Some("QR_STR_SCENE") => ("QR_STR_SCENE", false, false),
        Some("QR_LIMIT_SCENE") => ("QR_LIMIT_SCENE", true, true),
        Some("QR_LIMIT_STR_SCENE") => ("QR_LIMIT_STR_SCENE", true, false),
        _ => return Err(WxError::new(errcode::INVALID_ACTION_NAME)),
    };
    let scene = scene(&body, permanent, by_id)?;
    let now = unix_now();
    let expiry = (!permanent).then(|| {
        let seconds = lenient_u64(body.get("expire_seconds"))
            .filter(|s| *s > 0)
            .unwrap_or(DEFAULT_QR_EXPIRE_SECONDS)
            .min(MAX_EXPIRE_SECONDS);
        (seconds, now + seconds)
    });
    let mut inner = state.lock();
    let qrcodes = &mut inner.qrcodes;
    qrcodes.prune(now);
    let same = |code: &QrCode| {
        code.appid == auth.appid && code.action_name == action_name && code.scene == scene
    };
    let existing = permanent
        .then(|| qrcodes.codes.iter().find(|(_, code)| same(code)))
        .flatten();
    let (ticket, url) = if let Some((ticket, code)) = existing {
        (ticket.clone(), code.url.clone())
    } else {
        let kept = qrcodes
            .codes
            .values()
            .filter(|c| c.appid == auth.appid && c.expiry.is_none() == permanent)
            .count();
        if kept >= MAX_CODES {
            return Err(WxError::new(errcode::API_QUOTA_EXCEEDED));
        }
        // Shaped like WeChat's: base64-looking tickets and short `weixin.qq.com/q/` URLs.
        let ticket = format!("gQ{}==", random_string(70));
        let url = format!("http://weixin.qq.com/q/{}", random_string(22));
        qrcodes.codes.insert(
            ticket.clone(),
            QrCode {
                appid: auth.appid.clone(),
                action_name,
                scene,
                expiry,
                url: url.clone(),
            },
        );
        (ticket, url)
    };
    drop(inner);
    let mut answer = json!({ "ticket": ticket, "url": url });
    if let Some((expire_seconds, _)) = expiry {
        answer["expire_seconds"] = json!(expire_seconds);
    }
    ok(answer)
}

/// `POST /cgi-bin/shorten/gen`: a 15-character key for `long_data`; 47003 without
/// `long_data`, 9410010 over 4 KB, 9410011 for `expire_seconds` over 30 days (the default).
async fn shorten(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let long_data = text(&body, "long_data")
        .ok_or_else(|| WxError::new(errcode::ARGUMENT_INVALID))?
        .to_owned();
    if long_data.len() > MAX_LONG_DATA {
        return Err(WxError::new(errcode::LONG_DATA_TOO_LONG));
    }
    let expire_seconds = match body.get("expire_seconds") {
        None | Some(Value::Null) => MAX_EXPIRE_SECONDS,
        value => lenient_u64(value)
            .filter(|s| *s > 0)
            .ok_or_else(|| WxError::new(errcode::ARGUMENT_INVALID))?,
    };
    if expire_seconds > MAX_EXPIRE_SECONDS {
        return Err(WxError::new(errcode::EXPIRE_SECONDS_TOO_LONG));
    }
    let now = unix_now();
    let short_key = random_string(15);
    let mut inner = state.lock();
    let qrcodes = &mut inner.qrcodes;
    qrcodes.prune(now);
    let kept = qrcodes
        .short_keys
        .values()
        .filter(|k| k.appid == auth.appid)
        .count();
    if kept >= MAX_CODES {
        return Err(WxError::new(errcode::API_QUOTA_EXCEEDED));
    }
    qrcodes.short_keys.insert(
        short_key.clone(),
        ShortKey {
            appid: auth.appid,
            long_data,
            create_time: now,
            expiry: now + expire_seconds,
        },
    );
    drop(inner);
    ok(json!({ "errcode": 0, "errmsg": "ok", "short_key": short_key }))
}

/// `POST /cgi-bin/shorten/fetch`: the data and its remaining lifetime; 9410012 for a key that
/// is unknown, expired or of another account.
async fn fetch_shorten(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let short_key =
        text(&body, "short_key").ok_or_else(|| WxError::new(errcode::ARGUMENT_INVALID))?;
    let now = unix_now();
    let key = state
        .lock()
        .qrcodes
        .short_keys
        .get(short_key)
        .filter(|k| k.appid == auth.appid && k.expiry > now)
        .cloned()
        .ok_or_else(|| WxError::new(errcode::SHORT_KEY_INVALID))?;
    ok(json!({
        "errcode": 0,
        "errmsg": "ok",
        "long_data": key.long_data,
        "create_time": key.create_time,
        "expire_seconds": key.expiry - now,
    }))
}
