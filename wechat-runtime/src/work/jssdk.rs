//! The WeCom JS-SDK on a page: the signed arguments of `wx.config` (the corp's jsapi ticket)
//! and `wx.agentConfig` (the agent's `agent_config` ticket), from
//! [`Client::work_jssdk`](crate::Client::work_jssdk).
//!
//! Both are signed as WeChat's JS-SDK is: SHA1 over
//! `jsapi_ticket=..&noncestr=..&timestamp=..&url=..`, the url without its `#fragment`
//! ([`jsapi_signature`]). The tickets come through the
//! client's storage ([`Client::ticket`](crate::Client::ticket) with
//! [`TicketType::Jsapi`] or [`TicketType::AgentConfig`]) and are cached; WeCom limits how often
//! they may be fetched, so a hub should keep them.
//!
//! ```no_run
//! use wechat_runtime::work::{WorkApp, WorkKey};
//! use wechat_runtime::{Client, Hub, MemoryStore};
//!
//! # async fn run() -> wechat_runtime::Result<()> {
//! let corp = "ww0123456789abcdef";
//! let agent = WorkApp::Agent(1000002);
//! let store = MemoryStore::new().with_work_app(WorkKey::new(corp, agent), "the-agent-secret");
//! let client = Client::work_builder(Hub::new(store)).corpid(corp).work_app(agent).build()?;
//!
//! let page = "https://hr.example.com/leave?id=1";
//! let config = client.work_jssdk().config(page).await?; // for wx.config
//! let agent_config = client.work_jssdk().agent_config(page).await?; // for wx.agentConfig
//! println!("{} {} {}", config.corpid, agent_config.agentid, agent_config.signature);
//! # Ok(()) }
//! ```

use std::sync::Arc;

use serde::Serialize;

use crate::api::check_present;
use crate::api::oauth::{jsapi_signature, nonce_str};
use crate::call::kind::Work;
use crate::call::shared::{require_appid, ClientCore};
use crate::error::{Error, Result};
use crate::token::{now_unix, TicketType};

/// The WeCom JS-SDK; from [`Client::work_jssdk`](crate::Client::work_jssdk).
pub struct WorkJssdkApi<'c> {
    core: &'c Arc<ClientCore>,
}

impl<S> crate::Client<S, Work> {
    /// The WeCom JS-SDK: signed `wx.config` and `wx.agentConfig` arguments.
    ///
    /// ```no_run
    /// # async fn run<S>(client: &wechat_runtime::Client<S, wechat_runtime::Work>) -> wechat_runtime::Result<()> {
    /// let config = client.work_jssdk().config("https://hr.example.com/").await?;
    /// println!("{}", serde_json::to_string(&config).unwrap());
    /// # Ok(()) }
    /// ```
    pub fn work_jssdk(&self) -> WorkJssdkApi<'_> {
        WorkJssdkApi { core: &self.core }
    }
}

/// The arguments of `wx.config` on a WeCom page: `appId` (the corpid), `timestamp`,
/// `nonceStr`, `signature`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct WorkJsConfig {
    /// The corp, `appId` of `wx.config`.
    pub corpid: String,
    /// When it was signed, in unix seconds.
    pub timestamp: u64,
    /// The random string signed with it.
    pub nonce_str: String,
    /// The SHA1 signature over the corp's jsapi ticket, lowercase hex.
    pub signature: String,
}

/// The arguments of `wx.agentConfig`: `corpid`, `agentid`, `timestamp`, `nonceStr`,
/// `signature`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AgentJsConfig {
    /// The corp.
    pub corpid: String,
    /// The agent.
    pub agentid: i64,
    /// When it was signed, in unix seconds.
    pub timestamp: u64,
    /// The random string signed with it.
    pub nonce_str: String,
    /// The SHA1 signature over the agent's `agent_config` ticket, lowercase hex.
    pub signature: String,
}

impl WorkJssdkApi<'_> {
    /// The `wx.config` arguments of the page at `url` (its `#fragment` is dropped), signed with
    /// the corp's jsapi ticket (cached; fetched through the storage when stale), a random
    /// nonce and the current time.
    pub async fn config(&self, url: &str) -> Result<WorkJsConfig> {
        check_present("url", url)?;
        let corpid = require_appid(self.core.appid.as_deref())?.to_owned();
        let ticket = self.core.ticket(TicketType::Jsapi).await?;
        let nonce_str = nonce_str();
        let timestamp = now_unix();
        let signature = jsapi_signature(&ticket.value, &nonce_str, timestamp, url);
        Ok(WorkJsConfig {
            corpid,
            timestamp,
            nonce_str,
            signature,
        })
    }

    /// The `wx.agentConfig` arguments of the page at `url`, signed with the client's agent's
    /// `agent_config` ticket. The client's app must be an agent
    /// ([`WorkApp::Agent`](crate::work::WorkApp::Agent)).
    pub async fn agent_config(&self, url: &str) -> Result<AgentJsConfig> {
        check_present("url", url)?;
        let corpid = require_appid(self.core.appid.as_deref())?.to_owned();
        let agentid = self
            .core
            .work_app
            .and_then(|app| app.agent_id())
            .ok_or_else(|| {
                Error::invalid_input(
                    "wx.agentConfig is signed with an agent's ticket: build the client with \
                     `WorkApp::Agent(agentid)`",
                )
            })?;
        let ticket = self.core.ticket(TicketType::AgentConfig).await?;
        let nonce_str = nonce_str();
        let timestamp = now_unix();
        let signature = jsapi_signature(&ticket.value, &nonce_str, timestamp, url);
        Ok(AgentJsConfig {
            corpid,
            agentid,
            timestamp,
            nonce_str,
            signature,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of WeCom's "JS-SDK 签名算法" page; the same answer comes from
    /// `printf 'jsapi_ticket=sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg&noncestr=Wm3WZYTPz0wzccnW&timestamp=1414587457&url=http://mp.weixin.qq.com?params=value' | sha1sum`.
    #[test]
    fn the_signature_of_wecoms_example() {
        let signature = jsapi_signature(
            "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
            "Wm3WZYTPz0wzccnW",
            1414587457,
            "http://mp.weixin.qq.com?params=value#fragment",
        );
        assert_eq!(signature, "0f9de62fce790f9a083d5c99e95740ceb90c27ed");
    }
}
