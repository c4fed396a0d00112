//! One test per kind typed since the first set: card and member card events, invoices,
//! verification, Mini Program events, publishing, `miniprogrampage`; XML shaped as in WeChat's
//! documentation. Their JSON forms are in `json`.

use wechat_runtime::callback::{
    CardCode, EventKind, Incoming, MessageKind, PublishedArticle, XpayGoodsInfo,
};

fn xml(msg_type: &str, rest: &str) -> String {
    format!(
        "<xml>\n<ToUserName><![CDATA[gh_123456789abc]]></ToUserName>\n<FromUserName><![CDATA[oUser_openid]]></FromUserName>\n<CreateTime>1472551036</CreateTime>\n<MsgType><![CDATA[{msg_type}]]></MsgType>\n{rest}\n</xml>"
    )
}

/// Parses an event, checks its header and that its name reads back, and returns it.
fn event(name: &str, rest: &str) -> (EventKind, Incoming) {
    let text = xml(
        "event",
        &format!("<Event><![CDATA[{name}]]></Event>\n{rest}"),
    );
    let incoming = Incoming::parse(&text).unwrap();
    let Incoming::Event(e) = &incoming else {
        panic!("{incoming:?}")
    };
    assert_eq!(e.header.from_user_name, "oUser_openid");
    assert_eq!(e.header.create_time, 1472551036);
    assert!(e.kind.name().eq_ignore_ascii_case(name), "{:?}", e.kind);
    assert!(!matches!(e.kind, EventKind::Unknown { .. }), "{name}");
    (e.kind.clone(), incoming)
}

// ----- cards ----------------------------------------------------------------------------------

#[test]
fn card_pass_check() {
    let (kind, _) = event(
        "card_pass_check",
        "<CardId><![CDATA[pFS7Fjg8kV1IdDz01r4SQwMkuCKc]]></CardId>\n<RefuseReason><![CDATA[]]></RefuseReason>",
    );
    assert_eq!(
        kind,
        EventKind::CardPassCheck {
            card_id: "pFS7Fjg8kV1IdDz01r4SQwMkuCKc".into()
        }
    );
}

#[test]
fn card_not_pass_check() {
    let (kind, _) = event(
        "card_not_pass_check",
        "<CardId><![CDATA[pFS7Fjg8kV1IdDz01r4SQwMkuCKc]]></CardId>\n<RefuseReason><![CDATA[非法代制]]></RefuseReason>",
    );
    assert_eq!(
        kind,
        EventKind::CardNotPassCheck {
            card_id: "pFS7Fjg8kV1IdDz01r4SQwMkuCKc".into(),
            refuse_reason: "非法代制".into()
        }
    );
}

#[test]
fn user_get_card() {
    let (kind, incoming) = event(
        "user_get_card",
        "<CardId><![CDATA[po2VNuCuRo-8sxxxxxxxxxxx]]></CardId>\n<IsGiveByFriend>1</IsGiveByFriend>\n<UserCardCode><![CDATA[226009850808]]></UserCardCode>\n<FriendUserName><![CDATA[oFriend]]></FriendUserName>\n<OuterId>0</OuterId>\n<OldUserCardCode><![CDATA[226009850807]]></OldUserCardCode>\n<OuterStr><![CDATA[12b]]></OuterStr>\n<IsRestoreMemberCard>0</IsRestoreMemberCard>\n<IsRecommendByFriend>0</IsRecommendByFriend>\n<UnionId>o6_bmasdasdsad6_2sgVt7hMZOPfL</UnionId>",
    );
    let EventKind::UserGetCard(card) = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(card.card_id, "po2VNuCuRo-8sxxxxxxxxxxx");
    assert!(card.is_give_by_friend);
    assert_eq!(card.user_card_code, "226009850808");
    assert_eq!(card.friend_user_name, "oFriend");
    assert_eq!(card.outer_id, 0);
    assert_eq!(card.old_user_card_code, "226009850807");
    assert_eq!(card.outer_str, "12b");
    assert!(!card.is_restore_member_card);
    assert!(!card.is_recommend_by_friend);
    assert_eq!(card.union_id, "o6_bmasdasdsad6_2sgVt7hMZOPfL");
    assert_eq!(
        incoming.field("UnionId"),
        Some("o6_bmasdasdsad6_2sgVt7hMZOPfL")
    );
}

#[test]
fn user_gifting_card() {
    let (kind, _) = event(
        "user_gifting_card",
        "<CardId><![CDATA[pFS7Fjg8kV1IdDz01r4SQwMkuCKc]]></CardId>\n<UserCardCode><![CDATA[297466945104]]></UserCardCode>\n<IsReturnBack>0</IsReturnBack>\n<FriendUserName><![CDATA[oFriend]]></FriendUserName>\n<IsChatRoom>1</IsChatRoom>",
    );
    let EventKind::UserGiftingCard(gift) = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(gift.card_id, "pFS7Fjg8kV1IdDz01r4SQwMkuCKc");
    assert_eq!(gift.user_card_code, "297466945104");
    assert!(!gift.is_return_back);
    assert_eq!(gift.friend_user_name, "oFriend");
    assert!(gift.is_chat_room);
}

const CARD_AND_CODE: &str = "<CardId><![CDATA[pMBqAs3sHd0yu7ZCxS3QRB6ma9Pc]]></CardId>\n<UserCardCode><![CDATA[12312312]]></UserCardCode>";

fn card_code() -> CardCode {
    let (EventKind::UserDelCard(code), _) = event("user_del_card", CARD_AND_CODE) else {
        panic!()
    };
    code
}

#[test]
fn user_del_card() {
    let code = card_code();
    assert_eq!(code.card_id, "pMBqAs3sHd0yu7ZCxS3QRB6ma9Pc");
    assert_eq!(code.user_card_code, "12312312");
}

#[test]
fn user_enter_session_from_card() {
    let (kind, _) = event("user_enter_session_from_card", CARD_AND_CODE);
    assert_eq!(kind, EventKind::UserEnterSessionFromCard(card_code()));
}

#[test]
fn submit_membercard_user_info() {
    let (kind, _) = event("submit_membercard_user_info", CARD_AND_CODE);
    assert_eq!(kind, EventKind::SubmitMembercardUserInfo(card_code()));
}

#[test]
fn user_consume_card() {
    let (kind, _) = event(
        "user_consume_card",
        "<CardId><![CDATA[pMBqAs3sHd0yu7ZCxS3QRB6ma9Pc]]></CardId>\n<UserCardCode><![CDATA[12312312]]></UserCardCode>\n<ConsumeSource><![CDATA[FROM_MOBILE_HELPER]]></ConsumeSource>\n<LocationName><![CDATA[门店名称]]></LocationName>\n<StaffOpenId><![CDATA[oStaff]]></StaffOpenId>\n<VerifyCode><![CDATA[]]></VerifyCode>\n<RemarkAmount><![CDATA[]]></RemarkAmount>\n<OuterStr><![CDATA[xxxxx]]></OuterStr>",
    );
    let EventKind::UserConsumeCard(consume) = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(consume.card_id, "pMBqAs3sHd0yu7ZCxS3QRB6ma9Pc");
    assert_eq!(consume.user_card_code, "12312312");
    assert_eq!(consume.consume_source, "FROM_MOBILE_HELPER");
    assert_eq!(consume.location_name, "门店名称");
    assert_eq!(consume.staff_open_id, "oStaff");
    assert_eq!(consume.verify_code, "");
    assert_eq!(consume.outer_str, "xxxxx");
}

#[test]
fn user_pay_from_pay_cell() {
    let (kind, _) = event(
        "user_pay_from_pay_cell",
        "<CardId><![CDATA[po2VNuCuRo-8sxxxxxxxxxxx]]></CardId>\n<UserCardCode><![CDATA[38050000000]]></UserCardCode>\n<TransId><![CDATA[10022403432015000000000]]></TransId>\n<LocationId>291710000</LocationId>\n<Fee><![CDATA[10000]]></Fee>\n<OriginalFee><![CDATA[10000]]></OriginalFee>",
    );
    let EventKind::UserPayFromPayCell(pay) = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(pay.trans_id, "10022403432015000000000");
    assert_eq!(pay.location_id, 291710000);
    assert_eq!((pay.fee, pay.original_fee), (10000, 10000));
}

#[test]
fn user_view_card() {
    let (kind, _) = event(
        "user_view_card",
        "<CardId><![CDATA[pMBqAs3sHd0yu7ZCxS3QRB6ma9Pc]]></CardId>\n<UserCardCode><![CDATA[12312312]]></UserCardCode>\n<OuterStr><![CDATA[12b]]></OuterStr>",
    );
    assert_eq!(
        kind,
        EventKind::UserViewCard {
            card_id: "pMBqAs3sHd0yu7ZCxS3QRB6ma9Pc".into(),
            user_card_code: "12312312".into(),
            outer_str: "12b".into()
        }
    );
}

#[test]
fn update_member_card() {
    let (kind, _) = event(
        "update_member_card",
        "<CardId><![CDATA[p1Pj9jgj3BcomSgtuW8B1wl-wo88]]></CardId>\n<UserCardCode><![CDATA[548780000000]]></UserCardCode>\n<ModifyBonus>3</ModifyBonus>\n<ModifyBalance>-5</ModifyBalance>",
    );
    assert_eq!(
        kind,
        EventKind::UpdateMemberCard {
            card_id: "p1Pj9jgj3BcomSgtuW8B1wl-wo88".into(),
            user_card_code: "548780000000".into(),
            modify_bonus: 3,
            modify_balance: -5
        }
    );
}

#[test]
fn card_sku_remind() {
    let (kind, _) = event(
        "card_sku_remind",
        "<CardId><![CDATA[pA8YjxJUzcPc-RHHaTqbTAqy0J4k]]></CardId>\n<Detail><![CDATA[the card's quantity is equal to 0]]></Detail>",
    );
    assert_eq!(
        kind,
        EventKind::CardSkuRemind {
            card_id: "pA8YjxJUzcPc-RHHaTqbTAqy0J4k".into(),
            detail: "the card's quantity is equal to 0".into()
        }
    );
}

#[test]
fn card_pay_order() {
    let (kind, _) = event(
        "card_pay_order",
        "<OrderId><![CDATA[404091456]]></OrderId>\n<Status><![CDATA[ORDER_STATUS_FINANCE_SUCC]]></Status>\n<CreateOrderTime>1472549850</CreateOrderTime>\n<PayFinishTime>0</PayFinishTime>\n<Desc><![CDATA[]]></Desc>\n<FreeCoinCount><![CDATA[200]]></FreeCoinCount>\n<PayCoinCount><![CDATA[0]]></PayCoinCount>\n<RefundFreeCoinCount><![CDATA[0]]></RefundFreeCoinCount>\n<RefundPayCoinCount><![CDATA[0]]></RefundPayCoinCount>\n<OrderType><![CDATA[ORDER_TYPE_SYS_ADD]]></OrderType>\n<Memo><![CDATA[开通账户奖励]]></Memo>\n<ReceiptInfo><![CDATA[]]></ReceiptInfo>",
    );
    let EventKind::CardPayOrder(order) = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(order.order_id, "404091456");
    assert_eq!(order.status, "ORDER_STATUS_FINANCE_SUCC");
    assert_eq!(order.create_order_time, 1472549850);
    assert_eq!(order.free_coin_count, 200);
    assert_eq!(order.order_type, "ORDER_TYPE_SYS_ADD");
    assert_eq!(order.memo, "开通账户奖励");
}

// ----- invoices -------------------------------------------------------------------------------

#[test]
fn user_authorize_invoice() {
    let (kind, _) = event(
        "user_authorize_invoice",
        "<SuccOrderId><![CDATA[1202933957956]]></SuccOrderId>\n<FailOrderId><![CDATA[]]></FailOrderId>\n<AuthorizeAppId><![CDATA[wxf1c3a8e8c0a0a0a0]]></AuthorizeAppId>\n<Source><![CDATA[web]]></Source>",
    );
    let EventKind::UserAuthorizeInvoice(auth) = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(auth.succ_order_id, "1202933957956");
    assert_eq!(auth.fail_order_id, "");
    assert_eq!(auth.authorize_app_id, "wxf1c3a8e8c0a0a0a0");
    assert_eq!(auth.source, "web");
}

#[test]
fn update_invoice_status() {
    let (kind, _) = event(
        "update_invoice_status",
        "<Status><![CDATA[INVOICE_REIMBURSE_INIT]]></Status>\n<CardId><![CDATA[pjZ8Yt1XGILfi-FUsewpnnolGgZk]]></CardId>\n<Code><![CDATA[030000000000]]></Code>",
    );
    assert_eq!(
        kind,
        EventKind::UpdateInvoiceStatus {
            status: "INVOICE_REIMBURSE_INIT".into(),
            card_id: "pjZ8Yt1XGILfi-FUsewpnnolGgZk".into(),
            code: "030000000000".into()
        }
    );
}

#[test]
fn submit_invoice_title() {
    let (kind, _) = event(
        "submit_invoice_title",
        "<title><![CDATA[某某公司]]></title>\n<phone><![CDATA[020-00000000]]></phone>\n<tax_no><![CDATA[91440000000000000X]]></tax_no>\n<addr><![CDATA[广州市]]></addr>\n<bank_type><![CDATA[某银行]]></bank_type>\n<bank_no><![CDATA[6222000000000000]]></bank_no>\n<attach><![CDATA[1234]]></attach>\n<title_type><![CDATA[InvoiceUserTitleBusinessType]]></title_type>",
    );
    let EventKind::SubmitInvoiceTitle(title) = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(title.title, "某某公司");
    assert_eq!(title.tax_no, "91440000000000000X");
    assert_eq!(title.bank_no, "6222000000000000");
    assert_eq!(title.attach, "1234");
    assert_eq!(title.title_type, "InvoiceUserTitleBusinessType");
}

// ----- verification ---------------------------------------------------------------------------

#[test]
fn verification_events() {
    let expired = "<ExpiredTime>1442401156</ExpiredTime>";
    let failed = "<FailTime>1442401122</FailTime>\n<FailReason><![CDATA[by time]]></FailReason>";
    assert_eq!(
        event("qualification_verify_success", expired).0,
        EventKind::QualificationVerifySuccess {
            expired_time: 1442401156
        }
    );
    assert_eq!(
        event("naming_verify_success", expired).0,
        EventKind::NamingVerifySuccess {
            expired_time: 1442401156
        }
    );
    assert_eq!(
        event("annual_renew", expired).0,
        EventKind::AnnualRenew {
            expired_time: 1442401156
        }
    );
    assert_eq!(
        event("verify_expired", expired).0,
        EventKind::VerifyExpired {
            expired_time: 1442401156
        }
    );
    assert_eq!(
        event("qualification_verify_fail", failed).0,
        EventKind::QualificationVerifyFail {
            fail_time: 1442401122,
            fail_reason: "by time".into()
        }
    );
    assert_eq!(
        event("naming_verify_fail", failed).0,
        EventKind::NamingVerifyFail {
            fail_time: 1442401122,
            fail_reason: "by time".into()
        }
    );
}

// ----- Mini Program events, in XML ------------------------------------------------------------

#[test]
fn user_enter_tempsession() {
    let (kind, _) = event(
        "user_enter_tempsession",
        "<SessionFrom><![CDATA[sessionFrom]]></SessionFrom>",
    );
    assert_eq!(
        kind,
        EventKind::UserEnterTempsession {
            session_from: "sessionFrom".into()
        }
    );
}

#[test]
fn wxa_media_check() {
    let (kind, _) = event(
        "wxa_media_check",
        "<appid><![CDATA[wx8f16a5e9ea3d5cf2]]></appid>\n<trace_id><![CDATA[60ae120f-371d5872-7941a05b]]></trace_id>\n<version>2</version>\n<detail><strategy><![CDATA[content_model]]></strategy><errcode>0</errcode><suggest><![CDATA[pass]]></suggest><label>100</label><prob>90</prob></detail>\n<errcode>0</errcode>\n<errmsg><![CDATA[ok]]></errmsg>\n<result><suggest><![CDATA[pass]]></suggest><label>100</label></result>",
    );
    let EventKind::WxaMediaCheck(check) = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(check.app_id, "wx8f16a5e9ea3d5cf2");
    assert_eq!(check.trace_id, "60ae120f-371d5872-7941a05b");
    assert_eq!(check.version, 2);
    assert_eq!(check.detail.len(), 1);
    assert_eq!(check.detail[0].strategy, "content_model");
    assert_eq!(check.detail[0].prob, 90.0);
    assert_eq!(check.result.suggest, "pass");
    assert_eq!(check.result.label, 100);
    assert_eq!(check.is_risky, None);
}

#[test]
fn trade_manage_events() {
    let (kind, _) = event(
        "trade_manage_remind_access_api",
        "<msg><![CDATA[请尽快接入发货信息管理]]></msg>",
    );
    assert_eq!(
        kind,
        EventKind::TradeManageRemindAccessApi {
            msg: "请尽快接入发货信息管理".into()
        }
    );
    let (kind, _) = event(
        "trade_manage_remind_shipping",
        "<transaction_id><![CDATA[42000020212023112332159214xx]]></transaction_id>\n<merchant_id><![CDATA[1600000000]]></merchant_id>\n<sub_merchant_id><![CDATA[]]></sub_merchant_id>\n<merchant_trade_no><![CDATA[ORDER_1]]></merchant_trade_no>\n<pay_time>1700000000</pay_time>\n<msg><![CDATA[请尽快发货]]></msg>",
    );
    let EventKind::TradeManageRemindShipping(shipping) = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(shipping.merchant_trade_no, "ORDER_1");
    assert_eq!(shipping.pay_time, 1700000000);
    let (kind, _) = event(
        "trade_manage_order_settlement",
        "<transaction_id><![CDATA[4200002021]]></transaction_id>\n<merchant_id><![CDATA[1600000000]]></merchant_id>\n<merchant_trade_no><![CDATA[ORDER_1]]></merchant_trade_no>\n<pay_time>1700000000</pay_time>\n<shipped_time>1700000100</shipped_time>\n<estimated_settlement_time>1700600000</estimated_settlement_time>\n<confirm_receive_method>1</confirm_receive_method>\n<confirm_receive_time>1700300000</confirm_receive_time>\n<settlement_time>0</settlement_time>",
    );
    let EventKind::TradeManageOrderSettlement(settlement) = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(settlement.shipped_time, 1700000100);
    assert_eq!(settlement.estimated_settlement_time, 1700600000);
    assert_eq!(settlement.confirm_receive_method, 1);
}

#[test]
fn xpay_goods_deliver_notify() {
    let (kind, _) = event(
        "xpay_goods_deliver_notify",
        "<OpenId><![CDATA[oBuyer]]></OpenId>\n<OutTradeNo><![CDATA[T1]]></OutTradeNo>\n<Env>0</Env>\n<WeChatPayInfo><MchOrderNo><![CDATA[M1]]></MchOrderNo><TransactionId><![CDATA[42000001]]></TransactionId><PaidTime>1700000000</PaidTime></WeChatPayInfo>\n<GoodsInfo><ProductId><![CDATA[sword]]></ProductId><Quantity>2</Quantity><OrigPrice>600</OrigPrice><ActualPrice>500</ActualPrice><Attach><![CDATA[a]]></Attach></GoodsInfo>",
    );
    let EventKind::XpayGoodsDeliverNotify(deliver) = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(deliver.open_id, "oBuyer");
    assert_eq!(deliver.out_trade_no, "T1");
    assert_eq!(deliver.wechat_pay_info.transaction_id, "42000001");
    assert_eq!(deliver.wechat_pay_info.paid_time, 1700000000);
    let goods: &XpayGoodsInfo = &deliver.goods_info;
    assert_eq!(
        (
            goods.product_id.as_str(),
            goods.quantity,
            goods.actual_price
        ),
        ("sword", 2, 500)
    );
}

#[test]
fn malformed_nested_kind_is_an_error() {
    // A known kind whose nested field has the wrong shape is malformed, not kept raw.
    let text = xml(
        "event",
        "<Event>xpay_goods_deliver_notify</Event><GoodsInfo><Quantity>many</Quantity></GoodsInfo>",
    );
    assert!(Incoming::parse(&text).is_err());
}

// ----- publishing -----------------------------------------------------------------------------

#[test]
fn publish_job_finish() {
    let (kind, _) = event(
        "PUBLISHJOBFINISH",
        "<PublishEventInfo>\n<publish_id>2247503051</publish_id>\n<publish_status>0</publish_status>\n<article_id><![CDATA[b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvy\nWP4Hq4]]></article_id>\n<article_detail>\n<count>1</count>\n<item>\n<idx>1</idx>\n<article_url><![CDATA[ArticleURL]]></article_url>\n</item>\n</article_detail>\n</PublishEventInfo>",
    );
    let EventKind::PublishJobFinish(job) = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(job.publish_id, "2247503051");
    assert_eq!(job.publish_status, 0);
    assert!(job.article_id.starts_with("b5O2OUs25HBx"));
    assert_eq!(job.articles.len(), 1);
    assert_eq!(job.articles[0].idx, 1);
    assert_eq!(job.articles[0].article_url, "ArticleURL");
    assert!(job.fail_idx.is_empty());
    // A failed originality check lists the articles.
    let (kind, _) = event(
        "PUBLISHJOBFINISH",
        "<PublishEventInfo><publish_id>2247503052</publish_id><publish_status>2</publish_status><fail_idx>1</fail_idx><fail_idx>2</fail_idx></PublishEventInfo>",
    );
    let EventKind::PublishJobFinish(job) = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(job.publish_status, 2);
    assert_eq!(job.fail_idx, [1, 2]);
    assert_eq!(job.articles, Vec::<PublishedArticle>::new());
}

// ----- messages -------------------------------------------------------------------------------

#[test]
fn miniprogrampage() {
    let text = xml(
        "miniprogrampage",
        "<MsgId>1234567890123456</MsgId>\n<Title><![CDATA[title]]></Title>\n<AppId><![CDATA[appid]]></AppId>\n<PagePath><![CDATA[pages/index/index]]></PagePath>\n<ThumbUrl><![CDATA[https://example.com/thumb.jpg]]></ThumbUrl>\n<ThumbMediaId><![CDATA[thumb_media_id]]></ThumbMediaId>",
    );
    let incoming = Incoming::parse(&text).unwrap();
    assert_eq!(incoming.msg_id(), Some(1234567890123456));
    assert_eq!(
        incoming.message(),
        Some(&MessageKind::MiniProgramPage {
            title: "title".into(),
            app_id: "appid".into(),
            page_path: "pages/index/index".into(),
            thumb_url: "https://example.com/thumb.jpg".into(),
            thumb_media_id: "thumb_media_id".into()
        })
    );
    assert_eq!(incoming.message().unwrap().msg_type(), "miniprogrampage");
    assert_eq!(incoming.text(), None);
    assert_eq!(incoming.event(), None);
}

// ----- field access ---------------------------------------------------------------------------

#[test]
fn every_field_is_readable_by_name() {
    let (_, incoming) = event(
        "card_pass_check",
        "<CardId><![CDATA[p1]]></CardId>\n<NewField> 7 </NewField><Nested><A>1</A></Nested>",
    );
    assert_eq!(incoming.field("CardId"), Some("p1"));
    assert_eq!(incoming.field("NewField"), Some("7"));
    assert_eq!(incoming.field("newfield"), Some("7"));
    assert_eq!(incoming.field("Nested"), None);
    assert_eq!(incoming.field("ToUserName"), Some("gh_123456789abc"));
    let names: Vec<_> = incoming.fields().iter().map(|(name, _)| name).collect();
    assert_eq!(
        names,
        [
            "ToUserName",
            "FromUserName",
            "CreateTime",
            "MsgType",
            "Event",
            "CardId",
            "NewField"
        ]
    );
}

#[test]
fn fields_debug_shows_names_not_values() {
    let text = "<xml><AppId>wx_component</AppId><CreateTime>1</CreateTime><InfoType>component_verify_ticket</InfoType><ComponentVerifyTicket>ticket@@@secret</ComponentVerifyTicket></xml>";
    let incoming = Incoming::parse(text).unwrap();
    assert_eq!(
        incoming.field("ComponentVerifyTicket"),
        Some("ticket@@@secret")
    );
    let debug = format!("{incoming:?}");
    assert!(!debug.contains("ticket@@@secret"), "{debug}");
    assert!(debug.contains("ComponentVerifyTicket"), "{debug}");
}
