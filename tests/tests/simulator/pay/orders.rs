//! Signatures both ways, prepay, query and close.

use serde_json::json;
use wechat_simulator::PaySignMode;

use super::{jsapi_order, pay_sim, APPID, MCHID};
use crate::common::client;

const NOTIFY: &str = "https://example.com/wxpay/notify";

#[tokio::test]
async fn a_signed_prepay_is_accepted_and_its_answer_verifies_in_each_sign_mode() {
    let pay = pay_sim().await;
    // The default: the WeChat Pay public key.
    let answer = pay
        .post(
            "/v3/pay/transactions/jsapi",
            &jsapi_order("ORDER_2026-0001", 100, NOTIFY),
        )
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.signed_by, pay.public_key_id);
    assert!(answer.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let prepay_id = answer.json()["prepay_id"].as_str().unwrap().to_owned();
    assert!(
        prepay_id.starts_with("wx") && prepay_id.len() == 36,
        "{prepay_id}"
    );

    // The request is recorded as sent.
    let recorded = pay.sim.requests().pop().unwrap();
    assert_eq!(recorded.method, "POST");
    assert_eq!(recorded.path, "/v3/pay/transactions/jsapi");
    assert_eq!(
        recorded.json().unwrap(),
        jsapi_order("ORDER_2026-0001", 100, NOTIFY)
    );

    pay.sim.set_pay_sign_mode(PaySignMode::Certificate);
    let answer = pay
        .get(&format!(
            "/v3/pay/transactions/out-trade-no/ORDER_2026-0001?mchid={MCHID}"
        ))
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.signed_by, pay.certificate_serial);
    assert_eq!(answer.json()["trade_state"], "NOTPAY");
    let recorded = pay.sim.requests().pop().unwrap();
    assert_eq!(recorded.query_param("mchid"), Some(MCHID));

    // A switch signs with either, each verifying.
    pay.sim.set_pay_sign_mode(PaySignMode::Switch);
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..40 {
        let answer = pay
            .get(&format!(
                "/v3/pay/transactions/out-trade-no/ORDER_2026-0001?mchid={MCHID}"
            ))
            .await;
        seen.insert(answer.signed_by);
    }
    assert_eq!(seen.len(), 2, "both keys sign during a switch: {seen:?}");
}

#[tokio::test]
async fn a_bad_signature_is_refused_with_sign_error() {
    let pay = pay_sim().await;
    let body = jsapi_order("ORDER_2026-0002", 100, NOTIFY);
    let signed = pay
        .signer
        .authorization(
            "POST",
            "/v3/pay/transactions/jsapi",
            body.to_string().as_bytes(),
        )
        .unwrap();
    // One byte changed after signing.
    let tampered = body.to_string().replace("100", "101");
    let url = format!("{}/v3/pay/transactions/jsapi", pay.sim.pay_base_url());
    let answer = pay
        .send(
            client()
                .post(&url)
                .header("Authorization", &signed)
                .body(tampered),
        )
        .await;
    assert_eq!(answer.status, 401);
    assert_eq!(answer.code(), "SIGN_ERROR");
    assert_eq!(answer.json()["detail"]["field"], "signature");
    assert_eq!(
        pay.sim.pay_transaction_state(MCHID, "ORDER_2026-0002"),
        None
    );

    // No Authorization at all.
    let answer = pay.send(client().post(&url).body(body.to_string())).await;
    assert_eq!((answer.status, answer.code().as_str()), (401, "SIGN_ERROR"));

    // A timestamp ten minutes old.
    let stale = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        - 600;
    let old = pay
        .signer
        .authorization_at(
            "POST",
            "/v3/pay/transactions/jsapi",
            body.to_string().as_bytes(),
            stale,
            "N1",
        )
        .unwrap();
    let answer = pay
        .send(
            client()
                .post(&url)
                .header("Authorization", old)
                .body(body.to_string()),
        )
        .await;
    assert_eq!((answer.status, answer.code().as_str()), (401, "SIGN_ERROR"));

    // A merchant the sandbox does not know.
    let stranger = wechat_pay::Signer::new(
        "1900000999",
        pay.signer.serial(),
        pay.signer.signing_key().clone(),
    );
    let auth = stranger
        .authorization(
            "POST",
            "/v3/pay/transactions/jsapi",
            body.to_string().as_bytes(),
        )
        .unwrap();
    let answer = pay
        .send(
            client()
                .post(&url)
                .header("Authorization", auth)
                .body(body.to_string()),
        )
        .await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (400, "MCH_NOT_EXISTS")
    );

    // The query is part of what is signed: another one than signed is refused.
    let auth = pay
        .signer
        .authorization(
            "GET",
            &format!("/v3/pay/transactions/out-trade-no/X00001?mchid={MCHID}"),
            b"",
        )
        .unwrap();
    let answer = pay
        .send(
            client()
                .get(format!(
                    "{}/v3/pay/transactions/out-trade-no/X00001?mchid=1900000999",
                    pay.sim.pay_base_url()
                ))
                .header("Authorization", auth),
        )
        .await;
    assert_eq!((answer.status, answer.code().as_str()), (401, "SIGN_ERROR"));

    // Unknown paths and methods.
    let answer = pay.get("/v3/pay/no-such-api").await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (404, "URL_NOT_FOUND")
    );
    let answer = pay.get("/v3/pay/transactions/jsapi").await;
    assert_eq!(answer.status, 405);
}

#[tokio::test]
async fn prepay_checks_its_fields_and_answers_per_kind() {
    let pay = pay_sim().await;
    let mut missing_openid = jsapi_order("ORDER_2026-0003", 100, NOTIFY);
    missing_openid.as_object_mut().unwrap().remove("payer");
    let answer = pay
        .post("/v3/pay/transactions/jsapi", &missing_openid)
        .await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (400, "PARAM_ERROR")
    );
    assert_eq!(answer.json()["detail"]["field"], "payer.openid");

    for (field, value) in [
        ("out_trade_no", json!("short")),
        ("out_trade_no", json!("订单0000001")),
        ("notify_url", json!("ftp://example.com/notify")),
        ("amount", json!({ "total": 0 })),
    ] {
        let mut order = jsapi_order("ORDER_2026-0003", 100, NOTIFY);
        order[field] = value;
        let answer = pay.post("/v3/pay/transactions/jsapi", &order).await;
        assert_eq!(
            (answer.status, answer.code().as_str()),
            (400, "PARAM_ERROR"),
            "{field}"
        );
    }

    let native = json!({
        "appid": APPID, "mchid": MCHID, "description": "QQ公仔", "out_trade_no": "NATIVE-0001",
        "notify_url": NOTIFY, "amount": { "total": 1 },
    });
    let answer = pay.post("/v3/pay/transactions/native", &native).await;
    assert!(answer.json()["code_url"]
        .as_str()
        .unwrap()
        .starts_with("weixin://wxpay/bizpayurl?pr="));
    let mut app = native.clone();
    app["out_trade_no"] = json!("APP-00001");
    let answer = pay.post("/v3/pay/transactions/app", &app).await;
    assert!(answer.json()["prepay_id"].is_string());

    let mut h5 = native.clone();
    h5["out_trade_no"] = json!("H5-000001");
    let answer = pay.post("/v3/pay/transactions/h5", &h5).await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (400, "PARAM_ERROR")
    );
    h5["scene_info"] = json!({ "payer_client_ip": "14.23.150.211", "h5_info": { "type": "Wap" } });
    let answer = pay.post("/v3/pay/transactions/h5", &h5).await;
    assert!(answer.json()["h5_url"]
        .as_str()
        .unwrap()
        .starts_with("https://"));

    // The same order again: the same prepay_id. Another order under the number: refused.
    let first = pay.jsapi("ORDER_2026-0004", 100, NOTIFY).await;
    assert_eq!(pay.jsapi("ORDER_2026-0004", 100, NOTIFY).await, first);
    let answer = pay
        .post(
            "/v3/pay/transactions/jsapi",
            &jsapi_order("ORDER_2026-0004", 200, NOTIFY),
        )
        .await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (403, "OUT_TRADE_NO_USED")
    );

    // The body's mchid must be the signer's.
    let mut other = jsapi_order("ORDER_2026-0005", 100, NOTIFY);
    other["mchid"] = json!("1900000999");
    let answer = pay.post("/v3/pay/transactions/jsapi", &other).await;
    assert_eq!(answer.status, 400);
}

#[tokio::test]
async fn orders_are_queried_and_closed_as_their_state_allows() {
    let pay = pay_sim().await;
    pay.sim.set_pay_duplicate_rate(0.0);
    pay.jsapi("ORDER_2026-0010", 100, NOTIFY).await;
    let answer = pay
        .get(&format!(
            "/v3/pay/transactions/out-trade-no/ORDER_2026-0010?mchid={MCHID}"
        ))
        .await;
    let order = answer.json();
    assert_eq!(order["trade_state"], "NOTPAY");
    assert_eq!(order["trade_type"], "JSAPI");
    assert_eq!(order["amount"]["total"], 100);
    assert_eq!(order["payer"]["openid"], super::OPENID);
    assert!(order.get("transaction_id").is_none());

    let answer = pay
        .get(&format!(
            "/v3/pay/transactions/id/4200000000000000000000000000?mchid={MCHID}"
        ))
        .await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (404, "ORDER_NOT_EXIST")
    );
    let answer = pay
        .get("/v3/pay/transactions/out-trade-no/ORDER_2026-0010")
        .await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (400, "PARAM_ERROR")
    );

    let close = "/v3/pay/transactions/out-trade-no/ORDER_2026-0010/close";
    let answer = pay.post(close, &json!({ "mchid": MCHID })).await;
    assert_eq!(answer.status, 204);
    assert!(answer.body.is_empty());
    assert_eq!(
        pay.sim
            .pay_transaction_state(MCHID, "ORDER_2026-0010")
            .as_deref(),
        Some("CLOSED")
    );
    let answer = pay
        .post(
            "/v3/pay/transactions/jsapi",
            &jsapi_order("ORDER_2026-0010", 100, NOTIFY),
        )
        .await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (400, "ORDER_CLOSED")
    );

    // A paid order cannot be closed, nor placed again.
    pay.jsapi("ORDER_2026-0011", 100, "http://127.0.0.1:9/unreachable")
        .await;
    let transaction_id = pay
        .sim
        .pay_transaction(MCHID, "ORDER_2026-0011", None)
        .await
        .unwrap();
    let answer = pay
        .post(
            "/v3/pay/transactions/out-trade-no/ORDER_2026-0011/close",
            &json!({ "mchid": MCHID }),
        )
        .await;
    assert_eq!((answer.status, answer.code().as_str()), (400, "ORDERPAID"));
    let answer = pay
        .post(
            "/v3/pay/transactions/jsapi",
            &jsapi_order("ORDER_2026-0011", 100, NOTIFY),
        )
        .await;
    assert_eq!((answer.status, answer.code().as_str()), (400, "ORDERPAID"));
    let answer = pay
        .get(&format!(
            "/v3/pay/transactions/id/{transaction_id}?mchid={MCHID}"
        ))
        .await;
    let order = answer.json();
    assert_eq!(order["trade_state"], "SUCCESS");
    assert_eq!(order["transaction_id"], transaction_id);
    assert_eq!(order["amount"]["payer_total"], 100);
    assert!(order["success_time"].as_str().unwrap().ends_with("+08:00"));
    // Paying twice is refused by the control API too.
    assert!(pay
        .sim
        .pay_transaction(MCHID, "ORDER_2026-0011", None)
        .await
        .is_err());
}
