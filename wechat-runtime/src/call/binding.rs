//! The object-safe view of "a storage together with its args" that the pipeline works over.
//!
//! A client's own storage and a per-call override of any other type both become a
//! `dyn ErasedStorage`, so the pipeline is compiled once, not once per storage type.

use std::ops::Deref;

use async_trait::async_trait;

use crate::error::{Error, Result};
use crate::storage::{ClientStorage, ComponentClientStorage, WorkClientStorage};
use crate::token::{Ticket, TicketType, Token};
use crate::work::WorkKey;

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
    async fn work_token(&self, key: &WorkKey) -> Result<Token> {
        Err(needs_work(key))
    }
    async fn refresh_work_token(&self, key: &WorkKey, _stale: &str) -> Result<Token> {
        Err(needs_work(key))
    }
    async fn work_ticket(&self, key: &WorkKey, _ticket_type: TicketType) -> Result<Ticket> {
        Err(needs_work(key))
    }
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

/// A [`WorkClientStorage`] with its args.
pub(crate) struct WorkBinding<R: Deref>
where
    R::Target: WorkClientStorage,
{
    pub storage: R,
    pub args: <R::Target as WorkClientStorage>::Args,
}

fn needs_work(key: &WorkKey) -> Error {
    Error::Config(format!(
        "a WeCom token ({key}) is needed, but this is not a WeCom client: \
         declare it with `#[wechat_client(work, ...)]` or build it with `Client::work_builder`"
    ))
}

fn not_work(appid: &str) -> Error {
    Error::Config(format!(
        "a WeChat token (appid {appid}) is needed, but this is a WeCom client: \
         WeCom calls take the token of their (corpid, app)"
    ))
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

#[async_trait]
impl<R> ErasedStorage for WorkBinding<R>
where
    R: Deref + Send + Sync,
    R::Target: WorkClientStorage,
{
    async fn access_token(&self, appid: &str, _authorizer_appid: Option<&str>) -> Result<Token> {
        Err(not_work(appid))
    }

    async fn refresh_access_token(
        &self,
        appid: &str,
        _authorizer_appid: Option<&str>,
        _stale: &str,
    ) -> Result<Token> {
        Err(not_work(appid))
    }

    async fn component_access_token(&self, appid: &str) -> Result<Token> {
        Err(not_work(appid))
    }

    async fn refresh_component_access_token(&self, appid: &str, _stale: &str) -> Result<Token> {
        Err(not_work(appid))
    }

    async fn ticket(
        &self,
        appid: &str,
        _authorizer_appid: Option<&str>,
        _ticket_type: TicketType,
    ) -> Result<Ticket> {
        Err(not_work(appid))
    }

    async fn work_token(&self, key: &WorkKey) -> Result<Token> {
        self.storage.fetch_work_token(key, &self.args).await
    }

    async fn refresh_work_token(&self, key: &WorkKey, stale: &str) -> Result<Token> {
        self.storage
            .refresh_work_token(key, stale, &self.args)
            .await
    }

    async fn work_ticket(&self, key: &WorkKey, ticket_type: TicketType) -> Result<Ticket> {
        self.storage
            .fetch_work_ticket(key, ticket_type, &self.args)
            .await
    }
}
