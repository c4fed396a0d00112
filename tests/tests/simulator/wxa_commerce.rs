//! Mini Program commerce and security through the SDK's typed calls against the simulator:
//! shipping state per order, token accounts and cash orders of the virtual payment (both
//! signatures checked), and the login-state checks with the session keys `jscode2session` gave.

use serde_json::json;
use wechat_runtime::api::message::TypingCommand;
use wechat_runtime::api::mini_program::SecScene;
use wechat_runtime::api::wxa_security::{MediaCheckAsync, RiskRankQuery, RiskScene, SecMediaType};
use wechat_runtime::api::wxa_shipping::{
    CombinedShippingInfo, OrderShipping, ShippingInfo, ShippingLogistics, ShippingOrderKey,
    ShippingOrderQuery, ShippingOrderState, ShippingPackage, ShippingSpecialKind, ShippingTradeRef,
};
use wechat_runtime::api::xpay::{
    XpayCancelPay, XpayCurrencyPay, XpayGoodsTaskStatus, XpayGoodsUpload, XpayKey, XpayOrderRef,
    XpayOrderStatus, XpayRefundOrder, XpayWithdrawStatus,
};
use wechat_runtime::{now_unix, Secret};
use wechat_simulator::{errcode, Simulator};

use crate::common::*;

const OPENID: &str = "oUrsf0SoPGVLbQXNOFmyz2Tkb3QM";
const MCHID: &str = "1230000109";
const APP_KEY: &str = "sandbox-app-key-1111";

/// The user logging in: the session key the SDK's `jscode2session` gets.
async fn login(sim: &Simulator, openid: &str) -> Secret {
    let client = sdk_client(sim);
    let session = client
        .mini_program()
        .jscode2session(&sim.js_code(APPID, openid), &Secret::new(SECRET))
        .await
        .expect("jscode2session");
    Secret::new(session.session_key)
}

fn express(tracking_no: &str) -> ShippingPackage {
    ShippingPackage::express(tracking_no, "YTO", "微信气泡狗集线器*1")
        .receiver_contact("139****2901")
}

#[tokio::test]
async fn an_order_ships_is_reminded_and_corrected_once() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let shipping = client.wxa_shipping();
    let transaction_id = sim.add_paid_order(APPID, MCHID, "ORDER0001", OPENID, 2990, "集线器*1");
    let by_id = ShippingTradeRef::transaction_id(&transaction_id);

    let order = shipping.get_order(&by_id).await.unwrap();
    assert_eq!(order.order_state, ShippingOrderState::WaitingShipment);
    assert_eq!((order.paid_amount, order.openid.as_str()), (2990, OPENID));
    assert_eq!(order.merchant_trade_no, "ORDER0001");
    assert!(order.shipping.is_none());

    // A split delivery not finished yet leaves the order waiting.
    let split = OrderShipping::split(
        ShippingOrderKey::out_trade_no(MCHID, "ORDER0001"),
        vec![express("YT0001")],
        false,
    );
    shipping
        .upload(&ShippingInfo::new(OPENID, split))
        .await
        .unwrap();
    let order = shipping.get_order(&by_id).await.unwrap();
    assert_eq!(order.order_state, ShippingOrderState::WaitingShipment);
    assert!(!order.shipping.unwrap().finish_shipping);

    let unified = || {
        OrderShipping::unified(
            ShippingOrderKey::transaction_id(&transaction_id),
            ShippingLogistics::Express,
            express("YT0002"),
        )
    };
    shipping
        .upload(&ShippingInfo::new(OPENID, unified()))
        .await
        .unwrap();
    let order = shipping
        .get_order(&ShippingTradeRef::merchant_trade_no(MCHID, "ORDER0001"))
        .await
        .unwrap();
    assert_eq!(order.order_state, ShippingOrderState::Shipped);
    let detail = order.shipping.unwrap();
    assert!(detail.finish_shipping);
    assert_eq!(detail.finish_shipping_count, 1);
    assert_eq!(detail.shipping_list[0].tracking_no, "YT0002");

    // Another user is not the payer.
    let err = shipping
        .upload(&ShippingInfo::new(
            "o6_bmjrPTlm6_2sgVt7hMZOPfL2M",
            unified(),
        ))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(errcode::INVALID_OPENID));

    // The reminder: signed for after the shipment, once.
    let err = shipping
        .notify_confirm_receive(&by_id, 1_000)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(errcode::SHIPPING_RECEIVED_TIME_INVALID));
    let received = now_unix() + 3_600;
    shipping
        .notify_confirm_receive(&by_id, received)
        .await
        .unwrap();
    let err = shipping
        .notify_confirm_receive(&by_id, received)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(errcode::SHIPPING_INVALID_PARAMS));

    // One correction of a shipped order, no more.
    shipping
        .upload(&ShippingInfo::new(OPENID, unified()))
        .await
        .unwrap();
    let order = shipping.get_order(&by_id).await.unwrap();
    assert_eq!(order.shipping.unwrap().finish_shipping_count, 2);
    let err = shipping
        .upload(&ShippingInfo::new(OPENID, unified()))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(errcode::SHIPPING_RESHIPPED));

    // Received: no shipping any more.
    assert!(sim.confirm_received(APPID, &transaction_id));
    let order = shipping.get_order(&by_id).await.unwrap();
    assert_eq!(order.order_state, ShippingOrderState::Received);

    let unknown = shipping
        .get_order(&ShippingTradeRef::transaction_id(
            "4200000000000000000000000000",
        ))
        .await
        .unwrap_err();
    assert_eq!(unknown.errcode(), Some(errcode::SHIPPING_ORDER_NOT_FOUND));
}

#[tokio::test]
async fn shipping_rules_combined_orders_lists_and_settings() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let shipping = client.wxa_shipping();
    let first = sim.add_paid_order(APPID, MCHID, "ORDER0001", OPENID, 100, "a");
    let second = sim.add_paid_order(APPID, MCHID, "ORDER0002", OPENID, 200, "b");
    let other = sim.add_paid_order(APPID, MCHID, "ORDER0003", "o6_other", 300, "c");

    // A received order cannot ship.
    shipping
        .upload(&ShippingInfo::new(
            "o6_other",
            OrderShipping::unified(
                ShippingOrderKey::transaction_id(&other),
                ShippingLogistics::SelfPickup,
                ShippingPackage::goods("c"),
            ),
        ))
        .await
        .unwrap();
    assert!(sim.confirm_received(APPID, &other));
    let err = shipping
        .upload(&ShippingInfo::new(
            "o6_other",
            OrderShipping::unified(
                ShippingOrderKey::transaction_id(&other),
                ShippingLogistics::SelfPickup,
                ShippingPackage::goods("c"),
            ),
        ))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(errcode::SHIPPING_NOT_SHIPPABLE));

    // A combined order: both sub-orders, or neither.
    let sub = |id: &str| {
        OrderShipping::unified(
            ShippingOrderKey::transaction_id(id),
            ShippingLogistics::Virtual,
            ShippingPackage::goods("话费充值"),
        )
    };
    let err = shipping
        .upload_combined(&CombinedShippingInfo::new(
            ShippingOrderKey::transaction_id("4200000000000000000000000001"),
            OPENID,
            vec![sub(&first), sub("4200000000000000000000000404")],
        ))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(errcode::SHIPPING_ORDER_NOT_FOUND));
    let waiting = shipping
        .get_order_list(&ShippingOrderQuery::new().order_state(ShippingOrderState::WaitingShipment))
        .await
        .unwrap();
    assert_eq!(waiting.order_list.len(), 2);
    shipping
        .upload_combined(&CombinedShippingInfo::new(
            ShippingOrderKey::transaction_id("4200000000000000000000000001"),
            OPENID,
            vec![sub(&first), sub(&second)],
        ))
        .await
        .unwrap();

    // Pages of the user's orders.
    let page = shipping
        .get_order_list(&ShippingOrderQuery::new().openid(OPENID).page_size(1))
        .await
        .unwrap();
    assert_eq!(page.order_list.len(), 1);
    assert!(page.has_more);
    let next = shipping
        .get_order_list(
            &ShippingOrderQuery::new()
                .openid(OPENID)
                .page_size(1)
                .last_index(&page.last_index),
        )
        .await
        .unwrap();
    assert_eq!(next.order_list.len(), 1);
    assert!(!next.has_more);
    assert_ne!(
        page.order_list[0].transaction_id,
        next.order_list[0].transaction_id
    );
    assert!(next
        .order_list
        .iter()
        .chain(&page.order_list)
        .all(|order| order.order_state == ShippingOrderState::Shipped));

    // The rules WeChat enforces, past the SDK's checks (a raw request).
    let token = token(&sim).await;
    let path = format!("/wxa/sec/order/upload_shipping_info?access_token={token}");
    let body = |mode: u64, logistics: u64, list: serde_json::Value| {
        json!({
            "order_key": {"order_number_type": 2, "transaction_id": first},
            "logistics_type": logistics, "delivery_mode": mode, "is_all_delivered": true,
            "shipping_list": list, "upload_time": "2024-05-07T16:48:34Z",
            "payer": {"openid": OPENID}
        })
    };
    let two = json!([{"item_desc": "a"}, {"item_desc": "b"}]);
    for (body, code) in [
        (body(1, 3, two.clone()), errcode::SHIPPING_UNIFIED_NEEDS_ONE),
        (body(2, 3, two), errcode::SHIPPING_SPLIT_NEEDS_EXPRESS),
        (
            body(3, 3, json!([{"item_desc": "a"}])),
            errcode::SHIPPING_INVALID_DELIVERY_MODE,
        ),
        (
            body(1, 9, json!([{"item_desc": "a"}])),
            errcode::SHIPPING_INVALID_LOGISTICS_TYPE,
        ),
        (
            body(1, 3, json!([{"item_desc": ""}])),
            errcode::SHIPPING_ITEM_DESC_EMPTY,
        ),
    ] {
        assert_eq!(errcode(&post_json(&sim, &path, body).await), code);
    }

    // Settings.
    shipping
        .set_msg_jump_path("pages/order/detail")
        .await
        .unwrap();
    assert_eq!(
        sim.shipping_msg_jump_path(APPID).as_deref(),
        Some("pages/order/detail")
    );
    assert!(!shipping.is_trade_managed(APPID).await.unwrap());
    sim.set_trade_managed(APPID, true, true);
    assert!(shipping.is_trade_managed(APPID).await.unwrap());
    assert!(shipping
        .is_trade_management_confirmation_completed(APPID)
        .await
        .unwrap());
    let err = shipping
        .is_trade_managed("wx9999999999999999")
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(errcode::INVALID_APPID));
}

#[tokio::test]
async fn tokens_are_presented_spent_and_given_back() {
    let sim = sim().await;
    sim.set_xpay_app_key(APPID, APP_KEY);
    let client = sdk_client(&sim);
    let key = XpayKey::sandbox(APP_KEY);
    let xpay = client.xpay(&key);
    let session_key = login(&sim, OPENID).await;
    let ip = "203.0.113.7";

    let balance = xpay
        .query_user_balance(OPENID, ip, &session_key)
        .await
        .unwrap();
    assert_eq!(balance.balance, 0);
    assert!(balance.first_save());

    let presented = xpay
        .present_currency(OPENID, "GIFT00000001", 100)
        .await
        .unwrap();
    assert_eq!((presented.balance, presented.present_balance), (100, 100));
    let again = xpay
        .present_currency(OPENID, "GIFT00000001", 100)
        .await
        .unwrap_err();
    assert_eq!(again.errcode(), Some(errcode::XPAY_REPEATED));

    let paid = xpay
        .currency_pay(
            &XpayCurrencyPay::new(OPENID, ip, 30, "PAY00000001"),
            &session_key,
        )
        .await
        .unwrap();
    assert_eq!((paid.balance, paid.used_present_amount), (70, 30));
    let too_much = xpay
        .currency_pay(
            &XpayCurrencyPay::new(OPENID, ip, 71, "PAY00000002"),
            &session_key,
        )
        .await
        .unwrap_err();
    assert_eq!(too_much.errcode(), Some(errcode::XPAY_INSUFFICIENT));

    let balance = xpay
        .query_user_balance(OPENID, ip, &session_key)
        .await
        .unwrap();
    assert_eq!((balance.balance, balance.sum_cost), (70, 30));

    let cancel = |id: &str, amount| XpayCancelPay::new(OPENID, ip, "PAY00000001", id, amount);
    let refund_id = xpay
        .cancel_currency_pay(&cancel("CANCEL00000001", 30), &session_key)
        .await
        .unwrap();
    assert_eq!(refund_id, "CANCEL00000001");
    let err = xpay
        .cancel_currency_pay(&cancel("CANCEL00000002", 1), &session_key)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(errcode::XPAY_ALREADY_CANCELLED));
    let balance = xpay
        .query_user_balance(OPENID, ip, &session_key)
        .await
        .unwrap();
    assert_eq!((balance.balance, balance.present_balance), (100, 100));

    // The production environment keeps its own accounts.
    let production = XpayKey::production(APP_KEY);
    let live = client
        .xpay(&production)
        .query_user_balance(OPENID, ip, &session_key)
        .await
        .unwrap();
    assert_eq!(live.balance, 0);

    // The signatures are checked.
    let wrong_key = XpayKey::sandbox("another-app-key");
    let err = client
        .xpay(&wrong_key)
        .present_currency(OPENID, "GIFT00000002", 1)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(errcode::XPAY_INVALID_SIGNATURE));
    let err = xpay
        .query_user_balance(OPENID, ip, &Secret::new("not-the-session-key"))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(errcode::XPAY_INVALID_SIGNATURE));
    let err = xpay
        .query_user_balance("o6_never_logged_in", ip, &session_key)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(errcode::XPAY_SESSION_KEY_EXPIRED));
    // A new login replaces the session key.
    let new_key = login(&sim, OPENID).await;
    let err = xpay
        .query_user_balance(OPENID, ip, &session_key)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(errcode::XPAY_INVALID_SIGNATURE));
    xpay.query_user_balance(OPENID, ip, &new_key).await.unwrap();
}

#[tokio::test]
async fn a_cash_order_is_delivered_and_refunded() {
    let sim = sim().await;
    sim.set_xpay_app_key(APPID, APP_KEY);
    let wx_order_id = sim.add_xpay_order(APPID, 1, OPENID, "ORDER00000001", 600);
    let client = sdk_client(&sim);
    let key = XpayKey::sandbox(APP_KEY);
    let xpay = client.xpay(&key);

    let order = xpay
        .query_order(OPENID, &XpayOrderRef::order_id("ORDER00000001"))
        .await
        .unwrap();
    assert_eq!(order.status, XpayOrderStatus::Paid);
    assert_eq!(
        (order.paid_fee, order.left_fee, order.env_type),
        (600, 600, 2)
    );
    assert_eq!(order.wx_order_id, wx_order_id);

    xpay.notify_provide_goods(&XpayOrderRef::wx_order_id(&wx_order_id))
        .await
        .unwrap();
    let order = xpay
        .query_order(OPENID, &XpayOrderRef::wx_order_id(&wx_order_id))
        .await
        .unwrap();
    assert_eq!(order.status, XpayOrderStatus::Delivered);
    assert!(order.provide_time > 0);

    let refund = |id: &str, left, fee| {
        XpayRefundOrder::new(
            OPENID,
            XpayOrderRef::order_id("ORDER00000001"),
            id,
            left,
            fee,
        )
    };
    // `left_fee` must be what is left now.
    let err = xpay
        .refund_order(&refund("REFUND00000001", 500, 100))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(errcode::XPAY_INVALID_PARAM));
    let refunded = xpay
        .refund_order(&refund("REFUND00000001", 600, 100).biz_meta("ticket 88"))
        .await
        .unwrap();
    assert_eq!(refunded.pay_wx_order_id, wx_order_id);
    let order = xpay
        .query_order(OPENID, &XpayOrderRef::order_id("ORDER00000001"))
        .await
        .unwrap();
    assert_eq!(
        (order.status, order.left_fee),
        (XpayOrderStatus::Refunded, 500)
    );
    let refund_order = xpay
        .query_order(
            OPENID,
            &XpayOrderRef::wx_order_id(&refunded.refund_wx_order_id),
        )
        .await
        .unwrap();
    assert_eq!((refund_order.order_type, refund_order.refund_fee), (1, 100));
    assert_eq!(refund_order.biz_meta, "ticket 88");
    let again = xpay
        .refund_order(&refund("REFUND00000001", 500, 100))
        .await
        .unwrap_err();
    assert_eq!(again.errcode(), Some(errcode::XPAY_REPEATED));

    // The bill is generated on the first ask.
    let err = xpay.download_bill(20240501, 20240502).await.unwrap_err();
    assert_eq!(err.errcode(), Some(errcode::XPAY_BILL_GENERATING));
    let url = xpay.download_bill(20240501, 20240502).await.unwrap();
    assert!(url.starts_with("https://"), "{url}");

    // A request without its pay_sig.
    let token = token(&sim).await;
    let body = post_json(
        &sim,
        &format!("/xpay/query_order?access_token={token}"),
        json!({"openid": OPENID, "env": 1, "order_id": "ORDER00000001"}),
    )
    .await;
    assert_eq!(errcode(&body), errcode::XPAY_INVALID_PARAM);
}

#[tokio::test]
async fn login_state_security_and_paid_unionid() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let security = client.wxa_security();
    let session_key = login(&sim, OPENID).await;

    security.check_session(OPENID, &session_key).await.unwrap();
    let keys = security
        .user_encrypt_key(OPENID, &session_key)
        .await
        .unwrap();
    assert_eq!(keys.len(), 3);
    assert!(keys[0].version > keys[1].version);
    assert!(keys[0].expire_in > 0 && keys[1].expire_in == 0);
    assert_eq!(keys[0].iv.len(), 16);
    // The same keys within the hour.
    let again = security
        .user_encrypt_key(OPENID, &session_key)
        .await
        .unwrap();
    assert_eq!(again[0].encrypt_key, keys[0].encrypt_key);

    let new_key = login(&sim, OPENID).await;
    let err = security
        .check_session(OPENID, &session_key)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(errcode::INVALID_SIGNATURE));
    security.check_session(OPENID, &new_key).await.unwrap();

    // The unionid of a payer, within 5 minutes of the payment.
    let transaction_id = sim.add_paid_order(APPID, MCHID, "ORDER0009", OPENID, 100, "a");
    let unionid = security
        .paid_unionid(OPENID, &transaction_id)
        .await
        .unwrap();
    let by_trade_no = security
        .paid_unionid_by_out_trade_no(OPENID, MCHID, "ORDER0009")
        .await
        .unwrap();
    assert_eq!(unionid, by_trade_no);
    assert!(!unionid.is_empty());
    let err = security
        .paid_unionid(OPENID, "4200000000000000000000000404")
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(errcode::INVALID_TRADE));

    let trace_id = security
        .media_check_async(&MediaCheckAsync::new(
            OPENID,
            SecMediaType::Image,
            "https://example.com/a.png",
            SecScene::Comment,
        ))
        .await
        .unwrap();
    assert!(!trace_id.is_empty());
    let rank = security
        .user_risk_rank(&RiskRankQuery::new(
            OPENID,
            RiskScene::Register,
            "203.0.113.7",
        ))
        .await
        .unwrap();
    assert_eq!(rank.risk_rank, 0);
    let risky = security
        .user_risk_rank(&RiskRankQuery::new(
            "o6_risky_user",
            RiskScene::Ugc,
            "203.0.113.7",
        ))
        .await
        .unwrap();
    assert_eq!(risky.risk_rank, 4);
    security
        .kf_typing(OPENID, TypingCommand::Typing)
        .await
        .unwrap();
}

#[tokio::test]
async fn income_is_withdrawn_and_goods_are_published() {
    let sim = sim().await;
    sim.set_xpay_app_key(APPID, APP_KEY);
    sim.add_xpay_order(APPID, 0, OPENID, "ORDER00000001", 1000);
    let client = sdk_client(&sim);
    let key = XpayKey::production(APP_KEY);
    let xpay = client.xpay(&key);

    xpay.create_withdraw_order("WD0000000001", Some(400))
        .await
        .unwrap();
    let done = xpay.query_withdraw_order("WD0000000001").await.unwrap();
    assert_eq!(done.status, XpayWithdrawStatus::Succeeded);
    assert_eq!(done.withdraw_amount, "4.00");
    // 6.00 left: 7.00 is refused.
    xpay.create_withdraw_order("WD0000000002", Some(700))
        .await
        .unwrap();
    let failed = xpay.query_withdraw_order("WD0000000002").await.unwrap();
    assert_eq!(failed.status, XpayWithdrawStatus::Failed);
    assert!(!failed.fail_reason.is_empty());
    // All the rest.
    xpay.create_withdraw_order("WD0000000003", None)
        .await
        .unwrap();
    let rest = xpay.query_withdraw_order("WD0000000003").await.unwrap();
    assert_eq!(
        (rest.status, rest.withdraw_amount.as_str()),
        (XpayWithdrawStatus::Succeeded, "6.00")
    );
    let again = xpay
        .create_withdraw_order("WD0000000003", None)
        .await
        .unwrap_err();
    assert_eq!(again.errcode(), Some(errcode::XPAY_REPEATED));

    let goods = |id: &str, name: &str| {
        XpayGoodsUpload::new(id, name, 30, "解锁一集", "https://example.com/item.png")
    };
    assert_eq!(
        xpay.query_upload_goods().await.unwrap().status,
        XpayGoodsTaskStatus::Idle
    );
    xpay.start_upload_goods(&[goods("ep-1", "第一集"), goods("ep-2", "第二集")])
        .await
        .unwrap();
    let uploaded = xpay.query_upload_goods().await.unwrap();
    assert_eq!(uploaded.status, XpayGoodsTaskStatus::Succeeded);
    assert_eq!(uploaded.upload_item.len(), 2);
    xpay.start_upload_goods(&[goods("ep-1", "第一集")])
        .await
        .unwrap();
    let again = xpay.query_upload_goods().await.unwrap();
    assert_eq!(again.status, XpayGoodsTaskStatus::Failed);
    assert_eq!(again.upload_item[0].upload_status, 1);
    let err = xpay
        .start_upload_goods(&[goods("ep-9", "simulated-risky")])
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(errcode::XPAY_SENSITIVE_CONTENT));

    xpay.start_publish_goods(&["ep-1", "ep-3"]).await.unwrap();
    let published = xpay.query_publish_goods().await.unwrap();
    assert_eq!(published.status, XpayGoodsTaskStatus::Failed);
    assert_eq!(
        published
            .publish_item
            .iter()
            .map(|item| (item.id.as_str(), item.publish_status))
            .collect::<Vec<_>>(),
        [("ep-1", 2), ("ep-3", 3)]
    );
}

#[tokio::test]
async fn special_orders_are_reported_while_waiting() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let shipping = client.wxa_shipping();
    let presale = sim.add_paid_order(APPID, MCHID, "ORDER0001", OPENID, 100, "预售");
    sim.add_paid_order(APPID, MCHID, "ORDER0002", OPENID, 100, "测试");
    let day = 86_400;

    let too_soon = shipping
        .report_special_order(
            &presale,
            ShippingSpecialKind::Presale {
                ship_by: now_unix() + day,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(
        too_soon.errcode(),
        Some(errcode::SHIPPING_SPECIAL_INVALID_DELAY)
    );
    shipping
        .report_special_order(
            &presale,
            ShippingSpecialKind::Presale {
                ship_by: now_unix() + 20 * day,
            },
        )
        .await
        .unwrap();
    // By merchant order number.
    shipping
        .report_special_order("ORDER0002", ShippingSpecialKind::Test)
        .await
        .unwrap();
    let unknown = shipping
        .report_special_order("ORDER0404", ShippingSpecialKind::Test)
        .await
        .unwrap_err();
    assert_eq!(unknown.errcode(), Some(errcode::SHIPPING_SPECIAL_NO_ORDER));
}
