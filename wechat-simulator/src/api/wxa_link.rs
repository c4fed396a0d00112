//! Mini Program links read back and made (`/wxa/queryscheme`, `/wxa/query_urllink`,
//! `/wxa/genwxashortlink`, `/wxa/generatenfcscheme`).
//!
//! `queryscheme` and `query_urllink` answer what `/wxa/generatescheme` and
//! `/wxa/generate_urllink` made for the same account (the `cq` parameter a developer may append
//! is ignored); an unknown, malformed or another account's link answers 40097. The visits left
//! today are the daily quota of 6,000,000 (the simulator counts no visits).

use axum::{extract::State, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::{credentials::AccessToken, mini_program::LinkTarget, ok, post, ApiResult, WxJson};
use crate::{
    clock::unix_now,
    errcode,
    state::{mini_program::GeneratedLink, AppState},
    tokens::random_string,
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/wxa/queryscheme", post(queryscheme))
        .route("/wxa/query_urllink", post(query_urllink))
        .route("/wxa/genwxashortlink", post(genwxashortlink))
        .route("/wxa/generatenfcscheme", post(generatenfcscheme))
}

/// The visits of URL schemes and links a Mini Program has each day.
pub(crate) const DAILY_VISIT_QUOTA: u64 = 6_000_000;

#[derive(Debug, Deserialize)]
struct QueryRequest {
    scheme: Option<String>,
    url_link: Option<String>,
    query_type: Option<u8>,
}

/// The ticket of a URL scheme: `weixin://dl/business/?t=TICKET[&cq=..]`.
fn scheme_ticket(scheme: &str) -> Option<&str> {
    let query = scheme.strip_prefix("weixin://dl/business/?")?;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("t="))
        .filter(|t| !t.is_empty())
}

/// The ticket of a URL link: `https://wxaurl.cn/TICKET[?cq=..]` (or `wxmpurl.cn`).
fn link_ticket(url_link: &str) -> Option<&str> {
    let rest = ["https://wxaurl.cn/", "https://wxmpurl.cn/"]
        .iter()
        .find_map(|host| url_link.strip_prefix(host))?;
    let ticket = rest.split('?').next().unwrap_or_default();
    (!ticket.is_empty() && !ticket.contains('/')).then_some(ticket)
}

/// What a link of `appid` opens, as the query endpoints report it.
fn link_info(link: &GeneratedLink, with_cloud_base: bool) -> Value {
    let mut info = json!({
        "appid": link.appid,
        "path": link.path,
        "query": link.query,
        "create_time": link.create_time,
        "expire_time": link.expire_time,
        "env_version": link.env_version,
    });
    if with_cloud_base {
        let cloud = link.cloud_base.as_ref();
        let field = |name: &str| {
            cloud
                .and_then(|c| c.get(name))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        info["cloud_base"] = json!({
            "env": field("env"),
            "domain": field("domain"),
            "path": field("path"),
            "query": field("query"),
            "resource_appid": field("resource_appid"),
        });
    }
    info
}

/// The answer of a query: the link's info, or the quota for `query_type` 1.
fn query(
    state: &AppState,
    appid: &str,
    query_type: Option<u8>,
    ticket: Option<&str>,
    info_field: &str,
) -> ApiResult {
    match query_type.unwrap_or(0) {
        0 => {}
        1 => {
            return ok(json!({
                "errcode": errcode::OK,
                "errmsg": "ok",
                "quota_info": { "remain_visit_quota": DAILY_VISIT_QUOTA },
            }))
        }
        _ => return Err(WxError::new(errcode::INVALID_ARGS)),
    }
    let inner = state.lock();
    let link = ticket
        .and_then(|ticket| inner.mini_program.links.get(ticket))
        .filter(|link| link.appid == appid)
        .ok_or_else(|| WxError::new(errcode::INVALID_ARGS))?;
    let mut answer = json!({ "errcode": errcode::OK, "errmsg": "ok" });
    answer[info_field] = link_info(link, info_field == "url_link_info");
    ok(answer)
}

/// `POST /wxa/queryscheme`: what a scheme made by `/wxa/generatescheme` opens, or the visits
/// left today (`query_type` 1).
async fn queryscheme(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<QueryRequest>,
) -> ApiResult {
    let ticket = body.scheme.as_deref().and_then(scheme_ticket);
    query(&state, &auth.appid, body.query_type, ticket, "scheme_info")
}

/// `POST /wxa/query_urllink`: what a link made by `/wxa/generate_urllink` opens, or the
/// visits left today (`query_type` 1).
async fn query_urllink(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<QueryRequest>,
) -> ApiResult {
    let ticket = body.url_link.as_deref().and_then(link_ticket);
    query(
        &state,
        &auth.appid,
        body.query_type,
        ticket,
        "url_link_info",
    )
}

#[derive(Debug, Deserialize)]
struct ShortLinkRequest {
    page_url: Option<String>,
    page_title: Option<String>,
    is_permanent: Option<bool>,
}

/// `POST /wxa/genwxashortlink`: a Short Link (`#小程序://title/TICKET`) to a `page_url` of 1 to
/// 1024 characters without a leading `/` (40165 otherwise).
async fn genwxashortlink(_auth: AccessToken, WxJson(body): WxJson<ShortLinkRequest>) -> ApiResult {
    let page_url = body.page_url.unwrap_or_default();
    let page_ok =
        !page_url.is_empty() && page_url.chars().count() <= 1024 && !page_url.starts_with('/');
    if !page_ok {
        return Err(WxError::new(errcode::INVALID_PAGE_PATH));
    }
    // WeChat cuts a long title.
    let title: String = body
        .page_title
        .unwrap_or_default()
        .chars()
        .take(20)
        .collect();
    // Permanent links have a longer ticket.
    let ticket = random_string(if body.is_permanent == Some(true) {
        13
    } else {
        11
    });
    ok(json!({
        "errcode": errcode::OK,
        "errmsg": "ok",
        "link": format!("#小程序://{title}/{ticket}"),
    }))
}

#[derive(Debug, Deserialize)]
struct NfcRequest {
    jump_wxa: Option<LinkTarget>,
    model_id: Option<String>,
    sn: Option<String>,
}

/// `POST /wxa/generatenfcscheme`: an `openlink` for a device `model_id` (40097 if missing),
/// with the target checks of `/wxa/generatescheme`; remembered for `/wxa/queryscheme`, valid
/// until revoked.
async fn generatenfcscheme(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<NfcRequest>,
) -> ApiResult {
    if body.model_id.as_deref().is_none_or(str::is_empty)
        || body.sn.as_deref().is_some_and(str::is_empty)
    {
        return Err(WxError::new(errcode::INVALID_ARGS));
    }
    let target = body.jump_wxa.unwrap_or_default();
    target.check()?;
    let ticket = random_string(11);
    let link = GeneratedLink {
        appid: auth.appid,
        path: target.path.unwrap_or_default(),
        query: target.query.unwrap_or_default(),
        create_time: unix_now(),
        expire_time: 0,
        env_version: target.env_version.unwrap_or_else(|| "release".to_owned()),
        cloud_base: None,
    };
    state.lock().mini_program.links.insert(ticket.clone(), link);
    ok(json!({
        "errcode": errcode::OK,
        "errmsg": "ok",
        "openlink": format!("weixin://dl/business/?t={ticket}"),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tickets() {
        assert_eq!(
            scheme_ticket("weixin://dl/business/?t=XTSkBZlzqmn&cq=a%3Dhello"),
            Some("XTSkBZlzqmn")
        );
        assert_eq!(scheme_ticket("weixin://dl/business/?t="), None);
        assert_eq!(scheme_ticket("https://wxaurl.cn/X"), None);
        assert_eq!(
            link_ticket("https://wxaurl.cn/BQZRrcFCPvg?cq=a%3Dhello"),
            Some("BQZRrcFCPvg")
        );
        assert_eq!(link_ticket("https://wxmpurl.cn/BQZ"), Some("BQZ"));
        assert_eq!(link_ticket("https://example.com/BQZ"), None);
    }
}
