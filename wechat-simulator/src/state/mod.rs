//! The simulator's shared, thread-safe state, with one file per stateful API area. The `api`
//! handlers read and change it; nothing here depends on them.

pub(crate) mod authorizer_options;
pub(crate) mod autoreply;
pub(crate) mod comments;
pub(crate) mod customer_service;
mod fifo;
pub(crate) mod mass;
pub(crate) mod materials;
pub(crate) mod menus;
pub(crate) mod mini_program;
pub(crate) mod oauth;
pub(crate) mod pay;
pub(crate) mod publish;
pub(crate) mod qrcodes;
pub(crate) mod subscribe;
pub(crate) mod tags;
pub(crate) mod templates;
pub(crate) mod users;
pub(crate) mod work;
pub(crate) mod work_apps;
pub(crate) mod work_contacts;
pub(crate) mod work_crm;
pub(crate) mod wxa_admin;
pub(crate) mod wxa_plugin;
pub(crate) mod wxa_shipping;
pub(crate) mod xpay;

use std::{
    collections::{HashMap, VecDeque},
    sync::{Arc, Mutex, MutexGuard, PoisonError},
};

use serde_json::Value;

use self::{
    authorizer_options::AuthorizerOptions, customer_service::CustomerService, mass::MassJobs,
    materials::Materials, menus::Menus, mini_program::MiniProgram, oauth::OAuth, qrcodes::QrCodes,
    subscribe::SubscribeTemplates, tags::Tags, templates::Templates, users::Users,
};
use crate::{
    faults::Fault,
    push::{CallbackTarget, PushRecord},
    record::RecordedRequest,
    tokens::TokenStore,
};

/// How many requests [`Inner::requests`] keeps: a long-running binary under load must not
/// grow without end.
pub(crate) const MAX_RECORDED_REQUESTS: usize = 100_000;

/// How many distinct paths [`Inner::calls`] counts.
pub(crate) const MAX_COUNTED_PATHS: usize = 10_000;

/// How many pushes [`Inner::pushes`] keeps.
pub(crate) const MAX_PUSH_RECORDS: usize = 1000;

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
    /// The options set on authorizer accounts (`api_set_authorizer_option`).
    pub(crate) authorizer_options: AuthorizerOptions,
    pub(crate) tokens: TokenStore,
    /// (appid, ticket type) -> (ticket, expiry).
    pub(crate) tickets: HashMap<(String, String), (String, std::time::Instant)>,
    pub(crate) menus: Menus,
    /// media_id -> media.
    pub(crate) media: HashMap<String, Media>,
    pub(crate) sent_messages: Vec<Value>,
    // One field per stateful API area; each area's type lives in its file of `state/`.
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
    /// Authorizers' Mini Programs as their platforms manage them; fast registrations.
    pub(crate) wxa_admin: wxa_admin::WxaAdmin,
    /// Plugin applications and plugin login codes.
    pub(crate) wxa_plugin: wxa_plugin::Plugins,
    /// Drafts, publications and publish jobs; comments on articles; automatic replies.
    pub(crate) publish: publish::Publishing,
    pub(crate) comments: comments::Comments,
    pub(crate) autoreply: autoreply::AutoReplies,
    /// Mini Program shipping management: paid orders and their shipments.
    pub(crate) wxa_shipping: wxa_shipping::WxaShipping,
    /// Mini Program virtual payment: AppKeys, token accounts, cash orders.
    pub(crate) xpay: xpay::Xpay,
    /// WeCom corps: their apps' secrets and tickets.
    pub(crate) work: work::WorkCorps,
    /// WeCom's external contacts, customer service and approval, per corp.
    pub(crate) work_crm: work_crm::WorkCrm,
    /// WeCom contacts: members, departments, tags, per corp.
    pub(crate) work_contacts: work_contacts::WorkContacts,
    /// WeCom applications: messages sent, agents' settings and menus, temporary media.
    pub(crate) work_apps: work_apps::WorkApps,
    /// The WeChat Pay sandbox: merchants, their orders, refunds and transfers, notifications.
    pub(crate) pay: pay::PayState,
    /// appid (an account's or a component's) -> where its callbacks go.
    pub(crate) callbacks: HashMap<String, CallbackTarget>,
    /// The latest pushes, oldest first, at most [`MAX_PUSH_RECORDS`].
    pub(crate) pushes: VecDeque<PushRecord>,
    /// The `MsgId` of the next pushed message.
    pub(crate) next_msg_id: u64,
    pub(crate) calls: HashMap<String, usize>,
    /// The latest requests, oldest first, at most [`MAX_RECORDED_REQUESTS`].
    pub(crate) requests: VecDeque<RecordedRequest>,
    pub(crate) faults: HashMap<String, VecDeque<Fault>>,
}

impl Inner {
    /// Counts and records a request.
    pub(crate) fn record(&mut self, request: RecordedRequest) {
        // Counted per path; paths beyond the first 10,000 distinct ones (a scan of garbage
        // URLs) are recorded but not counted, so the map stays bounded.
        if self.calls.len() < MAX_COUNTED_PATHS || self.calls.contains_key(&request.path) {
            *self.calls.entry(request.path.clone()).or_default() += 1;
        }
        if self.requests.len() == MAX_RECORDED_REQUESTS {
            self.requests.pop_front();
        }
        self.requests.push_back(request);
    }

    /// Keeps the record of a push, dropping the oldest beyond [`MAX_PUSH_RECORDS`].
    pub(crate) fn record_push(&mut self, record: PushRecord) {
        if self.pushes.len() == MAX_PUSH_RECORDS {
            self.pushes.pop_front();
        }
        self.pushes.push_back(record);
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

/// Appends to a log that keeps its newest `cap` entries, so memory stays bounded.
pub(crate) fn push_bounded<T>(log: &mut VecDeque<T>, item: T, cap: usize) {
    if log.len() >= cap {
        log.pop_front();
    }
    log.push_back(item);
}
