//! The embedded persistence: everything in the process's memory.

use std::collections::HashMap;
use std::fmt;
use std::sync::RwLock;

use async_trait::async_trait;

use super::{ComponentHubStorage, HubStorage, TokenKey};
use crate::error::Result;
use crate::token::{Secret, Ticket, TicketType, Token};
use crate::work::WorkKey;

/// A [`HubStorage`] and [`ComponentHubStorage`] that keeps everything in memory.
///
/// It is the default persistence of a [`Hub`](crate::Hub) in a single process. Tokens are lost when
/// the process ends; use a shared persistence (Redis) when several processes call WeChat.
///
/// ```
/// use wechat_runtime::MemoryStore;
///
/// let store = MemoryStore::new()
///     .with_app("wx0123456789abcdef", "the-appsecret")
///     .with_verify_ticket("wxcomponent000001", "ticket@@@pushed-by-wechat");
/// # let _ = store;
/// ```
#[derive(Default)]
pub struct MemoryStore {
    state: RwLock<State>,
}

/// Shows which appids are kept and how many tokens, never a secret, a token, a verify ticket
/// or a refresh token.
impl fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.read();
        let mut apps: Vec<&str> = state.secrets.keys().map(String::as_str).collect();
        apps.sort_unstable();
        let mut work_apps: Vec<String> =
            state.work_secrets.keys().map(ToString::to_string).collect();
        work_apps.sort_unstable();
        f.debug_struct("MemoryStore")
            .field("apps", &apps)
            .field("work_apps", &work_apps)
            .field("tokens", &state.tokens.len())
            .field("tickets", &state.tickets.len())
            .field("verify_tickets", &state.verify_tickets.len())
            .field("authorizers", &state.refresh_tokens.len())
            .finish()
    }
}

#[derive(Default)]
struct State {
    secrets: HashMap<String, Secret>,
    work_secrets: HashMap<WorkKey, Secret>,
    tokens: HashMap<TokenKey, Token>,
    tickets: HashMap<(TokenKey, TicketType), Ticket>,
    verify_tickets: HashMap<String, String>,
    refresh_tokens: HashMap<(String, String), String>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the secret of an application (common or component).
    pub fn with_app(self, appid: impl Into<String>, secret: impl Into<Secret>) -> Self {
        self.write().secrets.insert(appid.into(), secret.into());
        self
    }

    /// Adds the secret of a WeCom app: its corp and app, and the app's `corpsecret`.
    pub fn with_work_app(self, key: WorkKey, secret: impl Into<Secret>) -> Self {
        self.write().work_secrets.insert(key, secret.into());
        self
    }

    /// Adds the latest `component_verify_ticket` of a component application.
    pub fn with_verify_ticket(
        self,
        component_appid: impl Into<String>,
        verify_ticket: impl Into<String>,
    ) -> Self {
        self.write()
            .verify_tickets
            .insert(component_appid.into(), verify_ticket.into());
        self
    }

    /// Adds the refresh token of an authorizer, as `api_query_auth` returned it.
    pub fn with_authorizer(
        self,
        component_appid: impl Into<String>,
        authorizer_appid: impl Into<String>,
        refresh_token: impl Into<String>,
    ) -> Self {
        self.write().refresh_tokens.insert(
            (component_appid.into(), authorizer_appid.into()),
            refresh_token.into(),
        );
        self
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, State> {
        // A panic elsewhere while holding the lock cannot leave the maps half-written: each
        // write is a single insert, so the data is still good.
        self.state.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(|e| e.into_inner())
    }
}

#[async_trait]
impl HubStorage for MemoryStore {
    async fn secret(&self, appid: &str) -> Result<Option<Secret>> {
        Ok(self.read().secrets.get(appid).cloned())
    }

    async fn save_secret(&self, appid: &str, secret: &Secret) -> Result<()> {
        self.write()
            .secrets
            .insert(appid.to_owned(), secret.clone());
        Ok(())
    }

    async fn work_secret(&self, key: &WorkKey) -> Result<Option<Secret>> {
        Ok(self.read().work_secrets.get(key).cloned())
    }

    async fn save_work_secret(&self, key: &WorkKey, secret: &Secret) -> Result<()> {
        self.write()
            .work_secrets
            .insert(key.clone(), secret.clone());
        Ok(())
    }

    async fn token(&self, key: &TokenKey) -> Result<Option<Token>> {
        Ok(self.read().tokens.get(key).cloned())
    }

    async fn save_token(&self, key: &TokenKey, token: &Token) -> Result<()> {
        self.write().tokens.insert(key.clone(), token.clone());
        Ok(())
    }

    async fn ticket(&self, key: &TokenKey, ticket_type: TicketType) -> Result<Option<Ticket>> {
        Ok(self
            .read()
            .tickets
            .get(&(key.clone(), ticket_type))
            .cloned())
    }

    async fn save_ticket(&self, key: &TokenKey, ticket: &Ticket) -> Result<()> {
        self.write()
            .tickets
            .insert((key.clone(), ticket.ticket_type), ticket.clone());
        Ok(())
    }
}

#[async_trait]
impl ComponentHubStorage for MemoryStore {
    async fn verify_ticket(&self, component_appid: &str) -> Result<Option<String>> {
        Ok(self.read().verify_tickets.get(component_appid).cloned())
    }

    async fn save_verify_ticket(&self, component_appid: &str, verify_ticket: &str) -> Result<()> {
        self.write()
            .verify_tickets
            .insert(component_appid.to_owned(), verify_ticket.to_owned());
        Ok(())
    }

    async fn authorizer_refresh_token(
        &self,
        component_appid: &str,
        authorizer_appid: &str,
    ) -> Result<Option<String>> {
        Ok(self
            .read()
            .refresh_tokens
            .get(&(component_appid.to_owned(), authorizer_appid.to_owned()))
            .cloned())
    }

    async fn forget_authorizer(&self, component_appid: &str, authorizer_appid: &str) -> Result<()> {
        let mut state = self.write();
        state
            .refresh_tokens
            .remove(&(component_appid.to_owned(), authorizer_appid.to_owned()));
        let key = TokenKey::authorizer(component_appid, authorizer_appid);
        state.tokens.remove(&key);
        state.tickets.retain(|(k, _), _| *k != key);
        Ok(())
    }

    async fn save_authorizer_refresh_token(
        &self,
        component_appid: &str,
        authorizer_appid: &str,
        refresh_token: &str,
    ) -> Result<()> {
        self.write().refresh_tokens.insert(
            (component_appid.to_owned(), authorizer_appid.to_owned()),
            refresh_token.to_owned(),
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_no_secret_ticket_or_token() {
        let store = MemoryStore::new()
            .with_app("wx0123456789abcdef", "the-appsecret")
            .with_verify_ticket("wxcomponent000001", "ticket@@@pushed-by-wechat")
            .with_authorizer("wxcomponent000001", "wxauthorizer00001", "refreshtoken@@@x");
        let debug = format!("{store:?}");
        assert!(debug.contains("wx0123456789abcdef"), "{debug}");
        for secret in ["the-appsecret", "pushed-by-wechat", "refreshtoken"] {
            assert!(!debug.contains(secret), "{debug}");
        }
    }
}
