//! The hub HTTP protocol of elixir_wechat 0.4 hubs: paths and bodies, shared by `HubClient`
//! and the hub server.

use serde::{Deserialize, Serialize};

use crate::token::{clamp_expires_in, now_unix, Ticket, TicketType, Token};

pub(crate) const ACCESS_TOKEN: &str = "/client/access_token";
pub(crate) const REFRESH_ACCESS_TOKEN: &str = "/refresh/access_token";
pub(crate) const COMPONENT_ACCESS_TOKEN: &str = "/client/component_access_token";
pub(crate) const REFRESH_COMPONENT_ACCESS_TOKEN: &str = "/client/refresh_component_access_token";
pub(crate) const TICKET: &str = "/client/ticket";
/// WeCom's routes: this crate's extension of the protocol, keyed by (corpid, app).
pub(crate) const WORK_ACCESS_TOKEN: &str = "/client/work/access_token";
pub(crate) const REFRESH_WORK_ACCESS_TOKEN: &str = "/refresh/work/access_token";
pub(crate) const WORK_TICKET: &str = "/client/work/ticket";
#[cfg(feature = "hub-server")]
pub(crate) const HEALTHZ: &str = "/healthz";
#[cfg(feature = "hub-server")]
pub(crate) const READYZ: &str = "/readyz";
#[cfg(feature = "hub-server")]
pub(crate) const METRICS: &str = "/metrics";
#[cfg(feature = "hub-server")]
/// Where WeChat pushes a component's notifications (the hub server's own route, not elixir's).
pub(crate) const COMPONENT_CALLBACK: &str = "/callback/component/{appid}";

#[cfg(feature = "hub-server")]
/// Every route of the hub server: the labels of its request metrics (anything else is `other`).
pub(crate) const ROUTES: [&str; 11] = [
    ACCESS_TOKEN,
    REFRESH_ACCESS_TOKEN,
    COMPONENT_ACCESS_TOKEN,
    REFRESH_COMPONENT_ACCESS_TOKEN,
    TICKET,
    WORK_ACCESS_TOKEN,
    REFRESH_WORK_ACCESS_TOKEN,
    WORK_TICKET,
    HEALTHZ,
    READYZ,
    METRICS,
];

/// The query of the `GET` calls.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct AppQuery {
    pub appid: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorizer_appid: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub ticket_type: Option<String>,
}

/// The query of WeCom's `GET` calls: the (corpid, app) pair, the app as `agent:1000002`,
/// `contacts`, `external_contact` or `customer_service`.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct WorkQuery {
    pub corpid: String,
    pub app: String,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub ticket_type: Option<String>,
}

/// The body of WeCom's refresh call.
#[derive(Serialize, Deserialize)]
pub(crate) struct WorkRefreshBody {
    pub corpid: String,
    pub app: String,
    pub access_token: String,
}

/// The body of the refresh calls.
#[derive(Serialize, Deserialize)]
pub(crate) struct RefreshBody {
    pub appid: String,
    pub access_token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorizer_appid: Option<String>,
}

/// A token, as the hub sends it.
#[derive(Serialize, Deserialize)]
pub(crate) struct TokenAnswer {
    #[serde(default)]
    pub access_token: String,
    #[serde(default)]
    pub expires_in: u64,
    #[serde(default)]
    pub timestamp: Option<u64>,
}

/// The answer of a token, moved rather than copied (the hub server's hot path).
impl From<Token> for TokenAnswer {
    fn from(token: Token) -> Self {
        TokenAnswer {
            timestamp: Some(token.timestamp),
            expires_in: token.expires_in,
            access_token: token.access_token,
        }
    }
}

impl From<TokenAnswer> for Token {
    fn from(answer: TokenAnswer) -> Self {
        Token {
            access_token: answer.access_token,
            expires_in: clamp_expires_in(answer.expires_in),
            refresh_token: None,
            timestamp: answer.timestamp.unwrap_or_else(now_unix),
        }
    }
}

/// A ticket, as the hub sends it.
#[derive(Serialize, Deserialize)]
pub(crate) struct TicketAnswer {
    #[serde(default)]
    pub ticket: String,
    #[serde(rename = "type")]
    pub ticket_type: TicketType,
    #[serde(default)]
    pub expires_in: u64,
    #[serde(default)]
    pub timestamp: Option<u64>,
}

impl From<&Ticket> for TicketAnswer {
    fn from(ticket: &Ticket) -> Self {
        TicketAnswer {
            ticket: ticket.value.clone(),
            ticket_type: ticket.ticket_type,
            expires_in: ticket.expires_in,
            timestamp: Some(ticket.timestamp),
        }
    }
}

/// An error, as elixir_wechat hubs send it (with HTTP 200) and ours (with the real status).
/// `HubClient` reads it field by field (elixir hubs send `null`s); the server writes it.
#[cfg(feature = "hub-server")]
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct ErrorAnswer {
    pub errcode: Option<i64>,
    pub http_status: Option<u16>,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub reason: Option<String>,
}
