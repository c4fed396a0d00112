//! The `Endpoint`: its three modes, the `echostr` handshake, signatures checked before the
//! body is read, the replay window, the body limit, and a `Debug` that shows no secret.

use wechat_runtime::callback::{
    msg_signature, signature, CallbackQuery, Endpoint, Incoming, MessageKind, Reply, SecurityMode,
    SUCCESS,
};
use wechat_runtime::Error;

use super::vectors::{
    crypt, encrypted_body, safe_endpoint, safe_query, APPID, ECHOSTR_ENCRYPT,
    ECHOSTR_MSG_SIGNATURE, ECHOSTR_PLAIN, KEY, NONCE, SIGNATURE, TEXT_ENCRYPT, TEXT_MESSAGE,
    TEXT_MSG_SIGNATURE, TIMESTAMP, TOKEN,
};

#[test]
fn safe_mode_receives_the_known_message_and_replies_encrypted() {
    let endpoint = safe_endpoint();
    assert_eq!(endpoint.mode(), SecurityMode::Safe);
    let received = endpoint
        .receive(
            &safe_query(TEXT_MSG_SIGNATURE),
            encrypted_body(TEXT_ENCRYPT).as_bytes(),
        )
        .unwrap();
    assert!(received.encrypted);
    let Incoming::Message(message) = &received.incoming else {
        panic!("{:?}", received.incoming)
    };
    assert_eq!(
        message.kind,
        MessageKind::Text {
            content: "hello, wechat-rs".into()
        }
    );
    assert_eq!(message.msg_id, Some(6046447361451147292));

    let answer = endpoint
        .respond(&received, Some(&Reply::text("hi ]]> there")))
        .unwrap();
    assert!(answer.contains("<MsgSignature>"), "{answer}");
    assert!(
        !answer.contains("hi ]]"),
        "the reply is encrypted: {answer}"
    );
    let plain = crypt().decrypt_reply(&answer).unwrap();
    let echoed = Incoming::parse(&plain).unwrap();
    // The reply goes back to the sender, from the account.
    assert_eq!(echoed.to_user_name(), Some("oia2TjuEGTNoeX76QEjQNrcURxG8"));
    assert_eq!(echoed.from_user_name(), Some("gh_7f083739789a"));
    let Incoming::Message(echoed) = echoed else {
        panic!()
    };
    assert_eq!(
        echoed.kind,
        MessageKind::Text {
            content: "hi ]]> there".into()
        }
    );

    assert_eq!(endpoint.respond(&received, None).unwrap(), SUCCESS);
}

#[test]
fn safe_mode_without_plain_signature_relies_on_msg_signature() {
    let query = CallbackQuery::parse(&format!(
        "timestamp={TIMESTAMP}&nonce={NONCE}&encrypt_type=aes&msg_signature={TEXT_MSG_SIGNATURE}"
    ));
    let received = safe_endpoint()
        .receive(&query, encrypted_body(TEXT_ENCRYPT).as_bytes())
        .unwrap();
    assert!(matches!(received.incoming, Incoming::Message(_)));
}

#[test]
fn wrong_signatures_are_rejected_before_parsing() {
    let endpoint = safe_endpoint();
    // A wrong plain signature: the body, which is not even XML, is never looked at.
    let query = CallbackQuery::parse(&format!(
        "signature=0000000000000000000000000000000000000000&timestamp={TIMESTAMP}&nonce={NONCE}&encrypt_type=aes&msg_signature={TEXT_MSG_SIGNATURE}"
    ));
    assert!(matches!(
        endpoint.receive(&query, b"\xff not xml"),
        Err(Error::InvalidSignature)
    ));
    // A wrong msg_signature: nothing is decrypted.
    let wrong = safe_query("1111111111111111111111111111111111111111");
    assert!(matches!(
        endpoint.receive(&wrong, encrypted_body(TEXT_ENCRYPT).as_bytes()),
        Err(Error::InvalidSignature)
    ));
    // No msg_signature in safe mode.
    let none = CallbackQuery::parse(&format!(
        "signature={SIGNATURE}&timestamp={TIMESTAMP}&nonce={NONCE}&encrypt_type=aes"
    ));
    assert!(matches!(
        endpoint.receive(&none, encrypted_body(TEXT_ENCRYPT).as_bytes()),
        Err(Error::InvalidSignature)
    ));
    // Plaintext mode requires the signature.
    let plain = Endpoint::plaintext(TOKEN).unwrap();
    let unsigned = CallbackQuery::parse(&format!("timestamp={TIMESTAMP}&nonce={NONCE}"));
    assert!(matches!(
        plain.receive(&unsigned, TEXT_MESSAGE.as_bytes()),
        Err(Error::InvalidSignature)
    ));
}

#[test]
fn plaintext_mode() {
    let endpoint = Endpoint::plaintext(TOKEN).unwrap();
    let query = CallbackQuery::parse(&format!(
        "signature={SIGNATURE}&timestamp={TIMESTAMP}&nonce={NONCE}&openid=x"
    ));
    let received = endpoint.receive(&query, TEXT_MESSAGE.as_bytes()).unwrap();
    assert!(!received.encrypted);
    let answer = endpoint
        .respond(&received, Some(&Reply::text("plain")))
        .unwrap();
    assert!(
        answer.contains("<Content><![CDATA[plain]]></Content>"),
        "{answer}"
    );
}

#[test]
fn compatible_mode_answers_in_kind() {
    let endpoint = Endpoint::compatible(TOKEN, KEY, APPID).unwrap();
    // Compatible mode: the plain fields and the Encrypt, both.
    let body = TEXT_MESSAGE.replace(
        "</xml>",
        &format!("<Encrypt><![CDATA[{TEXT_ENCRYPT}]]></Encrypt></xml>"),
    );
    let received = endpoint
        .receive(&safe_query(TEXT_MSG_SIGNATURE), body.as_bytes())
        .unwrap();
    assert!(received.encrypted);
    let answer = endpoint
        .respond(&received, Some(&Reply::text("x")))
        .unwrap();
    assert!(crypt().decrypt_reply(&answer).is_ok());

    // The same body without encrypt_type is read in plain, and answered in plain.
    let query = CallbackQuery::parse(&format!(
        "signature={SIGNATURE}&timestamp={TIMESTAMP}&nonce={NONCE}"
    ));
    let received = endpoint.receive(&query, body.as_bytes()).unwrap();
    assert!(!received.encrypted);
    let answer = endpoint
        .respond(&received, Some(&Reply::text("x")))
        .unwrap();
    assert!(answer.starts_with("<xml><ToUserName>"), "{answer}");
}

#[test]
fn echostr_handshake_plain_and_encrypted() {
    let query = CallbackQuery::parse(&format!(
        "signature={SIGNATURE}&echostr=5927782489442352469&timestamp={TIMESTAMP}&nonce={NONCE}"
    ));
    for endpoint in [Endpoint::plaintext(TOKEN).unwrap(), safe_endpoint()] {
        assert_eq!(endpoint.verify_url(&query).unwrap(), "5927782489442352469");
    }
    let forged = CallbackQuery::parse(&format!(
        "signature=aa6a8306429bdd7a9660d233b01020a0c509b2ab&echostr=1&timestamp={TIMESTAMP}&nonce={NONCE}"
    ));
    assert!(matches!(
        safe_endpoint().verify_url(&forged),
        Err(Error::InvalidSignature)
    ));
    let no_echostr = CallbackQuery::parse(&format!(
        "signature={SIGNATURE}&timestamp={TIMESTAMP}&nonce={NONCE}"
    ));
    assert!(matches!(
        safe_endpoint().verify_url(&no_echostr),
        Err(Error::InvalidInput(_))
    ));

    // Encrypted echostr, checked by msg_signature (URL-encoded: it has '+' and '/').
    let encoded: String = url_encode(ECHOSTR_ENCRYPT);
    let query = CallbackQuery::parse(&format!(
        "msg_signature={ECHOSTR_MSG_SIGNATURE}&timestamp={TIMESTAMP}&nonce={NONCE}&echostr={encoded}"
    ));
    assert_eq!(safe_endpoint().verify_url(&query).unwrap(), ECHOSTR_PLAIN);
    let query = CallbackQuery::parse(&format!(
        "msg_signature={TEXT_MSG_SIGNATURE}&timestamp={TIMESTAMP}&nonce={NONCE}&echostr={encoded}"
    ));
    assert!(matches!(
        safe_endpoint().verify_url(&query),
        Err(Error::InvalidSignature)
    ));
}

/// Now, in seconds since the epoch, as WeChat stamps a callback.
fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// A plaintext callback query with `timestamp`, signed correctly.
fn signed_query(timestamp: &str) -> CallbackQuery {
    let signature = signature(TOKEN, timestamp, NONCE);
    CallbackQuery::parse(&format!(
        "signature={signature}&timestamp={timestamp}&nonce={NONCE}&echostr=1"
    ))
}

#[test]
fn the_replay_window_refuses_old_and_future_timestamps() {
    let window = std::time::Duration::from_secs(300);
    let endpoint = Endpoint::plaintext(TOKEN).unwrap().replay_window(window);
    fn stale<T>(result: Result<T, Error>) -> bool {
        matches!(result, Err(Error::StaleCallback { window_secs: 300 }))
    }

    // Within the window, either way (with a few seconds of margin for a slow test machine).
    for timestamp in [now(), now() - 290, now() + 290] {
        let query = signed_query(&timestamp.to_string());
        assert!(endpoint.receive(&query, TEXT_MESSAGE.as_bytes()).is_ok());
        assert_eq!(endpoint.verify_url(&query).unwrap(), "1");
    }
    // Outside it, or not a number: refused, though the signature is right.
    for timestamp in [
        TIMESTAMP.to_owned(),
        (now() - 310).to_string(),
        (now() + 310).to_string(),
        "soon".to_owned(),
        String::new(),
    ] {
        let query = signed_query(&timestamp);
        assert!(
            stale(endpoint.receive(&query, TEXT_MESSAGE.as_bytes())),
            "{timestamp}"
        );
        assert!(stale(endpoint.verify_url(&query)), "{timestamp}");
    }
    let err = endpoint
        .receive(&signed_query(TIMESTAMP), TEXT_MESSAGE.as_bytes())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the callback's timestamp is outside the replay window of 300 s"
    );

    // The signature comes first: a forged callback is a bad signature, whatever its timestamp.
    let forged = CallbackQuery::parse(&format!(
        "signature={SIGNATURE}&timestamp={}&nonce={NONCE}",
        now()
    ));
    assert!(matches!(
        endpoint.receive(&forged, TEXT_MESSAGE.as_bytes()),
        Err(Error::InvalidSignature)
    ));

    // Without a window (the default), the old known-answer callback is accepted.
    let query = signed_query(TIMESTAMP);
    assert!(Endpoint::plaintext(TOKEN)
        .unwrap()
        .receive(&query, TEXT_MESSAGE.as_bytes())
        .is_ok());
}

#[test]
fn the_replay_window_applies_to_encrypted_callbacks_after_msg_signature() {
    let endpoint = safe_endpoint().replay_window(std::time::Duration::from_secs(300));
    // The known ciphertext, signed now and signed at the old timestamp (no plain `signature`:
    // in safe mode the timestamp is vouched for by `msg_signature` alone).
    let receive = |timestamp: &str, msg_signature: &str| {
        let query = CallbackQuery::parse(&format!(
            "timestamp={timestamp}&nonce={NONCE}&encrypt_type=aes&msg_signature={msg_signature}"
        ));
        endpoint.receive(&query, encrypted_body(TEXT_ENCRYPT).as_bytes())
    };
    let fresh = now().to_string();
    let fresh_signature = msg_signature(TOKEN, &fresh, NONCE, TEXT_ENCRYPT);
    assert!(receive(&fresh, &fresh_signature).unwrap().encrypted);
    assert!(matches!(
        receive(TIMESTAMP, TEXT_MSG_SIGNATURE),
        Err(Error::StaleCallback { .. })
    ));
    // A fresh timestamp under the old signature does not verify.
    assert!(matches!(
        receive(&fresh, TEXT_MSG_SIGNATURE),
        Err(Error::InvalidSignature)
    ));

    // The encrypted handshake: the known echostr, signed at the old timestamp.
    let query = CallbackQuery::parse(&format!(
        "msg_signature={ECHOSTR_MSG_SIGNATURE}&timestamp={TIMESTAMP}&nonce={NONCE}&echostr={}",
        url_encode(ECHOSTR_ENCRYPT)
    ));
    assert!(matches!(
        endpoint.verify_url(&query),
        Err(Error::StaleCallback { .. })
    ));
}

fn url_encode(s: &str) -> String {
    s.replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D")
}

#[test]
fn oversized_body_is_rejected() {
    let endpoint = Endpoint::plaintext(TOKEN).unwrap().max_body_size(1024);
    let query = CallbackQuery::parse(&format!(
        "signature={SIGNATURE}&timestamp={TIMESTAMP}&nonce={NONCE}"
    ));
    let big = TEXT_MESSAGE.replace("hello, wechat-rs", &"a".repeat(2000));
    let err = endpoint.receive(&query, big.as_bytes()).unwrap_err();
    assert!(
        matches!(&err, Error::MalformedMessage(m) if m.contains("limit")),
        "{err}"
    );
    // The default limit is 1 MiB.
    let endpoint = Endpoint::plaintext(TOKEN).unwrap();
    let huge = vec![b' '; 1024 * 1024 + 1];
    assert!(matches!(
        endpoint.receive(&query, &huge),
        Err(Error::MalformedMessage(_))
    ));
}

#[test]
fn debug_shows_no_secret() {
    let endpoint = safe_endpoint();
    let shown = format!("{endpoint:?}");
    assert!(!shown.contains(TOKEN), "{shown}");
    assert!(!shown.contains(KEY), "{shown}");
    assert!(shown.contains(APPID), "{shown}");
}
