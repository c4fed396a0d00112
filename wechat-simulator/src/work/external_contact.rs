//! External contacts (`/cgi-bin/externalcontact/*`): customers and the members who follow them,
//! remarks, corp tags and marks, "contact me" ways, customer group chats, welcome messages.
//!
//! Customers come from the control API (`Simulator::add_external_contact`), as WeCom's come
//! from members adding them; every call takes the external contact secret's token or an
//! agent's (48002 otherwise).

mod chats;
mod customers;
mod tags;
mod ways;

use axum::Router;

use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .merge(customers::routes())
        .merge(tags::routes())
        .merge(ways::routes())
        .merge(chats::routes())
}

/// The page of `items` at `cursor` (an index written as text; empty for the first page), and
/// the cursor of the next page (empty on the last).
fn page<T: Clone>(items: &[T], cursor: &str, limit: usize) -> Result<(Vec<T>, String), ()> {
    let start = if cursor.is_empty() {
        0
    } else {
        cursor.parse::<usize>().map_err(|_| ())?
    };
    let start = start.min(items.len());
    let end = (start + limit).min(items.len());
    let next = if end < items.len() {
        end.to_string()
    } else {
        String::new()
    };
    Ok((items[start..end].to_vec(), next))
}
