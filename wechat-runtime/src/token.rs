//! Tokens and tickets, as WeChat issues them and storages keep them.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// How long before its stated expiry a token or ticket is treated as expired.
///
/// WeChat's stable token endpoint hands out a new token in the last five minutes of the old
/// one's life, so refreshing inside that window never races the platform.
pub const EXPIRY_MARGIN_SECS: u64 = 300;

/// The shortest and longest life the runtime believes of a token or ticket it is handed by
/// WeChat or a hub: `0` would make every call fetch again, and a huge value would keep a token
/// forever in memory and is refused as a TTL by Redis. WeChat's are 7200 s.
pub(crate) const EXPIRES_IN_RANGE: std::ops::RangeInclusive<u64> = 60..=86_400;

/// `expires_in` as received, brought into [`EXPIRES_IN_RANGE`].
pub(crate) fn clamp_expires_in(expires_in: u64) -> u64 {
    expires_in.clamp(*EXPIRES_IN_RANGE.start(), *EXPIRES_IN_RANGE.end())
}

/// How long before expiry a credential living `expires_in` seconds is renewed.
fn margin(expires_in: u64) -> u64 {
    EXPIRY_MARGIN_SECS.min(expires_in / 2)
}

/// The current time in unix seconds.
pub fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// An access token: an Official Account's or Mini Program's, an authorizer's, or a component
/// application's `component_access_token`.
///
/// `Debug` never shows the token or the refresh token.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// The token itself, as injected into the `access_token` query parameter.
    pub access_token: String,
    /// Its lifetime in seconds, counted from `timestamp`.
    pub expires_in: u64,
    /// The authorizer refresh token that came with it, for authorizer tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// When it was issued, in unix seconds.
    pub timestamp: u64,
}

impl Token {
    /// A token issued now that lives `expires_in` seconds.
    pub fn new(access_token: impl Into<String>, expires_in: u64) -> Self {
        Token {
            access_token: access_token.into(),
            expires_in,
            refresh_token: None,
            timestamp: now_unix(),
        }
    }

    /// The unix second at which WeChat stops accepting it.
    pub fn expires_at(&self) -> u64 {
        self.timestamp.saturating_add(self.expires_in)
    }

    /// Whether it is still good at `now`, keeping [`EXPIRY_MARGIN_SECS`] in hand (or half its
    /// lifetime, for tokens that live less than ten minutes).
    pub fn is_fresh_at(&self, now: u64) -> bool {
        now.saturating_add(margin(self.expires_in)) < self.expires_at()
    }

    /// Whether it is still good now, keeping [`EXPIRY_MARGIN_SECS`] in hand.
    pub fn is_fresh(&self) -> bool {
        self.is_fresh_at(now_unix())
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("access_token", &Redacted)
            .field("expires_in", &self.expires_in)
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| Redacted),
            )
            .field("timestamp", &self.timestamp)
            .finish()
    }
}

/// The kind of a ticket fetched through `/cgi-bin/ticket/getticket`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TicketType {
    /// The JS-SDK ticket, `jsapi` on the wire.
    Jsapi,
    /// The card ticket, `wx_card` on the wire.
    WxCard,
    /// A WeCom agent's ticket for `wx.agentConfig`, `agent_config` on the wire (the corp's own
    /// JS-SDK ticket is [`TicketType::Jsapi`]).
    AgentConfig,
}

impl TicketType {
    /// The name WeChat and the hub protocol use: `"jsapi"`, `"wx_card"` or `"agent_config"`.
    pub fn as_str(self) -> &'static str {
        match self {
            TicketType::Jsapi => "jsapi",
            TicketType::WxCard => "wx_card",
            TicketType::AgentConfig => "agent_config",
        }
    }
}

impl fmt::Display for TicketType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for TicketType {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "jsapi" => Ok(TicketType::Jsapi),
            "wx_card" => Ok(TicketType::WxCard),
            "agent_config" => Ok(TicketType::AgentConfig),
            other => Err(Error::invalid_input(format!(
                "unknown ticket type `{other}`: expected `jsapi`, `wx_card` or `agent_config`"
            ))),
        }
    }
}

/// A `jsapi` or `wx_card` ticket. `Debug` never shows its value.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ticket {
    /// The ticket itself.
    pub value: String,
    /// Which ticket it is.
    pub ticket_type: TicketType,
    /// Its lifetime in seconds, counted from `timestamp`.
    pub expires_in: u64,
    /// When it was issued, in unix seconds.
    pub timestamp: u64,
}

impl Ticket {
    /// A ticket issued now that lives `expires_in` seconds.
    pub fn new(value: impl Into<String>, ticket_type: TicketType, expires_in: u64) -> Self {
        Ticket {
            value: value.into(),
            ticket_type,
            expires_in,
            timestamp: now_unix(),
        }
    }

    /// The unix second at which it expires.
    pub fn expires_at(&self) -> u64 {
        self.timestamp.saturating_add(self.expires_in)
    }

    /// Whether it is still good now, keeping [`EXPIRY_MARGIN_SECS`] in hand.
    pub fn is_fresh(&self) -> bool {
        now_unix().saturating_add(margin(self.expires_in)) < self.expires_at()
    }
}

impl fmt::Debug for Ticket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ticket")
            .field("value", &Redacted)
            .field("ticket_type", &self.ticket_type)
            .field("expires_in", &self.expires_in)
            .field("timestamp", &self.timestamp)
            .finish()
    }
}

/// An application secret (`appsecret`, `component_appsecret`). `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Self {
        Secret(secret.into())
    }

    /// The secret itself, to send to WeChat.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret::new(s)
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret(s)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(")?;
        fmt::Debug::fmt(&Redacted, f)?;
        f.write_str(")")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&Redacted, f)
    }
}

/// What `Debug` prints in place of a secret value.
pub(crate) struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticket_type_wire_names() {
        assert_eq!(
            serde_json::to_string(&TicketType::Jsapi).unwrap(),
            "\"jsapi\""
        );
        assert_eq!(
            serde_json::to_string(&TicketType::WxCard).unwrap(),
            "\"wx_card\""
        );
        assert_eq!("wx_card".parse::<TicketType>().unwrap(), TicketType::WxCard);
        assert!("card".parse::<TicketType>().is_err());
    }

    #[test]
    fn debug_hides_secrets() {
        let mut token = Token::new("SECRET_TOKEN", 7200);
        token.refresh_token = Some("SECRET_REFRESH".into());
        let ticket = Ticket::new("SECRET_TICKET", TicketType::Jsapi, 7200);
        let secret = Secret::new("SECRET_APPSECRET");
        let shown = format!("{token:?} {ticket:?} {secret:?} {secret}");
        assert!(!shown.contains("SECRET_"), "{shown}");
    }

    #[test]
    fn freshness_keeps_a_margin() {
        let token = Token {
            access_token: "t".into(),
            expires_in: 7200,
            refresh_token: None,
            timestamp: 1_000,
        };
        assert!(token.is_fresh_at(1_000));
        assert!(token.is_fresh_at(1_000 + 7200 - EXPIRY_MARGIN_SECS - 1));
        assert!(!token.is_fresh_at(1_000 + 7200 - EXPIRY_MARGIN_SECS));
    }
}
