//! `RedisStore`: the hub persistence that many processes share, with a distributed lock.

use std::sync::Arc;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use redis::aio::{
    ConnectionLike, ConnectionManager, ConnectionManagerConfig, MultiplexedConnection,
};
use redis::cluster_async::ClusterConnection;
use redis::sentinel::{SentinelClient, SentinelServerType};
use redis::AsyncCommands;
use redis::AsyncConnectionConfig;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{ComponentHubStorage, HubStorage, LockToken, TokenKey};
use crate::error::{Error, Result};
use crate::token::{now_unix, Secret, Ticket, TicketType, Token};
use crate::work::WorkKey;

/// Deletes the lock only if it still holds our value: a holder whose lease ran out must not
/// release the lock another process took since.
const RENEW_SCRIPT: &str = r#"
if redis.call("GET", KEYS[1]) == ARGV[1] then
    return redis.call("PEXPIRE", KEYS[1], ARGV[2])
end
return 0
"#;

const UNLOCK_SCRIPT: &str = r#"
if redis.call("GET", KEYS[1]) == ARGV[1] then
    return redis.call("DEL", KEYS[1])
end
return 0
"#;

/// A [`HubStorage`] and [`ComponentHubStorage`] on Redis, for hubs in many processes or on many
/// machines: `Hub<RedisStore>` in each of them makes one upstream fetch per expiry, because the
/// fetch happens under a lock (`SET NX PX` with a random value, released by compare-and-delete)
/// and the others wait for the token it stores.
///
/// Tokens and tickets are stored with a TTL (they expire with WeChat's); the
/// `component_verify_ticket` and the authorizer refresh tokens have none: run Redis with
/// `appendonly yes` so that they survive a restart.
///
/// It connects to one Redis ([`RedisStore::builder`]), a Redis Cluster
/// ([`RedisStore::cluster_builder`]) or the master Redis Sentinel names
/// ([`RedisStore::sentinel_builder`]). Keys carry the appid they belong to as a hash tag, so that
/// in a cluster one appid's token, tickets, lock and refresh token share a slot:
/// `prefix:secret:{appid}`, `prefix:token:app:{appid}` (`component:{appid}`,
/// `authorizer:component:{appid}`), `prefix:ticket:app:{appid}:jsapi`,
/// `prefix:verify_ticket:{component}`, `prefix:refresh_token:component:{authorizer}`,
/// `prefix:lock:token:app:{appid}`.
///
/// ```no_run
/// use wechat_runtime::{Hub, RedisStore};
///
/// # async fn run() -> Result<(), wechat_runtime::Error> {
/// let store = RedisStore::builder("redis://:password@127.0.0.1:6379/2")
///     .prefix("wechat")
///     .connect()
///     .await?;
/// let hub = Hub::new(store);
/// # let _ = hub; Ok(()) }
/// ```
#[derive(Clone)]
pub struct RedisStore {
    conn: Conn,
    prefix: String,
}

/// One Redis, a cluster, or the master that Sentinel names: all answer the same commands.
#[derive(Clone)]
enum Conn {
    Single(ConnectionManager),
    Cluster(ClusterConnection),
    Sentinel(SentinelConn),
}

/// The connection to the master Sentinel names, asked again after an error (a failover makes
/// the old master a read-only replica, or takes it away).
#[derive(Clone)]
struct SentinelConn {
    sentinel: Arc<tokio::sync::Mutex<SentinelClient>>,
    /// The master's connection, its address, and when the sentinels last named it.
    current: Arc<std::sync::Mutex<Option<(MultiplexedConnection, redis::ConnectionAddr, Instant)>>>,
    timeout: Duration,
}

/// How often the sentinels are asked again which master they name: a failover makes the old
/// master a replica only a while after the new one is promoted, and writes it takes meanwhile
/// are lost, so a store does not keep writing to it for long.
const SENTINEL_RECHECK: Duration = Duration::from_secs(1);

impl SentinelConn {
    async fn connection(&self) -> redis::RedisResult<MultiplexedConnection> {
        let known = self
            .current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        if let Some((conn, _, at)) = &known {
            if at.elapsed() < SENTINEL_RECHECK {
                return Ok(conn.clone());
            }
        }
        let resolve = async {
            let client = self.sentinel.lock().await.async_get_client().await?;
            let addr = client.get_connection_info().addr().clone();
            // Still the same master: keep its connection.
            if let Some((conn, known_addr, _)) = &known {
                if *known_addr == addr {
                    return Ok((conn.clone(), addr));
                }
            }
            let config = AsyncConnectionConfig::new()
                .set_connection_timeout(Some(self.timeout))
                .set_response_timeout(Some(self.timeout));
            let conn = client
                .get_multiplexed_async_connection_with_config(&config)
                .await?;
            Ok::<_, redis::RedisError>((conn, addr))
        };
        let resolved = match tokio::time::timeout(self.timeout * 2, resolve).await {
            Ok(resolved) => resolved,
            Err(_) => Err(redis::RedisError::from((
                redis::ErrorKind::Io,
                "sentinel did not name a master in time",
            ))),
        };
        let (conn, addr) = match (resolved, known) {
            (Ok(resolved), _) => resolved,
            // The sentinels cannot be asked, but the master answered until now: keep it.
            (Err(e), Some((conn, addr, _))) => {
                tracing::warn!(error = %e, "cannot ask the redis sentinels; keeping the master");
                (conn, addr)
            }
            (Err(e), None) => return Err(e),
        };
        *self.current.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((conn.clone(), addr, Instant::now()));
        Ok(conn)
    }

    /// After an error, the next command asks Sentinel again.
    fn forget(&self) {
        *self.current.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

impl ConnectionLike for Conn {
    fn req_packed_command<'a>(
        &'a mut self,
        cmd: &'a redis::Cmd,
    ) -> redis::RedisFuture<'a, redis::Value> {
        match self {
            Conn::Single(conn) => conn.req_packed_command(cmd),
            Conn::Cluster(conn) => conn.req_packed_command(cmd),
            Conn::Sentinel(sentinel) => Box::pin(async move {
                let mut conn = sentinel.connection().await?;
                let answer = conn.req_packed_command(cmd).await;
                if answer.is_err() {
                    sentinel.forget();
                }
                answer
            }),
        }
    }

    fn req_packed_commands<'a>(
        &'a mut self,
        cmd: &'a redis::Pipeline,
        offset: usize,
        count: usize,
    ) -> redis::RedisFuture<'a, Vec<redis::Value>> {
        match self {
            Conn::Single(conn) => conn.req_packed_commands(cmd, offset, count),
            Conn::Cluster(conn) => conn.req_packed_commands(cmd, offset, count),
            Conn::Sentinel(sentinel) => Box::pin(async move {
                let mut conn = sentinel.connection().await?;
                let answer = conn.req_packed_commands(cmd, offset, count).await;
                if answer.is_err() {
                    sentinel.forget();
                }
                answer
            }),
        }
    }

    fn get_db(&self) -> i64 {
        match self {
            Conn::Single(conn) => conn.get_db(),
            Conn::Cluster(conn) => conn.get_db(),
            Conn::Sentinel(_) => 0,
        }
    }
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStore")
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

/// Configures a [`RedisStore`].
#[must_use]
pub struct RedisStoreBuilder {
    target: Target,
    prefix: String,
    timeout: Duration,
}

/// Where the store connects.
enum Target {
    Single(String),
    Cluster(Vec<String>),
    /// The sentinels' URLs and the name of the master they watch.
    Sentinel(Vec<String>, String),
}

impl RedisStoreBuilder {
    /// The prefix of every key (`wechat` unless set), so that several hubs can share a server.
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    /// How long connecting and each command may take (2 s unless set).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Connects, and checks the server answers.
    pub async fn connect(self) -> Result<RedisStore> {
        let store = match &self.target {
            Target::Single(_) => self.connect_lazy()?,
            Target::Cluster(nodes) => {
                let client = redis::cluster::ClusterClient::builder(nodes.clone())
                    .connection_timeout(self.timeout)
                    .response_timeout(self.timeout)
                    .build()
                    // The URLs may carry a password: it is not repeated in the error.
                    .map_err(|e| {
                        Error::Config(format!("not redis cluster URLs ({:?})", e.kind()))
                    })?;
                let conn = client
                    .get_async_connection()
                    .await
                    .map_err(|e| redis_error("cannot reach the redis cluster", e))?;
                RedisStore {
                    conn: Conn::Cluster(conn),
                    prefix: self.prefix,
                }
            }
            Target::Sentinel(sentinels, service) => {
                let client = SentinelClient::build(
                    sentinels.clone(),
                    service.clone(),
                    None,
                    SentinelServerType::Master,
                )
                .map_err(|e| Error::Config(format!("not redis sentinel URLs ({:?})", e.kind())))?;
                RedisStore {
                    conn: Conn::Sentinel(SentinelConn {
                        sentinel: Arc::new(tokio::sync::Mutex::new(client)),
                        current: Arc::default(),
                        timeout: self.timeout,
                    }),
                    prefix: self.prefix,
                }
            }
        };
        let mut conn = store.conn.clone();
        let _: String = redis::cmd("PING")
            .query_async(&mut conn)
            .await
            .map_err(|e| redis_error("cannot reach redis", e))?;
        Ok(store)
    }

    /// Creates the store without connecting: the connection is made, and remade after an
    /// outage, on use.
    /// A cluster connects at once: use [`connect`](RedisStoreBuilder::connect).
    pub fn connect_lazy(self) -> Result<RedisStore> {
        let Target::Single(url) = &self.target else {
            return Err(Error::Config(
                "a redis cluster or sentinel connects at once: use `connect().await`".into(),
            ));
        };
        let client = redis::Client::open(url.as_str())
            // The URL may carry a password: it is not repeated in the error.
            .map_err(|e| Error::Config(format!("not a redis URL ({:?})", e.kind())))?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(self.timeout))
            .set_response_timeout(Some(self.timeout))
            .set_number_of_retries(1);
        let conn = ConnectionManager::new_lazy_with_config(client, config)
            .map_err(|e| redis_error("cannot set up the redis connection", e))?;
        Ok(RedisStore {
            conn: Conn::Single(conn),
            prefix: self.prefix,
        })
    }
}

impl RedisStore {
    /// A value that cannot be fetched again (a secret, a verify ticket, a refresh token) under
    /// `key`, or else under `legacy`, its name before keys carried hash tags: found there, it
    /// moves to `key`, so that a store written by an earlier version loses none of them.
    async fn durable(&self, key: &str, legacy: &str) -> Result<Option<String>> {
        if let Some(value) = self.get_string(key).await? {
            return Ok(Some(value));
        }
        let Some(value) = self.get_string(legacy).await? else {
            return Ok(None);
        };
        self.set(key, value.clone(), 0).await?;
        tracing::info!(key, "moved a value from its name of an earlier version");
        Ok(Some(value))
    }
}

fn redis_error(what: &str, e: redis::RedisError) -> Error {
    Error::storage_with_source(format!("{what}: redis {:?} error", e.kind()), e)
}

impl RedisStore {
    /// Connects to `url` (`redis://[:password@]host:port[/db]`) with the default settings.
    pub async fn connect(url: impl Into<String>) -> Result<Self> {
        Self::builder(url).connect().await
    }

    /// A builder for a store on a Redis Cluster, reached through any of `nodes`
    /// (`redis://host:port` each; the cluster tells the rest).
    ///
    /// ```no_run
    /// use wechat_runtime::{Hub, RedisStore};
    ///
    /// # async fn run() -> Result<(), wechat_runtime::Error> {
    /// let store = RedisStore::cluster_builder(["redis://10.0.0.7:7000", "redis://10.0.0.8:7000"])
    ///     .connect()
    ///     .await?;
    /// let hub = Hub::new(store);
    /// # let _ = hub; Ok(()) }
    /// ```
    pub fn cluster_builder(
        nodes: impl IntoIterator<Item = impl Into<String>>,
    ) -> RedisStoreBuilder {
        RedisStoreBuilder {
            target: Target::Cluster(nodes.into_iter().map(Into::into).collect()),
            prefix: "wechat".to_owned(),
            timeout: Duration::from_secs(2),
        }
    }

    /// A builder for a store on the master that Redis Sentinel names for `service`, reached
    /// through any of `sentinels` (`redis://host:26379` each). After a failover, the first
    /// command that fails asks the sentinels again.
    ///
    /// ```no_run
    /// use wechat_runtime::{Hub, RedisStore};
    ///
    /// # async fn run() -> Result<(), wechat_runtime::Error> {
    /// let store = RedisStore::sentinel_builder(["redis://10.0.0.7:26379"], "mymaster")
    ///     .connect()
    ///     .await?;
    /// let hub = Hub::new(store);
    /// # let _ = hub; Ok(()) }
    /// ```
    pub fn sentinel_builder(
        sentinels: impl IntoIterator<Item = impl Into<String>>,
        service: impl Into<String>,
    ) -> RedisStoreBuilder {
        RedisStoreBuilder {
            target: Target::Sentinel(
                sentinels.into_iter().map(Into::into).collect(),
                service.into(),
            ),
            prefix: "wechat".to_owned(),
            timeout: Duration::from_secs(2),
        }
    }

    /// A builder for a store at `url`.
    pub fn builder(url: impl Into<String>) -> RedisStoreBuilder {
        RedisStoreBuilder {
            target: Target::Single(url.into()),
            prefix: "wechat".to_owned(),
            timeout: Duration::from_secs(2),
        }
    }

    fn key(&self, rest: &str) -> String {
        format!("{}:{}", self.prefix, rest)
    }

    /// `SET NX EX`: stores `name` (under the prefix) for `ttl` if it is absent; `true` if it was.
    #[cfg(feature = "callback")]
    pub(crate) async fn set_if_absent(&self, name: &str, ttl: Duration) -> Result<bool> {
        let mut conn = self.conn.clone();
        let taken: Option<String> = redis::cmd("SET")
            .arg(self.key(name))
            .arg(1)
            .arg("NX")
            .arg("EX")
            .arg(ttl.as_secs().max(1))
            .query_async(&mut conn)
            .await
            .map_err(|e| redis_error("cannot write to redis", e))?;
        Ok(taken.is_some())
    }

    /// Deletes `name` (under the prefix).
    #[cfg(feature = "callback")]
    pub(crate) async fn delete(&self, name: &str) -> Result<()> {
        let mut conn = self.conn.clone();
        conn.del::<_, ()>(self.key(name))
            .await
            .map_err(|e| redis_error("cannot delete from redis", e))
    }

    async fn get_json<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        let mut conn = self.conn.clone();
        let value: Option<String> = conn
            .get(key)
            .await
            .map_err(|e| redis_error("cannot read from redis", e))?;
        value
            .map(|value| {
                serde_json::from_str(&value).map_err(|e| {
                    Error::storage(format!("{key} holds something else: {}", e.classify_name()))
                })
            })
            .transpose()
    }

    /// Stores `value` for `ttl_secs` (0: for good).
    async fn set_json<T: Serialize>(&self, key: &str, value: &T, ttl_secs: u64) -> Result<()> {
        let value = serde_json::to_string(value)
            .map_err(|e| Error::storage(format!("cannot encode {key}: {e}")))?;
        self.set(key, value, ttl_secs).await
    }

    async fn set(&self, key: &str, value: String, ttl_secs: u64) -> Result<()> {
        let mut conn = self.conn.clone();
        let result: redis::RedisResult<()> = if ttl_secs == 0 {
            conn.set(key, value).await
        } else {
            conn.set_ex(key, value, ttl_secs).await
        };
        result.map_err(|e| redis_error("cannot write to redis", e))
    }

    async fn get_string(&self, key: &str) -> Result<Option<String>> {
        let mut conn = self.conn.clone();
        conn.get(key)
            .await
            .map_err(|e| redis_error("cannot read from redis", e))
    }
}

/// How long to keep something that expires at `expires_at`: never less than a second, since a
/// TTL of 0 would mean forever.
fn ttl_until(expires_at: u64) -> u64 {
    expires_at.saturating_sub(now_unix()).max(1)
}

trait ClassifyName {
    fn classify_name(&self) -> &'static str;
}

impl ClassifyName for serde_json::Error {
    fn classify_name(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "an I/O error",
            serde_json::error::Category::Syntax => "not JSON",
            serde_json::error::Category::Data => "JSON of another shape",
            serde_json::error::Category::Eof => "truncated JSON",
        }
    }
}

#[async_trait]
impl HubStorage for RedisStore {
    async fn secret(&self, appid: &str) -> Result<Option<Secret>> {
        Ok(self
            .durable(
                &self.key(&format!("secret:{{{appid}}}")),
                &self.key(&format!("secret:{appid}")),
            )
            .await?
            .map(Secret::from))
    }

    async fn work_secret(&self, key: &WorkKey) -> Result<Option<Secret>> {
        let name = self.key(&format!("secret:work:{{{}}}:{}", key.corpid, key.app));
        Ok(self.get_string(&name).await?.map(Secret::from))
    }

    async fn save_work_secret(&self, key: &WorkKey, secret: &Secret) -> Result<()> {
        let name = self.key(&format!("secret:work:{{{}}}:{}", key.corpid, key.app));
        self.set(&name, secret.expose().to_owned(), 0).await
    }

    async fn save_secret(&self, appid: &str, secret: &Secret) -> Result<()> {
        self.set(
            &self.key(&format!("secret:{{{appid}}}")),
            secret.expose().to_owned(),
            0,
        )
        .await
    }

    async fn token(&self, key: &TokenKey) -> Result<Option<Token>> {
        self.get_json(&self.key(&format!("token:{}", key.tagged())))
            .await
    }

    async fn save_token(&self, key: &TokenKey, token: &Token) -> Result<()> {
        let ttl = ttl_until(token.expires_at());
        self.set_json(&self.key(&format!("token:{}", key.tagged())), token, ttl)
            .await
    }

    async fn ticket(&self, key: &TokenKey, ticket_type: TicketType) -> Result<Option<Ticket>> {
        self.get_json(&self.key(&format!("ticket:{}:{ticket_type}", key.tagged())))
            .await
    }

    async fn save_ticket(&self, key: &TokenKey, ticket: &Ticket) -> Result<()> {
        let ttl = ttl_until(ticket.expires_at());
        let name = self.key(&format!("ticket:{}:{}", key.tagged(), ticket.ticket_type));
        self.set_json(&name, ticket, ttl).await
    }

    async fn try_lock(&self, name: &str, lease: Duration) -> Result<Option<LockToken>> {
        let token = LockToken::random();
        let mut conn = self.conn.clone();
        let lease_ms = u64::try_from(lease.as_millis()).unwrap_or(u64::MAX).max(1);
        let taken: Option<String> = redis::cmd("SET")
            .arg(self.key(&format!("lock:{name}")))
            .arg(token.as_str())
            .arg("NX")
            .arg("PX")
            .arg(lease_ms)
            .query_async(&mut conn)
            .await
            .map_err(|e| redis_error("cannot take the redis lock", e))?;
        Ok(taken.map(|_| token))
    }

    async fn renew_lock(&self, name: &str, token: &LockToken, lease: Duration) -> Result<bool> {
        let mut conn = self.conn.clone();
        let lease_ms = u64::try_from(lease.as_millis()).unwrap_or(u64::MAX).max(1);
        let renewed: i64 = redis::Script::new(RENEW_SCRIPT)
            .key(self.key(&format!("lock:{name}")))
            .arg(token.as_str())
            .arg(lease_ms)
            .invoke_async(&mut conn)
            .await
            .map_err(|e| redis_error("cannot renew the redis lock", e))?;
        Ok(renewed == 1)
    }

    async fn unlock(&self, name: &str, token: LockToken) -> Result<()> {
        let mut conn = self.conn.clone();
        let _: i64 = redis::Script::new(UNLOCK_SCRIPT)
            .key(self.key(&format!("lock:{name}")))
            .arg(token.as_str())
            .invoke_async(&mut conn)
            .await
            .map_err(|e| redis_error("cannot release the redis lock", e))?;
        Ok(())
    }
}

#[async_trait]
impl ComponentHubStorage for RedisStore {
    async fn verify_ticket(&self, component_appid: &str) -> Result<Option<String>> {
        self.durable(
            &self.key(&format!("verify_ticket:{{{component_appid}}}")),
            &self.key(&format!("verify_ticket:{component_appid}")),
        )
        .await
    }

    async fn save_verify_ticket(&self, component_appid: &str, verify_ticket: &str) -> Result<()> {
        let name = self.key(&format!("verify_ticket:{{{component_appid}}}"));
        self.set(&name, verify_ticket.to_owned(), 0).await
    }

    async fn authorizer_refresh_token(
        &self,
        component_appid: &str,
        authorizer_appid: &str,
    ) -> Result<Option<String>> {
        self.durable(
            &self.key(&format!(
                "refresh_token:{component_appid}:{{{authorizer_appid}}}"
            )),
            &self.key(&format!(
                "refresh_token:{component_appid}:{authorizer_appid}"
            )),
        )
        .await
    }

    async fn save_authorizer_refresh_token(
        &self,
        component_appid: &str,
        authorizer_appid: &str,
        refresh_token: &str,
    ) -> Result<()> {
        let name = self.key(&format!(
            "refresh_token:{component_appid}:{{{authorizer_appid}}}"
        ));
        self.set(&name, refresh_token.to_owned(), 0).await
    }

    async fn forget_authorizer(&self, component_appid: &str, authorizer_appid: &str) -> Result<()> {
        let key = TokenKey::authorizer(component_appid, authorizer_appid);
        let names = [
            self.key(&format!(
                "refresh_token:{component_appid}:{{{authorizer_appid}}}"
            )),
            self.key(&format!("token:{}", key.tagged())),
            self.key(&format!("ticket:{}:{}", key.tagged(), TicketType::Jsapi)),
            self.key(&format!("ticket:{}:{}", key.tagged(), TicketType::WxCard)),
        ];
        let mut conn = self.conn.clone();
        let _: i64 = redis::cmd("DEL")
            .arg(&names[..])
            .query_async(&mut conn)
            .await
            .map_err(|e| redis_error("cannot forget the authorizer", e))?;
        Ok(())
    }
}
