//! `PayClient::notification`: verified, then decrypted, then typed; and what is refused.

use reqwest::header::HeaderValue;
use wechat_runtime::pay::notify::{PayEvent, Rejection};
use wechat_runtime::pay::refunds::RefundStatus;
use wechat_runtime::pay::transactions::TradeState;
use wechat_runtime::pay::{ApiV3Key, Fen, VerifiedBy};
use wechat_runtime::Error;

use super::{
    body, body_with, client, fixture, now, sign, sign_at, Key, REFUND, TRANSACTION, TRANSFER_BILL,
};

#[tokio::test]
async fn transaction_success_is_typed() {
    let pay = client(true, true);
    let body = body("TRANSACTION.SUCCESS", "transaction", TRANSACTION);
    let n = pay
        .notification(&sign(body.as_bytes(), Key::Certificate), body.as_bytes())
        .await
        .unwrap();
    assert_eq!(n.id, "EV-TRANSACTION.SUCCESS");
    assert_eq!(n.event_type, "TRANSACTION.SUCCESS");
    assert_eq!(n.resource_type, "encrypt-resource");
    assert_eq!(n.create_time, "2024-01-01T12:00:05+08:00");
    assert_eq!(n.summary, "摘要");
    let PayEvent::TransactionSuccess(t) = n.event else {
        panic!("{:?}", n.event)
    };
    assert_eq!(t.out_trade_no, "1217752501201407033233368018");
    assert_eq!(
        t.transaction_id.as_deref(),
        Some("4200000000202401010000000001")
    );
    assert_eq!(t.trade_state, TradeState::Success);
    assert_eq!(t.amount.unwrap().total, Fen::new(100));
    assert_eq!(t.payer.unwrap().openid, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
}

/// The fixture OpenSSL sealed (`wechat-pay/tests/fixtures/generate.sh`), independently of this
/// code; signed here with the current time.
#[tokio::test]
async fn the_openssl_sealed_fixture_decrypts() {
    let pay = client(true, false);
    let body = fixture("notification.json");
    let body = body.strip_suffix(b"\n").unwrap_or(&body);
    let n = pay
        .notification(&sign(body, Key::Certificate), body)
        .await
        .unwrap();
    assert_eq!(n.id, "EV-2018022511223320873");
    assert_eq!(n.summary, "支付成功");
    assert!(
        matches!(n.event, PayEvent::TransactionSuccess(ref t) if t.trade_state == TradeState::Success),
        "{n:?}"
    );
}

#[tokio::test]
async fn refund_events_are_typed() {
    let pay = client(true, true);
    for (event_type, status, expected) in [
        ("REFUND.SUCCESS", "SUCCESS", RefundStatus::Success),
        ("REFUND.ABNORMAL", "ABNORMAL", RefundStatus::Abnormal),
        ("REFUND.CLOSED", "CLOSED", RefundStatus::Closed),
    ] {
        let body = body(event_type, "refund", &REFUND.replace("STATUS", status));
        let n = pay
            .notification(&sign(body.as_bytes(), Key::PublicKey), body.as_bytes())
            .await
            .unwrap();
        let refund = match n.event {
            PayEvent::RefundSuccess(r) if event_type == "REFUND.SUCCESS" => r,
            PayEvent::RefundAbnormal(r) if event_type == "REFUND.ABNORMAL" => r,
            PayEvent::RefundClosed(r) if event_type == "REFUND.CLOSED" => r,
            other => panic!("{event_type}: {other:?}"),
        };
        assert_eq!(refund.refund_status, expected);
        assert_eq!(refund.out_refund_no, "R1217752501201407033233368018");
        assert_eq!(refund.amount.refund, Fen::new(40));
    }
}

#[tokio::test]
async fn transfer_bill_finished_is_typed() {
    let pay = client(true, true);
    let body = body("MCHTRANSFER.BILL.FINISHED", "mch_payment", TRANSFER_BILL);
    let n = pay
        .notification(&sign(body.as_bytes(), Key::PublicKey), body.as_bytes())
        .await
        .unwrap();
    let PayEvent::TransferBillFinished(bill) = n.event else {
        panic!("{:?}", n.event)
    };
    assert_eq!(bill.out_bill_no, "plfk2020042013");
    assert_eq!(
        bill.transfer_bill_no,
        "1330000071100999991182020050700019480001"
    );
    assert_eq!(bill.state.as_str(), "SUCCESS");
}

#[tokio::test]
async fn an_unknown_event_keeps_its_decrypted_json() {
    let pay = client(true, true);
    let body = body(
        "PROFITSHARING.SUCCESS",
        "profitsharing",
        r#"{"order_id":"3008450740201411110007820472","amount":{"n":1}}"#,
    );
    let n = pay
        .notification(&sign(body.as_bytes(), Key::Certificate), body.as_bytes())
        .await
        .unwrap();
    assert_eq!(
        n.event,
        PayEvent::Unknown {
            event_type: "PROFITSHARING.SUCCESS".into(),
            original_type: Some("profitsharing".into()),
            resource: serde_json::json!({"order_id": "3008450740201411110007820472", "amount": {"n": 1}}),
        }
    );
}

/// During a switch from certificates to the public key, WeChat Pay signs with either.
#[tokio::test]
async fn certificate_and_public_key_signatures_are_both_accepted() {
    let pay = client(true, true);
    let body = body("TRANSACTION.SUCCESS", "transaction", TRANSACTION);
    let by_certificate = pay
        .notification(&sign(body.as_bytes(), Key::Certificate), body.as_bytes())
        .await
        .unwrap();
    let by_public_key = pay
        .notification(&sign(body.as_bytes(), Key::PublicKey), body.as_bytes())
        .await
        .unwrap();
    assert!(matches!(
        by_certificate.verified_by,
        VerifiedBy::Certificate { .. }
    ));
    assert!(matches!(
        by_public_key.verified_by,
        VerifiedBy::PublicKey { .. }
    ));
    assert_eq!(by_certificate.event, by_public_key.event);

    // A client with one kind refuses the other.
    let only_public_key = client(false, true);
    let err = only_public_key
        .notification(&sign(body.as_bytes(), Key::Certificate), body.as_bytes())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Pay(wechat_runtime::pay::Error::UnknownSerial { .. })
        ),
        "{err}"
    );
}

fn status(err: &Error) -> u16 {
    Rejection::of(err).status
}

#[tokio::test]
async fn refused_before_the_handler_sees_anything() {
    use wechat_runtime::pay::Error as Pay;
    let pay = client(true, true);
    let good = body("TRANSACTION.SUCCESS", "transaction", TRANSACTION);
    let good = good.as_bytes();

    // The probe.
    let mut headers = sign(good, Key::Certificate);
    headers.insert(
        "Wechatpay-Signature",
        HeaderValue::from_static("WECHATPAY/SIGNTEST/dGVzdA=="),
    );
    let err = pay.notification(&headers, good).await.unwrap_err();
    assert!(matches!(err, Error::Pay(Pay::SignatureProbe)), "{err}");
    assert_eq!(status(&err), 401);

    // One byte changed after signing.
    let headers = sign(good, Key::PublicKey);
    let forged = String::from_utf8(good.to_vec())
        .unwrap()
        .replace("EV-", "EW-");
    let err = pay
        .notification(&headers, forged.as_bytes())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Pay(Pay::BadSignature { .. })), "{err}");
    assert_eq!(status(&err), 401);

    // Signed ten minutes ago, and ten minutes ahead.
    for skew in [-600, 600] {
        let headers = sign_at(good, Key::Certificate, now() + skew);
        let err = pay.notification(&headers, good).await.unwrap_err();
        assert!(
            matches!(err, Error::Pay(Pay::StaleTimestamp { .. })),
            "{err}"
        );
        assert_eq!(status(&err), 401);
    }

    // Each signature header missing.
    for name in [
        "Wechatpay-Timestamp",
        "Wechatpay-Nonce",
        "Wechatpay-Signature",
        "Wechatpay-Serial",
    ] {
        let mut headers = sign(good, Key::Certificate);
        headers.remove(name);
        let err = pay.notification(&headers, good).await.unwrap_err();
        assert!(
            matches!(err, Error::Pay(Pay::MissingHeader { name: n }) if n == name),
            "{err}"
        );
        assert_eq!(status(&err), 401);
    }

    // A public key id this client does not have (no fetch for those).
    let mut headers = sign(good, Key::PublicKey);
    headers.insert(
        "Wechatpay-Serial",
        HeaderValue::from_static("PUB_KEY_ID_0000000000000000000000000001"),
    );
    let err = pay.notification(&headers, good).await.unwrap_err();
    assert!(
        matches!(err, Error::Pay(Pay::UnknownSerial { .. })),
        "{err}"
    );
    assert_eq!(status(&err), 401);

    // A tampered ciphertext, signed (so only the GCM tag can tell).
    let mut envelope: serde_json::Value = serde_json::from_slice(good).unwrap();
    let ciphertext = envelope["resource"]["ciphertext"]
        .as_str()
        .unwrap()
        .to_owned();
    let flipped = if ciphertext.starts_with('A') {
        "B"
    } else {
        "A"
    };
    envelope["resource"]["ciphertext"] = format!("{flipped}{}", &ciphertext[1..]).into();
    let tampered = envelope.to_string();
    let err = pay
        .notification(
            &sign(tampered.as_bytes(), Key::Certificate),
            tampered.as_bytes(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Pay(Pay::Decrypt)), "{err}");
    assert_eq!(status(&err), 400);

    // Tampered associated data.
    let mut envelope: serde_json::Value = serde_json::from_slice(good).unwrap();
    envelope["resource"]["associated_data"] = "refund".into();
    let tampered = envelope.to_string();
    let err = pay
        .notification(
            &sign(tampered.as_bytes(), Key::Certificate),
            tampered.as_bytes(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Pay(Pay::Decrypt)), "{err}");

    // Sealed with another merchant's APIv3 key.
    let other = ApiV3Key::new("anotherMerchantsApiV3Key01234567").unwrap();
    let wrong_key = body_with(&other, "TRANSACTION.SUCCESS", "transaction", TRANSACTION);
    let err = pay
        .notification(
            &sign(wrong_key.as_bytes(), Key::PublicKey),
            wrong_key.as_bytes(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Pay(Pay::Decrypt)), "{err}");
    assert_eq!(status(&err), 400);
    assert!(!format!("{err} {err:?}").contains("wechatpayTestApiV3Key"));

    // Not a notification, though signed.
    for junk in [
        &b"not json"[..],
        b"{}",
        br#"{"id":"x","create_time":"t","event_type":"E","resource":{"algorithm":"AEAD_AES_128"}}"#,
    ] {
        let err = pay
            .notification(&sign(junk, Key::Certificate), junk)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Pay(Pay::Decode { .. })), "{err}");
        assert_eq!(status(&err), 400);
    }

    // A typed event whose resource is not that type, though sealed and signed.
    let body = body(
        "TRANSACTION.SUCCESS",
        "transaction",
        r#"{"trade_state": 5}"#,
    );
    let err = pay
        .notification(&sign(body.as_bytes(), Key::Certificate), body.as_bytes())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Pay(Pay::Decode { .. })), "{err}");
    assert_eq!(status(&err), 400);
}

/// A new certificate serial fetches `/v3/certificates`; when WeChat Pay cannot be reached the
/// notification is answered 500 (try again), not refused as forged.
#[tokio::test]
async fn a_failed_certificate_fetch_is_not_a_forgery() {
    let pay = client(true, false);
    let good = body("TRANSACTION.SUCCESS", "transaction", TRANSACTION);
    let mut headers = sign(good.as_bytes(), Key::Certificate);
    headers.insert(
        "Wechatpay-Serial",
        HeaderValue::from_static("0123456789ABCDEF"),
    );
    let err = pay
        .notification(&headers, good.as_bytes())
        .await
        .unwrap_err();
    assert_eq!(status(&err), 500, "{err}");
}

#[test]
fn rejections_echo_nothing() {
    use wechat_runtime::pay::Error as Pay;
    for err in [
        Pay::SignatureProbe,
        Pay::BadSignature {
            serial: "SECRET-SERIAL".into(),
        },
        Pay::StaleTimestamp {
            timestamp: 1,
            now: 2,
        },
        Pay::UnknownSerial {
            serial: "SECRET-SERIAL".into(),
        },
        Pay::MissingHeader {
            name: "Wechatpay-Nonce",
        },
        Pay::Decrypt,
        Pay::Decode {
            what: "x",
            reason: "SECRET-SERIAL".into(),
        },
    ] {
        let rejection = Rejection::of(&Error::Pay(err));
        let body: serde_json::Value = serde_json::from_str(&rejection.body()).unwrap();
        assert_eq!(body["code"], "FAIL");
        let message = body["message"].as_str().unwrap();
        assert!(!message.is_empty() && message.chars().count() <= 64);
        assert!(!message.contains("SECRET"));
        assert!((400..500).contains(&rejection.status));
    }
}
