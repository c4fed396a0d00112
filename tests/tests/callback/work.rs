//! WeCom (企业微信) callbacks: the URL check with an encrypted `echostr`, forged signatures
//! refused, members' messages and replies, and hostile input; `events`: every typed event
//! parsed from XML shaped as in WeCom's documentation; `routing`: routes, dedup, the axum
//! route.

mod events;
mod routing;

use proptest::prelude::*;
use wechat_runtime::callback::router::dedup_key;
use wechat_runtime::callback::{
    msg_signature, signature, CallbackQuery, Endpoint, Incoming, MessageCrypt, MessageKind, Reply,
    SecurityMode, WorkEventKind,
};
use wechat_runtime::Error;

use super::vectors::{KEY, NONCE, TIMESTAMP, TOKEN};

const CORPID: &str = "ww1cSD21f1e9c0caaa";

fn corp() -> MessageCrypt {
    MessageCrypt::new(TOKEN, KEY, CORPID).unwrap()
}

fn endpoint() -> Endpoint {
    Endpoint::work(TOKEN, KEY, CORPID).unwrap()
}

/// The query of the URL check, `echostr` percent-encoded as WeCom sends it.
fn handshake(msg_signature: &str, echostr: &str) -> CallbackQuery {
    let echostr: String = url::form_urlencoded::byte_serialize(echostr.as_bytes()).collect();
    CallbackQuery::parse(&format!(
        "msg_signature={msg_signature}&timestamp={TIMESTAMP}&nonce={NONCE}&echostr={echostr}"
    ))
}

/// A callback as WeCom posts it: its query and its envelope.
fn posted(xml: &str) -> (CallbackQuery, String) {
    let encrypt = corp().encrypt(xml).unwrap();
    let query = CallbackQuery::parse(&format!(
        "msg_signature={}&timestamp={TIMESTAMP}&nonce={NONCE}",
        msg_signature(TOKEN, TIMESTAMP, NONCE, &encrypt)
    ));
    let body = format!(
        "<xml><ToUserName><![CDATA[{CORPID}]]></ToUserName><AgentID><![CDATA[1000002]]></AgentID><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
    );
    (query, body)
}

/// Receives `xml` through a WeCom endpoint, as WeCom would post it.
fn receive(xml: &str) -> Incoming {
    let (query, body) = posted(xml);
    endpoint()
        .receive(&query, body.as_bytes())
        .unwrap()
        .incoming
}

/// An event from the system, with `rest` after the header.
fn sys_event(event: &str, rest: &str) -> String {
    format!(
        "<xml><ToUserName><![CDATA[{CORPID}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{event}]]></Event>{rest}</xml>"
    )
}

fn kind(incoming: &Incoming) -> &WorkEventKind {
    incoming
        .work_event()
        .unwrap_or_else(|| panic!("not a WeCom event: {incoming:?}"))
}

// ----- the URL check -----

#[test]
fn url_verification_answers_the_decrypted_echostr() {
    let endpoint = endpoint();
    assert_eq!(endpoint.mode(), SecurityMode::Work);
    assert_eq!(endpoint.crypt().unwrap().appid(), CORPID);
    // Fixed random bytes: a ciphertext with `+` and `/`, which must survive the query.
    let plain = "1616140317555161061";
    let mut echostr = String::new();
    for seed in 0u8..=255 {
        echostr = corp().encrypt_with_random(plain, [seed; 16]).unwrap();
        if echostr.contains('+') {
            break;
        }
    }
    assert!(echostr.contains('+'), "{echostr}");
    let sig = msg_signature(TOKEN, TIMESTAMP, NONCE, &echostr);
    assert_eq!(
        endpoint.verify_url(&handshake(&sig, &echostr)).unwrap(),
        plain
    );
    // A `+` left unescaped in the URL reads as a space; it is still understood.
    let raw = CallbackQuery::parse(&format!(
        "msg_signature={sig}&timestamp={TIMESTAMP}&nonce={NONCE}&echostr={echostr}"
    ));
    assert_eq!(endpoint.verify_url(&raw).unwrap(), plain);
}

#[test]
fn url_verification_refuses_what_wecom_did_not_sign() {
    let endpoint = endpoint();
    let echostr = corp().encrypt("4261531425").unwrap();
    let sig = msg_signature(TOKEN, TIMESTAMP, NONCE, &echostr);
    // A forged signature, or one over another echostr.
    for forged in [
        "0".repeat(40),
        msg_signature(TOKEN, TIMESTAMP, NONCE, "another"),
        msg_signature("another-token", TIMESTAMP, NONCE, &echostr),
    ] {
        assert!(matches!(
            endpoint.verify_url(&handshake(&forged, &echostr)),
            Err(Error::InvalidSignature)
        ));
    }
    // WeChat's plain `signature` is not enough: WeCom always signs with msg_signature.
    let plain_signed = CallbackQuery::parse(&format!(
        "signature={}&timestamp={TIMESTAMP}&nonce={NONCE}&echostr=4261531425",
        signature(TOKEN, TIMESTAMP, NONCE)
    ));
    assert!(matches!(
        endpoint.verify_url(&plain_signed),
        Err(Error::InvalidSignature)
    ));
    // Signed right, but for another corp: it does not decrypt to ours.
    let other = MessageCrypt::new(TOKEN, KEY, "wwotherother000000")
        .unwrap()
        .encrypt("4261531425")
        .unwrap();
    let other_sig = msg_signature(TOKEN, TIMESTAMP, NONCE, &other);
    assert!(matches!(
        endpoint.verify_url(&handshake(&other_sig, &other)),
        Err(Error::Decrypt(_))
    ));
    // No echostr at all.
    let none = CallbackQuery::parse(&format!(
        "msg_signature={sig}&timestamp={TIMESTAMP}&nonce={NONCE}"
    ));
    assert!(matches!(
        endpoint.verify_url(&none),
        Err(Error::InvalidInput(_))
    ));
}

#[test]
fn forged_callbacks_are_refused_before_decrypting() {
    let endpoint = endpoint();
    let (query, body) = posted(&sys_event("enter_agent", "<EventKey/>"));
    let forged = CallbackQuery::parse(&format!(
        "msg_signature={}&timestamp={TIMESTAMP}&nonce={NONCE}",
        "0".repeat(40)
    ));
    assert!(matches!(
        endpoint.receive(&forged, body.as_bytes()),
        Err(Error::InvalidSignature)
    ));
    let unsigned = CallbackQuery::parse(&format!(
        "signature={}&timestamp={TIMESTAMP}&nonce={NONCE}",
        signature(TOKEN, TIMESTAMP, NONCE)
    ));
    assert!(matches!(
        endpoint.verify_query(&unsigned),
        Err(Error::InvalidSignature)
    ));
    assert!(matches!(
        endpoint.receive(&unsigned, body.as_bytes()),
        Err(Error::InvalidSignature)
    ));
    // A plaintext body, as WeChat's plaintext mode would post it, is not accepted.
    assert!(matches!(
        endpoint.receive(&query, sys_event("enter_agent", "").as_bytes()),
        Err(Error::MalformedMessage(_))
    ));
    assert!(endpoint.receive(&query, body.as_bytes()).is_ok());
}

#[test]
fn members_messages_parse_as_wechat_messages_and_get_encrypted_replies() {
    let xml = format!(
        "<xml><ToUserName><![CDATA[{CORPID}]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[this is a test]]></Content><MsgId>1234567890123456</MsgId><AgentID>1000002</AgentID></xml>"
    );
    let endpoint = endpoint();
    let (query, body) = posted(&xml);
    let received = endpoint.receive(&query, body.as_bytes()).unwrap();
    assert!(received.encrypted);
    let incoming = &received.incoming;
    assert!(
        matches!(incoming.message(), Some(MessageKind::Text { content }) if content == "this is a test")
    );
    assert_eq!(incoming.agent_id(), Some(1000002));
    assert_eq!(incoming.field("AgentID"), Some("1000002"));
    assert_eq!(incoming.msg_id(), Some(1234567890123456));
    assert!(incoming.work_event().is_none());

    let answer = endpoint
        .respond(&received, Some(&Reply::text("received")))
        .unwrap();
    let reply = corp().decrypt_reply(&answer).unwrap();
    assert!(
        reply.contains("<ToUserName><![CDATA[zhangsan]]></ToUserName>"),
        "{reply}"
    );
    assert!(reply.contains(&format!(
        "<FromUserName><![CDATA[{CORPID}]]></FromUserName>"
    )));
    assert!(reply.contains("<Content><![CDATA[received]]></Content>"));
}

// ----- hostile input -----

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Nothing a WeCom callback carries makes the parse or the endpoint panic.
    #[test]
    fn nothing_panics(text in "\\PC{0,300}", event in "[a-z_]{0,24}", change in "[a-z_]{0,24}", body in "\\PC{0,200}") {
        let _ = Incoming::parse_work(&text);
        let xml = sys_event(&event, &format!("<ChangeType>{change}</ChangeType>{body}"));
        if let Ok(incoming) = Incoming::parse_work(&xml) {
            let _ = dedup_key(&incoming);
        }
        let (query, envelope) = posted(&xml);
        let _ = endpoint().receive(&query, envelope.as_bytes());
        let _ = endpoint().receive(&query, text.as_bytes());
    }
}
