//! Layers 3 and 4 of a call: send over HTTP with bounded retries, then decode WeChat's answer.

use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, CONTENT_DISPOSITION, CONTENT_TYPE};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use url::Url;

use crate::error::{Error, Result};

/// How transient failures are retried: connection errors, HTTP 5xx and WeChat's "system busy"
/// (errcode -1).
///
/// A request that may have reached WeChat is retried only when it is idempotent (a `GET`, or a
/// call marked with [`RequestBuilder::idempotent`](crate::RequestBuilder::idempotent)): a message
/// send is never sent twice. A connection that could not be opened is always retried, since
/// nothing was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 turns retries off.
    pub max_retries: u32,
    /// The wait before the first retry; it doubles for each next one.
    pub base_delay: Duration,
    /// The longest wait between two attempts.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(2),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..Self::default()
        }
    }

    fn delay(&self, retry: u32) -> Duration {
        let factor = 1u32.checked_shl(retry.min(16)).unwrap_or(u32::MAX);
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }
}

/// One part of a multipart body, as `/cgi-bin/media/upload` takes it.
///
/// A part holds bytes in memory ([`Part::bytes`], [`Part::text`]) or a file on disk
/// ([`Part::file`]), which is streamed when the request is sent, never read into memory whole.
/// A file part keeps its path and reopens the file for each attempt, so a retried upload sends
/// the file again from its start.
#[derive(Debug, Clone)]
pub struct Part {
    pub(crate) name: String,
    pub(crate) filename: Option<String>,
    pub(crate) content_type: Option<String>,
    pub(crate) data: PartData,
}

/// What a part carries.
#[derive(Debug, Clone)]
pub(crate) enum PartData {
    /// Bytes in memory.
    Bytes(Bytes),
    /// A file, streamed from disk; `len` is its size when the part was made, sent as the
    /// part's length.
    File { path: std::path::PathBuf, len: u64 },
}

/// How much of a streamed file is read at a time.
const FILE_CHUNK: usize = 64 * 1024;

impl Part {
    /// A file part from bytes in memory.
    pub fn bytes(
        name: impl Into<String>,
        filename: impl Into<String>,
        data: impl Into<Bytes>,
    ) -> Self {
        Part {
            name: name.into(),
            filename: Some(filename.into()),
            content_type: None,
            data: PartData::Bytes(data.into()),
        }
    }

    /// A plain text field, such as the `description` of a permanent video.
    pub fn text(name: impl Into<String>, value: impl Into<String>) -> Self {
        Part {
            name: name.into(),
            filename: None,
            content_type: None,
            data: PartData::Bytes(Bytes::from(value.into())),
        }
    }

    /// A file part streamed from disk; the file name is taken from the path.
    ///
    /// This checks that the file exists and takes its size; its content is read only while the
    /// request is sent, in chunks, and read again from the start if the request is retried.
    /// The file should not change until the call is done: a file whose size changed in between
    /// fails the upload rather than sending something else.
    pub async fn file(name: impl Into<String>, path: impl AsRef<std::path::Path>) -> Result<Self> {
        let path = path.as_ref();
        let cannot_read = |e: &dyn std::fmt::Display| {
            Error::invalid_input(format!("cannot read the file {}: {e}", path.display()))
        };
        let metadata = tokio::fs::metadata(path)
            .await
            .map_err(|e| cannot_read(&e))?;
        if !metadata.is_file() {
            return Err(cannot_read(&"not a regular file"));
        }
        let filename = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "file".to_owned());
        Ok(Part {
            name: name.into(),
            filename: Some(filename),
            content_type: None,
            data: PartData::File {
                path: path.to_owned(),
                len: metadata.len(),
            },
        })
    }

    /// Sets the part's content type (by default, the server guesses from the file name).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// Sets the part's field name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// Sets the file name sent with the part.
    pub fn filename(mut self, filename: impl Into<String>) -> Self {
        self.filename = Some(filename.into());
        self
    }

    /// The part's field name.
    pub fn field_name(&self) -> &str {
        &self.name
    }

    /// The file name sent with the part, if any.
    pub fn file_name(&self) -> Option<&str> {
        self.filename.as_deref()
    }

    /// The size of the part's content, in bytes.
    pub fn len(&self) -> u64 {
        match &self.data {
            PartData::Bytes(data) => data.len() as u64,
            PartData::File { len, .. } => *len,
        }
    }

    /// Whether the part's content is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn to_reqwest(&self) -> Result<reqwest::multipart::Part> {
        let mut part = match &self.data {
            PartData::Bytes(data) => reqwest::multipart::Part::stream_with_length(
                reqwest::Body::from(data.clone()),
                data.len() as u64,
            ),
            PartData::File { path, len } => reqwest::multipart::Part::stream_with_length(
                reqwest::Body::wrap_stream(file_stream(path.clone(), *len)),
                *len,
            ),
        };
        if let Some(filename) = &self.filename {
            part = part.file_name(filename.clone());
        }
        if let Some(content_type) = &self.content_type {
            part = part.mime_str(content_type).map_err(|_| {
                Error::invalid_input(format!("`{content_type}` is not a valid content type"))
            })?;
        }
        Ok(part)
    }
}

/// The file at `path`, opened when the stream is first polled, as exactly `len` bytes in
/// chunks. A file that is shorter or longer than `len` by then is an error, not a short or
/// overlong upload.
fn file_stream(
    path: std::path::PathBuf,
    len: u64,
) -> impl futures_util::Stream<Item = std::io::Result<Bytes>> + Send + 'static {
    use std::io::{Error as IoError, ErrorKind};

    struct State {
        path: std::path::PathBuf,
        file: Option<tokio::fs::File>,
        left: u64,
        done: bool,
    }

    async fn read_some(file: &mut tokio::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut read = tokio::io::ReadBuf::new(buf);
        std::future::poll_fn(|cx| {
            tokio::io::AsyncRead::poll_read(std::pin::Pin::new(&mut *file), cx, &mut read)
        })
        .await?;
        Ok(read.filled().len())
    }

    let state = State {
        path,
        file: None,
        left: len,
        done: false,
    };
    futures_util::stream::unfold(state, |mut state| async move {
        if state.done {
            return None;
        }
        let result = async {
            let file = match &mut state.file {
                Some(file) => file,
                None => state.file.insert(tokio::fs::File::open(&state.path).await?),
            };
            let mut buf = vec![0u8; FILE_CHUNK];
            if state.left == 0 {
                // The whole length is sent; the file must have no more.
                return match read_some(file, &mut buf[..1]).await? {
                    0 => Ok(None),
                    _ => Err(IoError::new(
                        ErrorKind::InvalidData,
                        "the file grew while it was uploaded",
                    )),
                };
            }
            let want = FILE_CHUNK.min(usize::try_from(state.left).unwrap_or(FILE_CHUNK));
            let n = read_some(file, &mut buf[..want]).await?;
            if n == 0 {
                return Err(IoError::new(
                    ErrorKind::UnexpectedEof,
                    "the file shrank while it was uploaded",
                ));
            }
            state.left -= n as u64;
            buf.truncate(n);
            Ok(Some(Bytes::from(buf)))
        }
        .await;
        match result {
            Ok(Some(chunk)) => Some((Ok(chunk), state)),
            Ok(None) => None,
            Err(e) => {
                state.done = true;
                Some((Err(e), state))
            }
        }
    })
}

/// The body of a request. Kept as data so that a retry can send it again.
#[derive(Debug, Clone, Default)]
pub(crate) enum Body {
    #[default]
    Empty,
    Json(Bytes),
    Form(Vec<(String, String)>),
    Multipart(Vec<Part>),
    Raw {
        data: Bytes,
        content_type: String,
    },
}

/// A request ready to go: everything but the transport.
pub(crate) struct Outgoing<'a> {
    pub method: Method,
    pub url: Url,
    /// The path, for errors and traces: never the query, which may hold a token.
    pub path: &'a str,
    pub body: &'a Body,
    pub timeout: Option<Duration>,
    pub idempotent: bool,
    /// A bearer credential for the `Authorization` header (a hub's caller secret).
    pub bearer: Option<&'a str>,
    /// Whether a JSON body with a non-zero `errcode` is WeChat's error (not for a hub's answers,
    /// which have their own error shape).
    pub wechat_errors: bool,
}

/// A successful answer: HTTP 2xx, and no non-zero `errcode` in it.
///
/// `Debug` shows the body's length, not the body: it may carry a token.
#[derive(Clone)]
pub struct Response {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    path: String,
}

impl std::fmt::Debug for Response {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Response")
            .field("path", &self.path)
            .field("status", &self.status)
            .field("content_type", &self.content_type())
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl Response {
    /// Decodes the body as JSON into `T`.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        serde_json::from_slice(&self.body).map_err(|e| Error::decode(&self.path, &e))
    }

    /// The body, for downloads such as `/cgi-bin/media/get`.
    pub fn bytes(&self) -> &Bytes {
        &self.body
    }

    /// The body, owned.
    pub fn into_bytes(self) -> Bytes {
        self.body
    }

    /// The HTTP status (always a success).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The `Content-Type` header.
    pub fn content_type(&self) -> Option<&str> {
        self.headers.get(CONTENT_TYPE)?.to_str().ok()
    }

    /// The file name of a download, from `Content-Disposition`.
    pub fn filename(&self) -> Option<&str> {
        let value = self.headers.get(CONTENT_DISPOSITION)?.to_str().ok()?;
        let (_, rest) = value.split_once("filename=")?;
        Some(rest.split(';').next()?.trim().trim_matches('"'))
    }

    /// The path that was called.
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// `http`, or else a new HTTP client (rustls, its own connection pool) with `connect_timeout`.
pub(crate) fn http_client_or_default(
    http: Option<reqwest::Client>,
    connect_timeout: Duration,
) -> Result<reqwest::Client> {
    match http {
        Some(http) => Ok(http),
        None => reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .build()
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}"))),
    }
}

/// Sends `request`, retrying transient failures as `policy` allows, and turns a WeChat error
/// body into [`Error::Api`].
pub(crate) async fn execute(
    http: &reqwest::Client,
    request: &Outgoing<'_>,
    policy: &RetryPolicy,
) -> Result<Response> {
    let mut retry = 0;
    loop {
        let result = attempt(http, request).await;
        match result {
            Err(err) if retry < policy.max_retries && may_retry(&err, request.idempotent) => {
                tracing::debug!(path = request.path, retry, error = %err, "transient failure, retrying");
                tokio::time::sleep(policy.delay(retry)).await;
                retry += 1;
            }
            other => return other,
        }
    }
}

/// Whether a failed attempt can be made again without risk of doing twice what WeChat did once.
fn may_retry(err: &Error, idempotent: bool) -> bool {
    match err {
        // Nothing reached the server.
        Error::Transport { source, .. } if source.is_connect() => true,
        _ => idempotent && err.is_transient(),
    }
}

async fn attempt(http: &reqwest::Client, request: &Outgoing<'_>) -> Result<Response> {
    let path = request.path;
    let mut builder = http.request(request.method.clone(), request.url.clone());
    if let Some(timeout) = request.timeout {
        builder = builder.timeout(timeout);
    }
    if let Some(bearer) = request.bearer {
        builder = builder.bearer_auth(bearer);
    }
    builder = match request.body {
        Body::Empty => builder,
        Body::Json(json) => builder
            .header(CONTENT_TYPE, "application/json")
            .body(json.clone()),
        Body::Form(fields) => builder.form(fields),
        Body::Multipart(parts) => {
            let mut form = reqwest::multipart::Form::new();
            for part in parts {
                form = form.part(part.name.clone(), part.to_reqwest()?);
            }
            builder.multipart(form)
        }
        Body::Raw { data, content_type } => builder
            .header(CONTENT_TYPE, content_type.as_str())
            .body(data.clone()),
    };
    let response = builder
        .send()
        .await
        .map_err(|e| Error::transport(path, e))?;
    let status = response.status();
    if !status.is_success() {
        return Err(Error::Status {
            status: status.as_u16(),
            path: path.to_owned(),
        });
    }
    let headers = response.headers().clone();
    let body = response
        .bytes()
        .await
        .map_err(|e| Error::transport(path, e))?;
    if request.wechat_errors {
        check_errcode(path, &body)?;
    }
    Ok(Response {
        status,
        headers,
        body,
        path: path.to_owned(),
    })
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    errcode: i64,
    #[serde(default)]
    errmsg: String,
}

/// WeChat answers errors with HTTP 200 and `{"errcode": N, "errmsg": "..."}`; a JSON body with a
/// non-zero errcode is an error whatever its content type (downloads send errors as text/plain).
pub(crate) fn check_errcode(path: &str, body: &[u8]) -> Result<()> {
    let starts_like_json = body
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{');
    if !starts_like_json {
        return Ok(());
    }
    match serde_json::from_slice::<ErrorBody>(body) {
        Ok(ErrorBody { errcode: 0, .. }) => Ok(()),
        Ok(ErrorBody { errcode, errmsg }) => Err(Error::Api {
            errcode,
            errmsg,
            path: path.to_owned(),
        }),
        // Not an error body; the caller's decode reports what is wrong with it, if anything.
        Err(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errcode_bodies() {
        assert!(check_errcode("/p", br#"{"errcode":0,"errmsg":"ok"}"#).is_ok());
        assert!(check_errcode("/p", br#"{"access_token":"x"}"#).is_ok());
        assert!(check_errcode("/p", b"\x89PNG").is_ok());
        let err = check_errcode("/p", br#" {"errcode":40001,"errmsg":"invalid credential"}"#)
            .unwrap_err();
        assert_eq!(err.errcode(), Some(40001));
    }

    #[test]
    fn backoff_is_bounded() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.delay(0), Duration::from_millis(100));
        assert_eq!(policy.delay(1), Duration::from_millis(200));
        assert_eq!(policy.delay(30), Duration::from_secs(2));
    }
}
