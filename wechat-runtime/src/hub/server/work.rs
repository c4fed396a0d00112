//! WeCom's routes of the hub server: tokens and tickets by (corpid, app).

use std::sync::Arc;

use axum::extract::{FromRequest, FromRequestParts, Query, Request, State};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use axum::Json;
use bytes::Bytes;

use super::{authorize, check_appid, invalid_request, Failure, Shared};
use crate::hub::protocol::{self, TicketAnswer, TokenAnswer, WorkQuery, WorkRefreshBody};
use crate::storage::ComponentHubStorage;
use crate::token::TicketType;
use crate::work::{WorkApp, WorkKey};

type SharedState<P> = State<Arc<Shared<P>>>;

/// The (corpid, app) of a request, checked: a missing corpid or an unknown app is an
/// `invalid_request` in the protocol's error shape.
fn work_key(corpid: &str, app: &str) -> Result<WorkKey, Failure> {
    check_appid(corpid).map_err(|_| invalid_request("`corpid` is missing"))?;
    let app: WorkApp = app.parse().map_err(Failure::from)?;
    Ok(WorkKey::new(corpid, app))
}

/// The query of WeCom's `GET` routes.
pub(super) struct WorkParams(WorkQuery);

impl<S: Send + Sync> FromRequestParts<S> for WorkParams {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Failure> {
        let Query(query) = Query::<WorkQuery>::from_request_parts(parts, state)
            .await
            .map_err(|e| invalid_request(e.body_text()))?;
        Ok(WorkParams(query))
    }
}

/// The JSON body of WeCom's refresh route.
pub(super) struct WorkRefreshParams(WorkRefreshBody);

impl<S: Send + Sync> FromRequest<S> for WorkRefreshParams {
    type Rejection = Failure;

    async fn from_request(request: Request, state: &S) -> Result<Self, Failure> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|e| Failure::new(e.status(), "invalid_request", e.body_text()))?;
        let body = serde_json::from_slice(&bytes).map_err(|e| invalid_request(e.to_string()))?;
        Ok(WorkRefreshParams(body))
    }
}

pub(super) async fn access_token<P: ComponentHubStorage + 'static>(
    State(shared): SharedState<P>,
    headers: HeaderMap,
    WorkParams(query): WorkParams,
) -> Result<Json<TokenAnswer>, Failure> {
    let key = work_key(&query.corpid, &query.app)?;
    authorize(&shared, &headers, &key.corpid, protocol::WORK_ACCESS_TOKEN)?;
    let token = shared.hub.work_token(&key).await?;
    Ok(Json(TokenAnswer::from(token)))
}

pub(super) async fn refresh_access_token<P: ComponentHubStorage + 'static>(
    State(shared): SharedState<P>,
    headers: HeaderMap,
    WorkRefreshParams(body): WorkRefreshParams,
) -> Result<Json<TokenAnswer>, Failure> {
    let key = work_key(&body.corpid, &body.app)?;
    authorize(
        &shared,
        &headers,
        &key.corpid,
        protocol::REFRESH_WORK_ACCESS_TOKEN,
    )?;
    let token = shared
        .hub
        .refresh_work_token(&key, &body.access_token)
        .await?;
    Ok(Json(TokenAnswer::from(token)))
}

pub(super) async fn ticket<P: ComponentHubStorage + 'static>(
    State(shared): SharedState<P>,
    headers: HeaderMap,
    WorkParams(query): WorkParams,
) -> Result<Json<TicketAnswer>, Failure> {
    let key = work_key(&query.corpid, &query.app)?;
    authorize(&shared, &headers, &key.corpid, protocol::WORK_TICKET)?;
    let ticket_type: TicketType = query
        .ticket_type
        .as_deref()
        .ok_or_else(|| invalid_request("`type` is missing: `jsapi` or `agent_config`"))?
        .parse()
        .map_err(Failure::from)?;
    let ticket = shared.hub.work_ticket(&key, ticket_type).await?;
    Ok(Json(TicketAnswer::from(&ticket)))
}
