//! WeChat Search for Mini Programs (`/wxa/search/wxaapi_submitpages`): pages pushed for
//! indexing are checked as WeChat does and accepted (the simulator indexes nothing).

use axum::Router;
use serde::Deserialize;

use super::{credentials::AccessToken, ok_empty, post, ApiResult, WxJson};
use crate::{errcode, state::AppState, wx_error::WxError};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/wxa/search/wxaapi_submitpages", post(submitpages))
}

/// The most pages one request takes.
const MAX_PAGES: usize = 1000;

#[derive(Debug, Deserialize)]
struct Page {
    path: Option<String>,
    query: Option<String>,
}

#[derive(Debug, Deserialize)]
struct SubmitRequest {
    pages: Option<Vec<Page>>,
}

/// Whether `query` is `k1=v1&k2=v2` (or empty).
fn is_query(query: &str) -> bool {
    query.is_empty()
        || query
            .split('&')
            .all(|pair| pair.split_once('=').is_some_and(|(key, _)| !key.is_empty()))
}

/// `POST /wxa/search/wxaapi_submitpages`: 40219 for no pages, 47004 past 1000, 40210 for a
/// page without a path, 40212 for a query that is not `k1=v1&k2=v2`.
async fn submitpages(_auth: AccessToken, WxJson(body): WxJson<SubmitRequest>) -> ApiResult {
    let pages = body
        .pages
        .filter(|pages| !pages.is_empty())
        .ok_or_else(|| WxError::new(errcode::SEARCH_PAGES_EMPTY))?;
    if pages.len() > MAX_PAGES {
        return Err(WxError::new(errcode::SEARCH_TOO_MANY_PAGES));
    }
    for page in &pages {
        if page.path.as_deref().is_none_or(str::is_empty) {
            return Err(WxError::new(errcode::SEARCH_PATH_EMPTY));
        }
        if !is_query(page.query.as_deref().unwrap_or_default()) {
            return Err(WxError::new(errcode::INVALID_QUERY));
        }
    }
    ok_empty()
}
