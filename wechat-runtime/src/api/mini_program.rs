//! Mini Program server APIs.

use super::area;

area! {
    /// Mini Program APIs; from [`Client::mini_program`](crate::Client::mini_program).
    MiniProgramApi
}
