//! Mini Program JSON pushes: the same kinds as the XML, plaintext or encrypted through the
//! `Endpoint`, answered `success`.

use wechat_runtime::callback::{
    msg_signature, signature, CallbackQuery, Endpoint, EventKind, Incoming, MessageKind, Reply,
    SUCCESS,
};
use wechat_runtime::Error;

use super::vectors::{crypt, safe_endpoint, safe_query, NONCE, TIMESTAMP, TOKEN};

/// A JSON event with the header Mini Programs send and `rest` (members, comma-led).
fn json_event(name: &str, rest: &str) -> String {
    format!(
        r#"{{"ToUserName": "gh_38cc49f9733b", "FromUserName": "oH1fu0FdHqpToe2T6gBj0WyB8iS1",
            "CreateTime": 1625816600, "MsgType": "event", "Event": "{name}"{rest}}}"#
    )
}

fn event(name: &str, rest: &str) -> EventKind {
    let incoming = Incoming::parse_json(&json_event(name, rest)).unwrap();
    let Incoming::Event(e) = incoming else {
        panic!("{incoming:?}")
    };
    assert_eq!(e.header.to_user_name, "gh_38cc49f9733b");
    assert_eq!(e.header.from_user_name, "oH1fu0FdHqpToe2T6gBj0WyB8iS1");
    assert_eq!(e.header.create_time, 1625816600);
    assert_eq!(e.fields.get("CreateTime"), Some("1625816600"));
    e.kind
}

#[test]
fn text_message() {
    let json = r#"{"ToUserName": "toUser", "FromUserName": "fromUser", "CreateTime": 1482048670,
        "MsgType": "text", "Content": "this is a test", "MsgId": 1234567890123456}"#;
    let incoming = Incoming::parse_json(json).unwrap();
    assert_eq!(incoming.text(), Some("this is a test"));
    assert_eq!(incoming.msg_id(), Some(1234567890123456));
    assert_eq!(incoming.create_time(), 1482048670);
    // The same message with its numbers as strings reads the same.
    let strings = json
        .replace("1482048670", "\"1482048670\"")
        .replace("1234567890123456", "\"1234567890123456\"");
    assert_eq!(Incoming::parse_json(&strings).unwrap(), incoming);
}

#[test]
fn miniprogrampage() {
    let json = r#"{"ToUserName": "toUser", "FromUserName": "fromUser", "CreateTime": 1482048670,
        "MsgType": "miniprogrampage", "MsgId": 1234567890123456, "Title": "title",
        "AppId": "appid", "PagePath": "path", "ThumbUrl": "", "ThumbMediaId": "media"}"#;
    let incoming = Incoming::parse_json(json).unwrap();
    assert_eq!(
        incoming.message(),
        Some(&MessageKind::MiniProgramPage {
            title: "title".into(),
            app_id: "appid".into(),
            page_path: "path".into(),
            thumb_url: String::new(),
            thumb_media_id: "media".into()
        })
    );
}

#[test]
fn user_enter_tempsession() {
    assert_eq!(
        event(
            "user_enter_tempsession",
            r#", "SessionFrom": "sessionFrom""#
        ),
        EventKind::UserEnterTempsession {
            session_from: "sessionFrom".into()
        }
    );
}

#[test]
fn wxa_media_check() {
    let kind = event(
        "wxa_media_check",
        r#", "appid": "wx8f16a5e9ea3d5cf2", "trace_id": "60e7dd1e-59be0e1a-5e3a1f35",
            "version": 2,
            "detail": [{"strategy": "content_model", "errcode": 0, "suggest": "pass", "label": 100, "prob": 90},
                       {"strategy": "keyword", "errcode": 0, "suggest": "risky", "label": 20006, "prob": 99.5}],
            "errcode": 0, "errmsg": "ok", "result": {"suggest": "risky", "label": 20006}"#,
    );
    let EventKind::WxaMediaCheck(check) = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(check.app_id, "wx8f16a5e9ea3d5cf2");
    assert_eq!(check.trace_id, "60e7dd1e-59be0e1a-5e3a1f35");
    assert_eq!(check.version, 2);
    assert_eq!(check.detail.len(), 2);
    assert_eq!(check.detail[1].label, 20006);
    assert_eq!(check.detail[1].prob, 99.5);
    assert_eq!(check.result.suggest, "risky");
    assert_eq!(check.errmsg, "ok");
    // Version 1.
    let kind = event(
        "wxa_media_check",
        r#", "isrisky": 0, "extra_info_json": "", "appid": "wx1", "trace_id": "t1", "status_code": 0"#,
    );
    let EventKind::WxaMediaCheck(check) = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(check.is_risky, Some(0));
    assert_eq!(check.status_code, 0);
}

#[test]
fn trade_manage_events() {
    assert_eq!(
        event(
            "trade_manage_remind_access_api",
            r#", "msg": "你已开通小程序发货信息管理服务""#
        ),
        EventKind::TradeManageRemindAccessApi {
            msg: "你已开通小程序发货信息管理服务".into()
        }
    );
    let kind = event(
        "trade_manage_remind_shipping",
        r#", "transaction_id": "42000020212023112332159214xx", "merchant_id": "1600000000",
            "sub_merchant_id": "", "merchant_trade_no": "ORDER_1", "pay_time": 1700000000,
            "msg": "请尽快发货""#,
    );
    let EventKind::TradeManageRemindShipping(shipping) = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(shipping.transaction_id, "42000020212023112332159214xx");
    assert_eq!(shipping.merchant_id, "1600000000");
    assert_eq!(shipping.pay_time, 1700000000);
    assert_eq!(shipping.msg, "请尽快发货");
    let kind = event(
        "trade_manage_order_settlement",
        r#", "transaction_id": "4200002021", "merchant_id": "1600000000", "sub_merchant_id": "",
            "merchant_trade_no": "ORDER_1", "pay_time": 1700000000, "shipped_time": 1700000100,
            "estimated_settlement_time": 1700600000, "confirm_receive_method": 2,
            "confirm_receive_time": 1700300000, "settlement_time": 1700600001"#,
    );
    let EventKind::TradeManageOrderSettlement(settlement) = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(settlement.confirm_receive_method, 2);
    assert_eq!(settlement.settlement_time, 1700600001);
}

#[test]
fn xpay_events() {
    let pay_info = r#""WeChatPayInfo": {"MchOrderNo": "M1", "TransactionId": "42000001", "PaidTime": 1700000000}"#;
    let kind = event(
        "xpay_goods_deliver_notify",
        &format!(
            r#", "OpenId": "oBuyer", "OutTradeNo": "T1", "Env": 1, {pay_info},
                "GoodsInfo": {{"ProductId": "sword", "Quantity": 2, "OrigPrice": 600, "ActualPrice": 500, "Attach": "a"}}"#
        ),
    );
    let EventKind::XpayGoodsDeliverNotify(deliver) = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(deliver.env, 1);
    assert_eq!(deliver.wechat_pay_info.mch_order_no, "M1");
    assert_eq!(deliver.goods_info.product_id, "sword");
    assert_eq!(deliver.goods_info.orig_price, 600);
    assert_eq!(deliver.goods_info.attach, "a");

    let kind = event(
        "xpay_coin_pay_notify",
        &format!(
            r#", "OpenId": "oBuyer", "OutTradeNo": "T2", "Env": 0, {pay_info},
                "CoinInfo": {{"Quantity": 60, "OrigPrice": 600, "ActualPrice": 600, "Attach": ""}}"#
        ),
    );
    let EventKind::XpayCoinPayNotify(coins) = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(coins.out_trade_no, "T2");
    assert_eq!(coins.coin_info.quantity, 60);
    assert_eq!(coins.wechat_pay_info.paid_time, 1700000000);

    let kind = event(
        "xpay_refund_notify",
        r#", "OpenId": "oBuyer", "WxRefundId": "R1", "MchRefundId": "MR1", "WxOrderId": "O1",
            "MchOrderId": "MO1", "RefundFee": 500, "RetCode": 0, "RetMsg": "", "RetryTimes": 0,
            "RefundStartTimestamp": 1700000000, "RefundSuccTimestamp": 1700000060,
            "WxpayRefundTransactionId": "50300000""#,
    );
    let EventKind::XpayRefundNotify(refund) = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(refund.mch_refund_id, "MR1");
    assert_eq!(refund.refund_fee, 500);
    assert_eq!(refund.ret_code, 0);
    assert_eq!(refund.refund_succ_timestamp, 1700000060);
    assert_eq!(refund.wxpay_refund_transaction_id, "50300000");
}

#[test]
fn unknown_kind_keeps_the_json_and_its_fields() {
    let json = json_event(
        "some_future_event",
        r#", "Count": 3, "Flag": true, "Nested": {"A": 1}, "Name": "n""#,
    );
    let incoming = Incoming::parse_json(&json).unwrap();
    assert_eq!(incoming.field("Count"), Some("3"));
    assert_eq!(incoming.field("Flag"), Some("true"));
    assert_eq!(incoming.field("Name"), Some("n"));
    assert_eq!(incoming.field("Nested"), None);
    assert!(matches!(
        incoming.event(),
        Some(EventKind::Unknown { event, raw }) if event == "some_future_event" && *raw == json
    ));
}

#[test]
fn malformed_json_is_rejected() {
    for bad in [
        "{",
        "[]",
        "{\"ToUserName\": }",
        "{} trailing",
        // An object, but no MsgType.
        "{\"ToUserName\": \"a\"}",
        // A header field missing.
        r#"{"ToUserName": "a", "CreateTime": 1, "MsgType": "text", "Content": "x"}"#,
        // CreateTime that is not a number.
        r#"{"ToUserName": "a", "FromUserName": "b", "CreateTime": "soon", "MsgType": "text"}"#,
    ] {
        assert!(
            matches!(Incoming::parse_json(bad), Err(Error::MalformedMessage(_))),
            "{bad:?}: {:?}",
            Incoming::parse_json(bad)
        );
    }
}

#[test]
fn hostile_json_keys_and_values_stay_data() {
    let json = r#"{"ToUserName": "a", "FromUserName": "b", "CreateTime": 1, "MsgType": "text",
        "Content": "</Content><MsgType>image</MsgType>]]><![CDATA[", "<evil>": "x",
        "a b": 1, "MsgId": 1}"#;
    let incoming = Incoming::parse_json(json).unwrap();
    assert_eq!(
        incoming.text(),
        Some("</Content><MsgType>image</MsgType>]]><![CDATA[")
    );
    assert_eq!(incoming.field("<evil>"), None);
}

// ----- through the Endpoint ---------------------------------------------------------------------

const TEMPSESSION: &str = r#"{"ToUserName": "gh_38cc49f9733b", "FromUserName": "oUser",
    "CreateTime": 1625816600, "MsgType": "event", "Event": "user_enter_tempsession",
    "SessionFrom": "page"}"#;

#[test]
fn plaintext_json_through_the_endpoint() {
    let endpoint = Endpoint::plaintext(TOKEN).unwrap();
    let query = CallbackQuery::parse(&format!(
        "signature={}&timestamp={TIMESTAMP}&nonce={NONCE}",
        signature(TOKEN, TIMESTAMP, NONCE)
    ));
    let body = format!("\n  {TEMPSESSION}");
    let received = endpoint.receive(&query, body.as_bytes()).unwrap();
    assert!(received.json);
    assert!(!received.encrypted);
    assert_eq!(
        received.incoming.event(),
        Some(&EventKind::UserEnterTempsession {
            session_from: "page".into()
        })
    );
    // A JSON push takes no passive reply: `success`, whatever the handler answered.
    assert_eq!(endpoint.respond(&received, None).unwrap(), SUCCESS);
    assert_eq!(
        endpoint
            .respond(&received, Some(&Reply::text("hi")))
            .unwrap(),
        SUCCESS
    );
    // The XML path is unchanged: not JSON.
    let xml = "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content></xml>";
    let received = endpoint.receive(&query, xml.as_bytes()).unwrap();
    assert!(!received.json);
    assert!(endpoint
        .respond(&received, Some(&Reply::text("hi")))
        .unwrap()
        .starts_with("<xml>"));
}

#[test]
fn encrypted_json_through_the_endpoint() {
    let encrypt = crypt().encrypt(TEMPSESSION).unwrap();
    let body = format!(r#"{{"ToUserName": "gh_38cc49f9733b", "Encrypt": "{encrypt}"}}"#);
    let endpoint = safe_endpoint();
    let query = safe_query(&msg_signature(TOKEN, TIMESTAMP, NONCE, &encrypt));
    let received = endpoint.receive(&query, body.as_bytes()).unwrap();
    assert!(received.json);
    assert!(received.encrypted);
    assert_eq!(received.incoming.field("SessionFrom"), Some("page"));
    assert_eq!(
        endpoint
            .respond(&received, Some(&Reply::text("hi")))
            .unwrap(),
        SUCCESS
    );
    // A wrong msg_signature is refused before decrypting.
    assert!(matches!(
        endpoint.receive(&safe_query("0"), body.as_bytes()),
        Err(Error::InvalidSignature)
    ));
    // An envelope without Encrypt, or whose Encrypt is not a string, is malformed.
    for bad in [
        r#"{"ToUserName": "gh_1"}"#,
        r#"{"Encrypt": 1}"#,
        "{ not json",
    ] {
        assert!(
            matches!(
                endpoint.receive(&query, bad.as_bytes()),
                Err(Error::MalformedMessage(_))
            ),
            "{bad}"
        );
    }
}
