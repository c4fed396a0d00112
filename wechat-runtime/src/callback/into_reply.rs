//! What a callback handler returns, for the axum route and the router alike.

use super::reply::Reply;
use crate::error::BoxError;

/// What a callback handler may return: a [`Reply`], `Option<Reply>`, `()` (no reply), or a
/// `Result` of one of these.
///
/// An `Err` answers 500, and WeChat retries the callback (up to three times): return `Ok(None)`
/// for a callback you have dealt with and do not want again.
pub trait IntoReply {
    /// The reply, `None` for none.
    ///
    /// # Errors
    ///
    /// The handler's error.
    fn into_reply(self) -> Result<Option<Reply>, BoxError>;
}

impl IntoReply for Reply {
    fn into_reply(self) -> Result<Option<Reply>, BoxError> {
        Ok(Some(self))
    }
}

impl IntoReply for Option<Reply> {
    fn into_reply(self) -> Result<Option<Reply>, BoxError> {
        Ok(self)
    }
}

impl IntoReply for () {
    fn into_reply(self) -> Result<Option<Reply>, BoxError> {
        Ok(None)
    }
}

impl<T: IntoReply, E: Into<BoxError>> IntoReply for Result<T, E> {
    fn into_reply(self) -> Result<Option<Reply>, BoxError> {
        self.map_err(Into::into).and_then(IntoReply::into_reply)
    }
}
