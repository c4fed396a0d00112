//! Property tests: encryption round-trips, and nothing WeChat (or an attacker) can send makes the
//! decrypt-and-parse path panic.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use proptest::prelude::*;
use wechat_runtime::callback::{
    msg_signature, CallbackQuery, Endpoint, Incoming, MessageCrypt, MessageKind, Reply,
};
use wechat_runtime::Error;

use super::vectors::{APPID, KEY, TOKEN};

const TEXT: &str = "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content><MsgId>6046447361451147292</MsgId></xml>";

/// Every kind of callback, to mutate.
const SAMPLES: &[&str] = &[
    TEXT,
    "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[pic_weixin]]></Event><EventKey><![CDATA[6]]></EventKey><SendPicsInfo><Count>1</Count><PicList><item><PicMd5Sum><![CDATA[abc]]></PicMd5Sum></item></PicList></SendPicsInfo></xml>",
    "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[MASSSENDJOBFINISH]]></Event><MsgID>1</MsgID><Status>ok</Status><CopyrightCheckResult><Count>1</Count><ResultList><item><ArticleIdx>1</ArticleIdx></item></ResultList><CheckState>1</CheckState></CopyrightCheckResult></xml>",
    "<xml><AppId>wxc</AppId><CreateTime>1</CreateTime><InfoType>component_verify_ticket</InfoType><ComponentVerifyTicket>t</ComponentVerifyTicket></xml>",
    "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[location]]></MsgType><Location_X>23.1</Location_X><Location_Y>113.3</Location_Y><Scale>20</Scale><Label><![CDATA[x]]></Label></xml>",
];

fn crypt(appid: &str) -> MessageCrypt {
    MessageCrypt::new(TOKEN, KEY, appid).unwrap()
}

fn safe() -> Endpoint {
    Endpoint::safe(TOKEN, KEY, APPID).unwrap()
}

/// Receives `encrypt` as a correctly signed safe-mode callback.
fn receive(encrypt: &str) -> Result<Incoming, Error> {
    let query = CallbackQuery::parse(&format!(
        "timestamp=1409304348&nonce=xxxxxx&encrypt_type=aes&msg_signature={}",
        msg_signature(TOKEN, "1409304348", "xxxxxx", encrypt)
    ));
    let body = format!("<xml><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>");
    safe().receive(&query, body.as_bytes()).map(|r| r.incoming)
}

/// Characters XML allows, the markup ones often, without the line ends a parser normalizes
/// (`\r`; quick-xml also turns XML 1.1's NEL `\u{85}` and LSEP `\u{2028}` into `\n`).
fn xml_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop_oneof![
            Just(']'),
            Just('>'),
            Just('<'),
            Just('&'),
            Just('\t'),
            Just('\n')
        ],
        proptest::char::range('\u{20}', '\u{7E}'),
        proptest::char::range('\u{A0}', '\u{2027}'),
        proptest::char::range('\u{2029}', '\u{D7FF}'),
        proptest::char::range('\u{E000}', '\u{FFFD}'),
        proptest::char::range('\u{10000}', '\u{10FFFF}'),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        // Report a failing case; do not write regression files into the tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn encrypt_then_decrypt_round_trips(message in any::<String>(), appid in "[A-Za-z0-9_]{1,40}") {
        let crypt = crypt(&appid);
        let encrypted = crypt.encrypt(&message).unwrap();
        prop_assert_eq!(STANDARD.decode(&encrypted).unwrap().len() % 32, 0);
        prop_assert_eq!(crypt.decrypt(&encrypted).unwrap(), message);
    }

    #[test]
    fn encrypted_reply_round_trips(message in any::<String>(), timestamp in "[0-9]{1,10}", nonce in "[A-Za-z0-9]{1,32}") {
        let crypt = crypt(APPID);
        let envelope = crypt.encrypt_reply(&message, &timestamp, &nonce).unwrap();
        prop_assert_eq!(crypt.decrypt_reply(&envelope).unwrap(), message);
    }

    #[test]
    fn another_appid_is_refused(message in any::<String>(), appid in "[A-Za-z0-9_]{1,40}") {
        prop_assume!(appid != APPID);
        let encrypted = crypt(&appid).encrypt(&message).unwrap();
        prop_assert!(matches!(crypt(APPID).decrypt(&encrypted), Err(Error::Decrypt(_))));
    }

    #[test]
    fn text_replies_read_back(content in proptest::collection::vec(xml_char(), 0..200)) {
        let content: String = content.into_iter().collect();
        let xml = Reply::text(content.clone()).to_xml_addressed("o1", "gh_1", 1).unwrap();
        let Incoming::Message(message) = Incoming::parse(&xml).unwrap() else {
            panic!("{xml}")
        };
        prop_assert_eq!(message.kind, MessageKind::Text { content });
    }

    #[test]
    fn random_ciphertexts_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let result = receive(&STANDARD.encode(&bytes));
        prop_assert!(result.is_err() || bytes.len() % 16 == 0);
    }

    #[test]
    fn random_text_as_ciphertext_never_panics(text in any::<String>()) {
        let _ = receive(&text);
        let _ = crypt(APPID).decrypt(&text);
    }

    #[test]
    fn mutated_ciphertexts_never_panic(
        sample in 0..SAMPLES.len(),
        flips in proptest::collection::vec((any::<usize>(), 1..=255u8), 1..8),
    ) {
        let encrypted = crypt(APPID).encrypt(SAMPLES[sample]).unwrap();
        let mut raw = STANDARD.decode(&encrypted).unwrap();
        let len = raw.len();
        for (at, mask) in &flips {
            raw[at % len] ^= mask;
        }
        // Flipped bits scramble a block and flip the next: anything may come out but a panic.
        let _ = receive(&STANDARD.encode(&raw));
    }

    #[test]
    fn truncated_or_extended_ciphertexts_never_panic(
        sample in 0..SAMPLES.len(),
        keep in any::<usize>(),
        extra in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let encrypted = crypt(APPID).encrypt(SAMPLES[sample]).unwrap();
        let mut raw = STANDARD.decode(&encrypted).unwrap();
        raw.truncate(keep % (raw.len() + 1));
        raw.extend_from_slice(&extra);
        let _ = receive(&STANDARD.encode(&raw));
    }

    #[test]
    fn random_xml_never_panics(xml in any::<String>()) {
        let _ = Incoming::parse(&xml);
    }

    #[test]
    fn tag_soup_never_panics(parts in proptest::collection::vec(
        prop_oneof![
            Just("<xml>".to_owned()), Just("</xml>".to_owned()), Just("<![CDATA[".to_owned()),
            Just("]]>".to_owned()), Just("<MsgType>".to_owned()), Just("</MsgType>".to_owned()),
            Just("<!DOCTYPE x [<!ENTITY e \"e\">]>".to_owned()), Just("&e;".to_owned()),
            Just("&amp;".to_owned()), Just("&#0;".to_owned()), Just("&#x110000;".to_owned()),
            Just("<List>".to_owned()), Just("</List>".to_owned()), Just("<item>".to_owned()),
            Just("<?xml version=\"1.0\"?>".to_owned()), Just("<!--".to_owned()), Just("-->".to_owned()),
            "[a-zA-Z0-9_ <>/=\"']{0,12}",
        ],
        0..40,
    )) {
        let _ = Incoming::parse(&parts.concat());
    }

    #[test]
    fn mutated_xml_never_panics(
        sample in 0..SAMPLES.len(),
        edits in proptest::collection::vec((any::<usize>(), 0..3u8, any::<char>()), 1..10),
    ) {
        let mut chars: Vec<char> = SAMPLES[sample].chars().collect();
        for (at, op, c) in edits {
            let at = at % (chars.len() + 1);
            match op {
                0 => chars.insert(at, c),
                1 if at < chars.len() => { chars.remove(at); }
                _ if at < chars.len() => chars[at] = c,
                _ => {}
            }
        }
        let xml: String = chars.into_iter().collect();
        let _ = Incoming::parse(&xml);
        // And through the encrypted path.
        let _ = receive(&crypt(APPID).encrypt(&xml).unwrap());
    }

    #[test]
    fn random_bodies_never_panic(body in proptest::collection::vec(any::<u8>(), 0..400), encrypted in any::<bool>()) {
        let query = if encrypted {
            "timestamp=1&nonce=n&encrypt_type=aes&msg_signature=x".to_owned()
        } else {
            format!("signature={}&timestamp=1&nonce=n", wechat_runtime::callback::signature(TOKEN, "1", "n"))
        };
        let query = CallbackQuery::parse(&query);
        let _ = safe().receive(&query, &body);
        let _ = Endpoint::plaintext(TOKEN).unwrap().receive(&query, &body);
        let _ = Endpoint::compatible(TOKEN, KEY, APPID).unwrap().receive(&query, &body);
    }
}
