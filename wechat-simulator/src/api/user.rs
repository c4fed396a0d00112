//! User management: `/cgi-bin/user/*`.

use axum::Router;
use serde_json::json;

use super::{credentials::AccessToken, get, ok, ApiResult, Params};
use crate::{errcode, state::AppState, wx_error::WxError};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/cgi-bin/user/info", get(info))
}

/// The followers of each account.
#[derive(Debug, Default)]
pub(crate) struct Users {}

/// Whether `openid` could be an OpenID (WeChat's are 28 URL-safe characters).
fn valid_openid(openid: &str) -> bool {
    openid.len() <= 64
        && openid
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
}

/// A stable 64-bit hash (FNV-1a), so a given OpenID always gets the same profile.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// `GET /cgi-bin/user/info?openid&lang`: a subscribed user with a profile derived from the OpenID.
async fn info(auth: AccessToken, params: Params) -> ApiResult {
    let openid = params
        .get("openid")
        .filter(|o| valid_openid(o))
        .ok_or_else(|| WxError::new(errcode::INVALID_OPENID))?;
    let language = params
        .get("lang")
        .filter(|lang| matches!(*lang, "zh_CN" | "zh_TW" | "en"))
        .unwrap_or("zh_CN");
    let hash = fnv1a(&format!("{}/{openid}", auth.appid));
    ok(json!({
        "subscribe": 1,
        "openid": openid,
        "language": language,
        "subscribe_time": 1_600_000_000 + hash % 100_000_000,
        "unionid": format!("o6_bmjrPTlm6_{:016x}", hash.rotate_left(17)),
        "remark": "",
        "groupid": 0,
        "tagid_list": [],
        "subscribe_scene": "ADD_SCENE_QR_CODE",
        "qr_scene": 98765,
        "qr_scene_str": "",
    }))
}
