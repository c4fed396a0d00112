//! Basic APIs: WeChat's server IPs, the network check, API quotas and request ids.

use serde::{Deserialize, Serialize};

use super::{check_present, ApiCall, Area, Retry};

/// Basic APIs; from [`Client::basic`](crate::Client::basic).
pub struct BasicApi<'c, K>(pub(crate) Area<'c, K>);

/// A list of IP addresses.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct IpList {
    /// The addresses (IPv4, possibly with a CIDR suffix).
    #[serde(default)]
    pub ip_list: Vec<String>,
}

/// The quota of one API.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Quota {
    /// Calls allowed per day.
    pub daily_limit: u64,
    /// Calls made today.
    pub used: u64,
    /// Calls left today.
    pub remain: u64,
}

#[derive(Deserialize)]
struct QuotaAnswer {
    quota: Quota,
}

/// What WeChat knows of a request id (`rid`) from an error message.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct RidRequest {
    /// When the call was made, in unix seconds.
    #[serde(default)]
    pub invoke_time: u64,
    /// How long it took, in milliseconds.
    #[serde(default)]
    pub cost_in_ms: u64,
    /// The URL called, without the token.
    #[serde(default)]
    pub request_url: String,
    /// The request body.
    #[serde(default)]
    pub request_body: String,
    /// The answer.
    #[serde(default)]
    pub response_body: String,
    /// The client IP.
    #[serde(default)]
    pub client_ip: String,
}

#[derive(Deserialize)]
struct RidAnswer {
    request: RidRequest,
}

/// Which networks the network check probes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
#[non_exhaustive]
pub enum CheckAction {
    /// DNS resolution.
    Dns,
    /// Ping.
    Ping,
    /// Both.
    All,
}

/// Which operator the network check goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
#[non_exhaustive]
pub enum CheckOperator {
    /// China Telecom.
    Chinanet,
    /// China Unicom.
    Unicom,
    /// China Mobile.
    Cap,
    /// Chosen by WeChat.
    Default,
}

/// The result of a network check, as WeChat sends it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct NetworkCheck {
    /// DNS results.
    #[serde(default)]
    pub dns: Vec<serde_json::Value>,
    /// Ping results.
    #[serde(default)]
    pub ping: Vec<serde_json::Value>,
}

impl<'c, K: 'static> BasicApi<'c, K> {
    /// The IPs WeChat's callbacks come from: `GET /cgi-bin/getcallbackip`.
    pub fn callback_ips(&self) -> ApiCall<'static, IpList, K> {
        self.0.get("/cgi-bin/getcallbackip")
    }

    /// The IPs of WeChat's API servers: `GET /cgi-bin/get_api_domain_ip`.
    pub fn api_domain_ips(&self) -> ApiCall<'static, IpList, K> {
        self.0.get("/cgi-bin/get_api_domain_ip")
    }

    /// Checks the network to WeChat's callback servers: `POST /cgi-bin/callback/check`.
    pub fn check_network(
        &self,
        action: CheckAction,
        operator: CheckOperator,
    ) -> ApiCall<'static, NetworkCheck, K> {
        #[derive(Serialize)]
        struct Body {
            action: CheckAction,
            check_operator: CheckOperator,
        }
        let body = Body {
            action,
            check_operator: operator,
        };
        self.0.post("/cgi-bin/callback/check", &body, Retry::Safe)
    }

    /// Resets the API call quotas of `appid` (at most 10 times a month):
    /// `POST /cgi-bin/clear_quota`.
    pub fn clear_quota(&self, appid: &str) -> ApiCall<'static, (), K> {
        self.0.checked(check_present("appid", appid), |()| {
            self.0.post_ok(
                "/cgi-bin/clear_quota",
                &serde_json::json!({ "appid": appid }),
                Retry::Unsafe,
            )
        })
    }

    /// The quota of one API, named by its path (e.g. `/cgi-bin/message/custom/send`):
    /// `POST /cgi-bin/openapi/quota/get`.
    pub fn quota(&self, cgi_path: &str) -> ApiCall<'static, Quota, K> {
        self.0.checked(check_present("cgi_path", cgi_path), |()| {
            self.0.post_with(
                "/cgi-bin/openapi/quota/get",
                &serde_json::json!({ "cgi_path": cgi_path }),
                Retry::Safe,
                |response| Ok(response.json::<QuotaAnswer>()?.quota),
            )
        })
    }

    /// What WeChat logged for a request id from an error message:
    /// `POST /cgi-bin/openapi/rid/get`.
    pub fn rid(&self, rid: &str) -> ApiCall<'static, RidRequest, K> {
        self.0.checked(check_present("rid", rid), |()| {
            self.0.post_with(
                "/cgi-bin/openapi/rid/get",
                &serde_json::json!({ "rid": rid }),
                Retry::Safe,
                |response| Ok(response.json::<RidAnswer>()?.request),
            )
        })
    }
}
