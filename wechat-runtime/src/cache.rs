//! The local TTL cache in front of a storage, with single-flight per key.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, RwLock};

use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};

use crate::token::{Ticket, TicketType, Token};

/// One async lock per key, so that concurrent fetches or refreshes of one key make one call.
///
/// A waiter that is dropped (its task cancelled) releases its place in the queue, and a holder
/// that is dropped releases the lock, so the next waiter proceeds: nobody is left hanging.
#[derive(Debug)]
pub(crate) struct KeyedLocks<K> {
    locks: Mutex<HashMap<K, Arc<AsyncMutex<()>>>>,
}

impl<K> Default for KeyedLocks<K> {
    fn default() -> Self {
        KeyedLocks {
            locks: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Eq + Hash + Clone> KeyedLocks<K> {
    pub(crate) async fn lock(&self, key: &K) -> OwnedMutexGuard<()> {
        let lock = {
            let mut locks = self.locks.lock().unwrap_or_else(|e| e.into_inner());
            locks.entry(key.clone()).or_default().clone()
        };
        lock.lock_owned().await
    }
}

/// Which token a client caches, by the appids it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum CacheKey {
    AccessToken {
        appid: String,
        authorizer_appid: Option<String>,
    },
    ComponentAccessToken {
        appid: String,
    },
}

/// Which ticket a client caches.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct TicketKey {
    pub appid: String,
    pub authorizer_appid: Option<String>,
    pub ticket_type: TicketType,
}

/// Tokens and tickets already fetched from the storage, reused until about five minutes before
/// they expire.
#[derive(Debug, Default)]
pub(crate) struct TokenCache {
    tokens: RwLock<HashMap<CacheKey, Token>>,
    tickets: RwLock<HashMap<TicketKey, Ticket>>,
    pub(crate) flights: KeyedLocks<CacheKey>,
    pub(crate) ticket_flights: KeyedLocks<TicketKey>,
}

impl TokenCache {
    pub(crate) fn fresh_token(&self, key: &CacheKey) -> Option<Token> {
        let tokens = self.tokens.read().unwrap_or_else(|e| e.into_inner());
        tokens.get(key).filter(|t| t.is_fresh()).cloned()
    }

    pub(crate) fn put_token(&self, key: &CacheKey, token: &Token) {
        let mut tokens = self.tokens.write().unwrap_or_else(|e| e.into_inner());
        tokens.insert(key.clone(), token.clone());
    }

    pub(crate) fn fresh_ticket(&self, key: &TicketKey) -> Option<Ticket> {
        let tickets = self.tickets.read().unwrap_or_else(|e| e.into_inner());
        tickets.get(key).filter(|t| t.is_fresh()).cloned()
    }

    pub(crate) fn put_ticket(&self, key: &TicketKey, ticket: &Ticket) {
        let mut tickets = self.tickets.write().unwrap_or_else(|e| e.into_inner());
        tickets.insert(key.clone(), ticket.clone());
    }
}
