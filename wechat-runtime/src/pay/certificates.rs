//! The key that verifies an answer: the merchant's verifier, and in certificate mode one fetch of
//! `/v3/certificates` when an answer names a new serial (one however many calls wait for it),
//! plus a background task that fetches them again before the known ones expire.

use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use reqwest::Method;
use wechat_pay::{Certificate, SignatureHeaders, VerifiedBy, Verifier};

use super::sender::{Call, Sender};
use crate::call::transport::Body;
use crate::error::Result;

/// A new serial fetches again only this long after the last fetch: an answer with a made-up
/// serial cannot make the client fetch at every call.
const MIN_FETCH_INTERVAL: Duration = Duration::from_secs(60);

/// The longest the background task sleeps between two fetches.
const MAX_REFRESH_INTERVAL: Duration = Duration::from_secs(12 * 60 * 60);

/// The shortest, so that a failing fetch is not retried in a loop.
const MIN_REFRESH_INTERVAL: Duration = Duration::from_secs(60);

/// Verifies an answer or a notification by the key its `Wechatpay-Serial` names; in certificate
/// mode, a serial not seen yet fetches `/v3/certificates` once and verifies again.
pub(super) async fn verify(
    sender: &Sender,
    headers: &SignatureHeaders<'_>,
    body: &[u8],
) -> Result<VerifiedBy> {
    let verifier = sender.config.verifier();
    match verifier.verify(headers, body) {
        Err(e) if e.is_unknown_certificate() && verifier.fetches_certificates() => {
            fetch(sender, Want::Serial(headers.serial)).await?;
            Ok(verifier.verify(headers, body)?)
        }
        other => Ok(other?),
    }
}

/// What a fetch of the platform certificates is for: a waiting caller returns at once when
/// another caller's fetch brought it meanwhile.
pub(super) enum Want<'a> {
    /// The certificate with this serial, to verify an answer.
    Serial(&'a str),
    /// A valid certificate to encrypt sensitive fields with.
    Encryptor,
    /// Fresh ones, before the known ones expire.
    Fresh,
}

/// Fetches the platform certificates and adds them to the verifier, unless another caller's
/// fetch brought what is wanted meanwhile, or (for a serial or an encryptor) a fetch happened
/// less than a minute ago. Returns how many were new.
pub(super) async fn fetch(sender: &Sender, want: Want<'_>) -> Result<usize> {
    let mut last = sender.last_fetch.lock().await;
    let verifier = sender.config.verifier();
    let recent = last.is_some_and(|at| at.elapsed() < MIN_FETCH_INTERVAL);
    let satisfied = match want {
        Want::Serial(serial) => recent || verifier.certificate(serial).is_some(),
        Want::Encryptor => recent || verifier.encryptor().is_ok(),
        Want::Fresh => false,
    };
    if satisfied {
        return Ok(0);
    }
    let certificates = download(sender).await;
    *last = Some(Instant::now());
    let added = verifier.add_certificates(certificates?);
    tracing::info!(added, "WeChat Pay platform certificates fetched");
    Ok(added)
}

/// `GET /v3/certificates`: decrypted with the APIv3 key (which only WeChat Pay and the
/// merchant hold), then the answer verified with the keys known so far plus the new ones (the
/// answer may be signed by a certificate it brings).
pub(super) async fn download(sender: &Sender) -> Result<Vec<Certificate>> {
    let call = Call {
        method: &Method::GET,
        path: "/v3/certificates",
        query: None,
        body: &Body::Empty,
        idempotent: true,
        serial: None,
    };
    let answer = sender.send(&call).await?;
    let certificates = sender
        .config
        .api_v3_key()
        .decrypt_certificates(answer.bytes())?;
    let headers = SignatureHeaders::from_header_map(answer.headers())?;
    match sender.config.verifier().verify(&headers, answer.bytes()) {
        Err(e) if e.is_unknown_certificate() => {
            Verifier::new(certificates.clone(), None).verify(&headers, answer.bytes())?;
        }
        other => {
            other?;
        }
    }
    Ok(certificates)
}

/// Starts the background refresh, when a tokio runtime runs this thread. The task holds the
/// client weakly: it ends when the last clone of the client is dropped.
pub(super) fn spawn_refresh(sender: &Arc<Sender>, before_expiry: Duration) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        tracing::debug!("no tokio runtime: platform certificates are fetched on demand only");
        return;
    };
    let weak: Weak<Sender> = Arc::downgrade(sender);
    runtime.spawn(async move {
        loop {
            let wait = match weak.upgrade() {
                Some(sender) => {
                    let now = crate::now_unix() as i64;
                    refresh_delay(
                        sender.config.verifier().next_expiry(now),
                        now,
                        before_expiry,
                    )
                }
                None => return,
            };
            tokio::time::sleep(wait).await;
            let Some(sender) = weak.upgrade() else { return };
            if let Err(e) = fetch(&sender, Want::Fresh).await {
                tracing::warn!(error = %e, "fetching WeChat Pay platform certificates failed");
            }
        }
    });
}

/// How long to wait before the next fetch: until `before_expiry` ahead of the first expiry,
/// within [1 minute, 12 hours].
fn refresh_delay(next_expiry: Option<i64>, now: i64, before_expiry: Duration) -> Duration {
    let until = next_expiry
        .map(|at| at - now - before_expiry.as_secs() as i64)
        .unwrap_or(i64::MAX)
        .max(0) as u64;
    Duration::from_secs(until).clamp(MIN_REFRESH_INTERVAL, MAX_REFRESH_INTERVAL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refresh_waits_for_the_first_expiry_within_bounds() {
        let day = Duration::from_secs(86_400);
        // Expires in two days: wake a day before, but no later than in 12 hours.
        assert_eq!(
            refresh_delay(Some(1_000 + 2 * 86_400), 1_000, day),
            MAX_REFRESH_INTERVAL
        );
        // Expires in 25 hours: wake in one hour.
        assert_eq!(
            refresh_delay(Some(1_000 + 25 * 3_600), 1_000, day),
            Duration::from_secs(3_600)
        );
        // Already within the day, or expired: once a minute at most.
        assert_eq!(refresh_delay(Some(1_000), 1_000, day), MIN_REFRESH_INTERVAL);
        assert_eq!(refresh_delay(None, 1_000, day), MAX_REFRESH_INTERVAL);
    }
}
