//! WXBizMsgCrypt: known-answer encryption and decryption, and ciphertexts that must fail as
//! `Error::Decrypt` (bad base64, another key or appid, truncation, bad padding).

use wechat_runtime::callback::{Endpoint, MessageCrypt};
use wechat_runtime::Error;

use super::vectors::{
    crypt, receive_signed, safe_endpoint, APPID, ECHOSTR_ENCRYPT, ECHOSTR_PLAIN,
    FULL_BLOCK_ENCRYPT, FULL_BLOCK_MESSAGE, KEY, NONCE, RANDOM, TEXT_ENCRYPT, TEXT_MESSAGE,
    TEXT_MSG_SIGNATURE, TIMESTAMP, TOKEN,
};

#[test]
fn encrypt_known_answer() {
    let crypt = crypt();
    assert_eq!(
        crypt.encrypt_with_random(TEXT_MESSAGE, RANDOM).unwrap(),
        TEXT_ENCRYPT
    );
    assert_eq!(
        crypt
            .encrypt_with_random(FULL_BLOCK_MESSAGE, RANDOM)
            .unwrap(),
        FULL_BLOCK_ENCRYPT
    );
    assert_eq!(
        crypt
            .encrypt_with_random(ECHOSTR_PLAIN, *b"fedcba9876543210")
            .unwrap(),
        ECHOSTR_ENCRYPT
    );
}

#[test]
fn decrypt_known_answer() {
    let crypt = crypt();
    assert_eq!(crypt.decrypt(TEXT_ENCRYPT).unwrap(), TEXT_MESSAGE);
    assert_eq!(
        crypt.decrypt(FULL_BLOCK_ENCRYPT).unwrap(),
        FULL_BLOCK_MESSAGE
    );
    assert_eq!(
        crypt
            .decrypt_signed(TEXT_MSG_SIGNATURE, TIMESTAMP, NONCE, TEXT_ENCRYPT)
            .unwrap(),
        TEXT_MESSAGE
    );
}

#[test]
fn bad_base64_is_a_decrypt_error() {
    for bad in ["not base64 at all!", "Q3st*YC6", "====", "\u{00e9}\u{00e9}"] {
        assert!(
            matches!(
                receive_signed(&safe_endpoint(), bad),
                Err(Error::Decrypt(_))
            ),
            "{bad}"
        );
    }
}

#[test]
fn wrong_key_is_a_decrypt_error() {
    // Another valid key: the padding (or the length) comes out wrong.
    let other =
        Endpoint::safe(TOKEN, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq", APPID).unwrap();
    assert!(matches!(
        receive_signed(&other, TEXT_ENCRYPT),
        Err(Error::Decrypt(_))
    ));
    assert!(matches!(
        MessageCrypt::new(TOKEN, "too-short", APPID),
        Err(Error::InvalidInput(_))
    ));
}

#[test]
fn wrong_appid_is_a_decrypt_error() {
    let other = Endpoint::safe(TOKEN, KEY, "wxanotherappid0000").unwrap();
    let err = receive_signed(&other, TEXT_ENCRYPT).unwrap_err();
    assert!(
        matches!(&err, Error::Decrypt(m) if m.contains("appid")),
        "{err}"
    );
}

#[test]
fn truncated_ciphertext_is_a_decrypt_error() {
    use base64::Engine as _;
    let raw = base64::engine::general_purpose::STANDARD
        .decode(TEXT_ENCRYPT)
        .unwrap();
    // Nothing left at all: there is no Encrypt.
    assert!(matches!(
        receive_signed(&safe_endpoint(), ""),
        Err(Error::MalformedMessage(_))
    ));
    for cut in [
        1,
        15,
        16,
        17,
        31,
        raw.len() - 1,
        raw.len() - 16,
        raw.len() - 32,
    ] {
        let truncated = base64::engine::general_purpose::STANDARD.encode(&raw[..cut]);
        assert!(
            matches!(
                receive_signed(&safe_endpoint(), &truncated),
                Err(Error::Decrypt(_))
            ),
            "cut at {cut}"
        );
    }
}

#[test]
fn bad_padding_is_a_decrypt_error() {
    use base64::Engine as _;
    use cbc::cipher::{block_padding::NoPadding, BlockEncryptMut, KeyIvInit};
    // The key of the vectors above (xxd of base64 -d).
    let hex = "69b71d79f8218a39259a7a29aabb2dbafc31cb3d35db7e39ebbf3d0010831051";
    let mut key = [0u8; 32];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap();
    }
    let encrypt_raw = |mut plain: Vec<u8>| {
        let len = plain.len();
        let out = cbc::Encryptor::<aes::Aes256>::new(&key.into(), (&key[..16]).into())
            .encrypt_padded_mut::<NoPadding>(&mut plain, len)
            .unwrap()
            .to_vec();
        base64::engine::general_purpose::STANDARD.encode(out)
    };
    let mut layout = b"0123456789abcdef\x00\x00\x00\x02hi".to_vec();
    layout.extend_from_slice(APPID.as_bytes());
    // 40 bytes: pad to 64 with 24.
    for (last, fill) in [(0u8, 24u8), (33, 24), (24, 23), (64, 64)] {
        let mut plain = layout.clone();
        plain.resize(64, fill);
        *plain.last_mut().unwrap() = last;
        assert!(
            matches!(
                receive_signed(&safe_endpoint(), &encrypt_raw(plain)),
                Err(Error::Decrypt(ref m)) if m.contains("padding")
            ),
            "last byte {last}"
        );
    }
    // A length field longer than what follows.
    let mut plain = b"0123456789abcdef\xff\xff\xff\xffhi".to_vec();
    plain.extend_from_slice(APPID.as_bytes());
    plain.resize(64, 24);
    assert!(matches!(
        receive_signed(&safe_endpoint(), &encrypt_raw(plain)),
        Err(Error::Decrypt(_))
    ));
    // And the same layout with good padding decrypts: the test above is about the padding.
    let mut plain = layout.clone();
    plain.resize(64, 24);
    assert!(crypt().decrypt(&encrypt_raw(plain)).is_ok());
}
