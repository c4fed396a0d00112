//! WXBizMsgCrypt: the encryption of callbacks and of their replies in safe and compatible mode.
//!
//! - The key is the 43-character EncodingAESKey, base64-decoded (with a `=` appended): 32
//!   bytes, for AES-256-CBC. The IV is the key's first 16 bytes.
//! - The plaintext is 16 random bytes, the message length as 4 big-endian bytes, the message,
//!   and the appid, padded with PKCS#7 to a multiple of **32** bytes (WeChat's block size for
//!   the padding, not AES's 16): so the padding is 1 to 32 bytes.
//! - The ciphertext travels base64-encoded in the `<Encrypt>` element, signed by
//!   [`msg_signature`](super::msg_signature).

use std::fmt;

use aes::Aes256;
use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use cbc::cipher::block_padding::NoPadding;
use cbc::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use rand::Rng;
use serde::Deserialize;

use super::signature::{msg_signature, verify_msg_signature};
use super::xml;
use crate::error::{Error, Result};

/// WeChat pads to multiples of 32 bytes, not of the AES block.
const PAD_BLOCK: usize = 32;
/// AES's own block: a ciphertext is a whole number of these.
const AES_BLOCK: usize = 16;
const RANDOM_LEN: usize = 16;
const HEADER_LEN: usize = RANDOM_LEN + 4;

/// Decodes standard base64, with or without padding, and ignores the unused low bits of the
/// last character: the 43rd character of an EncodingAESKey carries 2 of them, and WeChat's
/// keys do not keep them zero.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

type Encryptor = cbc::Encryptor<Aes256>;
type Decryptor = cbc::Decryptor<Aes256>;

/// The message encryption of one callback URL: its token, its EncodingAESKey and the appid
/// the messages are for (the component appid for a third-party platform's callbacks).
///
/// Its `Debug` shows the appid only: the token and the key are secrets.
///
/// ```
/// use wechat_runtime::callback::MessageCrypt;
///
/// let crypt = MessageCrypt::new(
///     "wechat-rs-token",
///     "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
///     "wx0123456789abcdef",
/// )?;
/// let encrypted = crypt.encrypt("<xml>hello</xml>")?;
/// assert_eq!(crypt.decrypt(&encrypted)?, "<xml>hello</xml>");
/// # Ok::<(), wechat_runtime::Error>(())
/// ```
#[derive(Clone)]
pub struct MessageCrypt {
    token: String,
    key: [u8; 32],
    appid: String,
}

impl fmt::Debug for MessageCrypt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MessageCrypt")
            .field("appid", &self.appid)
            .field("token", &"…")
            .field("key", &"…")
            .finish()
    }
}

impl MessageCrypt {
    /// The crypt of a callback URL.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] when `encoding_aes_key` is not 43 base64 characters, or the
    /// appid or the token is empty.
    pub fn new(
        token: impl Into<String>,
        encoding_aes_key: &str,
        appid: impl Into<String>,
    ) -> Result<Self> {
        let (token, appid) = (token.into(), appid.into());
        if token.is_empty() {
            return Err(Error::invalid_input("the callback token is empty"));
        }
        if appid.is_empty() {
            return Err(Error::invalid_input("the appid of the callback is empty"));
        }
        Ok(Self {
            token,
            key: decode_key(encoding_aes_key)?,
            appid,
        })
    }

    /// The appid that decrypted messages must carry, and that encrypted replies carry.
    pub fn appid(&self) -> &str {
        &self.appid
    }

    pub(crate) fn token(&self) -> &str {
        &self.token
    }

    /// Encrypts `message` with 16 fresh random bytes: the base64 text of an `<Encrypt>`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for a message of 4 GiB or more.
    pub fn encrypt(&self, message: &str) -> Result<String> {
        self.encrypt_with_random(message, rand::thread_rng().gen())
    }

    /// Encrypts `message` with the given 16 random bytes (for known-answer tests; use
    /// [`encrypt`](Self::encrypt) otherwise).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for a message of 4 GiB or more.
    pub fn encrypt_with_random(&self, message: &str, random: [u8; 16]) -> Result<String> {
        let len = u32::try_from(message.len())
            .map_err(|_| Error::invalid_input("the message is too long to encrypt"))?;
        let unpadded = HEADER_LEN + message.len() + self.appid.len();
        let pad = PAD_BLOCK - unpadded % PAD_BLOCK;
        let mut buf = Vec::with_capacity(unpadded + pad);
        buf.extend_from_slice(&random);
        buf.extend_from_slice(&len.to_be_bytes());
        buf.extend_from_slice(message.as_bytes());
        buf.extend_from_slice(self.appid.as_bytes());
        // pad is 1..=32, so it fits a byte.
        buf.resize(unpadded + pad, pad as u8);
        let total = buf.len();
        let ciphertext = Encryptor::new(&self.key.into(), &self.iv().into())
            .encrypt_padded_mut::<NoPadding>(&mut buf, total)
            .map_err(|_| Error::invalid_input("cannot encrypt the message"))?;
        Ok(STANDARD.encode(ciphertext))
    }

    /// Decrypts the base64 text of an `<Encrypt>` and checks that it is for this appid.
    ///
    /// Check the `msg_signature` first ([`decrypt_signed`](Self::decrypt_signed) does both).
    ///
    /// # Errors
    ///
    /// [`Error::Decrypt`] for bad base64, a ciphertext that is empty or not a whole number of
    /// blocks (truncated), bad padding (which is also what a wrong key gives), a length that
    /// does not fit, a message that is not UTF-8, or another appid.
    pub fn decrypt(&self, encrypt: &str) -> Result<String> {
        let (message, appid) = self.open(encrypt)?;
        if appid != self.appid.as_bytes() {
            return Err(Error::Decrypt(
                "the message is for another appid".to_owned(),
            ));
        }
        String::from_utf8(message.to_vec())
            .map_err(|_| Error::Decrypt("the decrypted message is not UTF-8".to_owned()))
    }

    /// Checks `msg_signature` over `timestamp`, `nonce` and `encrypt`, then decrypts `encrypt`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidSignature`] before anything is decrypted, else as
    /// [`decrypt`](Self::decrypt).
    pub fn decrypt_signed(
        &self,
        msg_signature: &str,
        timestamp: &str,
        nonce: &str,
        encrypt: &str,
    ) -> Result<String> {
        verify_msg_signature(&self.token, timestamp, nonce, encrypt, msg_signature)?;
        self.decrypt(encrypt)
    }

    /// Encrypts a reply and wraps it in the envelope WeChat expects in safe mode:
    /// `<xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for a reply of 4 GiB or more.
    pub fn encrypt_reply(&self, reply_xml: &str, timestamp: &str, nonce: &str) -> Result<String> {
        let encrypt = self.encrypt(reply_xml)?;
        self.envelope(&encrypt, timestamp, nonce)
    }

    /// The envelope of an already encrypted `encrypt`, signed with `timestamp` and `nonce`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] if the XML cannot be written.
    pub fn envelope(&self, encrypt: &str, timestamp: &str, nonce: &str) -> Result<String> {
        let signature = msg_signature(&self.token, timestamp, nonce, encrypt);
        xml::document(encrypt.len() + 200, |w| {
            w.cdata("Encrypt", encrypt)?;
            w.cdata("MsgSignature", &signature)?;
            w.text("TimeStamp", timestamp)?;
            w.cdata("Nonce", nonce)
        })
    }

    /// Opens an envelope as [`encrypt_reply`](Self::encrypt_reply) writes it: checks its
    /// `MsgSignature` and decrypts it. This is what WeChat does with a reply; it is here for
    /// tests and for tools that play WeChat's part.
    ///
    /// # Errors
    ///
    /// [`Error::MalformedMessage`] if it is not such an envelope, [`Error::InvalidSignature`],
    /// or as [`decrypt`](Self::decrypt).
    pub fn decrypt_reply(&self, envelope_xml: &str) -> Result<String> {
        #[derive(Deserialize)]
        struct Envelope {
            #[serde(rename = "Encrypt")]
            encrypt: String,
            #[serde(rename = "MsgSignature")]
            msg_signature: String,
            #[serde(rename = "TimeStamp")]
            timestamp: String,
            #[serde(rename = "Nonce")]
            nonce: String,
        }
        let envelope: Envelope = xml::from_str(envelope_xml)?;
        self.decrypt_signed(
            &envelope.msg_signature,
            &envelope.timestamp,
            &envelope.nonce,
            &envelope.encrypt,
        )
    }

    fn iv(&self) -> [u8; 16] {
        let mut iv = [0; 16];
        iv.copy_from_slice(&self.key[..16]);
        iv
    }

    /// Decrypts and unpads; returns the message and the appid, neither checked.
    fn open(&self, encrypt: &str) -> Result<(Vec<u8>, Vec<u8>)> {
        let mut buf = LENIENT
            .decode(encrypt.trim())
            .map_err(|e| Error::Decrypt(format!("the ciphertext is not base64: {e}")))?;
        if buf.is_empty() || buf.len() % AES_BLOCK != 0 {
            return Err(Error::Decrypt(format!(
                "a ciphertext of {} bytes is not a whole number of blocks: truncated",
                buf.len()
            )));
        }
        let plain = Decryptor::new(&self.key.into(), &self.iv().into())
            .decrypt_padded_mut::<NoPadding>(&mut buf)
            .map_err(|_| Error::Decrypt("cannot decrypt the ciphertext".to_owned()))?;
        let plain = unpad(plain)?;
        if plain.len() < HEADER_LEN {
            return Err(Error::Decrypt("the plaintext is too short".to_owned()));
        }
        let mut len = [0; 4];
        len.copy_from_slice(&plain[RANDOM_LEN..HEADER_LEN]);
        let len = usize::try_from(u32::from_be_bytes(len)).unwrap_or(usize::MAX);
        let rest = &plain[HEADER_LEN..];
        if len > rest.len() {
            return Err(Error::Decrypt(
                "the message length exceeds the plaintext (a wrong key?)".to_owned(),
            ));
        }
        let (message, appid) = rest.split_at(len);
        Ok((message.to_vec(), appid.to_vec()))
    }
}

/// Removes PKCS#7 padding to 32-byte blocks: the last byte `n` is 1..=32 and the last `n`
/// bytes all equal `n`.
fn unpad(plain: &[u8]) -> Result<&[u8]> {
    let bad = || Error::Decrypt("bad padding (a wrong key?)".to_owned());
    let n = usize::from(*plain.last().ok_or_else(bad)?);
    if n == 0 || n > PAD_BLOCK || n > plain.len() {
        return Err(bad());
    }
    let (message, padding) = plain.split_at(plain.len() - n);
    if padding.iter().any(|&b| usize::from(b) != n) {
        return Err(bad());
    }
    Ok(message)
}

fn decode_key(encoding_aes_key: &str) -> Result<[u8; 32]> {
    let bad =
        || Error::invalid_input("the EncodingAESKey must be the 43 base64 characters WeChat shows");
    let key = encoding_aes_key.trim();
    if key.len() != 43 {
        return Err(bad());
    }
    let bytes = LENIENT.decode(key).map_err(|_| bad())?;
    bytes.try_into().map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    fn crypt() -> MessageCrypt {
        MessageCrypt::new("s3cret-token", KEY, "wx0123456789abcdef").unwrap()
    }

    #[test]
    fn round_trip_and_padding_lengths() {
        let c = crypt();
        for len in 0..80 {
            let message = "x".repeat(len);
            let encrypted = c.encrypt(&message).unwrap();
            let raw = STANDARD.decode(&encrypted).unwrap();
            assert_eq!(raw.len() % PAD_BLOCK, 0);
            assert_eq!(c.decrypt(&encrypted).unwrap(), message);
        }
    }

    #[test]
    fn bad_keys() {
        for key in ["", "short", &format!("{KEY}A"), &KEY.replace('a', "*")] {
            assert!(matches!(
                MessageCrypt::new("t", key, "wx"),
                Err(Error::InvalidInput(_))
            ));
        }
        assert!(MessageCrypt::new("", KEY, "wx").is_err());
        assert!(MessageCrypt::new("t", KEY, "").is_err());
    }

    #[test]
    fn unpad_rules() {
        assert!(unpad(&[1, 2, 3, 1]).is_ok());
        assert!(unpad(&[0]).is_err());
        assert!(unpad(&[]).is_err());
        assert!(unpad(&[33; 40]).is_err());
        assert_eq!(unpad(&[32; 32]).unwrap(), &[] as &[u8]);
        assert!(unpad(&[5, 2, 3, 3]).is_err());
    }

    #[test]
    fn debug_hides_secrets() {
        let shown = format!("{:?}", crypt());
        assert!(shown.contains("wx0123456789abcdef"));
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(!shown.contains("abcdefghij"), "{shown}");
    }
}
