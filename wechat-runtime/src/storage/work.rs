//! The token source of WeCom (企业微信) clients.

use async_trait::async_trait;

use crate::error::Result;
use crate::token::{Ticket, TicketType, Token};
use crate::work::WorkKey;

/// The token source of a WeCom client: tokens per (corpid, app), never per joined string.
///
/// Three reads, as for [`ClientStorage`](crate::ClientStorage); the built-in
/// [`Hub`](crate::Hub) (over a persistence that knows the apps' secrets) and
/// [`HubClient`](crate::HubClient) implement it.
///
/// ```
/// use wechat_runtime::work::{WorkClientStorage, WorkKey};
/// use wechat_runtime::{async_trait, Result, Ticket, TicketType, Token};
///
/// /// Tokens from a service of the company's own.
/// struct TokenService;
///
/// #[async_trait]
/// impl WorkClientStorage for TokenService {
///     type Args = ();
///     async fn fetch_work_token(&self, key: &WorkKey, _: &()) -> Result<Token> {
///         Ok(Token::new(format!("token-of-{key}"), 7200))
///     }
///     async fn refresh_work_token(&self, key: &WorkKey, _stale: &str, args: &()) -> Result<Token> {
///         self.fetch_work_token(key, args).await
///     }
///     async fn fetch_work_ticket(&self, _: &WorkKey, ticket_type: TicketType, _: &()) -> Result<Ticket> {
///         Ok(Ticket::new("ticket", ticket_type, 7200))
///     }
/// }
/// ```
#[async_trait]
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a storage of WeCom clients",
    label = "this type does not implement `WorkClientStorage`",
    note = "implement `wechat_runtime::work::WorkClientStorage` for it (`fetch_work_token`, `refresh_work_token`, `fetch_work_ticket`), or use the built-in `Hub<MemoryStore>` with the apps' secrets (`MemoryStore::with_work_app`)",
    note = "storages of Official Accounts and Mini Programs implement `ClientStorage`: if this is one, drop the `work` flag of `#[wechat_client]`"
)]
pub trait WorkClientStorage: Send + Sync {
    /// What the client binds to this storage and hands back to each call.
    type Args: Send + Sync;

    /// The current access token of the app `key`.
    async fn fetch_work_token(&self, key: &WorkKey, args: &Self::Args) -> Result<Token>;

    /// A new access token of `key`, because WeCom answered 40014 or 42001 to `access_token`.
    /// A storage that already holds a newer token returns that one.
    async fn refresh_work_token(
        &self,
        key: &WorkKey,
        access_token: &str,
        args: &Self::Args,
    ) -> Result<Token>;

    /// The corp's JS-SDK ticket ([`TicketType::Jsapi`]) or the agent's
    /// ([`TicketType::AgentConfig`]) of `key`.
    async fn fetch_work_ticket(
        &self,
        key: &WorkKey,
        ticket_type: TicketType,
        args: &Self::Args,
    ) -> Result<Ticket>;
}
