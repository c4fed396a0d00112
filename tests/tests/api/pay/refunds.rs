//! Refunds: create (by either order number) and query.

use serde_json::json;
use wechat_runtime::pay::refunds::{RefundFrom, RefundGoods, RefundRequest, RefundStatus};
use wechat_runtime::pay::{Fen, OutRefundNo, OutTradeNo};
use wechat_runtime::Error;
use wechat_simulator::RefundOutcome;

use super::{assert_request, pay_code, sandbox, MCHID, NOTIFY_URL};

#[tokio::test]
async fn a_refund_by_out_trade_no_is_processing_then_succeeds() {
    let sb = sandbox().await;
    let transaction_id = sb.paid_order("T20241001", 300, false).await;
    let request = RefundRequest::by_out_trade_no(
        OutTradeNo::new("T20241001").unwrap(),
        OutRefundNo::new("R20241001").unwrap(),
        Fen::new(100),
        Fen::new(300),
    )
    .reason("商品已售完")
    .notify_url(NOTIFY_URL)
    .funds_account("AVAILABLE")
    .from(vec![RefundFrom::new("AVAILABLE", Fen::new(100))])
    .goods_detail(vec![RefundGoods::new(
        "1217752501201407033233368018",
        Fen::new(100),
        Fen::new(100),
        1,
    )
    .wechatpay_goods_id("1001")
    .goods_name("iPhone6s 16G")]);
    let refund = sb.pay.refunds().create(&request).await.expect("refund");
    assert_request(
        &sb.one(),
        "POST",
        "/v3/refund/domestic/refunds",
        &[],
        Some(json!({
            "out_trade_no": "T20241001",
            "out_refund_no": "R20241001",
            "reason": "商品已售完",
            "notify_url": NOTIFY_URL,
            "funds_account": "AVAILABLE",
            "amount": {
                "refund": 100,
                "from": [{ "account": "AVAILABLE", "amount": 100 }],
                "total": 300,
                "currency": "CNY",
            },
            "goods_detail": [{
                "merchant_goods_id": "1217752501201407033233368018",
                "wechatpay_goods_id": "1001",
                "goods_name": "iPhone6s 16G",
                "unit_price": 100,
                "refund_amount": 100,
                "refund_quantity": 1,
            }],
        })),
    );
    assert_eq!(refund.status, RefundStatus::Processing);
    assert_eq!(refund.out_refund_no, "R20241001");
    assert_eq!(refund.out_trade_no, "T20241001");
    assert_eq!(refund.transaction_id, transaction_id);
    assert!(!refund.refund_id.is_empty());
    assert_eq!(refund.channel, "ORIGINAL");
    assert_eq!(refund.amount.total, Fen::new(300));
    assert_eq!(refund.amount.refund, Fen::new(100));
    assert_eq!(refund.amount.payer_refund, Fen::new(100));
    assert_eq!(refund.amount.currency, "CNY");
    assert_eq!(refund.success_time, None);

    sb.sim
        .finish_refund(MCHID, "R20241001", RefundOutcome::Success)
        .await
        .expect("the refund succeeds");
    sb.take();
    let done = sb
        .pay
        .refunds()
        .by_out_refund_no(&OutRefundNo::new("R20241001").unwrap())
        .await
        .expect("query");
    assert_request(
        &sb.one(),
        "GET",
        "/v3/refund/domestic/refunds/R20241001",
        &[],
        None,
    );
    assert_eq!(done.status, RefundStatus::Success);
    assert_eq!(done.refund_id, refund.refund_id);
    assert!(done.success_time.is_some());
}

#[tokio::test]
async fn a_refund_by_transaction_id_sent_twice_refunds_once() {
    let sb = sandbox().await;
    let transaction_id = sb.paid_order("T20241002", 200, false).await;
    let request = RefundRequest::by_transaction_id(
        &transaction_id,
        OutRefundNo::new("R20241002@a|1").unwrap(),
        Fen::new(200),
        Fen::new(200),
    );
    let first = sb.pay.refunds().create(&request).await.expect("refund");
    assert_request(
        &sb.one(),
        "POST",
        "/v3/refund/domestic/refunds",
        &[],
        Some(json!({
            "transaction_id": transaction_id,
            "out_refund_no": "R20241002@a|1",
            "amount": { "refund": 200, "total": 200, "currency": "CNY" },
        })),
    );
    assert_eq!(first.out_refund_no, "R20241002@a|1");
    let again = sb
        .pay
        .refunds()
        .create(&request)
        .await
        .expect("the same refund");
    assert_eq!(again.refund_id, first.refund_id);
    sb.take();
    // `@` and `|` are escaped in the path.
    let queried = sb
        .pay
        .refunds()
        .by_out_refund_no(&request.out_refund_no)
        .await
        .expect("query");
    assert_request(
        &sb.one(),
        "GET",
        "/v3/refund/domestic/refunds/R20241002%40a%7C1",
        &[],
        None,
    );
    assert_eq!(queried.refund_id, first.refund_id);
    // Another number: nothing is left to refund.
    let more = RefundRequest::by_transaction_id(
        &transaction_id,
        OutRefundNo::new("R20241003").unwrap(),
        Fen::new(1),
        Fen::new(200),
    );
    let err = sb.pay.refunds().create(&more).await.unwrap_err();
    assert_eq!(pay_code(&err), "INVALID_REQUEST");
}

#[tokio::test]
async fn bad_refunds_are_refused_before_sending() {
    let sb = sandbox().await;
    let refund = |refund, total| {
        RefundRequest::by_out_trade_no(
            OutTradeNo::new("T20241004").unwrap(),
            OutRefundNo::new("R20241004").unwrap(),
            Fen::new(refund),
            Fen::new(total),
        )
    };
    let err = sb
        .pay
        .refunds()
        .create(&refund(101, 100))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput(m) if m.contains("101 fen") && m.contains("100 fen")),
        "{err}"
    );
    let err = sb.pay.refunds().create(&refund(0, 100)).await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err}");
    assert!(sb.take().is_empty(), "nothing was sent");
    // An unknown refund is WeChat Pay's error, typed.
    let err = sb
        .pay
        .refunds()
        .by_out_refund_no(&OutRefundNo::new("R-none").unwrap())
        .await
        .unwrap_err();
    assert_eq!(pay_code(&err), "RESOURCE_NOT_EXISTS");
}
