//! What WeChat does to a callback before it sends it: the SHA-1 signatures over the sorted
//! parts, and in safe mode the AES-256-CBC envelope of WXBizMsgCrypt.

use aes::Aes256;
use base64::{
    alphabet,
    engine::{general_purpose::STANDARD, DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig},
    Engine as _,
};
use cbc::cipher::{block_padding::NoPadding, BlockEncryptMut, KeyIvInit};
use rand::Rng;
use sha1::{Digest, Sha1};

/// WeChat's EncodingAESKey is 43 base64 characters without the final `=`, and some keys carry
/// trailing bits a strict decoder refuses.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// PKCS#7 over 32-byte blocks, as WXBizMsgCrypt pads.
const PAD_BLOCK: usize = 32;

/// The AES key of an EncodingAESKey, or `None` when it is not 43 base64 characters.
pub(crate) fn decode_key(encoding_aes_key: &str) -> Option<[u8; 32]> {
    if encoding_aes_key.len() != 43 {
        return None;
    }
    LENIENT.decode(encoding_aes_key).ok()?.try_into().ok()
}

/// `<Encrypt>` of `message` for `appid`: base64 of AES-256-CBC (IV = the key's first 16 bytes)
/// over 16 random bytes, the message length (big-endian u32), the message and the appid.
pub(crate) fn encrypt(key: &[u8; 32], message: &str, appid: &str) -> String {
    let random: [u8; 16] = rand::thread_rng().gen();
    let unpadded = 16 + 4 + message.len() + appid.len();
    let pad = PAD_BLOCK - unpadded % PAD_BLOCK;
    let mut buf = Vec::with_capacity(unpadded + pad);
    buf.extend_from_slice(&random);
    // A pushed message is far below 4 GiB.
    buf.extend_from_slice(&(message.len() as u32).to_be_bytes());
    buf.extend_from_slice(message.as_bytes());
    buf.extend_from_slice(appid.as_bytes());
    // pad is 1..=32, so it fits a byte.
    buf.resize(unpadded + pad, pad as u8);
    let total = buf.len();
    let mut iv = [0u8; 16];
    iv.copy_from_slice(&key[..16]);
    let ciphertext = cbc::Encryptor::<Aes256>::new(key.into(), &iv.into())
        .encrypt_padded_mut::<NoPadding>(&mut buf, total)
        .expect("the buffer is padded to whole blocks");
    STANDARD.encode(ciphertext)
}

/// SHA-1 over the sorted parts, as lowercase hex: `signature` over (token, timestamp, nonce),
/// `msg_signature` over those and the `<Encrypt>` text.
pub(crate) fn sign(parts: &[&str]) -> String {
    let mut parts = parts.to_vec();
    parts.sort_unstable();
    let digest = Sha1::digest(parts.concat().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_sort_their_parts() {
        assert_eq!(sign(&["b", "a"]), sign(&["a", "b"]));
        assert_eq!(sign(&["abc"]), "a9993e364706816aba3e25717850c26c9cd0d89d");
    }

    #[test]
    fn keys_are_43_characters() {
        assert!(decode_key("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG").is_some());
        assert!(decode_key("short").is_none());
    }

    #[test]
    fn ciphertexts_are_whole_blocks() {
        let key = decode_key("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG").unwrap();
        for len in [0, 1, 11, 12, 100] {
            let encrypted = STANDARD
                .decode(encrypt(&key, &"x".repeat(len), "wx1"))
                .unwrap();
            assert_eq!(encrypted.len() % PAD_BLOCK, 0);
        }
    }
}
