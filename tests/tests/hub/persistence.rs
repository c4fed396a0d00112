//! A hub over a persistence of the user's own that implements `HubStorage` and nothing more:
//! enough for common applications, whose tokens and tickets it fetches, stores and refreshes.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use wechat_runtime::{
    async_trait, Client, HubStorage, Result, Secret, Ticket, TicketType, Token, TokenKey,
};

use crate::common::*;

/// A persistence of common applications only: no verify tickets, no authorizers.
#[derive(Default, Clone)]
struct AppsOnly {
    secrets: Arc<Mutex<HashMap<String, Secret>>>,
    tokens: Arc<Mutex<HashMap<TokenKey, Token>>>,
    tickets: Arc<Mutex<HashMap<(TokenKey, TicketType), Ticket>>>,
    /// Saves of tokens fail, as a Redis that went away would.
    saves_down: Arc<AtomicBool>,
    /// Reads of tokens fail too.
    reads_down: Arc<AtomicBool>,
}

impl AppsOnly {
    fn saved_token(&self) -> Option<Token> {
        self.tokens
            .lock()
            .unwrap()
            .get(&TokenKey::app(APPID))
            .cloned()
    }
}

fn down() -> wechat_runtime::Error {
    wechat_runtime::Error::Storage {
        message: "the persistence is down".into(),
        source: None,
    }
}

#[async_trait]
impl HubStorage for AppsOnly {
    async fn secret(&self, appid: &str) -> Result<Option<Secret>> {
        Ok(self.secrets.lock().unwrap().get(appid).cloned())
    }

    async fn save_secret(&self, appid: &str, secret: &Secret) -> Result<()> {
        self.secrets
            .lock()
            .unwrap()
            .insert(appid.to_owned(), secret.clone());
        Ok(())
    }

    async fn token(&self, key: &TokenKey) -> Result<Option<Token>> {
        if self.reads_down.load(Ordering::SeqCst) {
            return Err(down());
        }
        Ok(self.tokens.lock().unwrap().get(key).cloned())
    }

    async fn save_token(&self, key: &TokenKey, token: &Token) -> Result<()> {
        if self.saves_down.load(Ordering::SeqCst) {
            return Err(down());
        }
        self.tokens
            .lock()
            .unwrap()
            .insert(key.clone(), token.clone());
        Ok(())
    }

    async fn ticket(&self, key: &TokenKey, ticket_type: TicketType) -> Result<Option<Ticket>> {
        let tickets = self.tickets.lock().unwrap();
        Ok(tickets.get(&(key.clone(), ticket_type)).cloned())
    }

    async fn save_ticket(&self, key: &TokenKey, ticket: &Ticket) -> Result<()> {
        let mut tickets = self.tickets.lock().unwrap();
        tickets.insert((key.clone(), ticket.ticket_type), ticket.clone());
        Ok(())
    }
}

#[tokio::test]
async fn a_hub_over_a_common_only_persistence_serves_a_client() {
    let sim = simulator().await;
    let store = AppsOnly::default();
    store
        .save_secret(APPID, &Secret::from(SECRET))
        .await
        .unwrap();
    let hub = wechat_runtime::Hub::builder(store.clone())
        .base_url(sim.base_url())
        .retry_policy(quick_retries())
        .build()
        .unwrap();
    let client: Client<_> = client(&sim, hub);

    // A call fetches the token through the hub, which stores it.
    let user: serde_json::Value = client
        .get("/cgi-bin/user/info")
        .query("openid", OPENID)
        .await
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(user["openid"], OPENID);
    let first = store.saved_token().expect("the hub stored the token");
    assert_eq!(sim.calls("/cgi-bin/stable_token"), 1);

    // WeChat expires it: the client refreshes once through the hub, which stores the new one.
    sim.expire_access_tokens(APPID);
    client
        .get("/cgi-bin/user/info")
        .query("openid", OPENID)
        .await
        .unwrap();
    let second = store.saved_token().unwrap();
    assert_ne!(first.access_token, second.access_token);

    // Tickets too, kept in the persistence.
    let ticket = client.ticket(TicketType::Jsapi).await.unwrap();
    assert!(!ticket.value.is_empty());
    assert_eq!(store.tickets.lock().unwrap().len(), 1);

    // The hub's own reads of common applications.
    let token = client.storage().app_token(APPID).await.unwrap();
    assert_eq!(token.access_token, second.access_token);
}

// ---- Limits on what one caller can make the hub do ---------------------------------------------

#[tokio::test]
async fn forced_refreshes_are_limited_on_the_classic_endpoint_too() {
    let sim = simulator().await;
    let hub =
        wechat_runtime::Hub::builder(wechat_runtime::MemoryStore::new().with_app(APPID, SECRET))
            .base_url(sim.base_url())
            .token_endpoint(wechat_runtime::TokenEndpoint::Classic)
            .build()
            .unwrap();
    let first = hub.app_token(APPID).await.unwrap();
    let second = hub
        .refresh_app_token(APPID, &first.access_token)
        .await
        .unwrap();
    assert_ne!(first.access_token, second.access_token);
    assert_eq!(sim.calls("/cgi-bin/token"), 2);

    // A caller that claims the new token is bad too cannot force a third within 30 s.
    let err = hub
        .refresh_app_token(APPID, &second.access_token)
        .await
        .unwrap_err();
    assert!(
        matches!(err, wechat_runtime::Error::RefreshLimited { ref appid, retry_after_secs } if appid == APPID && retry_after_secs <= 30),
        "{err:?}"
    );
    assert_eq!(sim.calls("/cgi-bin/token"), 2);
    // The token every other process holds is still the stored one.
    assert_eq!(hub.app_token(APPID).await.unwrap(), second);
}

#[tokio::test]
async fn expires_in_from_upstream_is_brought_into_a_sane_range() {
    let mock = crate::common::mock::MockServer::start().await;
    let hub_over_mock = || {
        wechat_runtime::Hub::builder(wechat_runtime::MemoryStore::new().with_app(APPID, SECRET))
            .base_url(&mock.base_url)
            .build()
            .unwrap()
    };
    for (expires_in, kept) in [(0u64, 60u64), (u64::MAX, 86_400), (7200, 7200)] {
        let body = format!(r#"{{"access_token":"T{expires_in}","expires_in":{expires_in}}}"#);
        mock.route("/cgi-bin/stable_token", 200, &body);
        let token = hub_over_mock().app_token(APPID).await.unwrap();
        assert_eq!(token.expires_in, kept, "expires_in {expires_in}");
    }
}

#[tokio::test]
async fn a_token_issued_while_the_persistence_is_down_is_not_lost() {
    let sim = simulator().await;
    let store = AppsOnly::default();
    store
        .save_secret(APPID, &Secret::from(SECRET))
        .await
        .unwrap();
    let hub = wechat_runtime::Hub::builder(store.clone())
        .base_url(sim.base_url())
        .build()
        .unwrap();

    // The token is fetched, then the persistence cannot take it: the caller still gets it.
    store.saves_down.store(true, Ordering::SeqCst);
    let issued = hub.app_token(APPID).await.unwrap();
    assert_eq!(store.saved_token(), None);
    // Nor is it fetched again while the persistence stays away, reads included.
    assert_eq!(hub.app_token(APPID).await.unwrap(), issued);
    store.reads_down.store(true, Ordering::SeqCst);
    assert_eq!(hub.app_token(APPID).await.unwrap(), issued);
    assert_eq!(sim.calls("/cgi-bin/stable_token"), 1);

    // Back: the next read stores it.
    store.reads_down.store(false, Ordering::SeqCst);
    store.saves_down.store(false, Ordering::SeqCst);
    assert_eq!(hub.app_token(APPID).await.unwrap(), issued);
    assert_eq!(store.saved_token(), Some(issued));
    assert_eq!(sim.calls("/cgi-bin/stable_token"), 1);
}
