//! The axum route of a WeChat Pay `notify_url` (feature `pay-axum`).

use std::fmt;
use std::future::Future;

use ::axum::body::Bytes;
use ::axum::extract::rejection::BytesRejection;
use ::axum::extract::DefaultBodyLimit;
use ::axum::http::{header, HeaderMap, StatusCode};
use ::axum::response::{IntoResponse, Response};
use ::axum::routing::{post, MethodRouter};

use super::{Notification, Rejection};
use crate::pay::PayClient;

/// The largest notification body the [`route`] reads: 64 KiB. WeChat Pay's notifications are
/// a few kilobytes; a larger body is answered 413, and not read past the limit.
///
/// ```
/// assert_eq!(wechat_runtime::pay::notify::MAX_BODY_SIZE, 64 * 1024);
/// ```
pub const MAX_BODY_SIZE: usize = 64 * 1024;

/// The route of a `notify_url`: POST verifies each notification by its serial, decrypts it
/// with the APIv3 key, types it ([`PayClient::notification`]) and only then calls `handler`.
///
/// The answers, as WeChat Pay expects them:
///
/// - the handler returned `Ok(())`: **204**, no body (WeChat Pay takes 200 or 204 as received);
/// - the notification was refused (a probe, a bad signature, a stale timestamp, a missing
///   header, an unknown serial, a wrong APIv3 key, a tampered resource, malformed JSON): the
///   4xx of [`Rejection::of`] with `{"code":"FAIL","message":"…"}`, and the handler is not
///   called;
/// - a body over [`MAX_BODY_SIZE`]: 413 `{"code":"FAIL",…}`, not read past the limit;
/// - the handler returned `Err(_)`: **500** `{"code":"FAIL","message":"handler failed"}`, so
///   that WeChat Pay sends it again later. The error is logged, never sent.
///
/// The handler must be idempotent: WeChat Pay resends notifications (see the
/// [module](super) docs). Logs (`tracing`) carry the notification's id and event type, never
/// the ciphertext, the signature or a key.
///
/// ```no_run
/// use axum::Router;
/// use wechat_runtime::pay::notify::{route, Notification, PayEvent};
///
/// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), Box<dyn std::error::Error>> {
/// let app: Router = Router::new().route(
///     "/pay/notify",
///     route(pay, |notification: Notification| async move {
///         match notification.event {
///             PayEvent::TransactionSuccess(t) => {
///                 // Mark order `t.out_trade_no` paid, if it is not already (idempotent).
///                 println!("paid: {}", t.out_trade_no);
///             }
///             PayEvent::RefundSuccess(r) => println!("refunded: {}", r.out_refund_no),
///             other => println!("not handled: {other:?}"),
///         }
///         Ok::<(), std::convert::Infallible>(())
///     }),
/// );
/// let listener = tokio::net::TcpListener::bind("0.0.0.0:8443").await?;
/// axum::serve(listener, app).await?;
/// # Ok(()) }
/// ```
pub fn route<F, Fut, E, S>(client: PayClient, handler: F) -> MethodRouter<S>
where
    F: Fn(Notification) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<(), E>> + Send + 'static,
    E: fmt::Display + Send + 'static,
    S: Clone + Send + Sync + 'static,
{
    post(
        move |headers: HeaderMap, body: Result<Bytes, BytesRejection>| {
            let client = client.clone();
            let handler = handler.clone();
            async move { receive(&client, &headers, body, handler).await }
        },
    )
    .layer(DefaultBodyLimit::max(MAX_BODY_SIZE))
}

async fn receive<F, Fut, E>(
    client: &PayClient,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
    handler: F,
) -> Response
where
    F: Fn(Notification) -> Fut,
    Fut: Future<Output = Result<(), E>>,
    E: fmt::Display,
{
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            tracing::warn!(
                limit = MAX_BODY_SIZE,
                "WeChat Pay notification over the body limit"
            );
            return answer(Rejection::new(413, "notification too large"));
        }
        Err(rejection) => {
            tracing::warn!(error = %rejection, "cannot read a WeChat Pay notification");
            return answer(Rejection::new(400, "cannot read the body"));
        }
    };
    let notification = match client.notification(headers, &body).await {
        Ok(notification) => notification,
        Err(err) => {
            let rejection = Rejection::of(&err);
            tracing::warn!(error = %err, status = rejection.status, "WeChat Pay notification refused");
            return answer(rejection);
        }
    };
    let id = notification.id.clone();
    let event_type = notification.event_type.clone();
    match handler(notification).await {
        Ok(()) => {
            tracing::info!(%id, %event_type, "WeChat Pay notification handled");
            StatusCode::NO_CONTENT.into_response()
        }
        Err(err) => {
            tracing::error!(%id, %event_type, error = %err, "the WeChat Pay notification handler failed; WeChat Pay will retry");
            answer(Rejection::new(500, "handler failed"))
        }
    }
}

fn answer(rejection: Rejection) -> Response {
    let status =
        StatusCode::from_u16(rejection.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        rejection.body(),
    )
        .into_response()
}
