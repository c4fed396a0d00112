//! The control API over HTTP, under `/__sim/` (a path WeChat does not use): what a test in any
//! language needs to drive the `wechat-simulator` binary. Each route maps onto a public method
//! of [`Simulator`](crate::Simulator); requests to it are not recorded or counted as WeChat calls.

mod pay;
mod wire;
mod work;

use std::time::Duration;

use axum::{
    body::Bytes,
    extract::{FromRequest, Path, Query, Request, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
use serde::{de::DeserializeOwned, Deserialize};
use serde_json::{json, Value};

use crate::{push::PushError, simulator::Handle};
use wire::{
    AppBody, AuthorizerBody, CallbackBody, ComponentPushBody, FaultBody, PushBody, SecondsBody,
};

/// Where the control API lives.
pub const CONTROL_PREFIX: &str = "/__sim";

/// The control routes, nested under [`CONTROL_PREFIX`].
pub(crate) fn routes(handle: Handle) -> Router {
    Router::new()
        .route("/apps", post(add_app))
        .route("/components", post(add_component))
        .route("/components/{appid}/verify_ticket", post(verify_ticket))
        .route("/authorizers", post(add_authorizer))
        .route("/authorizations", post(authorize))
        .route("/tokens/{appid}", get(current_token))
        .route("/tokens/{appid}/expire", post(expire_tokens))
        .route("/tokens/revoke", post(revoke_token))
        .route("/token_ttl", post(set_token_ttl))
        .route("/clock/advance", post(advance_clock))
        .route("/faults", post(inject_fault))
        .route("/calls", get(calls))
        .route("/requests", get(requests))
        .route("/reset", post(reset))
        .route("/messages", get(sent_messages))
        .route("/users", post(add_users))
        .route("/users/{appid}", get(users))
        .route("/callbacks", post(set_callback))
        .route("/callbacks/{appid}", axum::routing::delete(remove_callback))
        .route("/push", post(push))
        .route("/push_component", post(push_component))
        .route("/pushes", get(pushes))
        .merge(work::routes())
        .merge(pay::routes())
        .fallback(unknown)
        .with_state(handle)
}

/// A control error: 400 (or 404, 502) with `{"error": "..."}`.
struct ControlError(StatusCode, String);

impl IntoResponse for ControlError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1 }))).into_response()
    }
}

/// A JSON body, whatever its `Content-Type`: the control API is meant for curl, whose `-d`
/// sends a form type.
struct JsonBody<T>(T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ControlError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ControlError> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|rejection| bad_request(rejection.body_text()))?;
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(|e| bad_request(format!("the body is not the JSON expected: {e}")))
    }
}

impl From<PushError> for ControlError {
    fn from(err: PushError) -> Self {
        let status = match err {
            PushError::Unreachable(_) => StatusCode::BAD_GATEWAY,
            _ => StatusCode::BAD_REQUEST,
        };
        ControlError(status, err.to_string())
    }
}

fn bad_request(message: impl Into<String>) -> ControlError {
    ControlError(StatusCode::BAD_REQUEST, message.into())
}

type Control = Result<Json<Value>, ControlError>;

/// A JSON body, its errors answered as control errors.
type Body<T> = Result<JsonBody<T>, ControlError>;

fn done() -> Control {
    Ok(Json(json!({ "ok": true })))
}

async fn unknown() -> ControlError {
    ControlError(StatusCode::NOT_FOUND, "no such control route".to_owned())
}

async fn add_app(State(sim): State<Handle>, body: Body<AppBody>) -> Control {
    let JsonBody(body) = body?;
    sim.view().add_app(&body.appid, &body.secret);
    done()
}

async fn add_component(State(sim): State<Handle>, body: Body<AppBody>) -> Control {
    let JsonBody(body) = body?;
    sim.view().add_component(&body.appid, &body.secret);
    done()
}

async fn verify_ticket(State(sim): State<Handle>, Path(appid): Path<String>) -> Control {
    let ticket = sim.view().push_verify_ticket(&appid);
    Ok(Json(json!({ "component_verify_ticket": ticket })))
}

async fn add_authorizer(State(sim): State<Handle>, body: Body<AuthorizerBody>) -> Control {
    let JsonBody(body) = body?;
    let token = sim
        .view()
        .add_authorizer(&body.component_appid, &body.authorizer_appid);
    Ok(Json(json!({ "authorizer_refresh_token": token })))
}

async fn authorize(State(sim): State<Handle>, body: Body<AuthorizerBody>) -> Control {
    let JsonBody(body) = body?;
    let code = sim
        .view()
        .authorize(&body.component_appid, &body.authorizer_appid);
    Ok(Json(json!({ "authorization_code": code })))
}

async fn current_token(State(sim): State<Handle>, Path(appid): Path<String>) -> Control {
    Ok(Json(
        json!({ "access_token": sim.view().current_access_token(&appid) }),
    ))
}

async fn expire_tokens(State(sim): State<Handle>, Path(appid): Path<String>) -> Control {
    sim.view().expire_access_tokens(&appid);
    done()
}

#[derive(Debug, Deserialize)]
struct RevokeBody {
    access_token: String,
}

async fn revoke_token(State(sim): State<Handle>, body: Body<RevokeBody>) -> Control {
    let JsonBody(body) = body?;
    sim.view().revoke_access_token(&body.access_token);
    done()
}

async fn set_token_ttl(State(sim): State<Handle>, body: Body<SecondsBody>) -> Control {
    let JsonBody(body) = body?;
    sim.view().set_token_ttl(body.seconds);
    done()
}

async fn advance_clock(State(sim): State<Handle>, body: Body<SecondsBody>) -> Control {
    let JsonBody(body) = body?;
    sim.view()
        .advance_clock(Duration::from_secs(body.seconds))
        .await;
    done()
}

async fn inject_fault(State(sim): State<Handle>, body: Body<FaultBody>) -> Control {
    let JsonBody(body) = body?;
    let fault = body.fault.into_fault().map_err(bad_request)?;
    if !body.path.starts_with('/') {
        return Err(bad_request("path must start with /"));
    }
    sim.view()
        .inject_fault(&body.path, fault, body.times.unwrap_or(1));
    done()
}

#[derive(Debug, Deserialize)]
struct CallsQuery {
    path: String,
}

async fn calls(
    State(sim): State<Handle>,
    query: Result<Query<CallsQuery>, axum::extract::rejection::QueryRejection>,
) -> Control {
    let Query(query) = query.map_err(|e| bad_request(e.body_text()))?;
    Ok(Json(
        json!({ "path": query.path, "calls": sim.view().calls(&query.path) }),
    ))
}

async fn requests(State(sim): State<Handle>) -> Control {
    let requests: Vec<Value> = sim
        .view()
        .requests()
        .iter()
        .map(wire::request_json)
        .collect();
    Ok(Json(Value::Array(requests)))
}

async fn reset(State(sim): State<Handle>) -> Control {
    sim.view().reset_counters();
    done()
}

async fn sent_messages(State(sim): State<Handle>) -> Control {
    Ok(Json(Value::Array(sim.view().sent_messages())))
}

#[derive(Debug, Deserialize)]
struct UsersBody {
    appid: String,
    openids: Vec<String>,
}

async fn add_users(State(sim): State<Handle>, body: Body<UsersBody>) -> Control {
    let JsonBody(body) = body?;
    sim.view().add_users(&body.appid, &body.openids);
    done()
}

async fn users(State(sim): State<Handle>, Path(appid): Path<String>) -> Control {
    Ok(Json(json!({ "openids": sim.view().users(&appid) })))
}

async fn set_callback(State(sim): State<Handle>, body: Body<CallbackBody>) -> Control {
    let JsonBody(body) = body?;
    let appid = body.appid.clone();
    let target = body.into_target()?;
    sim.view().set_callback(&appid, target);
    done()
}

async fn remove_callback(State(sim): State<Handle>, Path(appid): Path<String>) -> Control {
    sim.view().remove_callback(&appid);
    done()
}

async fn push(State(sim): State<Handle>, body: Body<PushBody>) -> Control {
    let JsonBody(body) = body?;
    let appid = body.appid.clone();
    let push = body.into_push().map_err(bad_request)?;
    let delivery = sim.view().push(&appid, push).await?;
    Ok(Json(
        json!({ "status": delivery.status, "body": delivery.body }),
    ))
}

async fn push_component(State(sim): State<Handle>, body: Body<ComponentPushBody>) -> Control {
    let JsonBody(body) = body?;
    let appid = body.component_appid.clone();
    let push = body.into_push().map_err(bad_request)?;
    let delivery = sim.view().push_component(&appid, push).await?;
    Ok(Json(
        json!({ "status": delivery.status, "body": delivery.body }),
    ))
}

async fn pushes(State(sim): State<Handle>) -> Control {
    let pushes: Vec<Value> = sim.view().pushes().iter().map(wire::push_json).collect();
    Ok(Json(Value::Array(pushes)))
}
