//! Events (`MsgType` `event`): follows, scans, menus, job reports, subscription messages,
//! customer service sessions, cards and invoices, verification, Mini Program events.

mod parse;

use super::fields::CallbackFields;
use super::header::Header;
use super::payload::{
    CardCode, CardPayOrder, InvoiceAuthorization, InvoiceTitle, MassSendJobFinish,
    PublishJobFinish, ScanCodeInfo, SendLocationInfo, SendPicsInfo, SubscribeMsgChange,
    SubscribeMsgPopup, SubscribeMsgSent, TradeManageSettlement, TradeManageShipping,
    UserConsumeCard, UserGetCard, UserGiftingCard, UserPayFromPayCell, WxaMediaCheck, XpayCoinPay,
    XpayGoodsDeliver, XpayRefund,
};

pub(crate) use self::parse::{event_kind, scale};

/// An event WeChat pushes (`<MsgType>event</MsgType>`).
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Who, to whom, when.
    pub header: Header,
    /// Which event, with its fields.
    pub kind: EventKind,
    /// Every top-level field, typed or not, by name.
    pub fields: CallbackFields,
}

/// The kinds of event, by their `Event` value (matched without regard to case).
///
/// Fields WeChat documents for an event but leaves out read as empty (`""`, `0`, empty lists).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum EventKind {
    /// `subscribe`: the user followed the account, possibly by scanning a parametric QR code.
    Subscribe {
        /// `EventKey`: `qrscene_` followed by the scene, when the follow came from a QR code.
        event_key: Option<String>,
        /// `Ticket`: the QR code's ticket, when the follow came from a QR code.
        ticket: Option<String>,
    },
    /// `unsubscribe`: the user unfollowed the account.
    Unsubscribe,
    /// `SCAN`: a follower scanned a parametric QR code.
    Scan {
        /// `EventKey`: the scene (without the `qrscene_` prefix).
        event_key: String,
        /// `Ticket`: the QR code's ticket.
        ticket: Option<String>,
    },
    /// `LOCATION`: the user's location, reported when they enter the conversation.
    Location {
        /// `Latitude`.
        latitude: f64,
        /// `Longitude`.
        longitude: f64,
        /// `Precision`.
        precision: f64,
    },
    /// `CLICK`: a click on a menu button.
    Click {
        /// `EventKey`: the key of the button.
        event_key: String,
    },
    /// `VIEW`: a menu button that opens a web page.
    View {
        /// `EventKey`: the URL.
        event_key: String,
        /// `MenuId`: the personalized menu, if any.
        menu_id: Option<String>,
    },
    /// `view_miniprogram`: a menu button that opens a Mini Program.
    ViewMiniprogram {
        /// `EventKey`: the Mini Program page path.
        event_key: String,
        /// `MenuId`: the personalized menu, if any.
        menu_id: Option<String>,
    },
    /// `scancode_push`: a menu button that scans a code and shows the result.
    ScancodePush {
        /// `EventKey`: the key of the button.
        event_key: String,
        /// `ScanCodeInfo`.
        scan_code_info: ScanCodeInfo,
    },
    /// `scancode_waitmsg`: a menu button that scans a code and waits for a reply.
    ScancodeWaitmsg {
        /// `EventKey`: the key of the button.
        event_key: String,
        /// `ScanCodeInfo`.
        scan_code_info: ScanCodeInfo,
    },
    /// `pic_sysphoto`: a menu button that takes a photo with the system camera.
    PicSysphoto {
        /// `EventKey`: the key of the button.
        event_key: String,
        /// `SendPicsInfo`.
        send_pics_info: SendPicsInfo,
    },
    /// `pic_photo_or_album`: a menu button that takes a photo or picks one from the album.
    PicPhotoOrAlbum {
        /// `EventKey`: the key of the button.
        event_key: String,
        /// `SendPicsInfo`.
        send_pics_info: SendPicsInfo,
    },
    /// `pic_weixin`: a menu button that picks photos from the WeChat album.
    PicWeixin {
        /// `EventKey`: the key of the button.
        event_key: String,
        /// `SendPicsInfo`.
        send_pics_info: SendPicsInfo,
    },
    /// `location_select`: a menu button that sends a location the user picks.
    LocationSelect {
        /// `EventKey`: the key of the button.
        event_key: String,
        /// `SendLocationInfo`.
        send_location_info: SendLocationInfo,
    },
    /// `TEMPLATESENDJOBFINISH`: the outcome of sending a template message.
    TemplateSendJobFinish {
        /// `MsgID`: the id the send call returned.
        msg_id: u64,
        /// `Status`: `success`, `failed:user block`, `failed: system failed`.
        status: String,
    },
    /// `MASSSENDJOBFINISH`: the outcome of a mass send.
    MassSendJobFinish(Box<MassSendJobFinish>),
    /// `subscribe_msg_popup_event`: the user answered a subscription-message popup.
    SubscribeMsgPopup(SubscribeMsgPopup),
    /// `subscribe_msg_change_event`: the user changed a subscription in the settings.
    SubscribeMsgChange(SubscribeMsgChange),
    /// `subscribe_msg_sent_event`: the outcome of sending a subscription message.
    SubscribeMsgSent(SubscribeMsgSent),
    /// `kf_create_session`: a customer service agent took the conversation.
    KfCreateSession {
        /// `KfAccount`: the agent.
        kf_account: String,
    },
    /// `kf_close_session`: a customer service agent closed the conversation.
    KfCloseSession {
        /// `KfAccount`: the agent.
        kf_account: String,
    },
    /// `kf_switch_session`: the conversation moved to another agent.
    KfSwitchSession {
        /// `FromKfAccount`: the agent it left.
        from_kf_account: String,
        /// `ToKfAccount`: the agent it went to.
        to_kf_account: String,
    },
    /// `card_pass_check`: a card passed review.
    CardPassCheck {
        /// `CardId`.
        card_id: String,
    },
    /// `card_not_pass_check`: a card failed review.
    CardNotPassCheck {
        /// `CardId`.
        card_id: String,
        /// `RefuseReason`: why.
        refuse_reason: String,
    },
    /// `user_get_card`: a user received a card.
    UserGetCard(Box<UserGetCard>),
    /// `user_gifting_card`: a user gave a card to a friend.
    UserGiftingCard(Box<UserGiftingCard>),
    /// `user_del_card`: a user deleted a card.
    UserDelCard(CardCode),
    /// `user_consume_card`: a card was redeemed.
    UserConsumeCard(Box<UserConsumeCard>),
    /// `user_pay_from_pay_cell`: a user paid through a card's pay cell.
    UserPayFromPayCell(Box<UserPayFromPayCell>),
    /// `user_view_card`: a user opened a member card.
    UserViewCard {
        /// `CardId`.
        card_id: String,
        /// `UserCardCode`.
        user_card_code: String,
        /// `OuterStr`: the scene string of the page the card was opened from.
        outer_str: String,
    },
    /// `user_enter_session_from_card`: a user entered the conversation from a card.
    UserEnterSessionFromCard(CardCode),
    /// `update_member_card`: a member card's bonus or balance changed.
    UpdateMemberCard {
        /// `CardId`.
        card_id: String,
        /// `UserCardCode`.
        user_card_code: String,
        /// `ModifyBonus`: the change of bonus points.
        modify_bonus: i64,
        /// `ModifyBalance`: the change of balance.
        modify_balance: i64,
    },
    /// `card_sku_remind`: a card's stock runs low.
    CardSkuRemind {
        /// `CardId`.
        card_id: String,
        /// `Detail`: the reminder.
        detail: String,
    },
    /// `card_pay_order`: a card coin order changed.
    CardPayOrder(Box<CardPayOrder>),
    /// `submit_membercard_user_info`: a user activated a member card by filling in the form.
    SubmitMembercardUserInfo(CardCode),
    /// `user_authorize_invoice`: a user authorized invoices.
    UserAuthorizeInvoice(Box<InvoiceAuthorization>),
    /// `update_invoice_status`: an invoice's reimbursement status changed.
    UpdateInvoiceStatus {
        /// `Status`: `INVOICE_REIMBURSE_INIT`, `INVOICE_REIMBURSE_LOCK`,
        /// `INVOICE_REIMBURSE_CLOSURE`.
        status: String,
        /// `CardId`: the invoice's card.
        card_id: String,
        /// `Code`: the invoice's code.
        code: String,
    },
    /// `submit_invoice_title`: a user submitted an invoice title.
    SubmitInvoiceTitle(Box<InvoiceTitle>),
    /// `user_enter_tempsession`: a user entered a Mini Program's customer service
    /// conversation.
    UserEnterTempsession {
        /// `SessionFrom`: what the page's contact button passed.
        session_from: String,
    },
    /// `wxa_media_check`: the outcome of an asynchronous media check.
    WxaMediaCheck(Box<WxaMediaCheck>),
    /// `qualification_verify_success`: the account's qualification was verified.
    QualificationVerifySuccess {
        /// `ExpiredTime`: when the verification expires, unix seconds.
        expired_time: u64,
    },
    /// `qualification_verify_fail`: the account's qualification verification failed.
    QualificationVerifyFail {
        /// `FailTime`: unix seconds.
        fail_time: u64,
        /// `FailReason`.
        fail_reason: String,
    },
    /// `naming_verify_success`: the account's name was verified.
    NamingVerifySuccess {
        /// `ExpiredTime`: when the verification expires, unix seconds.
        expired_time: u64,
    },
    /// `naming_verify_fail`: the account's name verification failed (the qualification
    /// stands).
    NamingVerifyFail {
        /// `FailTime`: unix seconds.
        fail_time: u64,
        /// `FailReason`.
        fail_reason: String,
    },
    /// `annual_renew`: the verification must be renewed.
    AnnualRenew {
        /// `ExpiredTime`: when it expires, unix seconds.
        expired_time: u64,
    },
    /// `verify_expired`: the verification expired.
    VerifyExpired {
        /// `ExpiredTime`: when it expired, unix seconds.
        expired_time: u64,
    },
    /// `trade_manage_remind_access_api`: WeChat reminds the Mini Program to use the shipping
    /// management API.
    TradeManageRemindAccessApi {
        /// `msg`: the reminder.
        msg: String,
    },
    /// `trade_manage_remind_shipping`: WeChat reminds the Mini Program to upload an order's
    /// shipping information.
    TradeManageRemindShipping(Box<TradeManageShipping>),
    /// `trade_manage_order_settlement`: an order was confirmed received and settles.
    TradeManageOrderSettlement(Box<TradeManageSettlement>),
    /// `xpay_goods_deliver_notify`: goods were paid for with a virtual payment: deliver them.
    XpayGoodsDeliverNotify(Box<XpayGoodsDeliver>),
    /// `xpay_coin_pay_notify`: coins were paid for with a virtual payment.
    XpayCoinPayNotify(Box<XpayCoinPay>),
    /// `xpay_refund_notify`: the outcome of a virtual payment refund.
    XpayRefundNotify(Box<XpayRefund>),
    /// `PUBLISHJOBFINISH`: the outcome of publishing a draft.
    PublishJobFinish(Box<PublishJobFinish>),
    /// An event this crate does not type (or no longer sent, as the shake-around, Wi-Fi and
    /// device events): its `Event` value and the whole callback, decrypted, as it came (XML,
    /// or JSON from a Mini Program). Its fields are also in [`Event::fields`].
    Unknown {
        /// The `Event` value.
        event: String,
        /// The callback, decrypted.
        raw: String,
    },
}

impl EventKind {
    /// The `Event` value, spelled as WeChat's documentation spells it (`subscribe`, `SCAN`,
    /// `card_pass_check`…); for [`Unknown`](Self::Unknown), the value received. Compare it
    /// without regard to case: WeChat does not always keep to one.
    ///
    /// ```
    /// use wechat_runtime::callback::Incoming;
    ///
    /// let xml = "<xml><ToUserName>gh_1</ToUserName><FromUserName>o1</FromUserName>\
    ///     <CreateTime>1</CreateTime><MsgType>event</MsgType><Event>card_pass_check</Event>\
    ///     <CardId>p1</CardId></xml>";
    /// let incoming = Incoming::parse(xml)?;
    /// assert_eq!(incoming.event().map(|kind| kind.name()), Some("card_pass_check"));
    /// # Ok::<(), wechat_runtime::Error>(())
    /// ```
    pub fn name(&self) -> &str {
        match self {
            EventKind::Subscribe { .. } => "subscribe",
            EventKind::Unsubscribe => "unsubscribe",
            EventKind::Scan { .. } => "SCAN",
            EventKind::Location { .. } => "LOCATION",
            EventKind::Click { .. } => "CLICK",
            EventKind::View { .. } => "VIEW",
            EventKind::ViewMiniprogram { .. } => "view_miniprogram",
            EventKind::ScancodePush { .. } => "scancode_push",
            EventKind::ScancodeWaitmsg { .. } => "scancode_waitmsg",
            EventKind::PicSysphoto { .. } => "pic_sysphoto",
            EventKind::PicPhotoOrAlbum { .. } => "pic_photo_or_album",
            EventKind::PicWeixin { .. } => "pic_weixin",
            EventKind::LocationSelect { .. } => "location_select",
            EventKind::TemplateSendJobFinish { .. } => "TEMPLATESENDJOBFINISH",
            EventKind::MassSendJobFinish(_) => "MASSSENDJOBFINISH",
            EventKind::SubscribeMsgPopup(_) => "subscribe_msg_popup_event",
            EventKind::SubscribeMsgChange(_) => "subscribe_msg_change_event",
            EventKind::SubscribeMsgSent(_) => "subscribe_msg_sent_event",
            EventKind::KfCreateSession { .. } => "kf_create_session",
            EventKind::KfCloseSession { .. } => "kf_close_session",
            EventKind::KfSwitchSession { .. } => "kf_switch_session",
            EventKind::CardPassCheck { .. } => "card_pass_check",
            EventKind::CardNotPassCheck { .. } => "card_not_pass_check",
            EventKind::UserGetCard(_) => "user_get_card",
            EventKind::UserGiftingCard(_) => "user_gifting_card",
            EventKind::UserDelCard(_) => "user_del_card",
            EventKind::UserConsumeCard(_) => "user_consume_card",
            EventKind::UserPayFromPayCell(_) => "user_pay_from_pay_cell",
            EventKind::UserViewCard { .. } => "user_view_card",
            EventKind::UserEnterSessionFromCard(_) => "user_enter_session_from_card",
            EventKind::UpdateMemberCard { .. } => "update_member_card",
            EventKind::CardSkuRemind { .. } => "card_sku_remind",
            EventKind::CardPayOrder(_) => "card_pay_order",
            EventKind::SubmitMembercardUserInfo(_) => "submit_membercard_user_info",
            EventKind::UserAuthorizeInvoice(_) => "user_authorize_invoice",
            EventKind::UpdateInvoiceStatus { .. } => "update_invoice_status",
            EventKind::SubmitInvoiceTitle(_) => "submit_invoice_title",
            EventKind::UserEnterTempsession { .. } => "user_enter_tempsession",
            EventKind::WxaMediaCheck(_) => "wxa_media_check",
            EventKind::QualificationVerifySuccess { .. } => "qualification_verify_success",
            EventKind::QualificationVerifyFail { .. } => "qualification_verify_fail",
            EventKind::NamingVerifySuccess { .. } => "naming_verify_success",
            EventKind::NamingVerifyFail { .. } => "naming_verify_fail",
            EventKind::AnnualRenew { .. } => "annual_renew",
            EventKind::VerifyExpired { .. } => "verify_expired",
            EventKind::TradeManageRemindAccessApi { .. } => "trade_manage_remind_access_api",
            EventKind::TradeManageRemindShipping(_) => "trade_manage_remind_shipping",
            EventKind::TradeManageOrderSettlement(_) => "trade_manage_order_settlement",
            EventKind::XpayGoodsDeliverNotify(_) => "xpay_goods_deliver_notify",
            EventKind::XpayCoinPayNotify(_) => "xpay_coin_pay_notify",
            EventKind::XpayRefundNotify(_) => "xpay_refund_notify",
            EventKind::PublishJobFinish(_) => "PUBLISHJOBFINISH",
            EventKind::Unknown { event, .. } => event,
        }
    }

    /// For a `subscribe` from a parametric QR code, the scene: the `EventKey` without its
    /// `qrscene_` prefix. For `SCAN`, the `EventKey`.
    pub fn qr_scene(&self) -> Option<&str> {
        match self {
            EventKind::Subscribe {
                event_key: Some(key),
                ..
            } => key.strip_prefix("qrscene_"),
            EventKind::Scan { event_key, .. } => Some(event_key),
            _ => None,
        }
    }
}
