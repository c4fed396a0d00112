//! What every call of one client shares: the transport, the storage binding, the token cache
//! and the default appids. Not generic, so that the pipeline is compiled once.

use std::sync::Arc;

use super::binding::ErasedStorage;
use super::cache::{TicketKey, TokenCache};
use super::transport::Transport;
use crate::error::{Error, Result};
use crate::token::{Ticket, TicketType};
use crate::work::{WorkApp, WorkKey};

pub(crate) struct ClientCore {
    pub transport: Transport,
    pub appid: Option<Arc<str>>,
    pub authorizer_appid: Option<Arc<str>>,
    pub binding: Arc<dyn ErasedStorage>,
    pub cache: TokenCache,
    /// The app of a WeCom client, whose `appid` is then the corpid.
    pub work_app: Option<WorkApp>,
    /// The client's own (corpid, app), shared by its calls' cache keys.
    pub work_key: Option<Arc<WorkKey>>,
}

impl ClientCore {
    /// The ticket of the client's appid (its default authorizer's, on a component client):
    /// from the cache while fresh, else from the storage, one call at a time.
    pub(crate) async fn ticket(&self, ticket_type: TicketType) -> Result<Ticket> {
        let appid = require_appid(self.appid.as_deref())?;
        let key = TicketKey {
            appid: appid.into(),
            authorizer_appid: self.authorizer_appid.clone(),
            work_app: self.work_app,
            ticket_type,
        };
        let authorizer_appid = self.authorizer_appid.as_deref();
        match self.work_app {
            Some(app) => {
                let work = WorkKey::new(appid, app);
                self.cache
                    .ticket_or_fetch(&key, || self.binding.work_ticket(&work, ticket_type))
                    .await
            }
            None => {
                self.cache
                    .ticket_or_fetch(&key, || {
                        self.binding.ticket(appid, authorizer_appid, ticket_type)
                    })
                    .await
            }
        }
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
