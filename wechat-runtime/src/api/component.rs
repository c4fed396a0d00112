//! Open platform (component) APIs.

use super::area;

area! {
    /// Open platform APIs; from [`Client::component`](crate::Client::component).
    ComponentApi
}
