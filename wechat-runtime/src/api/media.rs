//! Temporary media and permanent material.

use super::area;

area! {
    /// Temporary media; from [`Client::media`](crate::Client::media).
    MediaApi
}

area! {
    /// Permanent material; from [`Client::material`](crate::Client::material).
    MaterialApi
}
