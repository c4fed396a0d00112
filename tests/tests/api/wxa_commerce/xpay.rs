//! Virtual payment (`/xpay/*`): every request signed over the exact body sent.

use super::{OPENID, SESSION_KEY};
use crate::common::api::*;
use crate::common::mock::Recorded;
use serde_json::json;
use wechat_runtime::api::xpay::sign::{pay_sig, user_signature};
use wechat_runtime::api::xpay::{
    XpayCancelPay, XpayCurrencyPay, XpayGoodsTaskStatus, XpayGoodsUpload, XpayKey, XpayOrderRef,
    XpayOrderStatus, XpayPayItem, XpayRefundOrder, XpayRefundReason, XpayRefundSource,
    XpayWithdrawStatus,
};
use wechat_runtime::Secret;

const APP_KEY: &str = "the-app-key-SANDBOX";

/// The query of a signed `/xpay` request: the token, and the signatures over the exact body
/// sent (the user's when `user`).
fn xpay_query(request: &Recorded, user: bool) -> Vec<(String, String)> {
    let mut query = vec![
        ("access_token".to_owned(), ACCESS_TOKEN.to_owned()),
        (
            "pay_sig".to_owned(),
            pay_sig(&Secret::new(APP_KEY), request.path(), &request.body),
        ),
    ];
    if user {
        query.push((
            "signature".to_owned(),
            user_signature(&Secret::new(SESSION_KEY), &request.body),
        ));
    }
    query.sort();
    query
}

fn expect_xpay(api: &ApiMock, path: &str, body: serde_json::Value, user: bool) {
    let request = api.last();
    assert_eq!(request.method, "POST");
    assert_eq!(request.path(), path);
    assert_eq!(request.json(), body, "body of {path}");
    assert_eq!(
        request.header("content-type"),
        Some("application/json"),
        "{request:?}"
    );
    let mut sent = request.query();
    sent.sort();
    assert_eq!(sent, xpay_query(&request, user), "query of {path}");
}

#[tokio::test]
async fn xpay_balance_is_signed_with_both_signatures() {
    let api = ApiMock::start().await;
    api.answer(
        "/xpay/query_user_balance",
        json!({"errcode": 0, "errmsg": "ok", "balance": 120, "present_balance": 20,
               "sum_save": 100, "sum_present": 20, "sum_balance": 120, "sum_cost": 0,
               "first_save_flag": 0}),
    );
    let key = XpayKey::sandbox(APP_KEY);
    let session_key = Secret::new(SESSION_KEY);
    let balance = api
        .client
        .xpay(&key)
        .query_user_balance(OPENID, "127.0.0.1", &session_key)
        .await
        .unwrap();
    assert_eq!((balance.balance, balance.present_balance), (120, 20));
    assert_eq!((balance.sum_save, balance.sum_balance), (100, 120));
    assert!(!balance.first_save());

    // The exact bytes sent, and both signatures computed apart from the SDK:
    //   B='{"env":1,"openid":"oUrsf0SoPGVLbQXNOFmyz2Tkb3QM","user_ip":"127.0.0.1"}'
    //   printf '%s' "/xpay/query_user_balance&$B" | openssl dgst -sha256 -hmac 'the-app-key-SANDBOX'
    //   printf '%s' "$B" | openssl dgst -sha256 -hmac 'tiihtNczf5v6AKRyjwEUhQ=='
    api.expect(
        "POST",
        "/xpay/query_user_balance",
        &[
            ("access_token", ACCESS_TOKEN),
            (
                "pay_sig",
                "dbf7e9fa17c22c9e9821e93e299fb663c7d78a725327acf78ab243d8e8109e3e",
            ),
            (
                "signature",
                "b9cf326df941e28c4561fdb04df341e143ed3e0f25f95cede49cd0c6a151fc75",
            ),
        ],
        None,
    );
    assert_eq!(
        api.last().body,
        br#"{"env":1,"openid":"oUrsf0SoPGVLbQXNOFmyz2Tkb3QM","user_ip":"127.0.0.1"}"#
    );

    // An errcode, and the keys kept out of what is shown.
    api.answer(
        "/xpay/query_user_balance",
        errcode(268490009, "用户session_key不存在或已过期，请重新登录"),
    );
    let err = api
        .client
        .xpay(&key)
        .query_user_balance(OPENID, "127.0.0.1", &session_key)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(268490009));
    for shown in [format!("{err:?}"), err.to_string(), format!("{key:?}")] {
        assert!(!shown.contains(APP_KEY), "{shown}");
        assert!(!shown.contains(SESSION_KEY), "{shown}");
    }
}

#[tokio::test]
async fn xpay_token_payments() {
    let api = ApiMock::start().await;
    let key = XpayKey::production(APP_KEY);
    let xpay = api.client.xpay(&key);
    let session_key = Secret::new(SESSION_KEY);

    api.answer(
        "/xpay/currency_pay",
        json!({"errcode": 0, "errmsg": "ok", "order_id": "PAY2024050100001", "balance": 90, "used_present_amount": 20}),
    );
    let paid = xpay
        .currency_pay(
            &XpayCurrencyPay::new(OPENID, "127.0.0.1", 30, "PAY2024050100001")
                .pay_items(&[XpayPayItem::new("episode-7", 30, 1)])
                .remark("episode 7"),
            &session_key,
        )
        .await
        .unwrap();
    assert_eq!((paid.balance, paid.used_present_amount), (90, 20));
    expect_xpay(
        &api,
        "/xpay/currency_pay",
        json!({"env": 0, "openid": OPENID, "user_ip": "127.0.0.1", "amount": 30,
               "order_id": "PAY2024050100001",
               "payitem": r#"[{"productid":"episode-7","unit_price":30,"quantity":1}]"#,
               "remark": "episode 7"}),
        true,
    );

    api.answer(
        "/xpay/cancel_currency_pay",
        json!({"errcode": 0, "errmsg": "ok", "order_id": "CANCEL2024050100001"}),
    );
    let refund_id = xpay
        .cancel_currency_pay(
            &XpayCancelPay::new(
                OPENID,
                "127.0.0.1",
                "PAY2024050100001",
                "CANCEL2024050100001",
                30,
            ),
            &session_key,
        )
        .await
        .unwrap();
    assert_eq!(refund_id, "CANCEL2024050100001");
    expect_xpay(
        &api,
        "/xpay/cancel_currency_pay",
        json!({"env": 0, "openid": OPENID, "user_ip": "127.0.0.1",
               "pay_order_id": "PAY2024050100001", "order_id": "CANCEL2024050100001", "amount": 30}),
        true,
    );

    api.answer(
        "/xpay/present_currency",
        json!({"errcode": 0, "errmsg": "ok", "balance": 150, "order_id": "GIFT2024050100001", "present_balance": 50}),
    );
    let presented = xpay
        .present_currency(OPENID, "GIFT2024050100001", 50)
        .await
        .unwrap();
    assert_eq!((presented.balance, presented.present_balance), (150, 50));
    assert_eq!(presented.order_id, "GIFT2024050100001");
    expect_xpay(
        &api,
        "/xpay/present_currency",
        json!({"env": 0, "openid": OPENID, "order_id": "GIFT2024050100001", "amount": 50}),
        false,
    );

    api.answer("/xpay/present_currency", errcode(268490004, "重复操作"));
    let err = xpay
        .present_currency(OPENID, "GIFT2024050100001", 50)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(268490004));

    // Rejected before sending.
    let sent = api.sent();
    for err in [
        xpay.query_user_balance("", "127.0.0.1", &session_key)
            .await
            .unwrap_err(),
        xpay.query_user_balance(OPENID, "127.0.0.1", &Secret::new(""))
            .await
            .unwrap_err(),
        xpay.currency_pay(
            &XpayCurrencyPay::new(OPENID, "127.0.0.1", 0, "PAY1"),
            &session_key,
        )
        .await
        .unwrap_err(),
        xpay.cancel_currency_pay(
            &XpayCancelPay::new(OPENID, "", "PAY1", "CANCEL1", 1),
            &session_key,
        )
        .await
        .unwrap_err(),
        xpay.present_currency(OPENID, "", 1).await.unwrap_err(),
    ] {
        assert_invalid(err);
    }
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn xpay_cash_orders() {
    let api = ApiMock::start().await;
    let key = XpayKey::sandbox(APP_KEY);
    let xpay = api.client.xpay(&key);

    api.answer(
        "/xpay/query_order",
        json!({"errcode": 0, "errmsg": "ok", "order": {
            "order_id": "ORDER2024050100001", "create_time": 1714521600, "update_time": 1714521660,
            "status": 4, "biz_type": 0, "order_fee": 600, "coupon_fee": 0, "paid_fee": 600,
            "order_type": 0, "refund_fee": 0, "paid_time": 1714521605, "provide_time": 1714521660,
            "biz_meta": "", "env_type": 2, "token": "TOKEN", "left_fee": 600,
            "wx_order_id": "wxo123", "channel_order_id": "CH123", "wxpay_order_id": "4200001234"}}),
    );
    let order = xpay
        .query_order(OPENID, &XpayOrderRef::order_id("ORDER2024050100001"))
        .await
        .unwrap();
    assert_eq!(order.status, XpayOrderStatus::Delivered);
    assert_eq!(
        (order.paid_fee, order.left_fee, order.env_type),
        (600, 600, 2)
    );
    assert_eq!(order.wxpay_order_id, "4200001234");
    assert_eq!(order.sett_time, None);
    expect_xpay(
        &api,
        "/xpay/query_order",
        json!({"env": 1, "openid": OPENID, "order_id": "ORDER2024050100001"}),
        false,
    );

    api.answer(
        "/xpay/notify_provide_goods",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    xpay.notify_provide_goods(&XpayOrderRef::wx_order_id("wxo123"))
        .await
        .unwrap();
    expect_xpay(
        &api,
        "/xpay/notify_provide_goods",
        json!({"env": 1, "wx_order_id": "wxo123"}),
        false,
    );

    api.answer(
        "/xpay/refund_order",
        json!({"errcode": 0, "errmsg": "ok", "refund_order_id": "REFUND2024050100001",
               "refund_wx_order_id": "wxr456", "pay_order_id": "ORDER2024050100001", "pay_wx_order_id": "wxo123"}),
    );
    let refunded = xpay
        .refund_order(
            &XpayRefundOrder::new(
                OPENID,
                XpayOrderRef::order_id("ORDER2024050100001"),
                "REFUND2024050100001",
                600,
                100,
            )
            .biz_meta("ticket 88")
            .refund_reason(XpayRefundReason::UserWish)
            .req_from(XpayRefundSource::User),
        )
        .await
        .unwrap();
    assert_eq!(refunded.refund_wx_order_id, "wxr456");
    assert_eq!(refunded.pay_wx_order_id, "wxo123");
    expect_xpay(
        &api,
        "/xpay/refund_order",
        json!({"env": 1, "openid": OPENID, "order_id": "ORDER2024050100001",
               "refund_order_id": "REFUND2024050100001", "left_fee": 600, "refund_fee": 100,
               "biz_meta": "ticket 88", "refund_reason": "3", "req_from": "2"}),
        false,
    );

    api.answer(
        "/xpay/download_bill",
        json!({"errcode": 0, "errmsg": "ok", "url": "https://example.com/bill.csv"}),
    );
    let url = xpay.download_bill(20240501, 20240502).await.unwrap();
    assert_eq!(url, "https://example.com/bill.csv");
    expect_xpay(
        &api,
        "/xpay/download_bill",
        json!({"env": 1, "begin_ds": 20240501, "end_ds": 20240502}),
        false,
    );
    api.answer(
        "/xpay/download_bill",
        errcode(268490011, "数据生成中，请稍后调用本接口获取"),
    );
    let err = xpay.download_bill(20240501, 20240502).await.unwrap_err();
    assert_eq!(err.errcode(), Some(268490011));

    // Rejected before sending.
    let sent = api.sent();
    let order = XpayOrderRef::order_id("ORDER2024050100001");
    for err in [
        xpay.query_order("", &order).await.unwrap_err(),
        xpay.query_order(OPENID, &XpayOrderRef::wx_order_id(""))
            .await
            .unwrap_err(),
        xpay.refund_order(&XpayRefundOrder::new(
            OPENID,
            order.clone(),
            "short",
            600,
            100,
        ))
        .await
        .unwrap_err(),
        xpay.refund_order(&XpayRefundOrder::new(
            OPENID,
            order.clone(),
            "REFUND2024050100001",
            600,
            601,
        ))
        .await
        .unwrap_err(),
        xpay.refund_order(
            &XpayRefundOrder::new(OPENID, order, "REFUND2024050100001", 600, 1)
                .biz_meta("x".repeat(1025)),
        )
        .await
        .unwrap_err(),
        xpay.download_bill(20240502, 20240501).await.unwrap_err(),
        xpay.download_bill(20241301, 20241302).await.unwrap_err(),
    ] {
        assert_invalid(err);
    }
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn xpay_withdrawals_and_goods() {
    let api = ApiMock::start().await;
    let key = XpayKey::production(APP_KEY);
    let xpay = api.client.xpay(&key);

    api.answer(
        "/xpay/create_withdraw_order",
        json!({"errcode": 0, "errmsg": "ok", "withdraw_no": "WD2024050100001", "wx_withdraw_no": "wxw789"}),
    );
    let created = xpay
        .create_withdraw_order("WD2024050100001", Some(1234))
        .await
        .unwrap();
    assert_eq!(created.wx_withdraw_no, "wxw789");
    expect_xpay(
        &api,
        "/xpay/create_withdraw_order",
        json!({"env": 0, "withdraw_no": "WD2024050100001", "withdraw_amount": "12.34"}),
        false,
    );
    xpay.create_withdraw_order("WD2024050100002", None)
        .await
        .unwrap();
    assert_eq!(
        api.last().json(),
        json!({"env": 0, "withdraw_no": "WD2024050100002"})
    );

    api.answer(
        "/xpay/query_withdraw_order",
        json!({"errcode": 0, "errmsg": "ok", "withdraw_no": "WD2024050100001", "status": 2,
               "withdraw_amount": "12.34", "wx_withdraw_no": "wxw789",
               "withdraw_success_timestamp": 1714557600, "create_time": "2024-05-01 16:00:00",
               "fail_reason": ""}),
    );
    let withdrawal = xpay.query_withdraw_order("WD2024050100001").await.unwrap();
    assert_eq!(withdrawal.status, XpayWithdrawStatus::Succeeded);
    assert_eq!(withdrawal.withdraw_amount, "12.34");
    assert_eq!(withdrawal.create_time, "2024-05-01 16:00:00");
    expect_xpay(
        &api,
        "/xpay/query_withdraw_order",
        json!({"env": 0, "withdraw_no": "WD2024050100001"}),
        false,
    );

    api.answer(
        "/xpay/start_upload_goods",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    xpay.start_upload_goods(&[XpayGoodsUpload::new(
        "episode-7",
        "第七集",
        30,
        "解锁第七集",
        "https://example.com/ep7.png",
    )])
    .await
    .unwrap();
    expect_xpay(
        &api,
        "/xpay/start_upload_goods",
        json!({"env": 0, "upload_item": [{"id": "episode-7", "name": "第七集", "price": 30,
               "remark": "解锁第七集", "item_url": "https://example.com/ep7.png"}]}),
        false,
    );
    api.answer(
        "/xpay/query_upload_goods",
        json!({"errcode": 0, "errmsg": "ok", "status": 3, "upload_item": [
            {"id": "episode-7", "name": "第七集", "price": 30, "remark": "解锁第七集",
             "item_url": "https://example.com/ep7.png", "upload_status": 2, "errmsg": ""}]}),
    );
    let task = xpay.query_upload_goods().await.unwrap();
    assert_eq!(task.status, XpayGoodsTaskStatus::Succeeded);
    assert_eq!(task.upload_item[0].upload_status, 2);
    expect_xpay(&api, "/xpay/query_upload_goods", json!({"env": 0}), false);

    api.answer(
        "/xpay/start_publish_goods",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    xpay.start_publish_goods(&["episode-7"]).await.unwrap();
    expect_xpay(
        &api,
        "/xpay/start_publish_goods",
        json!({"env": 0, "publish_item": [{"id": "episode-7"}]}),
        false,
    );
    api.answer(
        "/xpay/query_publish_goods",
        json!({"errcode": 0, "errmsg": "ok", "status": 2, "publish_item": [
            {"id": "episode-7", "publish_status": 3, "errmsg": "道具未上传"}]}),
    );
    let task = xpay.query_publish_goods().await.unwrap();
    assert_eq!(task.status, XpayGoodsTaskStatus::Failed);
    assert_eq!(task.publish_item[0].errmsg, "道具未上传");
    expect_xpay(&api, "/xpay/query_publish_goods", json!({"env": 0}), false);

    api.answer(
        "/xpay/start_upload_goods",
        errcode(268490007, "图片或文字存在敏感内容，禁止使用"),
    );
    let err = xpay
        .start_upload_goods(&[XpayGoodsUpload::new(
            "g1",
            "n",
            1,
            "r",
            "https://e.com/g.png",
        )])
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(268490007));

    let sent = api.sent();
    for err in [
        xpay.create_withdraw_order("short", None).await.unwrap_err(),
        xpay.create_withdraw_order("WD2024050100003", Some(0))
            .await
            .unwrap_err(),
        xpay.query_withdraw_order("").await.unwrap_err(),
        xpay.start_upload_goods(&[]).await.unwrap_err(),
        xpay.start_upload_goods(&[XpayGoodsUpload::new(
            "bad id",
            "n",
            1,
            "r",
            "https://e.com/g.png",
        )])
        .await
        .unwrap_err(),
        xpay.start_upload_goods(&[XpayGoodsUpload::new(
            "g1",
            "n",
            0,
            "r",
            "https://e.com/g.png",
        )])
        .await
        .unwrap_err(),
        xpay.start_upload_goods(&[XpayGoodsUpload::new(
            "g1",
            "",
            1,
            "r",
            "https://e.com/g.png",
        )])
        .await
        .unwrap_err(),
        xpay.start_publish_goods(&[]).await.unwrap_err(),
    ] {
        assert_invalid(err);
    }
    assert_eq!(api.sent(), sent);
}
