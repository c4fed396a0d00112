//! Notifications (signed, encrypted, retried on simulated time, sometimes twice), platform
//! certificates, bills.

use std::{io::Read as _, time::Duration};

use sha1::{Digest as _, Sha1};
use wechat_simulator::PaySignMode;

use super::{pay_sim, Receiver, API_V3_KEY, APPID, MCHID, OPENID};

#[tokio::test]
async fn paying_pushes_a_signed_encrypted_transaction_success() {
    let pay = pay_sim().await;
    pay.sim.set_pay_duplicate_rate(0.0);
    let mut receiver = Receiver::start(200).await;
    pay.jsapi("ORDER_2026-0100", 888, &receiver.url).await;
    let transaction_id = pay
        .sim
        .pay_transaction(MCHID, "ORDER_2026-0100", None)
        .await
        .unwrap();

    let notification = receiver.next().await;
    assert_eq!(
        notification.headers["Wechatpay-Serial"],
        pay.public_key_id.as_str()
    );
    assert_eq!(
        notification.headers["Wechatpay-Signature-Type"],
        "WECHATPAY2-SHA256-RSA2048"
    );
    let (body, transaction) = pay.open(&notification);
    assert_eq!(body["event_type"], "TRANSACTION.SUCCESS");
    assert_eq!(body["resource_type"], "encrypt-resource");
    assert_eq!(body["resource"]["original_type"], "transaction");
    assert_eq!(body["resource"]["associated_data"], "transaction");
    assert_eq!(transaction["transaction_id"], transaction_id);
    assert_eq!(transaction["out_trade_no"], "ORDER_2026-0100");
    assert_eq!(transaction["mchid"], MCHID);
    assert_eq!(transaction["appid"], APPID);
    assert_eq!(transaction["trade_state"], "SUCCESS");
    assert_eq!(transaction["payer"]["openid"], OPENID);
    assert_eq!(transaction["amount"]["total"], 888);

    // The query agrees with the notification.
    let queried = pay
        .get(&format!(
            "/v3/pay/transactions/id/{transaction_id}?mchid={MCHID}"
        ))
        .await
        .json();
    assert_eq!(queried, transaction);

    let outcomes = pay.sim.pay_notifications();
    assert_eq!(outcomes.len(), 1);
    assert_eq!(outcomes[0].event_type, "TRANSACTION.SUCCESS");
    assert_eq!(outcomes[0].id, body["id"]);
    assert_eq!((outcomes[0].attempt, outcomes[0].status), (1, Some(200)));
    assert!(outcomes[0].delivered() && !outcomes[0].duplicate);

    // In certificate mode, the certificate signs notifications too.
    pay.sim.set_pay_sign_mode(PaySignMode::Certificate);
    pay.jsapi("ORDER_2026-0101", 1, &receiver.url).await;
    pay.sim
        .pay_transaction(MCHID, "ORDER_2026-0101", Some("o-other"))
        .await
        .unwrap();
    let notification = receiver.next().await;
    assert_eq!(
        notification.headers["Wechatpay-Serial"],
        pay.certificate_serial.as_str()
    );
    let (_, transaction) = pay.open(&notification);
    assert_eq!(transaction["payer"]["openid"], "o-other");
}

#[tokio::test]
async fn a_failing_receiver_is_retried_as_the_simulated_clock_passes_each_retry() {
    let pay = pay_sim().await;
    pay.sim.set_pay_duplicate_rate(0.0);
    let mut receiver = Receiver::start(500).await;
    pay.jsapi("ORDER_2026-0200", 100, &receiver.url).await;
    pay.sim
        .pay_transaction(MCHID, "ORDER_2026-0200", None)
        .await
        .unwrap();
    let first = receiver.next().await;
    assert_eq!(pay.sim.pay_notifications()[0].status, Some(500));

    // The first retry is due 15 s later: not yet at 10 s.
    pay.sim.advance_clock(Duration::from_secs(10)).await;
    assert_eq!(pay.sim.pay_notifications().len(), 1);
    assert!(receiver.drain().is_empty());

    receiver.answer(204);
    pay.sim.advance_clock(Duration::from_secs(5)).await;
    let retry = receiver.next().await;
    assert_eq!(
        retry.body, first.body,
        "a retry sends the same notification"
    );
    pay.open(&retry);
    let outcomes = pay.sim.pay_notifications();
    assert_eq!(outcomes.len(), 2);
    assert_eq!((outcomes[1].attempt, outcomes[1].status), (2, Some(204)));
    assert!(outcomes[1].delivered());

    // Delivered: nothing more, however far the clock goes.
    pay.sim.advance_clock(Duration::from_secs(86_400)).await;
    assert_eq!(pay.sim.pay_notifications().len(), 2);

    // A receiver that never takes it gets every retry of the schedule (15 of them) once the
    // clock has passed them all: 24h4m.
    receiver.answer(503);
    pay.jsapi("ORDER_2026-0201", 100, &receiver.url).await;
    pay.sim
        .pay_transaction(MCHID, "ORDER_2026-0201", None)
        .await
        .unwrap();
    pay.sim
        .advance_clock(Duration::from_secs(24 * 3600 + 4 * 60))
        .await;
    let attempts: Vec<u32> = pay
        .sim
        .pay_notifications()
        .iter()
        .filter(|o| o.status == Some(503))
        .map(|o| o.attempt)
        .collect();
    assert_eq!(attempts, (1..=16).collect::<Vec<_>>());
    assert_eq!(receiver.drain().len(), 16);
}

#[tokio::test]
async fn a_duplicate_rate_of_one_delivers_each_notification_twice() {
    let pay = pay_sim().await;
    pay.sim.set_pay_duplicate_rate(1.0);
    let mut receiver = Receiver::start(200).await;
    pay.jsapi("ORDER_2026-0300", 100, &receiver.url).await;
    pay.sim
        .pay_transaction(MCHID, "ORDER_2026-0300", None)
        .await
        .unwrap();
    let first = receiver.next().await;
    let second = receiver.next().await;
    assert_eq!(first.body, second.body);
    pay.open(&second);
    let outcomes = pay.sim.pay_notifications();
    assert_eq!(outcomes.len(), 2);
    assert!(!outcomes[0].duplicate && outcomes[1].duplicate);
    assert_eq!(outcomes[0].id, outcomes[1].id);
}

#[tokio::test]
async fn certificates_decrypt_to_the_sandbox_certificate() {
    let pay = pay_sim().await;
    let answer = pay.get("/v3/certificates").await;
    assert_eq!(answer.status, 200);
    let certificates = wechat_pay::ApiV3Key::new(API_V3_KEY)
        .unwrap()
        .decrypt_certificates(&answer.body)
        .unwrap();
    assert_eq!(certificates.len(), 1);
    assert_eq!(certificates[0].serial(), pay.certificate_serial);
    let entry = &answer.json()["data"][0];
    assert_eq!(
        entry["encrypt_certificate"]["algorithm"],
        "AEAD_AES_256_GCM"
    );
    assert_eq!(
        entry["encrypt_certificate"]["associated_data"],
        "certificate"
    );
    assert!(entry["expire_time"].as_str().unwrap().ends_with("+08:00"));
}

#[tokio::test]
async fn bills_come_with_their_sha1_and_list_the_day() {
    let pay = pay_sim().await;
    pay.sim.set_pay_duplicate_rate(0.0);
    let receiver = Receiver::start(200).await;
    pay.jsapi("ORDER_2026-0400", 1234, &receiver.url).await;
    let transaction_id = pay
        .sim
        .pay_transaction(MCHID, "ORDER_2026-0400", None)
        .await
        .unwrap();
    let paid = pay
        .get(&format!(
            "/v3/pay/transactions/id/{transaction_id}?mchid={MCHID}"
        ))
        .await
        .json();
    let day = &paid["success_time"].as_str().unwrap()[..10];

    let answer = pay
        .get(&format!(
            "/v3/bill/tradebill?bill_date={day}&bill_type=ALL&tar_type=GZIP"
        ))
        .await;
    assert_eq!(answer.status, 200, "{}", answer.json());
    let bill = answer.json();
    assert_eq!(bill["hash_type"], "SHA1");
    let url = bill["download_url"].as_str().unwrap();
    let path = url
        .strip_prefix(&pay.sim.pay_base_url())
        .expect("on the sandbox");
    assert!(path.starts_with("/v3/billdownload/file?token="));
    let file = pay.get(path).await;
    assert_eq!(file.status, 200);
    let mut text = String::new();
    flate2::read::GzDecoder::new(&file.body[..])
        .read_to_string(&mut text)
        .unwrap();
    // The digest is of the bill, after gunzip, as WeChat Pay documents.
    let digest: String = Sha1::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(digest, bill["hash_value"]);
    assert!(text.contains(&format!("`{transaction_id}")), "{text}");
    assert!(text.contains("`ORDER_2026-0400"));
    assert!(text.contains("`12.34"));

    // Uncompressed, the fund-flow bill: the payment as income.
    let answer = pay
        .get(&format!(
            "/v3/bill/fundflowbill?bill_date={day}&account_type=BASIC"
        ))
        .await;
    let bill = answer.json();
    let path = bill["download_url"]
        .as_str()
        .unwrap()
        .strip_prefix(&pay.sim.pay_base_url())
        .unwrap()
        .to_owned();
    let file = pay.get(&path).await;
    let digest: String = Sha1::digest(&file.body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(digest, bill["hash_value"]);
    let text = String::from_utf8(file.body.to_vec()).unwrap();
    assert!(text.contains("`收入") && text.contains("`12.34"), "{text}");

    // Bad dates and types.
    let answer = pay.get("/v3/bill/tradebill?bill_date=2026-02-30").await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (400, "PARAM_ERROR")
    );
    let answer = pay
        .get(&format!("/v3/bill/tradebill?bill_date={day}&tar_type=ZIP"))
        .await;
    assert_eq!(answer.status, 400);
    let answer = pay.get("/v3/billdownload/file?token=nope").await;
    assert_eq!(answer.status, 400);
}
