//! Faults that a test can inject into the next requests to a path.

use std::time::Duration;

use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};

use crate::errcode;

/// A fault the simulator applies to a request instead of (or on top of) answering it normally.
///
/// Injected with [`Simulator::inject_fault`](crate::Simulator::inject_fault). Every faulted request
/// is still counted and recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Answer with this HTTP status and a short `text/plain` body. The request is not processed.
    Status(u16),
    /// Process the request normally (state changes, tokens issued), then wait this long before
    /// answering: lets a client time out after the server has acted.
    Delay(Duration),
    /// Read the request, then close the connection without any response. The client sees a
    /// connection error (closed before the message completed), not an HTTP response.
    DropConnection,
    /// Answer `200` with a truncated JSON body. The request is not processed.
    MalformedJson,
    /// Answer `200` with `{"errcode":-1,"errmsg":"system error"}`. The request is not processed.
    SystemBusy,
    /// Answer `200` with this errcode and errmsg. The request is not processed.
    Errcode(i64, String),
}

/// What the server does with a request that drew a fault.
pub(crate) enum FaultAction {
    /// Answer this instead of processing the request.
    Respond(Response),
    /// Process the request, then wait.
    Delay(Duration),
    /// Close the connection without answering.
    Drop,
}

impl Fault {
    pub(crate) fn action(&self) -> FaultAction {
        match self {
            Fault::Status(code) => {
                let status =
                    StatusCode::from_u16(*code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                let body = format!(
                    "{} {} (fault injected by wechat-simulator)",
                    status.as_u16(),
                    status.canonical_reason().unwrap_or("")
                );
                FaultAction::Respond(
                    (
                        status,
                        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                        body,
                    )
                        .into_response(),
                )
            }
            Fault::Delay(duration) => FaultAction::Delay(*duration),
            Fault::DropConnection => FaultAction::Drop,
            Fault::MalformedJson => FaultAction::Respond(json_body(
                r#"{"errcode":0,"errmsg":"ok","access_token":"ACCESS_TOK"#.to_owned(),
            )),
            Fault::SystemBusy => FaultAction::Respond(json_body(
                serde_json::json!({
                    "errcode": errcode::SYSTEM_ERROR,
                    "errmsg": errcode::message(errcode::SYSTEM_ERROR),
                })
                .to_string(),
            )),
            Fault::Errcode(code, msg) => FaultAction::Respond(json_body(
                serde_json::json!({ "errcode": code, "errmsg": msg }).to_string(),
            )),
        }
    }
}

fn json_body(body: String) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json; encoding=utf-8")],
        body,
    )
        .into_response()
}
