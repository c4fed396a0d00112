//! Profit sharing: receivers (an encrypted name), sharing and its query, the amount left,
//! return and its query, unfreeze.

use base64::Engine as _;
use serde_json::json;
use wechat_runtime::pay::profit_sharing::{
    AddReceiver, ProfitSharingRequest, ProfitSharingState, ReceiverResult, ReceiverType,
    RelationType, ReturnOf, ReturnRequest, ReturnResult, SharingReceiver, UnfreezeRequest,
};
use wechat_runtime::pay::Fen;
use wechat_runtime::Error;

use super::{assert_request, pay_code, sandbox, Sandbox, APPID, MCHID, NOTIFY_URL};

const RECEIVER: &str = "86693852";

/// Adds the merchant receiver [`RECEIVER`], checking the request.
async fn add_receiver(sb: &Sandbox) {
    let added = sb
        .pay
        .profit_sharing()
        .add_receiver(
            &AddReceiver::new(
                APPID,
                ReceiverType::MerchantId,
                RECEIVER,
                RelationType::Custom,
            )
            .name("腾讯科技有限公司")
            .custom_relation("代理商"),
        )
        .await
        .expect("added");
    let mut sent = sb.one();
    let mut body = sent.json().expect("JSON");
    let name = body
        .as_object_mut()
        .unwrap()
        .remove("name")
        .expect("name sent");
    let ciphertext = base64::engine::general_purpose::STANDARD
        .decode(name.as_str().expect("a string"))
        .expect("base64");
    assert_eq!(ciphertext.len(), 256, "RSA-2048 OAEP, not the name");
    sent.body = serde_json::to_vec(&body).unwrap();
    assert_request(
        &sent,
        "POST",
        "/v3/profitsharing/receivers/add",
        &[],
        Some(json!({
            "appid": APPID, "type": "MERCHANT_ID", "account": RECEIVER,
            "relation_type": "CUSTOM", "custom_relation": "代理商",
        })),
    );
    assert_eq!(added.kind, ReceiverType::MerchantId);
    assert_eq!(added.account, RECEIVER);
    assert_eq!(added.relation_type, "CUSTOM");
    assert_eq!(added.custom_relation.as_deref(), Some("代理商"));
}

#[tokio::test]
async fn a_payment_is_shared_queried_and_returned() {
    let sb = sandbox().await;
    let transaction_id = sb.paid_order("T20243001", 1000, true).await;
    add_receiver(&sb).await;

    let left = sb
        .pay
        .profit_sharing()
        .amounts(&transaction_id)
        .await
        .expect("amounts");
    assert_request(
        &sb.one(),
        "GET",
        &format!("/v3/profitsharing/transactions/{transaction_id}/amounts"),
        &[],
        None,
    );
    assert_eq!(left.unsplit_amount, Fen::new(1000));
    assert_eq!(left.transaction_id, transaction_id);

    let request = ProfitSharingRequest::new(
        APPID,
        &transaction_id,
        "P20150806125346",
        vec![SharingReceiver::new(
            ReceiverType::MerchantId,
            RECEIVER,
            Fen::new(300),
            "分给商户86693852",
        )],
        false,
    )
    .notify_url(NOTIFY_URL);
    let order = sb
        .pay
        .profit_sharing()
        .create(&request)
        .await
        .expect("shared");
    assert_request(
        &sb.one(),
        "POST",
        "/v3/profitsharing/orders",
        &[],
        Some(json!({
            "appid": APPID,
            "transaction_id": transaction_id,
            "out_order_no": "P20150806125346",
            "receivers": [{
                "type": "MERCHANT_ID", "account": RECEIVER, "amount": 300,
                "description": "分给商户86693852",
            }],
            "unfreeze_unsplit": false,
            "notify_url": NOTIFY_URL,
        })),
    );
    assert_eq!(order.state, ProfitSharingState::Finished);
    assert_eq!(order.out_order_no, "P20150806125346");
    assert_eq!(order.transaction_id, transaction_id);
    assert!(!order.order_id.is_empty());
    let share = &order.receivers[0];
    assert_eq!(share.result, ReceiverResult::Success);
    assert_eq!(share.amount, Fen::new(300));
    assert_eq!(share.kind, ReceiverType::MerchantId);
    assert!(!share.detail_id.is_empty());

    let queried = sb
        .pay
        .profit_sharing()
        .query("P20150806125346", &transaction_id)
        .await
        .expect("query");
    assert_request(
        &sb.one(),
        "GET",
        "/v3/profitsharing/orders/P20150806125346",
        &[("transaction_id", &transaction_id)],
        None,
    );
    assert_eq!(queried, order);
    let left = sb
        .pay
        .profit_sharing()
        .amounts(&transaction_id)
        .await
        .expect("amounts");
    assert_eq!(left.unsplit_amount, Fen::new(700));
    sb.take();

    let ret = sb
        .pay
        .profit_sharing()
        .return_order(&ReturnRequest::new(
            ReturnOf::OutOrderNo("P20150806125346".into()),
            "R20190516001",
            RECEIVER,
            Fen::new(100),
            "用户退款",
        ))
        .await
        .expect("returned");
    assert_request(
        &sb.one(),
        "POST",
        "/v3/profitsharing/return-orders",
        &[],
        Some(json!({
            "out_order_no": "P20150806125346", "out_return_no": "R20190516001",
            "return_mchid": RECEIVER, "amount": 100, "description": "用户退款",
        })),
    );
    assert_eq!(ret.result, ReturnResult::Success);
    assert_eq!(ret.amount, Fen::new(100));
    assert_eq!(ret.order_id, order.order_id);
    assert!(!ret.return_id.is_empty());

    let queried = sb
        .pay
        .profit_sharing()
        .query_return("R20190516001", "P20150806125346")
        .await
        .expect("query");
    assert_request(
        &sb.one(),
        "GET",
        "/v3/profitsharing/return-orders/R20190516001",
        &[("out_order_no", "P20150806125346")],
        None,
    );
    assert_eq!(queried, ret);

    // By WeChat Pay's sharing number, more than is left to return: its error, typed.
    let err = sb
        .pay
        .profit_sharing()
        .return_order(&ReturnRequest::new(
            ReturnOf::OrderId(order.order_id.clone()),
            "R20190516002",
            RECEIVER,
            Fen::new(201),
            "用户退款",
        ))
        .await
        .unwrap_err();
    assert_eq!(pay_code(&err), "INVALID_REQUEST");
    let sent = sb.take();
    assert_eq!(
        sent[0].json().unwrap()["order_id"],
        json!(order.order_id),
        "by order_id"
    );
    assert_eq!(sent[0].json().unwrap().get("out_order_no"), None);
}

#[tokio::test]
async fn what_is_left_is_unfrozen() {
    let sb = sandbox().await;
    let transaction_id = sb.paid_order("T20243002", 500, true).await;
    let order = sb
        .pay
        .profit_sharing()
        .unfreeze(&UnfreezeRequest::new(
            &transaction_id,
            "P20150806125347",
            "解冻全部剩余资金",
        ))
        .await
        .expect("unfrozen");
    assert_request(
        &sb.one(),
        "POST",
        "/v3/profitsharing/orders/unfreeze",
        &[],
        Some(json!({
            "transaction_id": transaction_id, "out_order_no": "P20150806125347",
            "description": "解冻全部剩余资金",
        })),
    );
    assert_eq!(order.state, ProfitSharingState::Finished);
    assert_eq!(order.receivers[0].amount, Fen::new(500));
    assert_eq!(order.receivers[0].account, MCHID);
    let left = sb
        .pay
        .profit_sharing()
        .amounts(&transaction_id)
        .await
        .expect("amounts");
    assert_eq!(left.unsplit_amount, Fen::ZERO);
}

#[tokio::test]
async fn a_receiver_is_deleted() {
    let sb = sandbox().await;
    add_receiver(&sb).await;
    let deleted = sb
        .pay
        .profit_sharing()
        .delete_receiver(APPID, ReceiverType::MerchantId, RECEIVER)
        .await
        .expect("deleted");
    assert_request(
        &sb.one(),
        "POST",
        "/v3/profitsharing/receivers/delete",
        &[],
        Some(json!({ "appid": APPID, "type": "MERCHANT_ID", "account": RECEIVER })),
    );
    assert_eq!(deleted.kind, ReceiverType::MerchantId);
    assert_eq!(deleted.account, RECEIVER);
}

#[tokio::test]
async fn bad_sharing_is_refused_before_sending() {
    let sb = sandbox().await;
    let err = sb
        .pay
        .profit_sharing()
        .create(&ProfitSharingRequest::new(
            APPID,
            "4208450740201411110007820472",
            "P1",
            vec![],
            true,
        ))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput(m) if m.contains("1 to 50")),
        "{err}"
    );
    let err = sb
        .pay
        .profit_sharing()
        .add_receiver(&AddReceiver::new(
            APPID,
            ReceiverType::MerchantId,
            RECEIVER,
            RelationType::Store,
        ))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput(m) if m.contains("name")),
        "{err}"
    );
    let err = sb
        .pay
        .profit_sharing()
        .query("P 1", "4208450740201411110007820472")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err}");
    assert!(sb.take().is_empty(), "nothing was sent");
}
