//! `signature` and `msg_signature`: known answers, and their checks.

use wechat_runtime::callback::{msg_signature, signature, verify_msg_signature, verify_signature};
use wechat_runtime::Error;

use super::vectors::{
    ECHOSTR_ENCRYPT, ECHOSTR_MSG_SIGNATURE, NONCE, SIGNATURE, TEXT_ENCRYPT, TEXT_MSG_SIGNATURE,
    TIMESTAMP, TOKEN,
};

#[test]
fn signature_known_answer() {
    assert_eq!(signature(TOKEN, TIMESTAMP, NONCE), SIGNATURE);
    // The order of the arguments does not matter: they are sorted.
    assert_eq!(signature(NONCE, TOKEN, TIMESTAMP), SIGNATURE);
    verify_signature(TOKEN, TIMESTAMP, NONCE, SIGNATURE).unwrap();
    assert!(matches!(
        verify_signature("another-token", TIMESTAMP, NONCE, SIGNATURE),
        Err(Error::InvalidSignature)
    ));
}

#[test]
fn msg_signature_known_answer() {
    assert_eq!(
        msg_signature(TOKEN, TIMESTAMP, NONCE, TEXT_ENCRYPT),
        TEXT_MSG_SIGNATURE
    );
    assert_eq!(
        msg_signature(TOKEN, TIMESTAMP, NONCE, ECHOSTR_ENCRYPT),
        ECHOSTR_MSG_SIGNATURE
    );
    verify_msg_signature(TOKEN, TIMESTAMP, NONCE, TEXT_ENCRYPT, TEXT_MSG_SIGNATURE).unwrap();
    assert!(matches!(
        verify_msg_signature(TOKEN, TIMESTAMP, "yyyyyy", TEXT_ENCRYPT, TEXT_MSG_SIGNATURE),
        Err(Error::InvalidSignature)
    ));
}
