//! The axum route of a callback URL (feature `callback-axum`).

use std::future::Future;
use std::sync::Arc;

use ::axum::body::{to_bytes, Body};
use ::axum::extract::RawQuery;
use ::axum::http::{header, HeaderMap, StatusCode};
use ::axum::response::{IntoResponse, Response};
use ::axum::routing::{get, MethodRouter};

use super::endpoint::{CallbackQuery, Endpoint};
use super::incoming::Incoming;
pub use super::into_reply::IntoReply;
use crate::error::Error;

/// The route of one callback URL: GET answers WeChat's `echostr` handshake, POST checks,
/// decrypts and parses each callback, hands it to `handler`, and answers with its reply
/// (encrypted when the callback was) or `success`.
///
/// A request with a wrong signature is answered 403 before its body is read; a body over the
/// endpoint's [`max_body_size`](Endpoint::max_body_size) 413; a body that does not decrypt or
/// parse 400.
///
/// ```no_run
/// use axum::Router;
/// use wechat_runtime::callback::axum::callback;
/// use wechat_runtime::callback::{Endpoint, Incoming, MessageKind, Reply};
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let endpoint = Endpoint::safe(
///     "the-token",
///     "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
///     "wx0123456789abcdef",
/// )?;
/// let app = Router::new().route(
///     "/wechat",
///     callback(endpoint, |incoming: Incoming| async move {
///         match incoming {
///             Incoming::Message(m) => match m.kind {
///                 MessageKind::Text { content } => Some(Reply::text(format!("you said: {content}"))),
///                 _ => None,
///             },
///             _ => None,
///         }
///     }),
/// );
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
/// axum::serve(listener, app).await?;
/// # Ok(()) }
/// ```
pub fn callback<F, Fut, R, S>(endpoint: Endpoint, handler: F) -> MethodRouter<S>
where
    F: Fn(Incoming) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = R> + Send + 'static,
    R: IntoReply,
    S: Clone + Send + Sync + 'static,
{
    let endpoint = Arc::new(endpoint);
    let for_get = endpoint.clone();
    get(move |RawQuery(query): RawQuery| {
        let endpoint = for_get.clone();
        async move { handshake(&endpoint, query.as_deref().unwrap_or_default()) }
    })
    .post(
        move |RawQuery(query): RawQuery, headers: HeaderMap, body: Body| {
            let endpoint = endpoint.clone();
            let handler = handler.clone();
            async move {
                let query = CallbackQuery::parse(query.as_deref().unwrap_or_default());
                receive(&endpoint, &query, &headers, body, handler).await
            }
        },
    )
}

fn handshake(endpoint: &Endpoint, query: &str) -> Response {
    match endpoint.verify_url(&CallbackQuery::parse(query)) {
        Ok(echostr) => (
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            echostr,
        )
            .into_response(),
        Err(err) => reject(&err),
    }
}

async fn receive<F, Fut, R>(
    endpoint: &Endpoint,
    query: &CallbackQuery,
    headers: &HeaderMap,
    body: Body,
    handler: F,
) -> Response
where
    F: Fn(Incoming) -> Fut,
    Fut: Future<Output = R>,
    R: IntoReply,
{
    // The signature of the query first: a forged callback is not even read.
    if let Err(err) = endpoint.verify_query(query) {
        return reject(&err);
    }
    let limit = endpoint.body_limit();
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > limit as u64) {
        return too_large(limit);
    }
    let body = match to_bytes(body, limit).await {
        Ok(body) => body,
        Err(err) => {
            let over_limit =
                std::iter::successors(Some(&err as &(dyn std::error::Error + 'static)), |e| {
                    e.source()
                })
                .any(|e| e.is::<http_body_util::LengthLimitError>());
            return if over_limit {
                too_large(limit)
            } else {
                (StatusCode::BAD_REQUEST, "cannot read the body").into_response()
            };
        }
    };
    let received = match endpoint.receive(query, &body) {
        Ok(received) => received,
        Err(err) => return reject(&err),
    };
    let reply = match handler(received.incoming.clone()).await.into_reply() {
        Ok(reply) => reply,
        Err(err) => {
            tracing::error!(error = %err, "the callback handler failed; WeChat will retry");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    match endpoint.respond(&received, reply.as_ref()) {
        Ok(body) if reply.is_some() => (
            [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
            body,
        )
            .into_response(),
        Ok(body) => ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "cannot write the reply");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

fn too_large(limit: usize) -> Response {
    tracing::warn!(limit, "callback body over the limit");
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("the body is over the limit of {limit} bytes"),
    )
        .into_response()
}

/// The status of a callback that is refused. No error's text carries a secret.
fn reject(err: &Error) -> Response {
    let status = match err {
        Error::InvalidSignature | Error::StaleCallback { .. } => StatusCode::FORBIDDEN,
        Error::Decrypt(_) | Error::MalformedMessage(_) | Error::InvalidInput(_) => {
            StatusCode::BAD_REQUEST
        }
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    tracing::warn!(error = %err, %status, "callback refused");
    (status, err.to_string()).into_response()
}
