//! The object-safe view of "a storage together with its args" that the pipeline works over.
//!
//! A client's own storage and a per-call override of any other type both become a
//! `dyn ErasedStorage`, so the pipeline is compiled once, not once per storage type.

use std::ops::Deref;

use async_trait::async_trait;

use crate::error::{Error, Result};
use crate::storage::{ClientStorage, ComponentClientStorage};
use crate::token::{Ticket, TicketType, Token};

#[async_trait]
pub(crate) trait ErasedStorage: Send + Sync {
    async fn access_token(&self, appid: &str, authorizer_appid: Option<&str>) -> Result<Token>;
    async fn refresh_access_token(
        &self,
        appid: &str,
        authorizer_appid: Option<&str>,
        stale: &str,
    ) -> Result<Token>;
    async fn component_access_token(&self, appid: &str) -> Result<Token>;
    async fn refresh_component_access_token(&self, appid: &str, stale: &str) -> Result<Token>;
    async fn ticket(
        &self,
        appid: &str,
        authorizer_appid: Option<&str>,
        ticket_type: TicketType,
    ) -> Result<Ticket>;
}

/// A [`ClientStorage`] (owned through an `Arc`, or borrowed for one call) with its args.
pub(crate) struct CommonBinding<R: Deref>
where
    R::Target: ClientStorage,
{
    pub storage: R,
    pub args: <R::Target as ClientStorage>::Args,
}

/// A [`ComponentClientStorage`] with its args.
pub(crate) struct ComponentBinding<R: Deref>
where
    R::Target: ComponentClientStorage,
{
    pub storage: R,
    pub args: <R::Target as ComponentClientStorage>::Args,
}

fn needs_component(appid: &str) -> Error {
    Error::Config(format!(
        "a component_access_token (appid {appid}) is needed, but this is a common client: \
         declare it with `#[wechat_client(component, ...)]` or build it with `ClientBuilder::component`"
    ))
}

fn needs_authorizer(appid: &str) -> Error {
    Error::Config(format!(
        "this call needs an authorizer's access token, but no authorizer_appid is set for component {appid}: \
         set `authorizer_appid` on the client or on the call"
    ))
}

#[async_trait]
impl<R> ErasedStorage for CommonBinding<R>
where
    R: Deref + Send + Sync,
    R::Target: ClientStorage,
{
    async fn access_token(&self, appid: &str, _authorizer_appid: Option<&str>) -> Result<Token> {
        self.storage.fetch_access_token(appid, &self.args).await
    }

    async fn refresh_access_token(
        &self,
        appid: &str,
        _authorizer_appid: Option<&str>,
        stale: &str,
    ) -> Result<Token> {
        self.storage
            .refresh_access_token(appid, stale, &self.args)
            .await
    }

    async fn component_access_token(&self, appid: &str) -> Result<Token> {
        Err(needs_component(appid))
    }

    async fn refresh_component_access_token(&self, appid: &str, _stale: &str) -> Result<Token> {
        Err(needs_component(appid))
    }

    async fn ticket(
        &self,
        appid: &str,
        _authorizer_appid: Option<&str>,
        ticket_type: TicketType,
    ) -> Result<Ticket> {
        self.storage
            .fetch_ticket(appid, ticket_type, &self.args)
            .await
    }
}

#[async_trait]
impl<R> ErasedStorage for ComponentBinding<R>
where
    R: Deref + Send + Sync,
    R::Target: ComponentClientStorage,
{
    async fn access_token(&self, appid: &str, authorizer_appid: Option<&str>) -> Result<Token> {
        let authorizer_appid = authorizer_appid.ok_or_else(|| needs_authorizer(appid))?;
        self.storage
            .fetch_access_token(appid, authorizer_appid, &self.args)
            .await
    }

    async fn refresh_access_token(
        &self,
        appid: &str,
        authorizer_appid: Option<&str>,
        stale: &str,
    ) -> Result<Token> {
        let authorizer_appid = authorizer_appid.ok_or_else(|| needs_authorizer(appid))?;
        self.storage
            .refresh_access_token(appid, authorizer_appid, stale, &self.args)
            .await
    }

    async fn component_access_token(&self, appid: &str) -> Result<Token> {
        self.storage
            .fetch_component_access_token(appid, &self.args)
            .await
    }

    async fn refresh_component_access_token(&self, appid: &str, stale: &str) -> Result<Token> {
        self.storage
            .refresh_component_access_token(appid, stale, &self.args)
            .await
    }

    async fn ticket(
        &self,
        appid: &str,
        authorizer_appid: Option<&str>,
        ticket_type: TicketType,
    ) -> Result<Ticket> {
        let authorizer_appid = authorizer_appid.ok_or_else(|| needs_authorizer(appid))?;
        self.storage
            .fetch_ticket(appid, authorizer_appid, ticket_type, &self.args)
            .await
    }
}
