//! Shipping information management (`/wxa/sec/order/*`).

use super::{OPENID, TRANSACTION_ID};
use crate::common::api::*;
use crate::common::APPID;
use serde_json::json;
use wechat_runtime::api::wxa_shipping::{
    CombinedShippingInfo, OrderShipping, ShippingInfo, ShippingLogistics, ShippingMode,
    ShippingOrderKey, ShippingOrderQuery, ShippingOrderState, ShippingPackage, ShippingSpecialKind,
    ShippingTradeRef,
};

#[tokio::test]
async fn shipping_uploads() {
    let api = ApiMock::start().await;
    api.answer(
        "/wxa/sec/order/upload_shipping_info",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    let shipping = OrderShipping::unified(
        ShippingOrderKey::transaction_id(TRANSACTION_ID),
        ShippingLogistics::Express,
        ShippingPackage::express("YT3750696145732", "YTO", "微信气泡狗集线器*1")
            .receiver_contact("139****2901"),
    );
    api.client
        .wxa_shipping()
        .upload(&ShippingInfo::new(OPENID, shipping).upload_time("2023-07-03T19:40:42.637+08:00"))
        .await
        .unwrap();
    api.expect(
        "POST",
        "/wxa/sec/order/upload_shipping_info",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({
            "order_key": {"order_number_type": 2, "transaction_id": TRANSACTION_ID},
            "logistics_type": 1,
            "delivery_mode": 1,
            "shipping_list": [{"tracking_no": "YT3750696145732", "express_company": "YTO",
                               "item_desc": "微信气泡狗集线器*1", "contact": {"receiver_contact": "139****2901"}}],
            "upload_time": "2023-07-03T19:40:42.637+08:00",
            "payer": {"openid": OPENID}
        })),
    );

    // A split delivery, by merchant order number; the upload time defaults to now, as RFC 3339.
    let split = OrderShipping::split(
        ShippingOrderKey::out_trade_no("1230000109", "ORDER20240501001"),
        vec![
            ShippingPackage::express("SF1000000001", "SF", "抱枕*1")
                .consignor_contact("177****1234"),
            ShippingPackage::express("ZTO7000000002", "ZTO", "零钱包*1"),
        ],
        false,
    );
    api.client
        .wxa_shipping()
        .upload(&ShippingInfo::new(OPENID, split))
        .await
        .unwrap();
    let body = api.last().json();
    assert_eq!(
        body["order_key"],
        json!({"order_number_type": 1, "mchid": "1230000109", "out_trade_no": "ORDER20240501001"})
    );
    assert_eq!(
        (
            body["delivery_mode"].clone(),
            body["is_all_delivered"].clone()
        ),
        (json!(2), json!(false))
    );
    assert_eq!(body["shipping_list"].as_array().unwrap().len(), 2);
    let upload_time = body["upload_time"].as_str().unwrap();
    assert!(
        upload_time.ends_with('Z') && upload_time.len() == 20,
        "{upload_time}"
    );

    api.answer(
        "/wxa/sec/order/upload_combined_shipping_info",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    let combined = CombinedShippingInfo::new(
        ShippingOrderKey::transaction_id("4200001858202306300646150000"),
        OPENID,
        vec![OrderShipping::unified(
            ShippingOrderKey::transaction_id(TRANSACTION_ID),
            ShippingLogistics::Virtual,
            ShippingPackage::goods("话费充值 50 元"),
        )],
    )
    .upload_time("2022-12-15T13:29:35.120+08:00");
    api.client
        .wxa_shipping()
        .upload_combined(&combined)
        .await
        .unwrap();
    api.expect(
        "POST",
        "/wxa/sec/order/upload_combined_shipping_info",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({
            "order_key": {"order_number_type": 2, "transaction_id": "4200001858202306300646150000"},
            "sub_orders": [{
                "order_key": {"order_number_type": 2, "transaction_id": TRANSACTION_ID},
                "logistics_type": 3,
                "delivery_mode": 1,
                "shipping_list": [{"item_desc": "话费充值 50 元"}]
            }],
            "upload_time": "2022-12-15T13:29:35.120+08:00",
            "payer": {"openid": OPENID}
        })),
    );

    api.answer(
        "/wxa/sec/order/upload_shipping_info",
        errcode(10060001, "支付单不存在"),
    );
    let err = api
        .client
        .wxa_shipping()
        .upload(&ShippingInfo::new(
            OPENID,
            OrderShipping::unified(
                ShippingOrderKey::transaction_id(TRANSACTION_ID),
                ShippingLogistics::SelfPickup,
                ShippingPackage::goods("草莓*1"),
            ),
        ))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(10060001));

    // Rejected before sending.
    let sent = api.sent();
    let key = || ShippingOrderKey::transaction_id(TRANSACTION_ID);
    let goods = || ShippingPackage::goods("草莓*1");
    for info in [
        ShippingInfo::new(
            "",
            OrderShipping::unified(key(), ShippingLogistics::SelfPickup, goods()),
        ),
        ShippingInfo::new(
            OPENID,
            OrderShipping::unified(
                ShippingOrderKey::transaction_id(""),
                ShippingLogistics::SelfPickup,
                goods(),
            ),
        ),
        // Express shipping needs a tracking number.
        ShippingInfo::new(
            OPENID,
            OrderShipping::unified(key(), ShippingLogistics::Express, goods()),
        ),
        // SF Express needs a contact.
        ShippingInfo::new(
            OPENID,
            OrderShipping::unified(
                key(),
                ShippingLogistics::Express,
                ShippingPackage::express("SF1", "SF", "抱枕*1"),
            ),
        ),
        ShippingInfo::new(
            OPENID,
            OrderShipping::unified(
                key(),
                ShippingLogistics::SelfPickup,
                ShippingPackage::goods("x".repeat(121)),
            ),
        ),
        ShippingInfo::new(OPENID, OrderShipping::split(key(), Vec::new(), true)),
        ShippingInfo::new(
            OPENID,
            OrderShipping::split(
                key(),
                (0..16)
                    .map(|i| ShippingPackage::express(format!("YT{i}"), "YTO", "抱枕*1"))
                    .collect(),
                true,
            ),
        ),
        ShippingInfo::new(
            OPENID,
            OrderShipping::unified(key(), ShippingLogistics::SelfPickup, goods()),
        )
        .upload_time("2024-12-29T11:18:45.035+0800"),
    ] {
        assert_invalid(api.client.wxa_shipping().upload(&info).await.unwrap_err());
    }
    assert_invalid(
        api.client
            .wxa_shipping()
            .upload_combined(&CombinedShippingInfo::new(key(), OPENID, Vec::new()))
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn shipping_orders() {
    let api = ApiMock::start().await;
    let order = json!({
        "transaction_id": TRANSACTION_ID, "merchant_id": "1230000109", "sub_merchant_id": "0",
        "merchant_trade_no": "ORDER20240501001", "description": "微信气泡狗集线器*1",
        "paid_amount": 2990, "openid": OPENID, "trade_create_time": 1714521600,
        "pay_time": 1714521605, "in_complaint": false, "order_state": 2,
        "shipping": {"delivery_mode": 1, "logistics_type": 1, "finish_shipping": true,
                     "upload_scene": 2, "finish_shipping_count": 1,
                     "shipping_list": [{"tracking_no": "YT3750696145732", "express_company": "YTO",
                                        "upload_time": 1714525200, "goods_desc": "微信气泡狗集线器*1"}]}
    });
    api.answer(
        "/wxa/sec/order/get_order",
        json!({"errcode": 0, "errmsg": "ok", "order": order}),
    );
    let got = api
        .client
        .wxa_shipping()
        .get_order(&ShippingTradeRef::transaction_id(TRANSACTION_ID))
        .await
        .unwrap();
    api.expect(
        "POST",
        "/wxa/sec/order/get_order",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"transaction_id": TRANSACTION_ID})),
    );
    assert_eq!(got.order_state, ShippingOrderState::Shipped);
    assert_eq!((got.paid_amount, got.pay_time), (2990, 1714521605));
    let shipping = got.shipping.unwrap();
    assert_eq!(shipping.logistics_type, Some(ShippingLogistics::Express));
    assert_eq!(shipping.delivery_mode, Some(ShippingMode::Unified));
    assert!(shipping.finish_shipping);
    assert_eq!(shipping.shipping_list[0].tracking_no, "YT3750696145732");

    api.client
        .wxa_shipping()
        .get_order(
            &ShippingTradeRef::merchant_trade_no("1230000109", "ORDER20240501001")
                .sub_merchant_id("1900000109"),
        )
        .await
        .unwrap();
    assert_eq!(
        api.last().json(),
        json!({"merchant_id": "1230000109", "sub_merchant_id": "1900000109", "merchant_trade_no": "ORDER20240501001"})
    );

    api.answer(
        "/wxa/sec/order/get_order_list",
        json!({"errcode": 0, "errmsg": "ok", "last_index": "1", "has_more": true, "order_list": [order]}),
    );
    let page = api
        .client
        .wxa_shipping()
        .get_order_list(
            &ShippingOrderQuery::new()
                .pay_time_range(Some(1714521600), None)
                .order_state(ShippingOrderState::WaitingShipment)
                .openid(OPENID)
                .page_size(1),
        )
        .await
        .unwrap();
    api.expect(
        "POST",
        "/wxa/sec/order/get_order_list",
        &[("access_token", ACCESS_TOKEN)],
        Some(
            json!({"pay_time_range": {"begin_time": 1714521600}, "order_state": 1,
                    "openid": OPENID, "page_size": 1}),
        ),
    );
    assert!(page.has_more);
    assert_eq!(page.last_index, "1");
    assert_eq!(page.order_list[0].transaction_id, TRANSACTION_ID);

    api.answer(
        "/wxa/sec/order/notify_confirm_receive",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    api.client
        .wxa_shipping()
        .notify_confirm_receive(
            &ShippingTradeRef::transaction_id(TRANSACTION_ID),
            1714611600,
        )
        .await
        .unwrap();
    api.expect(
        "POST",
        "/wxa/sec/order/notify_confirm_receive",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"transaction_id": TRANSACTION_ID, "received_time": 1714611600})),
    );
    api.answer(
        "/wxa/sec/order/notify_confirm_receive",
        errcode(10060029, "签收时间不合理"),
    );
    let err = api
        .client
        .wxa_shipping()
        .notify_confirm_receive(&ShippingTradeRef::transaction_id(TRANSACTION_ID), 1)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(10060029));

    // Rejected before sending.
    let sent = api.sent();
    for err in [
        api.client
            .wxa_shipping()
            .get_order(&ShippingTradeRef::transaction_id(""))
            .await
            .unwrap_err(),
        api.client
            .wxa_shipping()
            .get_order(&ShippingTradeRef::merchant_trade_no("1230000109", ""))
            .await
            .unwrap_err(),
        api.client
            .wxa_shipping()
            .get_order_list(&ShippingOrderQuery::new().page_size(101))
            .await
            .unwrap_err(),
        api.client
            .wxa_shipping()
            .get_order_list(&ShippingOrderQuery::new().pay_time_range(Some(2), Some(1)))
            .await
            .unwrap_err(),
        api.client
            .wxa_shipping()
            .notify_confirm_receive(&ShippingTradeRef::transaction_id(TRANSACTION_ID), 0)
            .await
            .unwrap_err(),
    ] {
        assert_invalid(err);
    }
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn shipping_settings() {
    let api = ApiMock::start().await;
    api.answer(
        "/wxa/sec/order/set_msg_jump_path",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    api.client
        .wxa_shipping()
        .set_msg_jump_path("pages/order/detail")
        .await
        .unwrap();
    api.expect(
        "POST",
        "/wxa/sec/order/set_msg_jump_path",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"path": "pages/order/detail"})),
    );

    api.answer(
        "/wxa/sec/order/is_trade_managed",
        json!({"errcode": 0, "errmsg": "ok", "is_trade_managed": true}),
    );
    assert!(api
        .client
        .wxa_shipping()
        .is_trade_managed(APPID)
        .await
        .unwrap());
    api.expect(
        "POST",
        "/wxa/sec/order/is_trade_managed",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"appid": APPID})),
    );

    api.answer(
        "/wxa/sec/order/is_trade_management_confirmation_completed",
        json!({"errcode": 0, "errmsg": "ok", "completed": false}),
    );
    assert!(!api
        .client
        .wxa_shipping()
        .is_trade_management_confirmation_completed(APPID)
        .await
        .unwrap());
    api.expect(
        "POST",
        "/wxa/sec/order/is_trade_management_confirmation_completed",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"appid": APPID})),
    );

    api.answer(
        "/wxa/sec/order/is_trade_managed",
        errcode(-1, "system error"),
    );
    let err = api
        .client
        .wxa_shipping()
        .is_trade_managed(APPID)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(-1));

    let sent = api.sent();
    assert_invalid(
        api.client
            .wxa_shipping()
            .is_trade_managed("")
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn shipping_special_orders() {
    let api = ApiMock::start().await;
    api.answer(
        "/wxa/sec/order/opspecialorder",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    api.client
        .wxa_shipping()
        .report_special_order(
            TRANSACTION_ID,
            ShippingSpecialKind::Presale {
                ship_by: 1752035828,
            },
        )
        .await
        .unwrap();
    api.expect(
        "POST",
        "/wxa/sec/order/opspecialorder",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"order_id": TRANSACTION_ID, "type": 1, "delay_to": 1752035828})),
    );
    api.client
        .wxa_shipping()
        .report_special_order("ORDER20240501001", ShippingSpecialKind::Test)
        .await
        .unwrap();
    assert_eq!(
        api.last().json(),
        json!({"order_id": "ORDER20240501001", "type": 2})
    );
    api.answer(
        "/wxa/sec/order/opspecialorder",
        errcode(268546002, "账户不存在这个待发货单号"),
    );
    let err = api
        .client
        .wxa_shipping()
        .report_special_order(TRANSACTION_ID, ShippingSpecialKind::Test)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(268546002));
    let sent = api.sent();
    for err in [
        api.client
            .wxa_shipping()
            .report_special_order("", ShippingSpecialKind::Test)
            .await
            .unwrap_err(),
        api.client
            .wxa_shipping()
            .report_special_order(TRANSACTION_ID, ShippingSpecialKind::Presale { ship_by: 0 })
            .await
            .unwrap_err(),
    ] {
        assert_invalid(err);
    }
    assert_eq!(api.sent(), sent);
}
