//! Layer 1: the call builder, and the run of one call through layers 2 to 4.

use std::borrow::Cow;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::Method;
use serde::Serialize;
use tracing::{Instrument, Level};

use super::binding::{CommonBinding, ComponentBinding, ErasedStorage};
use super::cache::{CacheKey, TokenCache};
use super::credential::{
    credential_for, fetch_token, is_work_token_stale, name_wrong_work_secret, refresh_once_on,
    refresh_token, work_credential_for, Credential,
};
use super::kind::{ActsForAuthorizers, Common, Component};
use super::shared::{require_appid, ClientCore};
use super::transport::{Answer, Body, ErasedDecode, Outgoing, Part, Response};
use crate::error::{Error, Result};
use crate::storage::{ClientStorage, ComponentClientStorage};
use crate::work::WorkKey;

/// One call, being built; `.await` (or [`send`](RequestBuilder::send)) sends it.
///
/// Per-call settings fall back to the client's: [`appid`](RequestBuilder::appid),
/// `authorizer_appid` (component clients), [`timeout`](RequestBuilder::timeout), and the storage
/// itself with `with_storage`.
///
/// ```no_run
/// # async fn run(client: wechat_runtime::Client<wechat_runtime::Hub<wechat_runtime::MemoryStore>>) -> wechat_runtime::Result<()> {
/// use std::time::Duration;
///
/// // Any path, with the token injected; a POST is not sent twice unless marked idempotent.
/// let answer: serde_json::Value = client
///     .post("/cgi-bin/tags/get")
///     .json(&serde_json::json!({}))
///     .idempotent(true)
///     .timeout(Duration::from_secs(5))
///     .await?
///     .json()?;
/// # let _ = answer; Ok(()) }
/// ```
#[must_use = "a request does nothing until it is awaited"]
pub struct RequestBuilder<'a, K = Common> {
    call: Call<'a>,
    _kind: PhantomData<K>,
}

impl<K> RequestBuilder<'static, K> {
    pub(crate) fn new(core: Arc<ClientCore>, method: Method, path: Cow<'static, str>) -> Self {
        RequestBuilder {
            call: Call {
                core,
                method,
                path,
                query: Vec::new(),
                body: Body::Empty,
                storage: None,
                appid: None,
                authorizer_appid: None,
                timeout: None,
                idempotent: None,
                error: None,
                decode: None,
            },
            _kind: PhantomData,
        }
    }
}

impl<K> RequestBuilder<'static, K> {
    /// A call that fails with `error` when awaited, without sending anything: for input that a
    /// typed API rejects before it reaches WeChat.
    pub(crate) fn rejected(core: Arc<ClientCore>, error: Error) -> Self {
        let mut request = Self::new(core, Method::GET, Cow::Borrowed(""));
        request.call.error = Some(error);
        request
    }
}

impl<'a, K> RequestBuilder<'a, K> {
    /// Adds a query parameter.
    pub fn query(mut self, name: impl Into<String>, value: impl ToString) -> Self {
        self.call.query.push((name.into(), value.to_string()));
        self
    }

    /// Adds query parameters.
    pub fn query_pairs<N: Into<String>, V: ToString>(
        mut self,
        pairs: impl IntoIterator<Item = (N, V)>,
    ) -> Self {
        self.call
            .query
            .extend(pairs.into_iter().map(|(n, v)| (n.into(), v.to_string())));
        self
    }

    /// Sends `body` as JSON.
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        match Body::json(body) {
            Ok(body) => self.call.body = body,
            Err(e) => self.call.error = Some(e),
        }
        self
    }

    /// Sends a URL-encoded form.
    pub fn form<N: Into<String>, V: Into<String>>(
        mut self,
        fields: impl IntoIterator<Item = (N, V)>,
    ) -> Self {
        self.call.body = Body::Form(
            fields
                .into_iter()
                .map(|(n, v)| (n.into(), v.into()))
                .collect(),
        );
        self
    }

    /// Adds a part to a multipart body (a file upload).
    pub fn part(mut self, part: Part) -> Self {
        match &mut self.call.body {
            Body::Multipart(parts) => parts.push(part),
            _ => self.call.body = Body::Multipart(vec![part]),
        }
        self
    }

    /// Sends raw bytes with a content type.
    pub fn body(mut self, data: impl Into<Bytes>, content_type: impl Into<String>) -> Self {
        self.call.body = Body::Raw {
            data: data.into(),
            content_type: content_type.into(),
        };
        self
    }

    /// The appid of this call, instead of the client's.
    pub fn appid(mut self, appid: impl Into<String>) -> Self {
        self.call.appid = Some(appid.into());
        self
    }

    /// How long this call may take, instead of the client's timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.call.timeout = Some(timeout);
        self
    }

    /// Whether sending this call twice does no harm, so that a transient failure after it may
    /// have reached WeChat can be retried. `GET` calls are idempotent, `POST` calls are not,
    /// unless set here.
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.call.idempotent = Some(idempotent);
        self
    }

    /// Sends the call.
    pub async fn send(self) -> Result<Response> {
        self.into_future().await
    }
}

impl<'a> RequestBuilder<'a, Common> {
    /// Uses `storage`, bound with `args`, for this call only; the client's own storage is not
    /// asked. The override's tokens bypass the client's local cache.
    pub fn with_storage<S>(mut self, storage: &'a S, args: S::Args) -> Self
    where
        S: ClientStorage,
        S::Args: 'a,
    {
        self.call.storage = Some(Box::new(CommonBinding { storage, args }));
        self
    }
}

impl<'a> RequestBuilder<'a, Component> {
    /// Uses `storage`, bound with `args`, for this call only; the client's own storage is not
    /// asked. The override's tokens bypass the client's local cache.
    pub fn with_storage<S>(mut self, storage: &'a S, args: S::Args) -> Self
    where
        S: ComponentClientStorage,
        S::Args: 'a,
    {
        self.call.storage = Some(Box::new(ComponentBinding { storage, args }));
        self
    }
}

impl<'a, K> RequestBuilder<'a, K> {
    /// The authorizer of this call, instead of the client's: the call uses its access token.
    /// Component clients only (the bound is on the method, so that a common client's call is
    /// told what to change).
    pub fn authorizer_appid(mut self, authorizer_appid: impl Into<String>) -> Self
    where
        K: ActsForAuthorizers,
    {
        self.call.authorizer_appid = Some(authorizer_appid.into());
        self
    }
}

impl<'a, K> IntoFuture for RequestBuilder<'a, K> {
    type Output = Result<Response>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<Response>> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            match self.call.run().await? {
                Answer::Response(response) => Ok(response),
                // Only a typed call sets a decoder, and it takes the decoded value itself.
                Answer::Decoded(_) => Err(Error::invalid_input(
                    "this call decodes its answer: await the typed call, not its request",
                )),
            }
        })
    }
}

impl<'a, K> RequestBuilder<'a, K> {
    /// Decodes the answer with `decode`, which reads the errcode in the same pass.
    pub(crate) fn decoding(mut self, decode: Option<ErasedDecode>) -> Self {
        self.call.decode = decode;
        self
    }

    /// Sends the call; the answer is decoded if a decoder is set.
    pub(crate) fn send_answer(self) -> Pin<Box<dyn Future<Output = Result<Answer>> + Send + 'a>> {
        Box::pin(self.call.run())
    }
}

/// What a call carries, without the builder's kind marker: runs the one, non-generic pipeline.
struct Call<'a> {
    core: Arc<ClientCore>,
    method: Method,
    /// Borrowed for the typed APIs, whose paths are constants.
    path: Cow<'static, str>,
    query: Vec<(String, String)>,
    body: Body,
    storage: Option<Box<dyn ErasedStorage + 'a>>,
    appid: Option<String>,
    authorizer_appid: Option<String>,
    timeout: Option<Duration>,
    idempotent: Option<bool>,
    error: Option<Error>,
    /// Decodes the answer in the same pass as its errcode (typed calls).
    decode: Option<ErasedDecode>,
}

impl Call<'_> {
    async fn run(mut self) -> Result<Answer> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        self.split_path_query()?;
        let core = &*self.core;
        let credential = match core.work_app {
            Some(_) => work_credential_for(&self.path),
            None => credential_for(&self.path),
        };
        let appid = self.appid.as_deref().or(core.appid.as_deref());
        let span = tracing::info_span!(
            "wechat.request",
            method = %self.method,
            path = %self.path,
            appid = appid.unwrap_or(""),
            attempt = tracing::field::Empty,
            errcode = tracing::field::Empty,
        );
        // Read the clock only for someone who will see the outcome.
        let started = tracing::enabled!(Level::DEBUG).then(Instant::now);
        let attempts = AtomicU32::new(0);
        // Entering a span on every poll costs even when nobody listens: only when someone does.
        let result = if span.is_disabled() {
            self.pipeline(credential, &attempts).await
        } else {
            self.pipeline(credential, &attempts)
                .instrument(span.clone())
                .await
        };
        if let Some(started) = started {
            let elapsed_ms = started.elapsed().as_secs_f64() * 1e3;
            let attempts = attempts.load(Ordering::Relaxed);
            // In the call's span, which names the method, path and appid (never the query, where
            // tokens travel); errors mask what they quote.
            span.in_scope(|| match &result {
                Ok(_) => tracing::debug!(attempts, elapsed_ms, "call succeeded"),
                Err(err) => tracing::debug!(
                    attempts,
                    elapsed_ms,
                    errcode = err.errcode(),
                    error = %err,
                    "call failed"
                ),
            });
        }
        if let Some(errcode) = result.as_ref().err().and_then(Error::errcode) {
            span.record("errcode", errcode);
        }
        result
    }

    /// Accepts `/path?a=b` as well as `/path` with `.query("a", "b")`.
    fn split_path_query(&mut self) -> Result<()> {
        if !self.path.starts_with('/') {
            return Err(Error::invalid_input(format!(
                "the path `{}` must start with `/`",
                self.path.split('?').next().unwrap_or_default()
            )));
        }
        if let Some((path, query)) = self.path.split_once('?') {
            let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect();
            self.path = Cow::Owned(path.to_owned());
            self.query.splice(0..0, pairs);
        }
        Ok(())
    }

    async fn pipeline(&self, credential: Credential, attempts: &AtomicU32) -> Result<Answer> {
        let core = &*self.core;
        let (binding, cache): (&dyn ErasedStorage, Option<&TokenCache>) = match &self.storage {
            Some(storage) => (&**storage, None),
            None => (&*core.binding, Some(&core.cache)),
        };
        let key = match credential {
            Credential::None => None,
            Credential::AccessToken => Some(CacheKey::AccessToken {
                appid: self.appid_key()?,
                authorizer_appid: match &self.authorizer_appid {
                    Some(authorizer_appid) => Some(authorizer_appid.as_str().into()),
                    None => core.authorizer_appid.clone(),
                },
            }),
            Credential::ComponentAccessToken | Credential::ComponentTokenAsAccessToken => {
                Some(CacheKey::ComponentAccessToken {
                    appid: self.appid_key()?,
                })
            }
            Credential::WorkAccessToken => Some(CacheKey::Work(self.work_key()?)),
        };
        let token = match &key {
            Some(key) => Some(fetch_token(binding, cache, key).await?),
            None => None,
        };
        let idempotent = self.idempotent.unwrap_or(self.method == Method::GET);
        let url = |token: Option<&str>| {
            let mut url = core.transport.url_with(&self.path, &self.query)?;
            if let (Some(name), Some(token)) = (credential.query_name(), token) {
                url.query_pairs_mut().append_pair(name, token);
            }
            Ok(url)
        };
        let send = |url| async move {
            // The number of the request about to go, retries of the transport included.
            let attempt = attempts.load(Ordering::Relaxed) + 1;
            tracing::Span::current().record("attempt", attempt);
            let mut outgoing =
                Outgoing::wechat(self.method.clone(), url, &self.path, &self.body, idempotent);
            outgoing.timeout = self.timeout;
            outgoing.sent = Some(attempts);
            core.transport.send_with(&outgoing, self.decode).await
        };
        match (&key, token) {
            (Some(key), Some(token)) => {
                let refresh = move |stale: String| async move {
                    refresh_token(binding, cache, key, &stale).await
                };
                match key {
                    CacheKey::Work(work) => {
                        let sent = refresh_once_on(
                            is_work_token_stale,
                            token.access_token,
                            |t| url(Some(t)),
                            send,
                            refresh,
                        )
                        .await;
                        name_wrong_work_secret(sent, work)
                    }
                    _ => {
                        refresh_once_on(
                            Error::is_token_expired,
                            token.access_token,
                            |t| url(Some(t)),
                            send,
                            refresh,
                        )
                        .await
                    }
                }
            }
            _ => send(url(None)?).await,
        }
    }

    /// The (corpid, app) of a WeCom call: the client's, unless the call names another corp.
    fn work_key(&self) -> Result<Arc<WorkKey>> {
        let app = self.core.work_app.ok_or_else(|| {
            Error::Config("no WeCom app: set `work_app` on the client".to_owned())
        })?;
        match (&self.core.work_key, &self.appid) {
            (Some(own), None) => Ok(own.clone()),
            _ => Ok(Arc::new(WorkKey::new(self.appid()?, app))),
        }
    }

    /// The appid of the call for a cache key: the client's is shared, not copied.
    fn appid_key(&self) -> Result<Arc<str>> {
        let appid = self.appid()?;
        match &self.core.appid {
            Some(own) if self.appid.is_none() => Ok(own.clone()),
            _ => Ok(appid.into()),
        }
    }

    fn appid(&self) -> Result<&str> {
        require_appid(self.appid.as_deref().or(self.core.appid.as_deref()))
    }
}
