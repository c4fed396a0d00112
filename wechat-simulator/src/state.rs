//! The simulator's shared, thread-safe state.

use std::{
    collections::{HashMap, VecDeque},
    sync::{Arc, Mutex, MutexGuard, PoisonError},
};

use serde_json::Value;

use crate::{
    api::{
        customer_service::CustomerService, mass::MassJobs, material::Materials,
        mini_program::MiniProgram, oauth::OAuth, qrcode::QrCodes, subscribe::SubscribeTemplates,
        tags::Tags, template::Templates, user::Users,
    },
    faults::Fault,
    record::RecordedRequest,
    tokens::TokenStore,
};

/// The state handed to every handler.
pub(crate) type AppState = Arc<Shared>;

/// The state behind one lock. Never hold the guard across an `.await`.
#[derive(Debug)]
pub(crate) struct Shared {
    inner: Mutex<Inner>,
}

impl Shared {
    pub(crate) fn new(token_ttl: u64) -> Self {
        Shared {
            inner: Mutex::new(Inner {
                token_ttl,
                ..Inner::default()
            }),
        }
    }

    /// Locks the state; a poisoned lock is recovered, since no invariant spans a panic.
    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A third-party platform.
#[derive(Debug, Clone)]
pub(crate) struct Component {
    pub(crate) secret: String,
    /// The verify tickets pushed so far, newest last; only the last two are accepted.
    pub(crate) tickets: VecDeque<String>,
}

/// A stored temporary media file.
#[derive(Debug, Clone)]
pub(crate) struct Media {
    pub(crate) owner: String,
    pub(crate) content_type: String,
    pub(crate) filename: String,
    pub(crate) bytes: Vec<u8>,
}

/// Everything the simulator knows.
#[derive(Debug, Default)]
pub(crate) struct Inner {
    /// expires_in of tokens issued from now on.
    pub(crate) token_ttl: u64,
    /// appid -> secret.
    pub(crate) apps: HashMap<String, String>,
    /// component appid -> component.
    pub(crate) components: HashMap<String, Component>,
    /// (component appid, authorizer appid) -> current authorizer_refresh_token.
    pub(crate) authorizers: HashMap<(String, String), String>,
    /// authorization code -> (component appid, authorizer appid), until `api_query_auth`
    /// spends it.
    pub(crate) authorization_codes: HashMap<String, (String, String)>,
    pub(crate) tokens: TokenStore,
    /// (appid, ticket type) -> (ticket, expiry).
    pub(crate) tickets: HashMap<(String, String), (String, std::time::Instant)>,
    /// appid -> menu; absent means the default menu, `None` means deleted.
    pub(crate) menus: HashMap<String, Option<Value>>,
    /// media_id -> media.
    pub(crate) media: HashMap<String, Media>,
    pub(crate) sent_messages: Vec<Value>,
    // One field per stateful API area; each area's module defines its type.
    pub(crate) users: Users,
    pub(crate) tags: Tags,
    pub(crate) qrcodes: QrCodes,
    pub(crate) customer_service: CustomerService,
    pub(crate) templates: Templates,
    pub(crate) subscribe: SubscribeTemplates,
    pub(crate) mass: MassJobs,
    pub(crate) materials: Materials,
    pub(crate) oauth: OAuth,
    pub(crate) mini_program: MiniProgram,
    pub(crate) calls: HashMap<String, usize>,
    pub(crate) requests: Vec<RecordedRequest>,
    pub(crate) faults: HashMap<String, VecDeque<Fault>>,
}

impl Inner {
    /// Counts and records a request.
    pub(crate) fn record(&mut self, request: RecordedRequest) {
        *self.calls.entry(request.path.clone()).or_default() += 1;
        self.requests.push(request);
    }

    /// The next fault queued for `path`, if any.
    pub(crate) fn take_fault(&mut self, path: &str) -> Option<Fault> {
        let queue = self.faults.get_mut(path)?;
        let fault = queue.pop_front();
        if queue.is_empty() {
            self.faults.remove(path);
        }
        fault
    }
}
