//! Keeping a component's `component_verify_ticket`, so a hub can fetch its token.

use super::incoming::Incoming;
use crate::error::Result;
use crate::storage::ComponentHubStorage;

/// Keeps the `component_verify_ticket` of a component callback, so that a
/// [`Hub`](crate::Hub) over the same persistence can fetch `component_access_token` from then
/// on. Returns whether `incoming` was a verify ticket (anything else is left alone).
///
/// The ticket is saved under the notification's `AppId`. Decrypting the callback with the
/// component's [`MessageCrypt`](super::MessageCrypt) has already checked that it is for this
/// component.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> wechat_runtime::Result<()> {
/// use wechat_runtime::callback::{save_verify_ticket, Incoming};
/// use wechat_runtime::{ComponentHubStorage, MemoryStore};
///
/// let store = MemoryStore::new();
/// let incoming = Incoming::parse(
///     "<xml><AppId>wxcomponent000001</AppId><CreateTime>1413192605</CreateTime>\
///      <InfoType>component_verify_ticket</InfoType>\
///      <ComponentVerifyTicket>ticket@@@abc</ComponentVerifyTicket></xml>",
/// )?;
/// assert!(save_verify_ticket(&store, &incoming).await?);
/// assert_eq!(
///     store.verify_ticket("wxcomponent000001").await?.as_deref(),
///     Some("ticket@@@abc")
/// );
/// # Ok(()) }
/// ```
///
/// # Errors
///
/// What the storage returns when it cannot save.
pub async fn save_verify_ticket<S>(storage: &S, incoming: &Incoming) -> Result<bool>
where
    S: ComponentHubStorage + ?Sized,
{
    let Incoming::Component(notification) = incoming else {
        return Ok(false);
    };
    let Some(ticket) = notification.verify_ticket() else {
        return Ok(false);
    };
    storage
        .save_verify_ticket(&notification.app_id, ticket)
        .await?;
    Ok(true)
}
