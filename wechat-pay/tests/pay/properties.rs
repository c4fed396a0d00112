//! Property tests: what is signed verifies, what is encrypted decrypts, and nothing else does.

use proptest::prelude::*;
use wechat_pay::{
    answer_message, ApiV3Key, Authorization, Fen, OutBillNo, OutRefundNo, OutTradeNo,
    SignatureHeaders, SigningKey, Verifier, VerifyingKey,
};

use crate::fixtures::*;

fn merchant_key() -> SigningKey {
    SigningKey::from_pem(read("merchant_key.pem")).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// A request signed by the merchant verifies against the same request, and not against a
    /// changed body.
    #[test]
    fn request_sign_then_verify(
        method in prop::sample::select(vec!["GET", "POST", "PUT", "PATCH", "DELETE"]),
        path in "/v3/[a-z_/]{1,40}(\\?[a-z]{1,8}=[A-Za-z0-9]{0,12})?",
        body in prop::collection::vec(any::<u8>(), 0..300),
        timestamp in 1_000_000_000i64..4_000_000_000,
        nonce in "[0-9A-Z]{32}",
    ) {
        let key = merchant_key();
        let signer = wechat_pay::Signer::new(MCHID, MERCHANT_SERIAL, key.clone());
        let header = signer.authorization_at(method, &path, &body, timestamp, &nonce).unwrap();
        let auth = Authorization::parse(&header).unwrap();
        prop_assert_eq!(auth.timestamp, timestamp);
        prop_assert_eq!(&auth.nonce_str, &nonce);
        let public = key.verifying_key();
        prop_assert!(auth.verify(&public, method, &path, &body).is_ok());
        let mut changed = body.clone();
        changed.push(b' ');
        prop_assert!(auth.verify(&public, method, &path, &changed).is_err());
    }

    /// An answer signed by a platform key verifies through the verifier by its serial, within
    /// five minutes, and not with one byte changed.
    #[test]
    fn answer_sign_then_verify(
        body in prop::collection::vec(any::<u8>(), 0..300),
        nonce in "[0-9a-f]{32}",
        skew in -300i64..=300,
        flip in any::<prop::sample::Index>(),
    ) {
        let platform = SigningKey::from_pem(read("platform_key.pem")).unwrap();
        let verifier = Verifier::new(
            vec![wechat_pay::Certificate::from_pem(read("platform_cert.pem")).unwrap()],
            None,
        );
        let ts = "1722850421";
        let signature = platform.sign(&answer_message(ts, &nonce, &body)).unwrap();
        let h = SignatureHeaders::from_fn(|name| match name {
            "Wechatpay-Timestamp" => Some(ts),
            "Wechatpay-Nonce" => Some(nonce.as_str()),
            "Wechatpay-Signature" => Some(signature.as_str()),
            "Wechatpay-Serial" => Some(PLATFORM_SERIAL),
            _ => None,
        }).unwrap();
        prop_assert!(verifier.verify_at(&h, &body, 1722850421 + skew).is_ok());
        if !body.is_empty() {
            let mut changed = body.clone();
            changed[flip.index(body.len())] ^= 0x80;
            prop_assert!(verifier.verify_at(&h, &changed, 1722850421).is_err());
        }
    }

    /// AES-256-GCM: encrypt then decrypt gives the plaintext back; another key or associated
    /// data does not.
    #[test]
    fn aes_gcm_encrypt_then_decrypt(
        key in prop::array::uniform32(any::<u8>()),
        other in prop::array::uniform32(any::<u8>()),
        nonce in "[0-9a-zA-Z]{12}",
        aad in "[a-z_]{0,16}",
        plaintext in prop::collection::vec(any::<u8>(), 0..2000),
    ) {
        let k = ApiV3Key::new(key).unwrap();
        let c = k.encrypt(&aad, &nonce, &plaintext).unwrap();
        prop_assert_eq!(k.decrypt(&aad, &nonce, &c).unwrap(), plaintext);
        if other != key {
            let o = ApiV3Key::new(other).unwrap();
            prop_assert!(o.decrypt(&aad, &nonce, &c).is_err());
        }
        let other_aad = format!("{aad}x");
        prop_assert!(k.decrypt(other_aad, &nonce, &c).is_err());
    }

    /// Amounts: yuan strings round-trip through fen exactly.
    #[test]
    fn fen_yuan_round_trip(fen in 0u64..10_000_000_000_000) {
        let f = Fen::new(fen);
        prop_assert_eq!(Fen::from_yuan_str(&f.to_yuan_string()).unwrap(), f);
    }

    /// Identifiers made of allowed characters and lengths are accepted; with one other
    /// character they are refused.
    #[test]
    fn identifiers_follow_their_rules(
        trade in "[0-9a-zA-Z_|*-]{6,32}",
        refund in "[0-9a-zA-Z_|*@-]{1,64}",
        bill in "[0-9a-zA-Z]{1,32}",
        bad in "[#$%&+=/.:;,!? ~^()\\[\\]{}\"'<>\\\\]",
    ) {
        prop_assert!(OutTradeNo::new(trade.clone()).is_ok());
        prop_assert!(OutRefundNo::new(refund.clone()).is_ok());
        prop_assert!(OutBillNo::new(bill.clone()).is_ok());
        let bad_trade = format!("{}{bad}", &trade[1..]);
        let bad_refund = format!("{bad}{}", &refund[1..]);
        let bad_bill = format!("{}{bad}", &bill[1..]);
        prop_assert!(OutTradeNo::new(bad_trade).is_err());
        prop_assert!(OutRefundNo::new(bad_refund).is_err());
        prop_assert!(OutBillNo::new(bad_bill).is_err());
    }
}

proptest! {
    // RSA decryption in a debug build is slow: fewer cases.
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    /// RSA-OAEP: encrypt with the public key, decrypt with the private key.
    #[test]
    fn oaep_encrypt_then_decrypt(plaintext in "\\PC{0,60}") {
        let key = VerifyingKey::from_pem(read("pubkey.pem")).unwrap();
        let c = key.encrypt_oaep(&plaintext).unwrap();
        prop_assert_eq!(crate::crypto::oaep_decrypt("pubkey_key.pem", &c), plaintext.as_bytes());
    }
}
