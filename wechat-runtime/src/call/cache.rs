//! The local TTL cache in front of a storage, with single-flight per key.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex, RwLock};

use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};

use crate::error::Result;
use crate::token::{Ticket, TicketType, Token};
use crate::work::{WorkApp, WorkKey};

/// One async lock per key, so that concurrent fetches or refreshes of one key make one call.
///
/// A waiter that is dropped (its task cancelled) releases its place in the queue, and a holder
/// that is dropped releases the lock, so the next waiter proceeds: nobody is left hanging. The
/// last one out removes the key's lock, so the map holds only keys in use, however many keys
/// callers name.
#[derive(Debug)]
pub(crate) struct KeyedLocks<K: Eq + Hash> {
    locks: Mutex<HashMap<K, Arc<AsyncMutex<()>>>>,
}

impl<K: Eq + Hash> Default for KeyedLocks<K> {
    fn default() -> Self {
        KeyedLocks {
            locks: Mutex::new(HashMap::new()),
        }
    }
}

/// A place at one key's lock: held once [`KeyedLocks::lock`] returns it.
pub(crate) struct KeyGuard<'a, K: Eq + Hash> {
    locks: &'a KeyedLocks<K>,
    key: K,
    lock: Arc<AsyncMutex<()>>,
    held: Option<OwnedMutexGuard<()>>,
}

impl<K: Eq + Hash> Drop for KeyGuard<'_, K> {
    fn drop(&mut self) {
        self.held.take();
        let mut locks = self.locks.map();
        // The map's and ours: nobody else waits for this key.
        if Arc::strong_count(&self.lock) == 2 {
            locks.remove(&self.key);
        }
    }
}

impl<K: Eq + Hash> KeyedLocks<K> {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<K, Arc<AsyncMutex<()>>>> {
        self.locks.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl<K: Eq + Hash + Clone> KeyedLocks<K> {
    pub(crate) async fn lock(&self, key: &K) -> KeyGuard<'_, K> {
        let lock = self.map().entry(key.clone()).or_default().clone();
        let mut place = KeyGuard {
            locks: self,
            key: key.clone(),
            lock,
            held: None,
        };
        // Cancelled here, `place` is dropped and cleans up after itself.
        place.held = Some(place.lock.clone().lock_owned().await);
        place
    }

    /// How many keys have a lock now.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.map().len()
    }
}

/// Which token a client caches, by the appids it belongs to: shared strings, so that a call
/// of the client's own appids builds its key without copying them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum CacheKey {
    AccessToken {
        appid: Arc<str>,
        authorizer_appid: Option<Arc<str>>,
    },
    ComponentAccessToken {
        appid: Arc<str>,
    },
    /// A WeCom app's token: the (corpid, app) pair itself.
    Work(Arc<WorkKey>),
}

/// Which ticket a client caches.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct TicketKey {
    pub appid: Arc<str>,
    pub authorizer_appid: Option<Arc<str>>,
    /// The app, on a WeCom client (`appid` is then the corpid).
    pub work_app: Option<WorkApp>,
    pub ticket_type: TicketType,
}

/// The most tokens (and, apart, tickets) a cache keeps: the keys come from calls, and a per-call
/// `appid` override can name any number of them.
pub(crate) const MAX_CACHED: usize = 10_000;

/// Before a new key goes into a full map: drop what has expired, and if that is not enough,
/// everything (a cache only saves storage reads; the next calls read the storage again).
fn make_room<K: Eq + Hash, V>(map: &mut HashMap<K, V>, key: &K, fresh: impl Fn(&V) -> bool) {
    if map.len() < MAX_CACHED || map.contains_key(key) {
        return;
    }
    map.retain(|_, value| fresh(value));
    if map.len() >= MAX_CACHED {
        map.clear();
    }
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
        make_room(&mut tokens, key, Token::is_fresh);
        tokens.insert(key.clone(), token.clone());
    }

    pub(crate) fn fresh_ticket(&self, key: &TicketKey) -> Option<Ticket> {
        let tickets = self.tickets.read().unwrap_or_else(|e| e.into_inner());
        tickets.get(key).filter(|t| t.is_fresh()).cloned()
    }

    pub(crate) fn put_ticket(&self, key: &TicketKey, ticket: &Ticket) {
        let mut tickets = self.tickets.write().unwrap_or_else(|e| e.into_inner());
        make_room(&mut tickets, key, Ticket::is_fresh);
        tickets.insert(key.clone(), ticket.clone());
    }

    /// The token under `key`: the cached one while fresh, else what `fetch` gets, with one
    /// `fetch` at a time per key however many callers ask at once.
    pub(crate) async fn token_or_fetch<F>(
        &self,
        key: &CacheKey,
        fetch: impl FnOnce() -> F,
    ) -> Result<Token>
    where
        F: Future<Output = Result<Token>>,
    {
        if let Some(token) = self.fresh_token(key) {
            return Ok(token);
        }
        let _flight = self.flights.lock(key).await;
        // Whoever held the lock before us has fetched it.
        if let Some(token) = self.fresh_token(key) {
            return Ok(token);
        }
        let token = fetch().await?;
        self.put_token(key, &token);
        Ok(token)
    }

    /// A replacement for `stale`, which WeChat rejected: the cached token if another caller has
    /// already replaced it, else what `refresh` gets.
    pub(crate) async fn token_or_refresh<F>(
        &self,
        key: &CacheKey,
        stale: &str,
        refresh: impl FnOnce() -> F,
    ) -> Result<Token>
    where
        F: Future<Output = Result<Token>>,
    {
        let _flight = self.flights.lock(key).await;
        if let Some(token) = self.fresh_token(key) {
            if token.access_token != stale {
                return Ok(token);
            }
        }
        let token = refresh().await?;
        self.put_token(key, &token);
        Ok(token)
    }

    /// The ticket under `key`: the cached one while fresh, else what `fetch` gets, one at a time.
    pub(crate) async fn ticket_or_fetch<F>(
        &self,
        key: &TicketKey,
        fetch: impl FnOnce() -> F,
    ) -> Result<Ticket>
    where
        F: Future<Output = Result<Ticket>>,
    {
        if let Some(ticket) = self.fresh_ticket(key) {
            return Ok(ticket);
        }
        let _flight = self.ticket_flights.lock(key).await;
        if let Some(ticket) = self.fresh_ticket(key) {
            return Ok(ticket);
        }
        let ticket = fetch().await?;
        self.put_ticket(key, &ticket);
        Ok(ticket)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_stays_bounded_whatever_keys_calls_name() {
        let cache = TokenCache::default();
        let token = Token::new("T", 7200);
        for i in 0..MAX_CACHED + 10 {
            let key = CacheKey::ComponentAccessToken {
                appid: format!("wx{i}").into(),
            };
            cache.put_token(&key, &token);
        }
        let kept = cache.tokens.read().unwrap().len();
        assert!(kept <= MAX_CACHED, "{kept}");
        let last = CacheKey::ComponentAccessToken {
            appid: format!("wx{}", MAX_CACHED + 9).into(),
        };
        assert!(cache.fresh_token(&last).is_some());
    }

    #[tokio::test]
    async fn locks_of_keys_no_longer_used_are_removed() {
        let locks = KeyedLocks::<String>::default();
        for i in 0..100 {
            let _guard = locks.lock(&format!("key-{i}")).await;
        }
        assert_eq!(locks.len(), 0);

        let first = locks.lock(&"k".to_owned()).await;
        let waiter = {
            let locks = &locks;
            async move {
                let _guard = locks.lock(&"k".to_owned()).await;
            }
        };
        let mut waiter = Box::pin(waiter);
        // The waiter queues behind `first`, then is cancelled.
        assert!(futures_util::FutureExt::now_or_never(waiter.as_mut()).is_none());
        drop(waiter);
        assert_eq!(locks.len(), 1);
        drop(first);
        assert_eq!(locks.len(), 0);
    }
}
