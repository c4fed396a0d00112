//! Users, tags and the blacklist.

use super::area;

area! {
    /// Users; from [`Client::user`](crate::Client::user).
    UserApi
}

area! {
    /// User tags; from [`Client::tags`](crate::Client::tags).
    TagsApi
}

area! {
    /// The blacklist; from [`Client::blacklist`](crate::Client::blacklist).
    BlacklistApi
}
