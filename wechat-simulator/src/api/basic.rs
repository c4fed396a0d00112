//! `/cgi-bin/getcallbackip`, `/cgi-bin/get_api_domain_ip`, `/cgi-bin/callback/check`, quotas and
//! rids.

use axum::{extract::State, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::{credentials::AccessToken, get, ok, ok_empty, post, ApiResult, WxJson};
use crate::{clock::unix_now, errcode, state::AppState, wx_error::WxError};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/getcallbackip", get(callback_ips))
        .route("/cgi-bin/get_api_domain_ip", get(api_domain_ips))
        .route("/cgi-bin/callback/check", post(callback_check))
        .route("/cgi-bin/clear_quota", post(clear_quota))
        .route("/cgi-bin/openapi/quota/get", post(quota))
        .route("/cgi-bin/openapi/rid/get", post(rid))
}

/// How long WeChat keeps a rid: seven days.
const RID_TTL_SECS: u64 = 7 * 24 * 3600;
/// The daily limit of an API without a documented one.
const DEFAULT_DAILY_LIMIT: u64 = 10_000_000;
/// The documented daily limits of a new account.
const DAILY_LIMITS: &[(&str, u64)] = &[
    ("/cgi-bin/token", 2000),
    ("/cgi-bin/menu/create", 1000),
    ("/cgi-bin/menu/get", 10_000),
    ("/cgi-bin/menu/delete", 1000),
];
/// The path prefixes of WeChat's server APIs; `quota/get` answers 76021 for other paths.
const API_PREFIXES: &[&str] = &[
    "/cgi-bin/",
    "/wxa/",
    "/wxaapi/",
    "/datacube/",
    "/customservice/",
    "/card/",
    "/channels/",
    "/semantic/",
    "/union/",
    "/shop/",
    "/product/",
];

/// `GET /cgi-bin/getcallbackip`: the addresses WeChat's callbacks come from.
async fn callback_ips(_auth: AccessToken) -> ApiResult {
    ok(
        json!({ "ip_list": ["101.226.103.0/25", "101.226.62.0/26", "140.207.54.0/25", "183.3.234.0/26"] }),
    )
}

/// `GET /cgi-bin/get_api_domain_ip`: the addresses of `api.weixin.qq.com`.
async fn api_domain_ips(_auth: AccessToken) -> ApiResult {
    ok(json!({ "ip_list": ["101.89.47.18", "101.91.34.103", "106.55.206.146", "106.55.206.211"] }))
}

#[derive(Debug, Deserialize)]
struct CheckRequest {
    #[serde(default)]
    action: String,
    #[serde(default)]
    check_operator: String,
}

/// `POST /cgi-bin/callback/check`: `action` dns, ping or all (any case; 40202 else) from
/// `check_operator` CHINANET, UNICOM, CAP or DEFAULT (40203 else).
async fn callback_check(_auth: AccessToken, WxJson(body): WxJson<CheckRequest>) -> ApiResult {
    let action = body.action.to_ascii_lowercase();
    let (dns, ping) = match action.as_str() {
        "dns" => (true, false),
        "ping" => (false, true),
        "all" => (true, true),
        _ => return Err(WxError::new(errcode::INVALID_CHECK_ACTION)),
    };
    let operator = match body.check_operator.as_str() {
        "CHINANET" | "UNICOM" | "CAP" => body.check_operator.as_str(),
        "DEFAULT" => "UNICOM",
        _ => return Err(WxError::new(errcode::INVALID_CHECK_OPERATOR)),
    };
    let ips = ["111.161.64.40", "111.161.64.48"];
    let dns: Vec<Value> = if dns {
        ips.iter()
            .map(|ip| json!({ "ip": ip, "real_operator": "UNICOM" }))
            .collect()
    } else {
        Vec::new()
    };
    let ping: Vec<Value> = if ping {
        ips.iter()
            .map(|ip| {
                json!({ "ip": ip, "from_operator": operator, "package_loss": "0%", "time": "23.079ms" })
            })
            .collect()
    } else {
        Vec::new()
    };
    ok(json!({ "dns": dns, "ping": ping }))
}

#[derive(Debug, Deserialize)]
struct ClearQuotaRequest {
    #[serde(default)]
    appid: String,
}

/// `POST /cgi-bin/clear_quota`: `appid` must be the token's own account (41002 missing, 40013
/// another one).
async fn clear_quota(auth: AccessToken, WxJson(body): WxJson<ClearQuotaRequest>) -> ApiResult {
    if body.appid.is_empty() {
        return Err(WxError::new(errcode::APPID_MISSING));
    }
    if body.appid != auth.appid {
        return Err(WxError::new(errcode::INVALID_APPID));
    }
    ok_empty()
}

#[derive(Debug, Deserialize)]
struct QuotaRequest {
    #[serde(default)]
    cgi_path: String,
}

/// `POST /cgi-bin/openapi/quota/get`: the daily quota of one API; `used` counts the calls the
/// simulator received on that path. `/sns/` paths answer 76022, unknown paths 76021.
async fn quota(
    State(state): State<AppState>,
    _auth: AccessToken,
    WxJson(body): WxJson<QuotaRequest>,
) -> ApiResult {
    let path = body.cgi_path.as_str();
    if path.contains("/sns/") {
        return Err(WxError::new(errcode::CGI_PATH_NO_PERMISSION));
    }
    let well_formed = path
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'_' | b'-' | b'.'));
    let known = API_PREFIXES
        .iter()
        .any(|prefix| path.len() > prefix.len() && path.starts_with(prefix));
    if !well_formed || !known {
        return Err(WxError::new(errcode::CGI_PATH_NOT_FOUND));
    }
    let daily_limit = DAILY_LIMITS
        .iter()
        .find(|(p, _)| *p == path)
        .map_or(DEFAULT_DAILY_LIMIT, |(_, limit)| *limit);
    let used = state.lock().calls.get(path).copied().unwrap_or(0) as u64;
    ok(json!({
        "errcode": errcode::OK,
        "errmsg": "ok",
        "quota": {
            "daily_limit": daily_limit,
            "used": used,
            "remain": daily_limit.saturating_sub(used),
        },
        "rate_limit": { "call_count": daily_limit, "refresh_second": 60 },
        "component_rate_limit": { "call_count": daily_limit / 4, "refresh_second": 60 },
    }))
}

#[derive(Debug, Deserialize)]
struct RidRequest {
    #[serde(default)]
    rid: String,
}

/// The time a rid was issued: WeChat's rids are three groups of 8 hex digits, the first being
/// the unix time. `None` when malformed.
fn rid_time(rid: &str) -> Option<u64> {
    let parts: Vec<&str> = rid.split('-').collect();
    let well_formed = parts.len() == 3
        && parts
            .iter()
            .all(|p| p.len() == 8 && p.bytes().all(|b| b.is_ascii_hexdigit()));
    if !well_formed {
        return None;
    }
    u64::from_str_radix(parts[0], 16).ok()
}

/// `POST /cgi-bin/openapi/rid/get`: a malformed rid answers 76002, one older than seven days
/// (or from the future) 76001; any other rid answers a request derived from it.
async fn rid(_auth: AccessToken, WxJson(body): WxJson<RidRequest>) -> ApiResult {
    let invoke_time = rid_time(&body.rid).ok_or_else(|| WxError::new(errcode::RID_INVALID))?;
    let now = unix_now();
    if invoke_time > now || now - invoke_time > RID_TTL_SECS {
        return Err(WxError::new(errcode::RID_NOT_FOUND));
    }
    let cost_in_ms = u64::from_str_radix(&body.rid[9..17], 16).unwrap_or(0) % 200 + 1;
    ok(json!({
        "errcode": errcode::OK,
        "errmsg": "ok",
        "request": {
            "invoke_time": invoke_time,
            "cost_in_ms": cost_in_ms,
            "request_url": "access_token=ACCESS_TOKEN",
            "request_body": "",
            "response_body": format!("{{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit rid: {}\"}}", body.rid),
            "client_ip": "127.0.0.1",
        },
    }))
}
