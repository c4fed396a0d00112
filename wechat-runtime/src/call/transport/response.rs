//! Layer 4 of a call: WeChat's answer, and its errcode.

use bytes::Bytes;
use reqwest::header::{HeaderMap, CONTENT_DISPOSITION, CONTENT_TYPE};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::{Error, Result};

/// A successful answer: HTTP 2xx, and no non-zero `errcode` in it.
///
/// `Debug` shows the body's length, not the body: it may carry a token.
///
/// ```no_run
/// # async fn run(client: wechat_runtime::Client<wechat_runtime::Hub<wechat_runtime::MemoryStore>>) -> wechat_runtime::Result<()> {
/// // A download: the bytes, and the file name WeChat gives.
/// let response = client
///     .get("/cgi-bin/media/get")
///     .query("media_id", "MEDIA_ID")
///     .await?;
/// println!("{:?}, {} bytes", response.filename(), response.bytes().len());
///
/// // A JSON answer, decoded into any type.
/// let menu: serde_json::Value = client.get("/cgi-bin/menu/get").await?.json()?;
/// # let _ = menu; Ok(()) }
/// ```
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
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, body: Bytes, path: &str) -> Self {
        Response {
            status,
            headers,
            body,
            path: path.to_owned(),
        }
    }

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

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    errcode: Option<serde_json::Value>,
    #[serde(default)]
    errmsg: Option<serde_json::Value>,
}

/// An errcode as WeChat (or a proxy in front of it) may write it: a number, a number with a
/// fraction of zero (`40001.0`), or a number in a string (`"40001"`).
pub(crate) fn lenient_errcode(value: &serde_json::Value) -> Option<i64> {
    match value {
        serde_json::Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The errmsg, whatever JSON it is.
pub(crate) fn errmsg_text(value: Option<&serde_json::Value>) -> String {
    match value {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
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
    let Ok(ErrorBody { errcode, errmsg }) = serde_json::from_slice::<ErrorBody>(body) else {
        // Not an error body; the caller's decode reports what is wrong with it, if anything.
        return Ok(());
    };
    match errcode.as_ref().and_then(lenient_errcode) {
        None | Some(0) => Ok(()),
        Some(errcode) => Err(Error::Api {
            errcode,
            errmsg: errmsg_text(errmsg.as_ref()),
            path: path.to_owned(),
        }),
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
        // As a string, or a float: still WeChat's error.
        for body in [
            &br#"{"errcode":"40001","errmsg":"invalid credential"}"#[..],
            br#"{"errcode":40001.0,"errmsg":null}"#,
        ] {
            let err = check_errcode("/p", body).unwrap_err();
            assert_eq!(err.errcode(), Some(40001), "{body:?}");
        }
        assert!(check_errcode("/p", br#"{"errcode":"0"}"#).is_ok());
        assert!(check_errcode("/p", br#"{"errcode":"not a number"}"#).is_ok());
    }
}
