//! Customer service accounts, sessions and message records.

use super::area;

area! {
    /// Customer service; from [`Client::customer_service`](crate::Client::customer_service).
    CustomerServiceApi
}
