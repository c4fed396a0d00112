//! Refunds, merchant transfers and profit sharing, and the sandbox's control API over HTTP.

use serde_json::{json, Value};
use wechat_simulator::RefundOutcome;

use super::{fixture, pay_sim, Receiver, API_V3_KEY, APPID, MCHID, OPENID};
use crate::common::client;

fn refund_body(out_refund_no: &str, refund: u64, notify_url: &str) -> Value {
    json!({
        "out_trade_no": "ORDER_2026-0500",
        "out_refund_no": out_refund_no,
        "reason": "商品已售完",
        "notify_url": notify_url,
        "amount": { "refund": refund, "total": 100, "currency": "CNY" },
    })
}

#[tokio::test]
async fn a_refund_is_processing_until_finished_then_notified() {
    let pay = pay_sim().await;
    pay.sim.set_pay_duplicate_rate(0.0);
    let mut receiver = Receiver::start(200).await;

    // An unpaid order cannot be refunded.
    pay.jsapi("ORDER_2026-0500", 100, &receiver.url).await;
    let answer = pay
        .post(
            "/v3/refund/domestic/refunds",
            &refund_body("R0001", 60, &receiver.url),
        )
        .await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (404, "RESOURCE_NOT_EXISTS")
    );

    let transaction_id = pay
        .sim
        .pay_transaction(MCHID, "ORDER_2026-0500", None)
        .await
        .unwrap();
    receiver.next().await;
    let answer = pay
        .post(
            "/v3/refund/domestic/refunds",
            &refund_body("R0001", 60, &receiver.url),
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.json());
    let refund = answer.json();
    assert_eq!(refund["status"], "PROCESSING");
    assert_eq!(refund["transaction_id"], transaction_id);
    assert_eq!(refund["amount"]["refund"], 60);
    assert_eq!(
        pay.sim
            .pay_transaction_state(MCHID, "ORDER_2026-0500")
            .as_deref(),
        Some("REFUND")
    );
    // The same out_refund_no again: the same refund.
    let again = pay
        .post(
            "/v3/refund/domestic/refunds",
            &refund_body("R0001", 60, &receiver.url),
        )
        .await;
    assert_eq!(again.json()["refund_id"], refund["refund_id"]);

    // More than is left: refused.
    let answer = pay
        .post(
            "/v3/refund/domestic/refunds",
            &refund_body("R0002", 50, &receiver.url),
        )
        .await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (400, "INVALID_REQUEST")
    );

    pay.sim
        .finish_refund(MCHID, "R0001", RefundOutcome::Success)
        .await
        .unwrap();
    let (body, resource) = pay.open(&receiver.next().await);
    assert_eq!(body["event_type"], "REFUND.SUCCESS");
    assert_eq!(body["resource"]["original_type"], "refund");
    assert_eq!(resource["refund_status"], "SUCCESS");
    assert_eq!(resource["out_refund_no"], "R0001");
    assert_eq!(resource["amount"]["refund"], 60);
    let queried = pay.get("/v3/refund/domestic/refunds/R0001").await.json();
    assert_eq!(queried["status"], "SUCCESS");
    assert!(queried["success_time"].is_string());
    assert!(pay
        .sim
        .finish_refund(MCHID, "R0001", RefundOutcome::Closed)
        .await
        .is_err());

    // A closed refund gives its amount back.
    let answer = pay
        .post(
            "/v3/refund/domestic/refunds",
            &refund_body("R0003", 40, &receiver.url),
        )
        .await;
    assert_eq!(answer.status, 200);
    pay.sim
        .finish_refund(MCHID, "R0003", RefundOutcome::Closed)
        .await
        .unwrap();
    let (body, _) = pay.open(&receiver.next().await);
    assert_eq!(body["event_type"], "REFUND.CLOSED");
    assert_eq!(
        pay.sim.pay_refund_status(MCHID, "R0003").as_deref(),
        Some("CLOSED")
    );
    let answer = pay
        .post(
            "/v3/refund/domestic/refunds",
            &refund_body("R0004", 40, &receiver.url),
        )
        .await;
    assert_eq!(answer.status, 200);

    let answer = pay.get("/v3/refund/domestic/refunds/R9999").await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (404, "RESOURCE_NOT_EXISTS")
    );
}

fn transfer_body(out_bill_no: &str, notify_url: &str) -> Value {
    json!({
        "appid": APPID,
        "out_bill_no": out_bill_no,
        "transfer_scene_id": "1000",
        "openid": OPENID,
        "transfer_amount": 400,
        "transfer_remark": "新会员开通有礼",
        "notify_url": notify_url,
        "user_recv_perception": "现金奖励",
        "transfer_scene_report_infos": [
            { "info_type": "活动名称", "info_content": "新会员有礼" },
            { "info_type": "奖励说明", "info_content": "注册会员抽奖一等奖" },
        ],
    })
}

#[tokio::test]
async fn a_transfer_waits_for_the_user_then_succeeds_or_is_cancelled() {
    let pay = pay_sim().await;
    pay.sim.set_pay_duplicate_rate(0.0);
    let mut receiver = Receiver::start(200).await;
    let path = "/v3/fund-app/mch-transfer/transfer-bills";

    // An encrypted user_name needs Wechatpay-Serial naming a sandbox key.
    let mut named = transfer_body("plfk2020042013", &receiver.url);
    named["user_name"] = json!("bm9uc2Vuc2U=");
    let answer = pay.post(path, &named).await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (400, "PARAM_ERROR")
    );
    let wrong = pay.request(
        "POST",
        path,
        Some(&named),
        &[("Wechatpay-Serial", "PUB_KEY_ID_0000")],
    );
    assert_eq!(pay.send(wrong).await.status, 400);
    let right = pay.request(
        "POST",
        path,
        Some(&named),
        &[("Wechatpay-Serial", &pay.public_key_id)],
    );
    let answer = pay.send(right).await;
    assert_eq!(answer.status, 200, "{}", answer.json());
    let created = answer.json();
    assert_eq!(created["state"], "WAIT_USER_CONFIRM");
    assert!(created["package_info"].is_string());
    let transfer_bill_no = created["transfer_bill_no"].as_str().unwrap();

    let by_number = pay
        .get(&format!("{path}/transfer-bill-no/{transfer_bill_no}"))
        .await
        .json();
    assert_eq!(by_number["out_bill_no"], "plfk2020042013");
    assert_eq!(by_number["transfer_amount"], 400);

    pay.sim
        .confirm_transfer(MCHID, "plfk2020042013")
        .await
        .unwrap();
    let (body, resource) = pay.open(&receiver.next().await);
    assert_eq!(body["event_type"], "MCHTRANSFER.BILL.FINISHED");
    assert_eq!(body["resource"]["original_type"], "mch_payment");
    assert_eq!(resource["state"], "SUCCESS");
    assert_eq!(resource["transfer_bill_no"], transfer_bill_no);
    let queried = pay
        .get(&format!("{path}/out-bill-no/plfk2020042013"))
        .await
        .json();
    assert_eq!(queried["state"], "SUCCESS");
    let answer = pay
        .post(
            &format!("{path}/out-bill-no/plfk2020042013/cancel"),
            &json!({}),
        )
        .await;
    assert_eq!(answer.status, 400);

    // Cancelled before the user confirms.
    let answer = pay
        .post(path, &transfer_body("plfk2020042014", &receiver.url))
        .await;
    assert_eq!(answer.status, 200);
    let answer = pay
        .send(pay.request(
            "POST",
            &format!("{path}/out-bill-no/plfk2020042014/cancel"),
            None,
            &[],
        ))
        .await;
    assert_eq!(answer.json()["state"], "CANCELING");
    let (_, resource) = pay.open(&receiver.next().await);
    assert_eq!(resource["state"], "CANCELLED");
    assert_eq!(
        pay.sim
            .pay_transfer_state(MCHID, "plfk2020042014")
            .as_deref(),
        Some("CANCELLED")
    );
    // Cancelling again (a retried request) answers the final state, and notifies nothing more.
    let answer = pay
        .send(pay.request(
            "POST",
            &format!("{path}/out-bill-no/plfk2020042014/cancel"),
            None,
            &[],
        ))
        .await;
    assert_eq!(
        (answer.status, answer.json()["state"].as_str()),
        (200, Some("CANCELLED"))
    );
    assert!(pay
        .sim
        .confirm_transfer(MCHID, "plfk2020042014")
        .await
        .is_err());

    let answer = pay.get(&format!("{path}/out-bill-no/nosuchbill")).await;
    assert_eq!((answer.status, answer.code().as_str()), (404, "NOT_FOUND"));
}

#[tokio::test]
async fn profit_sharing_shares_returns_and_unfreezes() {
    let pay = pay_sim().await;
    pay.sim.set_pay_duplicate_rate(0.0);
    let receiver = Receiver::start(200).await;
    let mut order = super::jsapi_order("ORDER_2026-0600", 100, &receiver.url);
    order["settle_info"] = json!({ "profit_sharing": true });
    let answer = pay.post("/v3/pay/transactions/jsapi", &order).await;
    assert_eq!(answer.status, 200);
    let transaction_id = pay
        .sim
        .pay_transaction(MCHID, "ORDER_2026-0600", None)
        .await
        .unwrap();
    let amounts = format!("/v3/profitsharing/transactions/{transaction_id}/amounts");
    assert_eq!(pay.get(&amounts).await.json()["unsplit_amount"], 100);

    let share = json!({
        "appid": APPID, "transaction_id": transaction_id, "out_order_no": "P20150806125346",
        "unfreeze_unsplit": false,
        "receivers": [{ "type": "MERCHANT_ID", "account": "86693852", "amount": 30, "description": "分给商户A" }],
    });
    let answer = pay.post("/v3/profitsharing/orders", &share).await;
    assert_eq!(answer.status, 400, "a receiver must be added first");
    let receiver_body = json!({
        "appid": APPID, "type": "MERCHANT_ID", "account": "86693852", "relation_type": "STORE",
    });
    let answer = pay
        .post("/v3/profitsharing/receivers/add", &receiver_body)
        .await;
    assert_eq!(answer.json()["relation_type"], "STORE");
    let answer = pay.post("/v3/profitsharing/orders", &share).await;
    assert_eq!(answer.status, 200, "{}", answer.json());
    assert_eq!(answer.json()["state"], "FINISHED");
    assert_eq!(answer.json()["receivers"][0]["result"], "SUCCESS");
    assert_eq!(pay.get(&amounts).await.json()["unsplit_amount"], 70);
    let queried = pay
        .get(&format!(
            "/v3/profitsharing/orders/P20150806125346?transaction_id={transaction_id}"
        ))
        .await;
    assert_eq!(queried.json()["out_order_no"], "P20150806125346");

    let mut too_much = share.clone();
    too_much["out_order_no"] = json!("P20150806125347");
    too_much["receivers"][0]["amount"] = json!(71);
    let answer = pay.post("/v3/profitsharing/orders", &too_much).await;
    assert_eq!((answer.status, answer.code().as_str()), (403, "NOT_ENOUGH"));

    let back = json!({
        "out_order_no": "P20150806125346", "out_return_no": "R20190516001",
        "return_mchid": "86693852", "amount": 10, "description": "用户退款",
    });
    let answer = pay.post("/v3/profitsharing/return-orders", &back).await;
    assert_eq!(answer.json()["result"], "SUCCESS");
    let queried = pay
        .get("/v3/profitsharing/return-orders/R20190516001?out_order_no=P20150806125346")
        .await;
    assert_eq!(queried.json()["amount"], 10);
    let mut over = back.clone();
    over["out_return_no"] = json!("R20190516002");
    over["amount"] = json!(21);
    assert_eq!(
        pay.post("/v3/profitsharing/return-orders", &over)
            .await
            .status,
        400
    );

    let unfreeze = json!({
        "transaction_id": transaction_id, "out_order_no": "P20150806125348", "description": "解冻全部剩余资金",
    });
    let answer = pay
        .post("/v3/profitsharing/orders/unfreeze", &unfreeze)
        .await;
    assert_eq!(answer.json()["receivers"][0]["amount"], 70);
    assert_eq!(pay.get(&amounts).await.json()["unsplit_amount"], 0);

    let answer = pay
        .post("/v3/profitsharing/receivers/delete", &receiver_body)
        .await;
    assert_eq!(answer.json()["account"], "86693852");
}

#[tokio::test]
async fn the_control_api_drives_the_sandbox_over_http() {
    let pay = pay_sim().await;
    let control = format!("{}/__sim/pay", pay.sim.base_url());
    let http = client();
    let post = |path: &str, body: Value| http.post(format!("{control}{path}")).json(&body).send();

    let answer = post(
        "/merchants",
        json!({ "mchid": "1900000110", "certificate_pem": fixture("merchant_cert.pem"), "api_v3_key": API_V3_KEY }),
    )
    .await
    .unwrap();
    assert_eq!(answer.status(), 200);
    let answer = post(
        "/merchants",
        json!({ "mchid": "1900000111", "certificate_pem": "nope", "api_v3_key": API_V3_KEY }),
    )
    .await
    .unwrap();
    assert_eq!(answer.status(), 400);

    let platform: Value = http
        .get(format!("{control}/platform"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(platform["certificate_serial"], pay.certificate_serial);
    assert!(platform["public_key_pem"]
        .as_str()
        .unwrap()
        .contains("BEGIN PUBLIC KEY"));

    let answer = post("/sign_mode", json!({ "mode": "certificate" }))
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(
        pay.get("/v3/certificates").await.signed_by,
        pay.certificate_serial
    );
    assert_eq!(
        post("/sign_mode", json!({ "mode": "rsa" }))
            .await
            .unwrap()
            .status(),
        400
    );
    post("/duplicate_rate", json!({ "rate": 0.0 }))
        .await
        .unwrap();

    let mut receiver = Receiver::start(200).await;
    pay.jsapi("ORDER_2026-0700", 100, &receiver.url).await;
    let paid: Value = post(
        "/transactions/pay",
        json!({ "mchid": MCHID, "out_trade_no": "ORDER_2026-0700" }),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert!(paid["transaction_id"].is_string());
    receiver.next().await;
    let state: Value = http
        .get(format!("{control}/transactions/{MCHID}/ORDER_2026-0700"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(state["trade_state"], "SUCCESS");
    let notifications: Value = http
        .get(format!("{control}/notifications"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(notifications[0]["event_type"], "TRANSACTION.SUCCESS");
    assert_eq!(notifications[0]["delivered"], true);
    let again = post(
        "/transactions/pay",
        json!({ "mchid": MCHID, "out_trade_no": "ORDER_2026-0700" }),
    )
    .await
    .unwrap();
    assert_eq!(again.status(), 400);
    let missing = post(
        "/refunds/finish",
        json!({ "mchid": MCHID, "out_refund_no": "R1", "outcome": "SUCCESS" }),
    )
    .await
    .unwrap();
    assert_eq!(missing.status(), 404);
    // The control API is not recorded as WeChat Pay calls.
    assert!(pay
        .sim
        .requests()
        .iter()
        .all(|r| !r.path.starts_with("/__sim")));
}
