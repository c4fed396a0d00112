//! Callback messages: known-answer vectors, one parse test per message, event and
//! notification type, replies, the endpoint's modes, bad input, and the verify ticket reaching
//! a hub.

use wechat_runtime::messages::{
    msg_signature, save_verify_ticket, signature, verify_msg_signature, verify_signature, Article,
    CallbackQuery, ComponentKind, Endpoint, EventKind, Incoming, MessageCrypt, MessageKind, Music,
    Reply, SecurityMode, Video, SUCCESS,
};
use wechat_runtime::{ComponentHubStorage, Error, Hub, MemoryStore, TokenKey};

// ----- known-answer vectors ------------------------------------------------------------------
//
// Computed with coreutils and the openssl command line, not with this crate:
//
// The signature (sha1 over the sorted parts, concatenated):
//   printf '%s\n' wechat-rs-token 1409304348 xxxxxx | LC_ALL=C sort | tr -d '\n' | sha1sum
//   -> aa6a8306429bdd7a9660d233b01020a0c509b2aa
//
// The key (the EncodingAESKey with '=' appended, base64-decoded; its last character carries
// non-zero unused bits, as real keys do):
//   printf '%s=' abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG | base64 -d | xxd -p -c 64
//   -> 69b71d79f8218a39259a7a29aabb2dbafc31cb3d35db7e39ebbf3d0010831051
//
// The ciphertexts, with this script (enc.sh KEYHEX RANDOM16 MESSAGE APPID): the plaintext is
// built with printf (16 random bytes | 4-byte big-endian length | message | appid), padded by
// hand with PKCS#7 to a multiple of 32, and encrypted with openssl without its own padding:
//
//   keyhex=$1; random=$2; msg=$3; appid=$4; ivhex=${keyhex:0:32}
//   len=$(printf '%s' "$msg" | wc -c)
//   { printf '%s' "$random"
//     printf "\\x$(printf %02x $(( (len>>24)&255 )))\\x$(printf %02x $(( (len>>16)&255 )))\\x$(printf %02x $(( (len>>8)&255 )))\\x$(printf %02x $(( len&255 )))"
//     printf '%s' "$msg"; printf '%s' "$appid"; } > plain.bin
//   total=$(wc -c < plain.bin); pad=$(( 32 - total % 32 ))
//   for _ in $(seq 1 $pad); do printf "\\x$(printf %02x $pad)"; done >> plain.bin
//   openssl enc -aes-256-cbc -K "$keyhex" -iv "$ivhex" -nopad -in plain.bin | base64 -w0
//
// The msg_signature of a ciphertext:
//   printf '%s\n' wechat-rs-token 1409304348 xxxxxx "$ENC" | LC_ALL=C sort | tr -d '\n' | sha1sum

const TOKEN: &str = "wechat-rs-token";
const TIMESTAMP: &str = "1409304348";
const NONCE: &str = "xxxxxx";
const KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const APPID: &str = "wx0123456789abcdef";
const RANDOM: [u8; 16] = *b"0123456789abcdef";

/// sha1sum of "1409304348" "wechat-rs-token" "xxxxxx", sorted (see above).
const SIGNATURE: &str = "aa6a8306429bdd7a9660d233b01020a0c509b2aa";

const TEXT_MESSAGE: &str = "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello, wechat-rs]]></Content><MsgId>6046447361451147292</MsgId></xml>";

/// enc.sh 69b71d…1051 0123456789abcdef "$TEXT_MESSAGE" wx0123456789abcdef (352 plaintext
/// bytes, 31 of padding).
const TEXT_ENCRYPT: &str = "Q3stYC6hdFzMh9T8HCvyDPFXyzlPwyuO4dSoYdHcNY5bRm8KYviewnZNxu9mfHsI4MFPusXyBdvhctTpQWv0rOFgl0Ni0GJ2goYo3QhK7URZyVfTkyMBCVU96owfI9fP7nVvGlx0t7SiHrXpvCKJnVhyu49TdSXIyTbROvXG/pw+m8xQDJ2ctefv4WpSYb8f4vlWjDdzkDiGLM3FwiT9bINDGF0Ng0K9i4he1qZaK16JjjDw5C9tymQSCt2L84+20VSqFFrqOxqpwHl7ipx3eK+rl+jiJVmIszdSjpEkpM7Z3L+fdYH6MjM5cVFiaP3TbGCtcC3BZlSo0HHmY1ReZKbdeHi/Rdjjd/b1G9Xk0Y5fmfg7wMr3LoC0O3qlllqgU2Asu+0ShLKG5WMUn2SDkW3kL85MJSM8BFmRVWa+/t8Wb1quhDFBERlqeT/F59HQDCMa5FfWzguOcqJIG0tKWQ==";

/// msg_signature over TOKEN, TIMESTAMP, NONCE and TEXT_ENCRYPT (sha1sum, see above).
const TEXT_MSG_SIGNATURE: &str = "70bb597cba34eeb772c4f8ca3ca655dd5541f9a9";

/// enc.sh 69b71d…1051 0123456789abcdef 'wechat-rs full block test!' wx0123456789abcdef:
/// 16 + 4 + 26 + 18 = 64 bytes, so a whole block of padding (32 bytes of 0x20).
const FULL_BLOCK_MESSAGE: &str = "wechat-rs full block test!";
const FULL_BLOCK_ENCRYPT: &str = "Q3stYC6hdFzMh9T8HCvyDHzm88cO7p8qcjqT9golxWne8FPxklkCivD6Daw+UVpLy2t8ZWR/0Asi6JlT5Kwodo3alPDlO+d/z1ivC5YPyPiQGHcGxFJ4m9FtqMHs+0kN";

/// enc.sh 69b71d…1051 fedcba9876543210 '5927782489442352469' wx0123456789abcdef
const ECHOSTR_PLAIN: &str = "5927782489442352469";
const ECHOSTR_ENCRYPT: &str =
    "DpQeJfnf/MGZ/+GTIspwVJMQOi25640VP4Q0uvxnEpJNIcaTluzfhaEOJFb/dBXrJvfiXBK1vOxuGkpAzwh1Ug==";
/// msg_signature over TOKEN, TIMESTAMP, NONCE and ECHOSTR_ENCRYPT (sha1sum, see above).
const ECHOSTR_MSG_SIGNATURE: &str = "6aa8b0e91391165dbd0d6ec7336f8f74db4444ae";

fn crypt() -> MessageCrypt {
    MessageCrypt::new(TOKEN, KEY, APPID).unwrap()
}

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

// ----- the endpoint ----------------------------------------------------------------------------

fn safe_endpoint() -> Endpoint {
    Endpoint::safe(TOKEN, KEY, APPID).unwrap()
}

fn encrypted_body(encrypt: &str) -> String {
    format!("<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>")
}

fn safe_query(msg_signature: &str) -> CallbackQuery {
    CallbackQuery::parse(&format!(
        "signature={SIGNATURE}&timestamp={TIMESTAMP}&nonce={NONCE}&openid=oia2TjuEGTNoeX76QEjQNrcURxG8&encrypt_type=aes&msg_signature={msg_signature}"
    ))
}

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

// ----- bad input -------------------------------------------------------------------------------

/// Receives `encrypt` signed correctly, so only its content can be wrong.
fn receive_signed(endpoint: &Endpoint, encrypt: &str) -> Result<Incoming, Error> {
    let sig = msg_signature(TOKEN, TIMESTAMP, NONCE, encrypt);
    endpoint
        .receive(&safe_query(&sig), encrypted_body(encrypt).as_bytes())
        .map(|r| r.incoming)
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
fn malformed_xml_is_rejected() {
    for bad in [
        "",
        "not xml",
        "<xml>",
        "<xml><ToUserName>a</FromUserName></xml>",
        "<xml><MsgType>text</MsgType></xml>",
        "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>x</CreateTime><MsgType>text</MsgType></xml>",
        "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><MsgType>text</MsgType></xml>",
        "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType></xml>",
        "<xml><InfoType>component_verify_ticket</InfoType><CreateTime>1</CreateTime></xml>",
        "<xml><AppId>wx</AppId><InfoType>component_verify_ticket</InfoType><CreateTime>1</CreateTime></xml>",
        "<xml><Content>&unknown;</Content></xml>",
    ] {
        assert!(
            matches!(Incoming::parse(bad), Err(Error::MalformedMessage(_))),
            "{bad:?}: {:?}",
            Incoming::parse(bad)
        );
    }
    // Not UTF-8.
    let endpoint = Endpoint::plaintext(TOKEN).unwrap();
    let query = CallbackQuery::parse(&format!(
        "signature={SIGNATURE}&timestamp={TIMESTAMP}&nonce={NONCE}"
    ));
    assert!(matches!(
        endpoint.receive(&query, b"<xml>\xff\xfe</xml>"),
        Err(Error::MalformedMessage(_))
    ));
    // An encrypted body without Encrypt.
    let err = safe_endpoint()
        .receive(&safe_query(TEXT_MSG_SIGNATURE), TEXT_MESSAGE.as_bytes())
        .unwrap_err();
    assert!(matches!(err, Error::MalformedMessage(_)), "{err}");
}

#[test]
fn entity_expansion_is_refused() {
    let billion_laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&lol9;</Content></xml>"#;
    let err = Incoming::parse(billion_laughs).unwrap_err();
    assert!(
        matches!(&err, Error::MalformedMessage(m) if m.contains("DOCTYPE")),
        "{err}"
    );
    // An external entity (XXE): refused the same way, nothing is read.
    let xxe = r#"<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content></xml>"#;
    assert!(matches!(
        Incoming::parse(xxe),
        Err(Error::MalformedMessage(_))
    ));
    // A DOCTYPE without entities is refused too.
    let bare = "<!DOCTYPE xml><xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content></xml>";
    assert!(matches!(
        Incoming::parse(bare),
        Err(Error::MalformedMessage(_))
    ));
    // Also inside an encrypted callback.
    let encrypt = crypt().encrypt(billion_laughs).unwrap();
    assert!(matches!(
        receive_signed(&safe_endpoint(), &encrypt),
        Err(Error::MalformedMessage(_))
    ));
    // The predefined entities and character references are fine.
    let ok = "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&lt;&amp;&#x4F60;</Content></xml>";
    assert!(matches!(
        Incoming::parse(ok).unwrap(),
        Incoming::Message(m) if m.kind == MessageKind::Text { content: "<&你".into() }
    ));
}

#[test]
fn deep_nesting_is_harmless() {
    let depth = 20_000;
    let xml = format!(
        "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content><Deep>{}{}</Deep></xml>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    assert!(Incoming::parse(&xml).is_ok());
}

// ----- parsing, one test per type (XML shaped as in WeChat's documentation) --------------------

fn header(msg_type: &str, rest: &str) -> String {
    format!(
        "<xml><ToUserName><![CDATA[gh_123456789abc]]></ToUserName>\n<FromUserName><![CDATA[oUser_openid]]></FromUserName>\n<CreateTime>1348831860</CreateTime>\n<MsgType><![CDATA[{msg_type}]]></MsgType>\n{rest}\n</xml>"
    )
}

fn message(msg_type: &str, rest: &str) -> wechat_runtime::messages::Message {
    match Incoming::parse(&header(msg_type, rest)).unwrap() {
        Incoming::Message(m) => {
            assert_eq!(m.header.to_user_name, "gh_123456789abc");
            assert_eq!(m.header.from_user_name, "oUser_openid");
            assert_eq!(m.header.create_time, 1348831860);
            m
        }
        other => panic!("{other:?}"),
    }
}

fn event(name: &str, rest: &str) -> EventKind {
    let xml = header(
        "event",
        &format!("<Event><![CDATA[{name}]]></Event>\n{rest}"),
    );
    match Incoming::parse(&xml).unwrap() {
        Incoming::Event(e) => {
            assert_eq!(e.header.from_user_name, "oUser_openid");
            assert_eq!(e.header.create_time, 1348831860);
            e.kind
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn parse_text() {
    let m = message(
        "text",
        "<Content><![CDATA[this is a test]]></Content>\n<MsgId>1234567890123456</MsgId>\n<MsgDataId>xxxx</MsgDataId>\n<Idx>1</Idx>",
    );
    assert_eq!(
        m.kind,
        MessageKind::Text {
            content: "this is a test".into()
        }
    );
    assert_eq!(m.msg_id, Some(1234567890123456));
    assert_eq!(m.msg_data_id.as_deref(), Some("xxxx"));
    assert_eq!(m.idx, Some(1));
}

#[test]
fn parse_image() {
    let m = message(
        "image",
        "<PicUrl><![CDATA[http://mmbiz.example/pic.jpg]]></PicUrl>\n<MediaId><![CDATA[media_id]]></MediaId>\n<MsgId>1234567890123456</MsgId>",
    );
    assert_eq!(
        m.kind,
        MessageKind::Image {
            pic_url: "http://mmbiz.example/pic.jpg".into(),
            media_id: "media_id".into()
        }
    );
}

#[test]
fn parse_voice_with_recognition() {
    let m = message(
        "voice",
        "<MediaId><![CDATA[media_id]]></MediaId>\n<Format><![CDATA[amr]]></Format>\n<Recognition><![CDATA[腾讯微信团队]]></Recognition>\n<MsgId>1234567890123456</MsgId>\n<MediaId16K><![CDATA[media_id_16k]]></MediaId16K>",
    );
    assert_eq!(
        m.kind,
        MessageKind::Voice {
            media_id: "media_id".into(),
            format: "amr".into(),
            recognition: Some("腾讯微信团队".into()),
            media_id_16k: Some("media_id_16k".into()),
        }
    );
    let m = message(
        "voice",
        "<MediaId><![CDATA[m]]></MediaId><Format><![CDATA[speex]]></Format><MsgId>1</MsgId>",
    );
    assert!(matches!(
        m.kind,
        MessageKind::Voice {
            recognition: None,
            ..
        }
    ));
}

#[test]
fn parse_video_and_shortvideo() {
    let rest = "<MediaId><![CDATA[media_id]]></MediaId>\n<ThumbMediaId><![CDATA[thumb_media_id]]></ThumbMediaId>\n<MsgId>1234567890123456</MsgId>";
    assert_eq!(
        message("video", rest).kind,
        MessageKind::Video {
            media_id: "media_id".into(),
            thumb_media_id: "thumb_media_id".into()
        }
    );
    assert_eq!(
        message("shortvideo", rest).kind,
        MessageKind::ShortVideo {
            media_id: "media_id".into(),
            thumb_media_id: "thumb_media_id".into()
        }
    );
}

#[test]
fn parse_location() {
    let m = message(
        "location",
        "<Location_X>23.134521</Location_X>\n<Location_Y>113.358803</Location_Y>\n<Scale>20</Scale>\n<Label><![CDATA[位置信息]]></Label>\n<MsgId>1234567890123456</MsgId>",
    );
    assert_eq!(
        m.kind,
        MessageKind::Location {
            latitude: 23.134521,
            longitude: 113.358803,
            scale: 20,
            label: "位置信息".into()
        }
    );
}

#[test]
fn parse_link() {
    let m = message(
        "link",
        "<Title><![CDATA[公众平台官网链接]]></Title>\n<Description><![CDATA[公众平台官网链接]]></Description>\n<Url><![CDATA[url]]></Url>\n<MsgId>1234567890123456</MsgId>",
    );
    assert_eq!(
        m.kind,
        MessageKind::Link {
            title: "公众平台官网链接".into(),
            description: "公众平台官网链接".into(),
            url: "url".into()
        }
    );
}

#[test]
fn parse_unknown_message_type_keeps_the_xml() {
    let xml = header(
        "miniprogrampage",
        "<Title><![CDATA[t]]></Title><AppId>wx1</AppId>",
    );
    let Incoming::Message(m) = Incoming::parse(&xml).unwrap() else {
        panic!()
    };
    assert_eq!(
        m.kind,
        MessageKind::Unknown {
            msg_type: "miniprogrampage".into(),
            raw: xml
        }
    );
}

#[test]
fn parse_unknown_kind_whose_fields_do_not_fit_is_kept_raw() {
    // A known field name (Status) used with another shape by an event we do not know.
    let xml = header(
        "event",
        "<Event><![CDATA[some_new_event]]></Event><Status><Code>1</Code></Status>",
    );
    let Incoming::Event(e) = Incoming::parse(&xml).unwrap() else {
        panic!()
    };
    assert!(matches!(e.kind, EventKind::Unknown { ref event, .. } if event == "some_new_event"));
    // But a known event with a field of the wrong shape is malformed.
    let xml = header(
        "event",
        "<Event><![CDATA[LOCATION]]></Event><Latitude>north</Latitude>",
    );
    assert!(matches!(
        Incoming::parse(&xml),
        Err(Error::MalformedMessage(_))
    ));
}

#[test]
fn parse_subscribe_plain_and_with_qrscene() {
    assert_eq!(
        event("subscribe", ""),
        EventKind::Subscribe {
            event_key: None,
            ticket: None
        }
    );
    let kind = event(
        "subscribe",
        "<EventKey><![CDATA[qrscene_123123]]></EventKey>\n<Ticket><![CDATA[TICKET]]></Ticket>",
    );
    assert_eq!(kind.qr_scene(), Some("123123"));
    assert_eq!(
        kind,
        EventKind::Subscribe {
            event_key: Some("qrscene_123123".into()),
            ticket: Some("TICKET".into())
        }
    );
}

#[test]
fn parse_unsubscribe() {
    assert_eq!(
        event("unsubscribe", "<EventKey><![CDATA[]]></EventKey>"),
        EventKind::Unsubscribe
    );
}

#[test]
fn parse_scan() {
    let kind = event(
        "SCAN",
        "<EventKey><![CDATA[SCENE_VALUE]]></EventKey>\n<Ticket><![CDATA[TICKET]]></Ticket>",
    );
    assert_eq!(kind.qr_scene(), Some("SCENE_VALUE"));
    assert_eq!(
        kind,
        EventKind::Scan {
            event_key: "SCENE_VALUE".into(),
            ticket: Some("TICKET".into())
        }
    );
}

#[test]
fn parse_location_event() {
    assert_eq!(
        event(
            "LOCATION",
            "<Latitude>23.137466</Latitude>\n<Longitude>113.352425</Longitude>\n<Precision>119.385040</Precision>"
        ),
        EventKind::Location {
            latitude: 23.137466,
            longitude: 113.352425,
            precision: 119.38504
        }
    );
}

#[test]
fn parse_click() {
    assert_eq!(
        event("CLICK", "<EventKey><![CDATA[EVENTKEY]]></EventKey>"),
        EventKind::Click {
            event_key: "EVENTKEY".into()
        }
    );
}

#[test]
fn parse_view() {
    assert_eq!(
        event(
            "VIEW",
            "<EventKey><![CDATA[www.qq.com]]></EventKey>\n<MenuId>MENUID</MenuId>"
        ),
        EventKind::View {
            event_key: "www.qq.com".into(),
            menu_id: Some("MENUID".into())
        }
    );
}

#[test]
fn parse_view_miniprogram() {
    assert_eq!(
        event(
            "view_miniprogram",
            "<EventKey><![CDATA[pages/index/index]]></EventKey>\n<MenuId>MENUID</MenuId>"
        ),
        EventKind::ViewMiniprogram {
            event_key: "pages/index/index".into(),
            menu_id: Some("MENUID".into())
        }
    );
}

#[test]
fn parse_scancode_push_and_waitmsg() {
    let rest = "<EventKey><![CDATA[6]]></EventKey>\n<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType>\n<ScanResult><![CDATA[1]]></ScanResult>\n</ScanCodeInfo>";
    let EventKind::ScancodePush {
        event_key,
        scan_code_info,
    } = event("scancode_push", rest)
    else {
        panic!()
    };
    assert_eq!(event_key, "6");
    assert_eq!(scan_code_info.scan_type, "qrcode");
    assert_eq!(scan_code_info.scan_result, "1");
    assert!(matches!(
        event("scancode_waitmsg", rest),
        EventKind::ScancodeWaitmsg { scan_code_info, .. } if scan_code_info.scan_result == "1"
    ));
}

#[test]
fn parse_pic_events() {
    let rest = "<EventKey><![CDATA[6]]></EventKey>\n<SendPicsInfo><Count>2</Count>\n<PicList><item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum>\n</item>\n<item><PicMd5Sum><![CDATA[2c5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum>\n</item>\n</PicList>\n</SendPicsInfo>";
    for name in ["pic_sysphoto", "pic_photo_or_album", "pic_weixin"] {
        let info = match event(name, rest) {
            EventKind::PicSysphoto { send_pics_info, .. } if name == "pic_sysphoto" => {
                send_pics_info
            }
            EventKind::PicPhotoOrAlbum { send_pics_info, .. } if name == "pic_photo_or_album" => {
                send_pics_info
            }
            EventKind::PicWeixin { send_pics_info, .. } if name == "pic_weixin" => send_pics_info,
            other => panic!("{name}: {other:?}"),
        };
        assert_eq!(info.count, 2);
        assert_eq!(
            info.pic_md5_sums,
            [
                "1b5f7c23b5bf75682a53e7b6d163e185",
                "2c5f7c23b5bf75682a53e7b6d163e185"
            ]
        );
    }
    // One picture: a single item.
    let one = "<EventKey><![CDATA[6]]></EventKey><SendPicsInfo><Count>1</Count><PicList><item><PicMd5Sum><![CDATA[abc]]></PicMd5Sum></item></PicList></SendPicsInfo>";
    assert!(matches!(
        event("pic_weixin", one),
        EventKind::PicWeixin { send_pics_info, .. } if send_pics_info.pic_md5_sums == ["abc"]
    ));
}

#[test]
fn parse_location_select() {
    let EventKind::LocationSelect {
        event_key,
        send_location_info: info,
    } = event(
        "location_select",
        "<EventKey><![CDATA[6]]></EventKey>\n<SendLocationInfo><Location_X><![CDATA[23]]></Location_X>\n<Location_Y><![CDATA[113]]></Location_Y>\n<Scale><![CDATA[15]]></Scale>\n<Label><![CDATA[ 广州市海珠区客村艺苑路 106号]]></Label>\n<Poiname><![CDATA[]]></Poiname>\n</SendLocationInfo>",
    )
    else {
        panic!()
    };
    assert_eq!(event_key, "6");
    assert_eq!(info.latitude, 23.0);
    assert_eq!(info.longitude, 113.0);
    assert_eq!(info.scale, 15);
    assert_eq!(info.label, " 广州市海珠区客村艺苑路 106号");
    assert_eq!(info.poiname, "");
}

#[test]
fn parse_template_send_job_finish() {
    let xml = header(
        "event",
        "<Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event>\n<MsgID>200163836</MsgID>\n<Status><![CDATA[success]]></Status>",
    );
    let incoming = Incoming::parse(&xml).unwrap();
    assert_eq!(incoming.msg_id(), Some(200163836));
    let Incoming::Event(e) = incoming else {
        panic!()
    };
    assert_eq!(
        e.kind,
        EventKind::TemplateSendJobFinish {
            msg_id: 200163836,
            status: "success".into()
        }
    );
}

#[test]
fn parse_mass_send_job_finish() {
    let EventKind::MassSendJobFinish(report) = event(
        "MASSSENDJOBFINISH",
        "<MsgID>1988</MsgID>\n<Status><![CDATA[sendsuccess]]></Status>\n<TotalCount>100</TotalCount>\n<FilterCount>80</FilterCount>\n<SentCount>75</SentCount>\n<ErrorCount>5</ErrorCount>\n<CopyrightCheckResult><Count>2</Count><ResultList><item><ArticleIdx>1</ArticleIdx><UserDeclareState>0</UserDeclareState><AuditState>2</AuditState><OriginalArticleUrl><![CDATA[Url_1]]></OriginalArticleUrl><OriginalArticleType>1</OriginalArticleType><CanReprint>1</CanReprint><NeedReplaceContent>1</NeedReplaceContent><NeedShowReprintSource>1</NeedShowReprintSource></item><item><ArticleIdx>2</ArticleIdx><UserDeclareState>0</UserDeclareState><AuditState>2</AuditState><OriginalArticleUrl><![CDATA[Url_2]]></OriginalArticleUrl><OriginalArticleType>1</OriginalArticleType><CanReprint>1</CanReprint><NeedReplaceContent>1</NeedReplaceContent><NeedShowReprintSource>1</NeedShowReprintSource></item></ResultList><CheckState>2</CheckState></CopyrightCheckResult>\n<ArticleUrlResult><Count>1</Count><ResultList><item><ArticleIdx>1</ArticleIdx><ArticleUrl><![CDATA[Url]]></ArticleUrl></item></ResultList></ArticleUrlResult>",
    ) else {
        panic!()
    };
    assert_eq!(report.msg_id, 1988);
    assert_eq!(report.status, "sendsuccess");
    assert_eq!(
        (
            report.total_count,
            report.filter_count,
            report.sent_count,
            report.error_count
        ),
        (100, 80, 75, 5)
    );
    assert_eq!(report.copyright_check_state, Some(2));
    assert_eq!(report.copyright_check_results.len(), 2);
    assert_eq!(
        report.copyright_check_results[1].original_article_url,
        "Url_2"
    );
    assert_eq!(report.article_urls.len(), 1);
    assert_eq!(report.article_urls[0].article_url, "Url");
    // Without the optional results.
    let EventKind::MassSendJobFinish(report) = event(
        "MASSSENDJOBFINISH",
        "<MsgID>1</MsgID><Status><![CDATA[send fail]]></Status><TotalCount>1</TotalCount><FilterCount>1</FilterCount><SentCount>0</SentCount><ErrorCount>1</ErrorCount>",
    ) else {
        panic!()
    };
    assert!(report.copyright_check_results.is_empty());
}

#[test]
fn parse_subscribe_msg_popup_event() {
    let EventKind::SubscribeMsgPopup(popup) = event(
        "subscribe_msg_popup_event",
        "<SubscribeMsgPopupEvent>\n<List>\n<TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>\n<SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString>\n<PopupScene>2</PopupScene>\n</List>\n<List>\n<TemplateId><![CDATA[9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI]]></TemplateId>\n<SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString>\n<PopupScene>2</PopupScene>\n</List>\n</SubscribeMsgPopupEvent>",
    ) else {
        panic!()
    };
    assert_eq!(popup.list.len(), 2);
    assert_eq!(popup.list[0].subscribe_status, "accept");
    assert_eq!(
        popup.list[1].template_id,
        "9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI"
    );
    assert_eq!(popup.list[1].popup_scene, Some(2));
}

#[test]
fn parse_subscribe_msg_change_event() {
    let rest = "<SubscribeMsgChangeEvent>\n<List><TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>\n<SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString>\n</List>\n</SubscribeMsgChangeEvent>";
    let EventKind::SubscribeMsgChange(change) = event("subscribe_msg_change_event", rest) else {
        panic!()
    };
    assert_eq!(change.list.len(), 1);
    assert_eq!(change.list[0].subscribe_status, "reject");
    // The documentation's example puts it under SubscribeMsgPopupEvent: read that too.
    let EventKind::SubscribeMsgChange(change) = event(
        "subscribe_msg_change_event",
        &rest.replace("SubscribeMsgChangeEvent", "SubscribeMsgPopupEvent"),
    ) else {
        panic!()
    };
    assert_eq!(
        change.list[0].template_id,
        "VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc"
    );
}

#[test]
fn parse_subscribe_msg_sent_event() {
    let EventKind::SubscribeMsgSent(sent) = event(
        "subscribe_msg_sent_event",
        "<SubscribeMsgSentEvent>\n<List>\n<TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>\n<MsgID>1700827132819554304</MsgID>\n<ErrorCode>0</ErrorCode>\n<ErrorStatus><![CDATA[success]]></ErrorStatus>\n</List>\n</SubscribeMsgSentEvent>",
    ) else {
        panic!()
    };
    assert_eq!(sent.list[0].msg_id, 1700827132819554304);
    assert_eq!(sent.list[0].error_code, 0);
    assert_eq!(sent.list[0].error_status, "success");
}

#[test]
fn parse_kf_session_events() {
    assert_eq!(
        event(
            "kf_create_session",
            "<KfAccount><![CDATA[test1@test]]></KfAccount>"
        ),
        EventKind::KfCreateSession {
            kf_account: "test1@test".into()
        }
    );
    assert_eq!(
        event(
            "kf_close_session",
            "<KfAccount><![CDATA[test1@test]]></KfAccount>"
        ),
        EventKind::KfCloseSession {
            kf_account: "test1@test".into()
        }
    );
    assert_eq!(
        event(
            "kf_switch_session",
            "<FromKfAccount><![CDATA[test1@test]]></FromKfAccount>\n<ToKfAccount><![CDATA[test2@test]]></ToKfAccount>"
        ),
        EventKind::KfSwitchSession {
            from_kf_account: "test1@test".into(),
            to_kf_account: "test2@test".into()
        }
    );
}

#[test]
fn parse_unknown_event_keeps_the_xml() {
    let kind = event(
        "user_enter_tempsession",
        "<SessionFrom><![CDATA[x]]></SessionFrom>",
    );
    assert!(
        matches!(kind, EventKind::Unknown { ref event, ref raw } if event == "user_enter_tempsession" && raw.contains("SessionFrom"))
    );
}

fn component(info_type: &str, rest: &str) -> wechat_runtime::messages::ComponentNotification {
    let xml = format!(
        "<xml>\n<AppId>wxcomponent000001</AppId>\n<CreateTime>1413192605</CreateTime>\n<InfoType>{info_type}</InfoType>\n{rest}\n</xml>"
    );
    match Incoming::parse(&xml).unwrap() {
        Incoming::Component(c) => {
            assert_eq!(c.app_id, "wxcomponent000001");
            assert_eq!(c.create_time, 1413192605);
            c
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn parse_component_verify_ticket() {
    let c = component(
        "component_verify_ticket",
        "<ComponentVerifyTicket>some_verify_ticket</ComponentVerifyTicket>",
    );
    assert_eq!(c.verify_ticket(), Some("some_verify_ticket"));
    assert!(
        !format!("{c:?}").contains("some_verify_ticket"),
        "Debug hides it"
    );
}

#[test]
fn parse_component_authorizations() {
    let rest = "<AuthorizerAppid>wxauthorizer00001</AuthorizerAppid>\n<AuthorizationCode>queryauthcode@@@xxx</AuthorizationCode>\n<AuthorizationCodeExpiredTime>1413196205</AuthorizationCodeExpiredTime>\n<PreAuthCode>preauthcode@@@xxx</PreAuthCode>";
    let ComponentKind::Authorized(auth) = component("authorized", rest).kind else {
        panic!()
    };
    assert_eq!(auth.authorizer_appid, "wxauthorizer00001");
    assert_eq!(auth.authorization_code, "queryauthcode@@@xxx");
    assert_eq!(auth.authorization_code_expired_time, 1413196205);
    assert_eq!(auth.pre_auth_code, "preauthcode@@@xxx");
    assert!(!format!("{auth:?}").contains("queryauthcode"));
    assert!(matches!(
        component("updateauthorized", rest).kind,
        ComponentKind::UpdateAuthorized(a) if a.authorization_code == "queryauthcode@@@xxx"
    ));
    assert_eq!(
        component(
            "unauthorized",
            "<AuthorizerAppid>wxauthorizer00001</AuthorizerAppid>"
        )
        .kind,
        ComponentKind::Unauthorized {
            authorizer_appid: "wxauthorizer00001".into()
        }
    );
    assert!(matches!(
        component("notify_third_fasteregister", "<status>0</status>").kind,
        ComponentKind::Unknown { info_type, .. } if info_type == "notify_third_fasteregister"
    ));
}

// ----- replies -----------------------------------------------------------------------------------

fn incoming_header() -> wechat_runtime::messages::Header {
    let Incoming::Message(m) = Incoming::parse(TEXT_MESSAGE).unwrap() else {
        panic!()
    };
    m.header
}

const REPLY_HEAD: &str = "<xml><ToUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></ToUserName><FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>12345678</CreateTime>";

#[test]
fn reply_xml_shapes() {
    let h = incoming_header();
    let cases = [
        (
            Reply::text("你好"),
            "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content></xml>",
        ),
        (
            Reply::image("media_id"),
            "<MsgType><![CDATA[image]]></MsgType><Image><MediaId><![CDATA[media_id]]></MediaId></Image></xml>",
        ),
        (
            Reply::voice("media_id"),
            "<MsgType><![CDATA[voice]]></MsgType><Voice><MediaId><![CDATA[media_id]]></MediaId></Voice></xml>",
        ),
        (
            Reply::video(Video::new("media_id").title("title").description("description")),
            "<MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[media_id]]></MediaId><Title><![CDATA[title]]></Title><Description><![CDATA[description]]></Description></Video></xml>",
        ),
        (
            Reply::music(
                Music::new("media_id")
                    .title("TITLE")
                    .description("DESCRIPTION")
                    .music_url("MUSIC_Url")
                    .hq_music_url("HQ_MUSIC_Url"),
            ),
            "<MsgType><![CDATA[music]]></MsgType><Music><Title><![CDATA[TITLE]]></Title><Description><![CDATA[DESCRIPTION]]></Description><MusicUrl><![CDATA[MUSIC_Url]]></MusicUrl><HQMusicUrl><![CDATA[HQ_MUSIC_Url]]></HQMusicUrl><ThumbMediaId><![CDATA[media_id]]></ThumbMediaId></Music></xml>",
        ),
        (
            Reply::news([Article::new("title1", "url")
                .description("description1")
                .pic_url("picurl")]),
            "<MsgType><![CDATA[news]]></MsgType><ArticleCount>1</ArticleCount><Articles><item><Title><![CDATA[title1]]></Title><Description><![CDATA[description1]]></Description><PicUrl><![CDATA[picurl]]></PicUrl><Url><![CDATA[url]]></Url></item></Articles></xml>",
        ),
        (
            Reply::transfer_customer_service(),
            "<MsgType><![CDATA[transfer_customer_service]]></MsgType></xml>",
        ),
        (
            Reply::transfer_to("test1@test"),
            "<MsgType><![CDATA[transfer_customer_service]]></MsgType><TransInfo><KfAccount><![CDATA[test1@test]]></KfAccount></TransInfo></xml>",
        ),
    ];
    for (reply, tail) in cases {
        assert_eq!(
            reply.to_xml(&h, 12345678).unwrap(),
            format!("{REPLY_HEAD}{tail}")
        );
    }
}

#[test]
fn reply_content_cannot_break_out_of_cdata() {
    let h = incoming_header();
    let evil = "x]]><MsgType>image</MsgType><![CDATA[";
    let xml = Reply::text(evil).to_xml(&h, 1).unwrap();
    let Incoming::Message(m) = Incoming::parse(&xml).unwrap() else {
        panic!()
    };
    assert_eq!(
        m.kind,
        MessageKind::Text {
            content: evil.into()
        }
    );
    // And an article title: escaped, read back the same.
    let xml = Reply::news([Article::new("a]]>b<c>&d", "u")])
        .to_xml(&h, 1)
        .unwrap();
    assert!(xml.contains("a]]]]><![CDATA[>b<c>&d"), "{xml}");
}

#[test]
fn news_article_count_is_checked() {
    let h = incoming_header();
    assert!(matches!(
        Reply::news([]).to_xml(&h, 1),
        Err(Error::InvalidInput(_))
    ));
    let nine = (0..9).map(|i| Article::new(format!("t{i}"), "u"));
    assert!(matches!(
        Reply::news(nine).to_xml(&h, 1),
        Err(Error::InvalidInput(_))
    ));
    let eight = (0..8).map(|i| Article::new(format!("t{i}"), "u"));
    assert!(Reply::news(eight)
        .to_xml(&h, 1)
        .unwrap()
        .contains("<ArticleCount>8</ArticleCount>"));
}

#[test]
fn component_notifications_take_no_reply() {
    let endpoint = Endpoint::safe(TOKEN, KEY, "wxcomponent000001").unwrap();
    let wechat = MessageCrypt::new(TOKEN, KEY, "wxcomponent000001").unwrap();
    let encrypt = wechat
        .encrypt("<xml><AppId>wxcomponent000001</AppId><CreateTime>1</CreateTime><InfoType>unauthorized</InfoType><AuthorizerAppid>wxa</AuthorizerAppid></xml>")
        .unwrap();
    let query = safe_query(&msg_signature(TOKEN, TIMESTAMP, NONCE, &encrypt));
    let body = format!(
        "<xml><AppId>wxcomponent000001</AppId><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
    );
    let received = endpoint.receive(&query, body.as_bytes()).unwrap();
    assert_eq!(endpoint.respond(&received, None).unwrap(), SUCCESS);
    assert!(matches!(
        endpoint.respond(&received, Some(&Reply::text("x"))),
        Err(Error::InvalidInput(_))
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

// ----- the verify ticket reaches the hub ---------------------------------------------------------

#[tokio::test]
async fn verify_ticket_callback_lets_the_hub_fetch_the_component_token() {
    const COMPONENT: &str = "wxcomponent000001";
    let wechat = wechat_simulator::Simulator::start().await.unwrap();
    wechat.add_component(COMPONENT, "component-secret");
    let hub = Hub::builder(MemoryStore::new().with_app(COMPONENT, "component-secret"))
        .base_url(wechat.base_url())
        .build()
        .unwrap();
    // No ticket yet: no token.
    let before = hub
        .token(&TokenKey::component(COMPONENT))
        .await
        .unwrap_err();
    assert!(matches!(before, Error::Missing { .. }), "{before}");

    // WeChat pushes a ticket to the authorization event URL, encrypted for the component.
    let ticket = wechat.push_verify_ticket(COMPONENT);
    let endpoint = Endpoint::safe(TOKEN, KEY, COMPONENT).unwrap();
    let wechat_crypt = MessageCrypt::new(TOKEN, KEY, COMPONENT).unwrap();
    let encrypt = wechat_crypt
        .encrypt(&format!(
            "<xml><AppId>{COMPONENT}</AppId><CreateTime>1413192605</CreateTime><InfoType>component_verify_ticket</InfoType><ComponentVerifyTicket>{ticket}</ComponentVerifyTicket></xml>"
        ))
        .unwrap();
    let query = CallbackQuery::parse(&format!(
        "signature={SIGNATURE}&timestamp={TIMESTAMP}&nonce={NONCE}&encrypt_type=aes&msg_signature={}",
        msg_signature(TOKEN, TIMESTAMP, NONCE, &encrypt)
    ));
    let body = format!(
        "<xml><AppId><![CDATA[{COMPONENT}]]></AppId><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
    );
    let received = endpoint.receive(&query, body.as_bytes()).unwrap();
    assert!(save_verify_ticket(hub.store(), &received.incoming)
        .await
        .unwrap());
    assert_eq!(
        hub.store()
            .verify_ticket(COMPONENT)
            .await
            .unwrap()
            .as_deref(),
        Some(ticket.as_str())
    );

    // From then on the hub fetches component_access_token with it.
    let token = hub.token(&TokenKey::component(COMPONENT)).await.unwrap();
    assert_eq!(
        wechat.current_access_token(COMPONENT).as_deref(),
        Some(token.access_token.as_str())
    );
    assert_eq!(wechat.calls("/cgi-bin/component/api_component_token"), 1);

    // Anything else is left alone.
    let Incoming::Message(_) = Incoming::parse(TEXT_MESSAGE).unwrap() else {
        panic!()
    };
    assert!(
        !save_verify_ticket(hub.store(), &Incoming::parse(TEXT_MESSAGE).unwrap())
            .await
            .unwrap()
    );
}
