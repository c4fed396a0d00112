//! Configuration of a simulator.

use std::net::{Ipv4Addr, SocketAddr};

/// The `expires_in` of tokens when nothing else is configured, as in WeChat.
pub const DEFAULT_TOKEN_TTL: u64 = 7200;

/// How to start a [`Simulator`](crate::Simulator).
///
/// ```
/// use wechat_simulator::SimulatorConfig;
///
/// let config = SimulatorConfig::new()
///     .with_app("wx1234567890abcdef", "app-secret")
///     .with_component("wxfedcba0987654321", "component-secret")
///     .with_token_ttl(60);
/// assert_eq!(config.apps.len(), 1);
/// assert_eq!(config.addr.port(), 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimulatorConfig {
    /// Where to listen; default `127.0.0.1:0` (a free port).
    pub addr: SocketAddr,
    /// Official Accounts / Mini Programs as `(appid, secret)`.
    pub apps: Vec<(String, String)>,
    /// Third-party platforms as `(component_appid, secret)`.
    pub components: Vec<(String, String)>,
    /// `expires_in` of issued tokens, in seconds; default 7200.
    pub token_ttl: u64,
}

impl Default for SimulatorConfig {
    fn default() -> Self {
        SimulatorConfig {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            apps: Vec::new(),
            components: Vec::new(),
            token_ttl: DEFAULT_TOKEN_TTL,
        }
    }
}

impl SimulatorConfig {
    /// The default configuration.
    pub fn new() -> Self {
        Self::default()
    }

    /// Listens on `addr` instead of `127.0.0.1:0`.
    pub fn with_addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Adds an Official Account or Mini Program.
    pub fn with_app(mut self, appid: impl Into<String>, secret: impl Into<String>) -> Self {
        self.apps.push((appid.into(), secret.into()));
        self
    }

    /// Adds a third-party platform.
    pub fn with_component(
        mut self,
        component_appid: impl Into<String>,
        secret: impl Into<String>,
    ) -> Self {
        self.components
            .push((component_appid.into(), secret.into()));
        self
    }

    /// Sets the `expires_in` of issued tokens, in seconds.
    pub fn with_token_ttl(mut self, secs: u64) -> Self {
        self.token_ttl = secs;
        self
    }
}
