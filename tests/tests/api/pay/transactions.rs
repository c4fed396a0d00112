//! Payments: the four prepays, the two queries, close.

use serde_json::json;
use wechat_runtime::pay::transactions::{
    GoodsDetail, H5Info, H5Order, H5Type, JsapiOrder, OrderDetail, SceneInfo, StoreInfo,
    TradeState, TradeType,
};
use wechat_runtime::pay::{Fen, OutTradeNo};
use wechat_runtime::Error;

use super::{
    assert_request, order, pay_code, sandbox, sandbox_trusting, Trust, APPID, MCHID, NOTIFY_URL,
    OPENID,
};

#[tokio::test]
async fn jsapi_prepay_sends_the_payer_and_every_optional_field() {
    let sb = sandbox().await;
    let order = order("T20240001", 100)
        .attach("自定义数据说明")
        .time_expire("2030-06-08T10:34:56+08:00")
        .goods_tag("WXG")
        .support_fapiao(true)
        .detail(
            OrderDetail::new()
                .cost_price(Fen::new(608800))
                .invoice_id("微信123")
                .goods(vec![GoodsDetail::new("1246464644", 1, Fen::new(528800))
                    .wechatpay_goods_id("1001")
                    .goods_name("iPhoneX 256G")]),
        )
        .scene_info(
            SceneInfo::new("14.23.150.211")
                .device_id("013467007045764")
                .store_info(
                    StoreInfo::new("0001")
                        .name("腾讯大厦分店")
                        .area_code("440305")
                        .address("广东省深圳市南山区科技中一道10000号"),
                ),
        )
        .profit_sharing(false);
    let prepay_id = sb
        .pay
        .transactions()
        .jsapi(&JsapiOrder::new(order, OPENID))
        .await
        .expect("prepay");
    assert!(prepay_id.starts_with("wx"), "{prepay_id}");
    assert_request(
        &sb.one(),
        "POST",
        "/v3/pay/transactions/jsapi",
        &[],
        Some(json!({
            "appid": APPID,
            "mchid": MCHID,
            "description": "Image形象店-深圳腾大-QQ公仔",
            "out_trade_no": "T20240001",
            "time_expire": "2030-06-08T10:34:56+08:00",
            "attach": "自定义数据说明",
            "notify_url": NOTIFY_URL,
            "goods_tag": "WXG",
            "support_fapiao": true,
            "amount": { "total": 100, "currency": "CNY" },
            "payer": { "openid": OPENID },
            "detail": {
                "cost_price": 608800,
                "invoice_id": "微信123",
                "goods_detail": [{
                    "merchant_goods_id": "1246464644",
                    "wechatpay_goods_id": "1001",
                    "goods_name": "iPhoneX 256G",
                    "quantity": 1,
                    "unit_price": 528800,
                }],
            },
            "scene_info": {
                "payer_client_ip": "14.23.150.211",
                "device_id": "013467007045764",
                "store_info": {
                    "id": "0001",
                    "name": "腾讯大厦分店",
                    "area_code": "440305",
                    "address": "广东省深圳市南山区科技中一道10000号",
                },
            },
            "settle_info": { "profit_sharing": false },
        })),
    );
    // What the Mini Program hands to wx.requestPayment.
    let params = sb.pay.jsapi_params(APPID, &prepay_id).expect("paySign");
    assert_eq!(params.package, format!("prepay_id={prepay_id}"));
}

#[tokio::test]
async fn app_prepay_answers_a_prepay_id() {
    let sb = sandbox().await;
    let prepay_id = sb
        .pay
        .transactions()
        .app(&order("T20240002", 1))
        .await
        .expect("prepay");
    assert!(prepay_id.starts_with("wx"), "{prepay_id}");
    assert_request(
        &sb.one(),
        "POST",
        "/v3/pay/transactions/app",
        &[],
        Some(json!({
            "appid": APPID, "mchid": MCHID, "description": "Image形象店-深圳腾大-QQ公仔",
            "out_trade_no": "T20240002", "notify_url": NOTIFY_URL,
            "amount": { "total": 1, "currency": "CNY" },
        })),
    );
    let params = sb.pay.app_params(APPID, &prepay_id).expect("App sign");
    assert_eq!(params.prepayid, prepay_id);
}

#[tokio::test]
async fn h5_prepay_sends_the_scene_and_h5_info() {
    let sb = sandbox().await;
    let h5 = H5Order::new(
        order("T20240003", 500),
        SceneInfo::new("14.23.150.211"),
        H5Info::new(H5Type::Ios)
            .app_name("王者荣耀")
            .app_url("https://pay.qq.com")
            .bundle_id("com.tencent.wzryiOS")
            .package_name("com.tencent.tmgp.sgame"),
    );
    let h5_url = sb.pay.transactions().h5(&h5).await.expect("prepay");
    assert!(h5_url.starts_with("https://wx.tenpay.com/"), "{h5_url}");
    assert_request(
        &sb.one(),
        "POST",
        "/v3/pay/transactions/h5",
        &[],
        Some(json!({
            "appid": APPID, "mchid": MCHID, "description": "Image形象店-深圳腾大-QQ公仔",
            "out_trade_no": "T20240003", "notify_url": NOTIFY_URL,
            "amount": { "total": 500, "currency": "CNY" },
            "scene_info": {
                "payer_client_ip": "14.23.150.211",
                "h5_info": {
                    "type": "iOS", "app_name": "王者荣耀", "app_url": "https://pay.qq.com",
                    "bundle_id": "com.tencent.wzryiOS", "package_name": "com.tencent.tmgp.sgame",
                },
            },
        })),
    );
}

#[tokio::test]
async fn native_prepay_answers_a_code_url_with_certificate_verification() {
    // The client knows only the platform certificate; the sandbox signs with it.
    let sb = sandbox_trusting(Trust::Certificate).await;
    let code_url = sb
        .pay
        .transactions()
        .native(&order("T20240004", 990).profit_sharing(true))
        .await
        .expect("prepay");
    assert!(
        code_url.starts_with("weixin://wxpay/bizpayurl?pr="),
        "{code_url}"
    );
    assert_request(
        &sb.one(),
        "POST",
        "/v3/pay/transactions/native",
        &[],
        Some(json!({
            "appid": APPID, "mchid": MCHID, "description": "Image形象店-深圳腾大-QQ公仔",
            "out_trade_no": "T20240004", "notify_url": NOTIFY_URL,
            "amount": { "total": 990, "currency": "CNY" },
            "settle_info": { "profit_sharing": true },
        })),
    );
}

#[tokio::test]
async fn the_same_prepay_sent_again_is_the_same_order() {
    let sb = sandbox().await;
    let order = order("T20240005", 100);
    let first = sb.pay.transactions().app(&order).await.expect("prepay");
    let again = sb
        .pay
        .transactions()
        .app(&order)
        .await
        .expect("prepay again");
    assert_eq!(first, again);
    // A different order under the same number is WeChat Pay's error, typed.
    let err = sb
        .pay
        .transactions()
        .app(&super::order("T20240005", 200))
        .await
        .unwrap_err();
    assert_eq!(pay_code(&err), "OUT_TRADE_NO_USED");
}

#[tokio::test]
async fn queries_by_either_number_answer_the_typed_transaction() {
    let sb = sandbox().await;
    let transaction_id = sb.paid_order("T20240006", 300, false).await;

    let no = OutTradeNo::new("T20240006").unwrap();
    let by_no = sb
        .pay
        .transactions()
        .by_out_trade_no(&no)
        .await
        .expect("query");
    assert_request(
        &sb.one(),
        "GET",
        "/v3/pay/transactions/out-trade-no/T20240006",
        &[("mchid", MCHID)],
        None,
    );
    assert_eq!(by_no.trade_state, TradeState::Success);
    assert_eq!(by_no.trade_type, Some(TradeType::Native));
    assert_eq!(
        by_no.transaction_id.as_deref(),
        Some(transaction_id.as_str())
    );
    assert_eq!(by_no.appid, APPID);
    assert_eq!(by_no.mchid, MCHID);
    assert_eq!(by_no.out_trade_no, "T20240006");
    assert_eq!(
        by_no.payer.as_ref().map(|p| p.openid.as_str()),
        Some(OPENID)
    );
    let amount = by_no.amount.as_ref().expect("amount");
    assert_eq!(amount.total, Fen::new(300));
    assert_eq!(amount.payer_total, Some(Fen::new(300)));
    assert_eq!(amount.currency.as_deref(), Some("CNY"));
    assert!(by_no.success_time.is_some());
    assert!(by_no.bank_type.is_some());
    assert!(by_no.promotion_detail.is_empty());

    let by_id = sb
        .pay
        .transactions()
        .by_transaction_id(&transaction_id)
        .await
        .expect("query");
    assert_request(
        &sb.one(),
        "GET",
        &format!("/v3/pay/transactions/id/{transaction_id}"),
        &[("mchid", MCHID)],
        None,
    );
    assert_eq!(by_id, by_no);
}

#[tokio::test]
async fn an_unpaid_order_is_notpay_then_closed() {
    let sb = sandbox().await;
    sb.pay
        .transactions()
        .native(&order("T20240007", 100))
        .await
        .expect("prepay");
    sb.take();
    let no = OutTradeNo::new("T20240007").unwrap();
    let unpaid = sb
        .pay
        .transactions()
        .by_out_trade_no(&no)
        .await
        .expect("query");
    assert_eq!(unpaid.trade_state, TradeState::NotPay);
    assert_eq!(unpaid.transaction_id, None);
    assert_eq!(unpaid.success_time, None);
    sb.take();

    sb.pay
        .transactions()
        .close(&no)
        .await
        .expect("closed (204)");
    assert_request(
        &sb.one(),
        "POST",
        "/v3/pay/transactions/out-trade-no/T20240007/close",
        &[],
        Some(json!({ "mchid": MCHID })),
    );
    let closed = sb
        .pay
        .transactions()
        .by_out_trade_no(&no)
        .await
        .expect("query");
    assert_eq!(closed.trade_state, TradeState::Closed);
    // Closing again closes nothing more.
    sb.pay
        .transactions()
        .close(&no)
        .await
        .expect("closed again");
}

#[tokio::test]
async fn a_paid_order_cannot_be_closed() {
    let sb = sandbox().await;
    sb.paid_order("T20240008", 100, false).await;
    let err = sb
        .pay
        .transactions()
        .close(&OutTradeNo::new("T20240008").unwrap())
        .await
        .unwrap_err();
    assert_eq!(pay_code(&err), "ORDERPAID");
    let unknown = sb
        .pay
        .transactions()
        .by_out_trade_no(&OutTradeNo::new("T20249999").unwrap())
        .await
        .unwrap_err();
    assert_eq!(pay_code(&unknown), "ORDER_NOT_EXIST");
}

#[tokio::test]
async fn bad_orders_are_refused_before_sending() {
    let sb = sandbox().await;
    let mut empty = order("T20240009", 100);
    empty.description = String::new();
    let err = sb.pay.transactions().native(&empty).await.unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput(m) if m.contains("description")),
        "{err}"
    );

    let zero = order("T20240009", 0);
    let err = sb.pay.transactions().app(&zero).await.unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput(m) if m.contains("0 fen")),
        "{err}"
    );

    let err = sb
        .pay
        .transactions()
        .jsapi(&JsapiOrder::new(order("T20240009", 1), ""))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput(m) if m.contains("openid")),
        "{err}"
    );

    let err = sb
        .pay
        .transactions()
        .by_transaction_id("../../refund")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err}");
    assert!(sb.take().is_empty(), "nothing was sent");
}
