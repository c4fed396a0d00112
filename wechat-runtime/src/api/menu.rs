//! Custom menus.

use super::area;

area! {
    /// Custom menus; from [`Client::menu`](crate::Client::menu).
    MenuApi
}
