//! WeChat Search for Mini Programs: pushing the pages (and their structured data) that WeChat
//! Search should index.
//!
//! # Example
//!
//! ```no_run
//! # async fn example<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
//! use wechat_runtime::api::wxa_search::SearchPage;
//!
//! client
//!     .wxa_search()
//!     .submit_pages(&[
//!         SearchPage::new("pages/index/index", "userName=wechat_user"),
//!         SearchPage::new("pages/video/index", "vid=123"),
//!     ])
//!     .await?;
//! # Ok(()) }
//! ```

use serde::Serialize;

use super::{check_len, check_present, ApiCall, Area, Retry};
use crate::error::Result;

/// WeChat Search; from [`Client::wxa_search`](crate::Client::wxa_search).
pub struct WxaSearchApi<'c, K>(pub(crate) Area<'c, K>);

/// The most pages one [`WxaSearchApi::submit_pages`] takes.
pub const MAX_SUBMIT_PAGES: usize = 1000;

/// A page to index: its path and query (which together identify it) and, optionally, its
/// structured data.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct SearchPage {
    path: String,
    query: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    data_list: Vec<serde_json::Value>,
}

impl SearchPage {
    /// The page `path` (e.g. `pages/item/item`) with its `query` (`k1=v1&k2=v2`, possibly
    /// empty).
    pub fn new(path: impl Into<String>, query: impl Into<String>) -> Self {
        SearchPage {
            path: path.into(),
            query: query.into(),
            data_list: Vec::new(),
        }
    }

    /// Adds a structured description of the page, as WeChat Search's content access defines it
    /// (`@type`, `update`, `content_id`, `page_type`, `title`, ...).
    pub fn data(mut self, data: serde_json::Value) -> Self {
        self.data_list.push(data);
        self
    }

    fn check(&self) -> Result<()> {
        check_present("pages.path", &self.path)
    }
}

impl<'c, K: 'static> WxaSearchApi<'c, K> {
    /// Pushes 1 to 1000 pages for WeChat Search to index (within a daily quota):
    /// `POST /wxa/search/wxaapi_submitpages`.
    pub fn submit_pages(&self, pages: &[SearchPage]) -> ApiCall<'static, (), K> {
        #[derive(Serialize)]
        struct Body<'a> {
            pages: &'a [SearchPage],
        }
        let checked = check_len("pages", pages, MAX_SUBMIT_PAGES)
            .and_then(|()| pages.iter().try_for_each(SearchPage::check));
        self.0.checked(checked, |()| {
            self.0.post_ok(
                "/wxa/search/wxaapi_submitpages",
                &Body { pages },
                Retry::Unsafe,
            )
        })
    }
}
