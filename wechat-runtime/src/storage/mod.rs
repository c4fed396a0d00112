//! Where tokens come from (the client traits) and where a hub keeps them (the persistence traits).
//!
//! A client implements only the reads of [`ClientStorage`] or [`ComponentClientStorage`], as in
//! elixir_wechat; injecting, caching, refreshing and retrying are the runtime's job. A hub
//! ([`Hub`](crate::Hub)) implements those traits itself on top of a persistence:
//! [`HubStorage`] and [`ComponentHubStorage`], such as [`MemoryStore`].

mod memory;
#[cfg(feature = "redis")]
mod redis;
mod work;

use std::fmt;

use async_trait::async_trait;

pub use self::memory::MemoryStore;
#[cfg(feature = "redis")]
pub use self::redis::{RedisStore, RedisStoreBuilder};
pub use self::work::WorkClientStorage;
use crate::error::Result;
use crate::token::{Secret, Ticket, TicketType, Token};
use crate::work::{WorkApp, WorkKey};

/// The token source of a common application (an Official Account or a Mini Program): elixir_wechat's
/// `WeChat.Storage.Client`.
///
/// `Args` is whatever the client was bound with (`#[wechat_client(args = ...)]`), handed back to
/// every callback.
///
/// ```
/// use wechat_runtime::{async_trait, wechat_client, ClientStorage, Result, Ticket, TicketType, Token};
///
/// /// Reads the tokens that a service of ours keeps (here, fixed ones).
/// pub struct TokenService {
///     pub base_url: String,
/// }
///
/// /// Which tenant's tokens to read: bound to the client, handed to every callback.
/// pub struct Tenant(&'static str);
///
/// #[async_trait]
/// impl ClientStorage for TokenService {
///     type Args = Tenant;
///
///     async fn fetch_access_token(&self, appid: &str, tenant: &Tenant) -> Result<Token> {
///         let _ = (&self.base_url, appid, tenant.0); // GET {base_url}/{tenant}/{appid}
///         Ok(Token::new("ACCESS_TOKEN", 7200))
///     }
///
///     async fn refresh_access_token(&self, appid: &str, stale: &str, tenant: &Tenant) -> Result<Token> {
///         // Ask the service for a token other than `stale`.
///         let _ = stale;
///         self.fetch_access_token(appid, tenant).await
///     }
///
///     async fn fetch_ticket(&self, _: &str, ticket_type: TicketType, _: &Tenant) -> Result<Ticket> {
///         Ok(Ticket::new("TICKET", ticket_type, 7200))
///     }
/// }
///
/// #[wechat_client(storage = TokenService, args = Tenant("acme"), appid = "wx0123456789abcdef")]
/// pub struct OfficialAccount;
///
/// let account = OfficialAccount::new(TokenService { base_url: "http://tokens.internal".into() });
/// # let _ = account;
/// ```
#[async_trait]
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a storage of common applications",
    label = "this type does not implement `ClientStorage`",
    note = "implement `wechat_runtime::ClientStorage` for it (`fetch_access_token`, `refresh_access_token`, `fetch_ticket`), or use the built-in `Hub<MemoryStore>`",
    note = "storages of component applications implement `ComponentClientStorage`: if this is one, add the `component` flag to `#[wechat_client]`"
)]
pub trait ClientStorage: Send + Sync {
    /// What the client binds to this storage and hands back to each call.
    type Args: Send + Sync;

    /// The current access token of `appid`.
    async fn fetch_access_token(&self, appid: &str, args: &Self::Args) -> Result<Token>;

    /// A new access token of `appid`, because WeChat rejected `access_token` as invalid or
    /// expired. A storage that already holds a newer token returns that one.
    async fn refresh_access_token(
        &self,
        appid: &str,
        access_token: &str,
        args: &Self::Args,
    ) -> Result<Token>;

    /// The current `jsapi` or `wx_card` ticket of `appid`.
    async fn fetch_ticket(
        &self,
        appid: &str,
        ticket_type: TicketType,
        args: &Self::Args,
    ) -> Result<Ticket>;
}

/// The token source of a component application (a third-party platform acting for authorizers):
/// elixir_wechat's `WeChat.Storage.ComponentClient`.
///
/// Four reads are all a storage must write; `refresh_component_access_token` fetches again
/// unless overridden.
///
/// ```
/// use wechat_runtime::{async_trait, wechat_client, ComponentClientStorage, Result, Ticket, TicketType, Token};
///
/// /// The tokens of our platform, kept by another service (here, fixed ones).
/// pub struct PlatformTokens;
///
/// #[async_trait]
/// impl ComponentClientStorage for PlatformTokens {
///     type Args = ();
///
///     async fn fetch_access_token(&self, _component: &str, _authorizer: &str, _: &()) -> Result<Token> {
///         Ok(Token::new("AUTHORIZER_ACCESS_TOKEN", 7200))
///     }
///
///     async fn fetch_component_access_token(&self, _component: &str, _: &()) -> Result<Token> {
///         Ok(Token::new("COMPONENT_ACCESS_TOKEN", 7200))
///     }
///
///     async fn refresh_access_token(&self, component: &str, authorizer: &str, _stale: &str, args: &()) -> Result<Token> {
///         self.fetch_access_token(component, authorizer, args).await
///     }
///
///     async fn fetch_ticket(&self, _: &str, _: &str, ticket_type: TicketType, _: &()) -> Result<Ticket> {
///         Ok(Ticket::new("TICKET", ticket_type, 7200))
///     }
/// }
///
/// #[wechat_client(component, storage = PlatformTokens, appid = "wxc0123456789abcde")]
/// pub struct Platform;
///
/// let platform = Platform::new(PlatformTokens);
/// # let _ = platform;
/// ```
#[async_trait]
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a storage of component applications",
    label = "this type does not implement `ComponentClientStorage`",
    note = "implement `wechat_runtime::ComponentClientStorage` for it (`fetch_access_token`, `fetch_component_access_token`, `refresh_access_token`, `fetch_ticket`), or use the built-in `Hub<MemoryStore>`",
    note = "storages of common applications implement `ClientStorage`: if this is one, remove the `component` flag from `#[wechat_client]`"
)]
pub trait ComponentClientStorage: Send + Sync {
    /// What the client binds to this storage and hands back to each call.
    type Args: Send + Sync;

    /// The current access token of `authorizer_appid`, kept by the component `appid`.
    async fn fetch_access_token(
        &self,
        appid: &str,
        authorizer_appid: &str,
        args: &Self::Args,
    ) -> Result<Token>;

    /// The current `component_access_token` of the component `appid`.
    async fn fetch_component_access_token(&self, appid: &str, args: &Self::Args) -> Result<Token>;

    /// A new access token of `authorizer_appid`, because WeChat rejected `access_token`.
    async fn refresh_access_token(
        &self,
        appid: &str,
        authorizer_appid: &str,
        access_token: &str,
        args: &Self::Args,
    ) -> Result<Token>;

    /// The current `jsapi` or `wx_card` ticket of `authorizer_appid`.
    async fn fetch_ticket(
        &self,
        appid: &str,
        authorizer_appid: &str,
        ticket_type: TicketType,
        args: &Self::Args,
    ) -> Result<Ticket>;

    /// A new `component_access_token`, because WeChat rejected `component_access_token`.
    ///
    /// The default fetches it again, so the four callbacks above are all a client must write.
    async fn refresh_component_access_token(
        &self,
        appid: &str,
        component_access_token: &str,
        args: &Self::Args,
    ) -> Result<Token> {
        let _ = component_access_token;
        self.fetch_component_access_token(appid, args).await
    }
}

/// Which token a hub keeps under a key.
#[derive(Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenKey {
    /// The `access_token` of a common application.
    App {
        /// Its appid.
        appid: String,
    },
    /// The `component_access_token` of a component application.
    Component {
        /// The component appid.
        component_appid: String,
    },
    /// The `authorizer_access_token` a component application holds for an authorizer.
    Authorizer {
        /// The component appid.
        component_appid: String,
        /// The authorizer's appid.
        authorizer_appid: String,
    },
    /// The access token of a WeCom app: a corp and one of its apps.
    Work {
        /// The corp.
        corpid: String,
        /// The app within it.
        app: WorkApp,
    },
}

impl TokenKey {
    /// The key of a common application's access token.
    pub fn app(appid: impl Into<String>) -> Self {
        TokenKey::App {
            appid: appid.into(),
        }
    }

    /// The key of a component application's `component_access_token`.
    pub fn component(component_appid: impl Into<String>) -> Self {
        TokenKey::Component {
            component_appid: component_appid.into(),
        }
    }

    /// The key of an authorizer's access token.
    pub fn authorizer(
        component_appid: impl Into<String>,
        authorizer_appid: impl Into<String>,
    ) -> Self {
        TokenKey::Authorizer {
            component_appid: component_appid.into(),
            authorizer_appid: authorizer_appid.into(),
        }
    }

    /// The key of a WeCom app's access token.
    pub fn work(key: &WorkKey) -> Self {
        TokenKey::Work {
            corpid: key.corpid.clone(),
            app: key.app,
        }
    }

    /// The appid whose token this is: the authorizer's for an authorizer token, the corpid
    /// for a WeCom app's.
    pub fn appid(&self) -> &str {
        match self {
            TokenKey::Work { corpid, .. } => corpid,
            TokenKey::App { appid } => appid,
            TokenKey::Component { component_appid } => component_appid,
            TokenKey::Authorizer {
                authorizer_appid, ..
            } => authorizer_appid,
        }
    }
}

impl TokenKey {
    /// The key as [`Display`](fmt::Display) writes it, with the appid whose keys belong
    /// together in braces: a Redis Cluster hash tag, so that the token, its tickets, its lock
    /// and (for an authorizer) its refresh token share a slot.
    pub(crate) fn tagged(&self) -> String {
        match self {
            TokenKey::App { appid } => format!("app:{{{appid}}}"),
            TokenKey::Component { component_appid } => format!("component:{{{component_appid}}}"),
            TokenKey::Authorizer {
                component_appid,
                authorizer_appid,
            } => format!("authorizer:{component_appid}:{{{authorizer_appid}}}"),
            TokenKey::Work { corpid, app } => format!("work:{{{corpid}}}:{app}"),
        }
    }
}

impl fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// `app:wx…`, `component:wx…`, `authorizer:wxComponent:wxAuthorizer` or
/// `work:ww…:agent:1000002`: stable, so persistences can use it in their own keys.
impl fmt::Display for TokenKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenKey::App { appid } => write!(f, "app:{appid}"),
            TokenKey::Component { component_appid } => write!(f, "component:{component_appid}"),
            TokenKey::Authorizer {
                component_appid,
                authorizer_appid,
            } => write!(f, "authorizer:{component_appid}:{authorizer_appid}"),
            TokenKey::Work { corpid, app } => write!(f, "work:{corpid}:{app}"),
        }
    }
}

/// What a hub persists for common applications: secrets, access tokens and tickets.
///
/// Implementations only store and load; the [`Hub`](crate::Hub) decides when to fetch from WeChat.
/// A persistence of common applications needs nothing more; [`ComponentHubStorage`] adds what
/// component applications need.
///
/// ```
/// use std::collections::HashMap;
/// use std::sync::Mutex;
/// use wechat_runtime::{async_trait, Hub, HubStorage, Result, Secret, Ticket, TicketType, Token, TokenKey};
///
/// /// Everything in maps, as a database table per map would do.
/// #[derive(Default)]
/// struct Tables {
///     secrets: Mutex<HashMap<String, Secret>>,
///     tokens: Mutex<HashMap<TokenKey, Token>>,
///     tickets: Mutex<HashMap<(TokenKey, TicketType), Ticket>>,
/// }
///
/// #[async_trait]
/// impl HubStorage for Tables {
///     async fn secret(&self, appid: &str) -> Result<Option<Secret>> {
///         Ok(self.secrets.lock().unwrap().get(appid).cloned())
///     }
///     async fn save_secret(&self, appid: &str, secret: &Secret) -> Result<()> {
///         self.secrets.lock().unwrap().insert(appid.to_owned(), secret.clone());
///         Ok(())
///     }
///     async fn token(&self, key: &TokenKey) -> Result<Option<Token>> {
///         Ok(self.tokens.lock().unwrap().get(key).cloned())
///     }
///     async fn save_token(&self, key: &TokenKey, token: &Token) -> Result<()> {
///         self.tokens.lock().unwrap().insert(key.clone(), token.clone());
///         Ok(())
///     }
///     async fn ticket(&self, key: &TokenKey, ticket_type: TicketType) -> Result<Option<Ticket>> {
///         Ok(self.tickets.lock().unwrap().get(&(key.clone(), ticket_type)).cloned())
///     }
///     async fn save_ticket(&self, key: &TokenKey, ticket: &Ticket) -> Result<()> {
///         self.tickets.lock().unwrap().insert((key.clone(), ticket.ticket_type), ticket.clone());
///         Ok(())
///     }
/// }
///
/// // A hub over it serves common applications (`Hub::app_token`, `ClientStorage`).
/// let hub = Hub::new(Tables::default());
/// # let _ = hub;
/// ```
#[async_trait]
pub trait HubStorage: Send + Sync {
    /// The `appsecret` (or `component_appsecret`) of `appid`, if one is stored.
    async fn secret(&self, appid: &str) -> Result<Option<Secret>>;

    /// Stores the secret of `appid`.
    async fn save_secret(&self, appid: &str, secret: &Secret) -> Result<()>;

    /// The stored token under `key`, expired or not.
    async fn token(&self, key: &TokenKey) -> Result<Option<Token>>;

    /// Stores `token` under `key`, replacing what was there.
    async fn save_token(&self, key: &TokenKey, token: &Token) -> Result<()>;

    /// The stored ticket of the application whose token is under `key`.
    async fn ticket(&self, key: &TokenKey, ticket_type: TicketType) -> Result<Option<Ticket>>;

    /// Stores `ticket` for the application whose token is under `key`.
    async fn save_ticket(&self, key: &TokenKey, ticket: &Ticket) -> Result<()>;

    /// The secret of a WeCom app (`corpsecret`). A persistence that keeps none answers `None`
    /// (the default): its hub then serves no WeCom tokens.
    async fn work_secret(&self, key: &WorkKey) -> Result<Option<Secret>> {
        let _ = key;
        Ok(None)
    }

    /// Stores the secret of a WeCom app. The default refuses: a persistence that keeps WeCom
    /// secrets implements both.
    async fn save_work_secret(&self, key: &WorkKey, secret: &Secret) -> Result<()> {
        let _ = secret;
        Err(crate::error::Error::storage(format!(
            "this persistence keeps no WeCom secrets (for {key})"
        )))
    }

    /// Tries to take the lock named `name`, under which one process at a time fetches a token
    /// from WeChat, for at most `lease`: if the holder dies, the lock is free again after it.
    /// `None` means another process holds it; the hub then waits for what that one stores.
    ///
    /// The default takes no lock: right for a persistence that only one process uses, since a
    /// hub already makes one upstream call at a time within its process.
    async fn try_lock(&self, name: &str, lease: std::time::Duration) -> Result<Option<LockToken>> {
        let _ = (name, lease);
        Ok(Some(LockToken::unshared()))
    }

    /// Extends a lock taken with [`try_lock`](HubStorage::try_lock) to `lease` from now, if it
    /// is still ours: `false` when it is not (its lease ran out and another took it). A hub
    /// renews its lock while it fetches, so a short lease frees the lock of a dead holder soon.
    ///
    /// The default renews nothing and answers `true`: right with the default `try_lock`.
    async fn renew_lock(
        &self,
        name: &str,
        token: &LockToken,
        lease: std::time::Duration,
    ) -> Result<bool> {
        let _ = (name, token, lease);
        Ok(true)
    }

    /// Releases a lock taken with [`try_lock`](HubStorage::try_lock), if it is still ours.
    async fn unlock(&self, name: &str, token: LockToken) -> Result<()> {
        let _ = (name, token);
        Ok(())
    }
}

/// Proof of holding a lock of a [`HubStorage`]: the random value that only its holder knows, so
/// that a holder whose lease ran out cannot release the lock someone else took since.
#[derive(Clone, PartialEq, Eq)]
pub struct LockToken(String);

impl LockToken {
    /// A new random value.
    pub fn random() -> Self {
        use std::hash::{BuildHasher, Hasher};
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        // `RandomState` is seeded from the OS per process; the pid and a counter keep values
        // unique within a machine even if two seeds met.
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        let random = hasher.finish();
        let more = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish();
        LockToken(format!(
            "{:016x}{:016x}-{}",
            random,
            more,
            std::process::id()
        ))
    }

    /// The token of a lock that no other process can contend for.
    pub fn unshared() -> Self {
        LockToken(String::new())
    }

    /// The value to store and compare.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for LockToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LockToken(..)")
    }
}

/// What a hub persists for component applications, on top of [`HubStorage`]: the
/// `component_verify_ticket` WeChat pushes every ten minutes, and the authorizers' refresh tokens.
///
/// Both must be stored durably: without them no token can be fetched.
#[async_trait]
pub trait ComponentHubStorage: HubStorage {
    /// The latest `component_verify_ticket` of `component_appid`.
    async fn verify_ticket(&self, component_appid: &str) -> Result<Option<String>>;

    /// Stores the `component_verify_ticket` WeChat pushed to `component_appid`.
    async fn save_verify_ticket(&self, component_appid: &str, verify_ticket: &str) -> Result<()>;

    /// The `authorizer_refresh_token` of `authorizer_appid` under `component_appid`.
    async fn authorizer_refresh_token(
        &self,
        component_appid: &str,
        authorizer_appid: &str,
    ) -> Result<Option<String>>;

    /// Stores the `authorizer_refresh_token` of `authorizer_appid`. WeChat may rotate it on every
    /// token fetch, and the old one stops working: store each one it returns.
    async fn save_authorizer_refresh_token(
        &self,
        component_appid: &str,
        authorizer_appid: &str,
        refresh_token: &str,
    ) -> Result<()>;

    /// Forgets `authorizer_appid`, which withdrew its authorization: its refresh token and
    /// access token. The default stores an empty refresh token, which a hub treats as none;
    /// a persistence that can delete should.
    async fn forget_authorizer(&self, component_appid: &str, authorizer_appid: &str) -> Result<()> {
        self.save_authorizer_refresh_token(component_appid, authorizer_appid, "")
            .await
    }
}
