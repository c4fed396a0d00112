//! A hub over a persistence of the user's own that implements `HubStorage` and nothing more:
//! enough for common applications, whose tokens and tickets it fetches, stores and refreshes.

use std::collections::HashMap;
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
        Ok(self.tokens.lock().unwrap().get(key).cloned())
    }

    async fn save_token(&self, key: &TokenKey, token: &Token) -> Result<()> {
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
