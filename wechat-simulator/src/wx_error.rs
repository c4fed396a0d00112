//! The error answer every part of the simulator gives, shaped as WeChat's.
//!
//! It lives below the handlers, the credential extractors and the server middleware, which all
//! answer with it, so none of them has to import another to report an errcode.

use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use serde_json::Value;

use crate::errcode;

/// A WeChat error answer: HTTP 200 with `{"errcode","errmsg"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WxError {
    pub(crate) errcode: i64,
    pub(crate) errmsg: String,
}

impl WxError {
    /// The error `code` with its standard message from [`errcode::message`].
    pub(crate) fn new(code: i64) -> Self {
        WxError {
            errcode: code,
            errmsg: errcode::message(code).to_owned(),
        }
    }
}

impl IntoResponse for WxError {
    fn into_response(self) -> Response {
        json_response(
            StatusCode::OK,
            &serde_json::json!({ "errcode": self.errcode, "errmsg": self.errmsg }),
        )
    }
}

/// A JSON response with WeChat's content type.
pub(crate) fn json_response(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json; encoding=utf-8")],
        body.to_string(),
    )
        .into_response()
}
