//! What every call of one client shares: the transport, the storage binding, the token cache
//! and the default appids. Not generic, so that the pipeline is compiled once.

use std::sync::Arc;

use super::binding::ErasedStorage;
use super::cache::{TicketKey, TokenCache};
use super::transport::Transport;
use crate::error::{Error, Result};
use crate::token::{Ticket, TicketType};

pub(crate) struct ClientCore {
    pub transport: Transport,
    pub appid: Option<Arc<str>>,
    pub authorizer_appid: Option<Arc<str>>,
    pub binding: Arc<dyn ErasedStorage>,
    pub cache: TokenCache,
}

impl ClientCore {
    /// The ticket of the client's appid (its default authorizer's, on a component client):
    /// from the cache while fresh, else from the storage, one call at a time.
    pub(crate) async fn ticket(&self, ticket_type: TicketType) -> Result<Ticket> {
        let appid = require_appid(self.appid.as_deref())?;
        let key = TicketKey {
            appid: appid.into(),
            authorizer_appid: self.authorizer_appid.clone(),
            ticket_type,
        };
        let authorizer_appid = self.authorizer_appid.as_deref();
        self.cache
            .ticket_or_fetch(&key, || {
                self.binding.ticket(appid, authorizer_appid, ticket_type)
            })
            .await
    }
}

/// The appid of a call, which must be set on the call or the client.
pub(crate) fn require_appid(appid: Option<&str>) -> Result<&str> {
    match appid {
        None => Err(Error::Config(
            "no appid: set `appid` on the client or on the call".to_owned(),
        )),
        Some(appid) if appid.trim().is_empty() => Err(Error::invalid_input("the appid is empty")),
        Some(appid) => Ok(appid),
    }
}
