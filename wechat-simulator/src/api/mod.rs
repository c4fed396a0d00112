//! The WeChat API endpoints, one module per area.
//!
//! Adding an endpoint is a handler function in its area module plus one `.route(..)` line in
//! that module's `routes()`. Handlers take the shared extractors:
//!
//! - [`AccessToken`](credentials::AccessToken) / [`ComponentAccessToken`](credentials::ComponentAccessToken)
//!   check the credential and answer 41001 / 40001 / 42001 / 40014 themselves;
//! - [`Params`] gives the query parameters;
//! - [`WxJson`] parses a JSON body, answering 44002 (empty) or 47001 (bad JSON) itself;
//!
//! and return [`ApiResult`], whose error side [`WxError`] renders as WeChat does: HTTP 200
//! with `{"errcode","errmsg"}`.

mod autoreply;
mod basic;
mod comment;
pub(crate) mod component;
mod credentials;
pub(crate) mod customer_service;
mod datacube;
pub(crate) mod mass;
pub(crate) mod material;
mod media;
pub(crate) mod menu;
mod message;
pub(crate) mod mini_program;
pub(crate) mod oauth;
mod ocr;
mod publish;
pub(crate) mod qrcode;
pub(crate) mod subscribe;
pub(crate) mod tags;
pub(crate) mod template;
mod ticket;
mod token;
pub(crate) mod user;
mod wxa_admin;
mod wxa_analysis;
mod wxa_link;
mod wxa_plugin;
mod wxa_search;
mod wxa_security;
mod wxa_shipping;
mod xpay;

use axum::{
    extract::{FromRequest, FromRequestParts, Request},
    handler::Handler,
    http::{request::Parts, StatusCode},
    response::Response,
    routing::MethodRouter,
    Router,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{
    errcode,
    record::parse_query,
    state::AppState,
    wx_error::{json_response, WxError},
};

/// All API routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .merge(token::routes())
        .merge(component::routes())
        .merge(ticket::routes())
        .merge(user::routes())
        .merge(menu::routes())
        .merge(media::routes())
        .merge(message::routes())
        .merge(basic::routes())
        .merge(tags::routes())
        .merge(qrcode::routes())
        .merge(customer_service::routes())
        .merge(template::routes())
        .merge(subscribe::routes())
        .merge(mass::routes())
        .merge(material::routes())
        .merge(datacube::routes())
        .merge(oauth::routes())
        .merge(mini_program::routes())
        .merge(publish::routes())
        .merge(comment::routes())
        .merge(autoreply::routes())
        .merge(wxa_admin::routes())
        .merge(wxa_analysis::routes())
        .merge(wxa_link::routes())
        .merge(ocr::routes())
        .merge(wxa_plugin::routes())
        .merge(wxa_search::routes())
        .merge(wxa_security::routes())
        .merge(wxa_shipping::routes())
        .merge(xpay::routes())
}

/// What a handler returns.
pub(crate) type ApiResult = Result<Response, WxError>;

/// A successful JSON answer.
pub(crate) fn ok(body: Value) -> ApiResult {
    Ok(json_response(StatusCode::OK, &body))
}

/// `{"errcode":0,"errmsg":"ok"}`.
pub(crate) fn ok_empty() -> ApiResult {
    ok(serde_json::json!({ "errcode": errcode::OK, "errmsg": "ok" }))
}

/// Extractor: the query parameters, in order. Never rejects.
#[derive(Debug, Clone, Default)]
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    /// The first non-empty value of `name`; WeChat treats an empty parameter as a missing one.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, value)| key == name && !value.is_empty())
            .map(|(_, value)| value.as_str())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = WxError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, WxError> {
        Ok(Params(parse_query(parts.uri.query())))
    }
}

/// Extractor: a JSON body of type `T`, whatever the `Content-Type` (WeChat does not check it).
///
/// Rejects with 44002 for an empty body and 47001 for a body that is not a valid `T`.
#[derive(Debug, Clone)]
pub(crate) struct WxJson<T>(pub(crate) T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for WxJson<T> {
    type Rejection = WxError;

    async fn from_request(req: Request, state: &S) -> Result<Self, WxError> {
        let bytes = bytes::Bytes::from_request(req, state)
            .await
            .map_err(|_| WxError::new(errcode::CONTENT_SIZE_OUT_OF_LIMIT))?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(WxError::new(errcode::EMPTY_POST_DATA));
        }
        serde_json::from_slice(&bytes)
            .map(WxJson)
            .map_err(|_| WxError::new(errcode::DATA_FORMAT_ERROR))
    }
}

/// A GET route; any other method answers 43001 as WeChat does.
pub(crate) fn get<H, T>(handler: H) -> MethodRouter<AppState>
where
    H: Handler<T, AppState>,
    T: 'static,
{
    axum::routing::get(handler).fallback(require_get)
}

/// A POST route; any other method answers 43002 as WeChat does.
pub(crate) fn post<H, T>(handler: H) -> MethodRouter<AppState>
where
    H: Handler<T, AppState>,
    T: 'static,
{
    axum::routing::post(handler).fallback(require_post)
}

async fn require_get() -> WxError {
    WxError::new(errcode::REQUIRE_GET_METHOD)
}

async fn require_post() -> WxError {
    WxError::new(errcode::REQUIRE_POST_METHOD)
}

/// Unknown routes: 404 with a WeChat-shaped body.
pub(crate) async fn not_found() -> Response {
    json_response(
        StatusCode::NOT_FOUND,
        &serde_json::json!({
            "errcode": errcode::INVALID_URL,
            "errmsg": errcode::message(errcode::INVALID_URL),
        }),
    )
}
