//! Dropping WeChat's retries: the key that identifies one callback, and the stores that
//! remember which keys were seen (in memory for one process, in Redis for several).

use std::collections::{HashMap, VecDeque};
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use sha1::{Digest, Sha1};

use crate::callback::{ComponentKind, EventKind, Incoming, WorkEvent, WorkEventKind};
use crate::error::Result;

/// How long a key is remembered when nothing else is set: WeChat retries three times within
/// about fifteen seconds, so a few minutes cover every retry with room to spare.
pub const DEFAULT_DEDUP_TTL: Duration = Duration::from_secs(300);

/// Where the router remembers the callbacks it has seen, for a while.
///
/// [`MemoryDedup`] serves one process; with the feature `redis`, `RedisStore` implements it
/// too (`SET NX EX`), so that several nodes behind one callback URL run each callback once.
#[async_trait]
pub trait DedupStore: Send + Sync {
    /// Marks `key` as seen for `ttl`; `true` if it was not seen before (run the handler),
    /// `false` for a repeat.
    async fn first_seen(&self, key: &str, ttl: Duration) -> Result<bool>;

    /// Forgets `key`, so that WeChat's next retry runs the handler again (after it failed).
    async fn forget(&self, key: &str) -> Result<()>;
}

/// The seen-set of one process, bounded: at most `capacity` keys (100,000 by default), the
/// oldest dropped first, each kept no longer than its TTL.
///
/// ```
/// use std::time::Duration;
/// use wechat_runtime::callback::router::{DedupStore, MemoryDedup};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> wechat_runtime::Result<()> {
/// let seen = MemoryDedup::new();
/// assert!(seen.first_seen("msg:1", Duration::from_secs(60)).await?);
/// assert!(!seen.first_seen("msg:1", Duration::from_secs(60)).await?);
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct MemoryDedup {
    capacity: usize,
    seen: Mutex<Seen>,
}

#[derive(Debug, Default)]
struct Seen {
    /// By the key's 128-bit digest: no copy of the key is kept.
    expiry: HashMap<u128, Instant>,
    /// Digests in the order they were first seen, to drop the oldest when full.
    order: VecDeque<u128>,
}

/// 128 bits of the key: two SipHashes of it, apart by a prefix. Two distinct callbacks would
/// need to collide on both for one to be dropped as the other's repeat.
fn digest(key: &str) -> u128 {
    use std::hash::{Hash, Hasher};
    let half = |salt: u8| {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        salt.hash(&mut hasher);
        key.hash(&mut hasher);
        hasher.finish()
    };
    (u128::from(half(0)) << 64) | u128::from(half(1))
}

impl Default for MemoryDedup {
    fn default() -> Self {
        Self::new()
    }
}

impl MemoryDedup {
    /// A seen-set of up to 100,000 keys.
    pub fn new() -> Self {
        Self::with_capacity(100_000)
    }

    /// A seen-set of up to `capacity` keys (at least one).
    pub fn with_capacity(capacity: usize) -> Self {
        MemoryDedup {
            capacity: capacity.max(1),
            seen: Mutex::new(Seen::default()),
        }
    }
}

#[async_trait]
impl DedupStore for MemoryDedup {
    async fn first_seen(&self, key: &str, ttl: Duration) -> Result<bool> {
        let now = Instant::now();
        let key = digest(key);
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        // Expired keys leave from the front, the oldest, as far as they are expired.
        while let Some(oldest) = seen.order.front() {
            match seen.expiry.get(oldest) {
                Some(expires) if *expires > now => break,
                _ => {
                    let oldest = seen.order.pop_front().expect("front exists");
                    seen.expiry.remove(&oldest);
                }
            }
        }
        if seen.expiry.get(&key).is_some_and(|expires| *expires > now) {
            return Ok(false);
        }
        if seen.order.len() >= self.capacity {
            if let Some(oldest) = seen.order.pop_front() {
                seen.expiry.remove(&oldest);
            }
        }
        seen.expiry.insert(key, now + ttl);
        seen.order.push_back(key);
        Ok(true)
    }

    async fn forget(&self, key: &str) -> Result<()> {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        // Its place in `order` goes when it reaches the front.
        seen.expiry.remove(&digest(key));
        Ok(())
    }
}

#[cfg(feature = "redis")]
#[async_trait]
impl DedupStore for crate::storage::RedisStore {
    async fn first_seen(&self, key: &str, ttl: Duration) -> Result<bool> {
        self.set_if_absent(&format!("seen:{key}"), ttl).await
    }

    async fn forget(&self, key: &str) -> Result<()> {
        self.delete(&format!("seen:{key}")).await
    }
}

/// The key of one callback, the same for WeChat's retries of it and different for distinct
/// callbacks: the account and `MsgId` for a message; for an event the account, the user,
/// `CreateTime`, `Event`, and what tells two events of one second apart (the event key, a
/// job's `MsgID`, a ticket); for a component notification its type, time and subject; for a
/// WeCom event the corp, the sender, `CreateTime`, `Event`, its subject (`AgentID`,
/// `ChangeType`, `UserID`, `ExternalUserID`, `ChatId`, a department's `Id`, `TagId`, `SpNo`…)
/// and a digest of all its top-level fields, so that two changes of one second differ.
pub fn dedup_key(incoming: &Incoming) -> String {
    let mut key = String::with_capacity(96);
    match incoming {
        Incoming::Message(m) => {
            let h = &m.header;
            match m.msg_id {
                Some(id) => {
                    let _ = write!(key, "msg:{}:{id}", h.to_user_name);
                }
                // Messages without an id: who, when, and the content's identity.
                None => {
                    let _ = write!(
                        key,
                        "msg:{}:{}:{}:{}",
                        h.to_user_name,
                        h.from_user_name,
                        h.create_time,
                        super::matching::RouteKey::of(incoming).0.name
                    );
                }
            }
        }
        Incoming::Event(e) => {
            let h = &e.header;
            let route = super::matching::RouteKey::of(incoming).0;
            let _ = write!(
                key,
                "event:{}:{}:{}:{}",
                h.to_user_name, h.from_user_name, h.create_time, route.name
            );
            match &e.kind {
                EventKind::TemplateSendJobFinish { msg_id, .. } => {
                    let _ = write!(key, ":{msg_id}");
                }
                EventKind::MassSendJobFinish(report) => {
                    let _ = write!(key, ":{}", report.msg_id);
                }
                EventKind::Scan { ticket, .. } | EventKind::Subscribe { ticket, .. } => {
                    if let Some(ticket) = ticket {
                        let _ = write!(key, ":{ticket}");
                    }
                }
                _ => {}
            }
            if let Some(event_key) = route.key {
                let _ = write!(key, ":{event_key}");
            }
        }
        Incoming::Component(c) => {
            let route = super::matching::RouteKey::of(incoming).0;
            let _ = write!(
                key,
                "component:{}:{}:{}",
                c.app_id, c.create_time, route.name
            );
            match &c.kind {
                // One ticket per push; the ticket itself is a secret and stays out of keys.
                ComponentKind::VerifyTicket { .. } => {}
                ComponentKind::Authorized(a) | ComponentKind::UpdateAuthorized(a) => {
                    let _ = write!(key, ":{}", a.authorizer_appid);
                }
                ComponentKind::Unauthorized { authorizer_appid } => {
                    let _ = write!(key, ":{authorizer_appid}");
                }
                _ => {}
            }
        }
        Incoming::Work(w) => work_key(&mut key, w),
    }
    key
}

/// The fields that name what a WeCom event is about, in the key as `:Name=value`.
const WORK_SUBJECT_FIELDS: [&str; 12] = [
    "AgentID",
    "ChangeType",
    "UserID",
    "NewUserID",
    "ExternalUserID",
    "ChatId",
    "UpdateDetail",
    "Id",
    "TagId",
    "EventKey",
    "OpenKfId",
    "JobId",
];

fn work_key(key: &mut String, w: &WorkEvent) {
    let h = &w.header;
    let _ = write!(
        key,
        "work:{}:{}:{}:{}",
        h.to_user_name,
        h.from_user_name,
        h.create_time,
        w.kind.name().to_ascii_lowercase()
    );
    for name in WORK_SUBJECT_FIELDS {
        if let Some(value) = w.fields.get(name).filter(|v| !v.is_empty()) {
            let _ = write!(key, ":{name}={value}");
        }
    }
    if let WorkEventKind::SysApprovalChange(approval) = &w.kind {
        let _ = write!(
            key,
            ":SpNo={}:SpStatus={}:StatuChangeEvent={}",
            approval.sp_no, approval.sp_status, approval.status_change_event
        );
    }
    // Every top-level field, digested: what the subject does not tell apart (two edits of one
    // member in one second), and secrets (a customer service token) kept out of the key.
    let mut digest = Sha1::new();
    for (name, value) in w.fields.iter() {
        digest.update(name.as_bytes());
        digest.update([0]);
        digest.update(value.as_bytes());
        digest.update([0]);
    }
    let _ = write!(key, ":#");
    for byte in &digest.finalize()[..8] {
        let _ = write!(key, "{byte:02x}");
    }
}
