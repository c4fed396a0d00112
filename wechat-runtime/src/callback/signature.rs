//! The callback signatures: `signature` of plaintext mode and `msg_signature` of encrypted mode.
//!
//! Both are the lowercase hex SHA-1 of their parts sorted lexicographically (by bytes) and
//! concatenated. The checks compare in constant time.

use sha1::{Digest, Sha1};
use subtle::ConstantTimeEq;

use crate::error::{Error, Result};

/// The `signature` WeChat puts in the query of every callback: SHA-1 over the sorted `token`,
/// `timestamp` and `nonce`, as lowercase hex.
///
/// ```
/// use wechat_runtime::callback::signature;
///
/// let sig = signature("wechat-rs-token", "1409304348", "xxxxxx");
/// assert_eq!(sig, "aa6a8306429bdd7a9660d233b01020a0c509b2aa");
/// ```
pub fn signature(token: &str, timestamp: &str, nonce: &str) -> String {
    sign([token, timestamp, nonce])
}

/// The `msg_signature` of encrypted mode: SHA-1 over the sorted `token`, `timestamp`, `nonce`
/// and the base64 ciphertext `encrypt`, as lowercase hex.
pub fn msg_signature(token: &str, timestamp: &str, nonce: &str, encrypt: &str) -> String {
    sign([token, timestamp, nonce, encrypt])
}

/// Checks a `signature`, in constant time.
///
/// # Errors
///
/// [`Error::InvalidSignature`] when it does not match.
pub fn verify_signature(token: &str, timestamp: &str, nonce: &str, given: &str) -> Result<()> {
    check(&signature(token, timestamp, nonce), given)
}

/// Checks a `msg_signature`, in constant time.
///
/// # Errors
///
/// [`Error::InvalidSignature`] when it does not match.
pub fn verify_msg_signature(
    token: &str,
    timestamp: &str,
    nonce: &str,
    encrypt: &str,
    given: &str,
) -> Result<()> {
    check(&msg_signature(token, timestamp, nonce, encrypt), given)
}

fn sign<const N: usize>(mut parts: [&str; N]) -> String {
    parts.sort_unstable();
    let mut hasher = Sha1::new();
    for part in parts {
        hasher.update(part.as_bytes());
    }
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// `expected` is lowercase hex; `given` is accepted in either case. The length is not secret.
fn check(expected: &str, given: &str) -> Result<()> {
    let given = given.trim().to_ascii_lowercase();
    if bool::from(expected.as_bytes().ct_eq(given.as_bytes())) {
        Ok(())
    } else {
        Err(Error::InvalidSignature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_lowercase() {
        assert_eq!(hex(&[0x00, 0xab, 0x7f]), "00ab7f");
    }

    #[test]
    fn checks() {
        let sig = signature("t", "1", "n");
        assert!(verify_signature("t", "1", "n", &sig).is_ok());
        assert!(verify_signature("t", "1", "n", &sig.to_uppercase()).is_ok());
        assert!(matches!(
            verify_signature("t", "1", "m", &sig),
            Err(Error::InvalidSignature)
        ));
        assert!(matches!(
            verify_signature("t", "1", "n", ""),
            Err(Error::InvalidSignature)
        ));
        assert!(matches!(
            verify_signature("t", "1", "n", &sig[..39]),
            Err(Error::InvalidSignature)
        ));
    }
}
