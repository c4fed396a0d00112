//! Bounded retries of transient failures.

use std::time::Duration;

use crate::error::Error;

/// How transient failures are retried: connection errors, HTTP 5xx and WeChat's "system busy"
/// (errcode -1).
///
/// A request that may have reached WeChat is retried only when it is idempotent (a `GET`, or a
/// call marked with [`RequestBuilder::idempotent`](crate::RequestBuilder::idempotent)): a message
/// send is never sent twice. A connection that could not be opened is always retried, since
/// nothing was sent.
///
/// ```
/// use std::time::Duration;
/// use wechat_runtime::{Client, Hub, MemoryStore, RetryPolicy};
///
/// // Up to three retries, 50 ms, 100 ms, then 200 ms apart.
/// let retry = RetryPolicy {
///     max_retries: 3,
///     base_delay: Duration::from_millis(50),
///     max_delay: Duration::from_millis(200),
/// };
/// let client = Client::builder(Hub::new(MemoryStore::new()))
///     .retry_policy(retry)
///     .build()?;
/// # let _ = client; Ok::<(), wechat_runtime::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 turns retries off.
    pub max_retries: u32,
    /// The wait before the first retry; it doubles for each next one.
    pub base_delay: Duration,
    /// The longest wait between two attempts.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(2),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..Self::default()
        }
    }

    pub(crate) fn delay(&self, retry: u32) -> Duration {
        let factor = 1u32.checked_shl(retry.min(16)).unwrap_or(u32::MAX);
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }
}

/// Whether a failed attempt can be made again without risk of doing twice what WeChat did once.
pub(crate) fn may_retry(err: &Error, idempotent: bool) -> bool {
    match err {
        // Nothing reached the server.
        Error::Transport { source, .. } if source.is_connect() => true,
        _ => idempotent && err.is_transient(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_bounded() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.delay(0), Duration::from_millis(100));
        assert_eq!(policy.delay(1), Duration::from_millis(200));
        assert_eq!(policy.delay(30), Duration::from_secs(2));
    }
}
