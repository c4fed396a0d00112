//! The card (卡券), member card and invoice (电子发票) events: their fields, read from the
//! callback's flat field list.

use super::super::fields::CallbackFields;

/// A card and one user's code of it: `user_del_card`, `user_enter_session_from_card`,
/// `submit_membercard_user_info`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CardCode {
    /// `CardId`.
    pub card_id: String,
    /// `UserCardCode`: the user's code of the card.
    pub user_card_code: String,
}

impl CardCode {
    pub(crate) fn from_fields(f: &CallbackFields) -> Self {
        CardCode {
            card_id: f.string("CardId"),
            user_card_code: f.string("UserCardCode"),
        }
    }
}

/// `user_get_card`: a user received a card (claimed it, or got it from a friend).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct UserGetCard {
    /// `CardId`.
    pub card_id: String,
    /// `UserCardCode`: the user's code of the card.
    pub user_card_code: String,
    /// `IsGiveByFriend`: whether a friend gave it.
    pub is_give_by_friend: bool,
    /// `FriendUserName`: the friend who gave it, when one did.
    pub friend_user_name: String,
    /// `OldUserCardCode`: the code the friend held, when the card was given.
    pub old_user_card_code: String,
    /// `OuterId`: the scene value of the claim (an integer).
    pub outer_id: i64,
    /// `OuterStr`: the scene string of the claim.
    pub outer_str: String,
    /// `IsRestoreMemberCard`: whether a deleted member card was restored.
    pub is_restore_member_card: bool,
    /// `IsRecommendByFriend`: whether a friend recommended it.
    pub is_recommend_by_friend: bool,
    /// `UnionId`: the user's unionid, when the account is bound to an open platform.
    pub union_id: String,
}

impl UserGetCard {
    pub(crate) fn from_fields(f: &CallbackFields) -> Self {
        UserGetCard {
            card_id: f.string("CardId"),
            user_card_code: f.string("UserCardCode"),
            is_give_by_friend: f.flag("IsGiveByFriend"),
            friend_user_name: f.string("FriendUserName"),
            old_user_card_code: f.string("OldUserCardCode"),
            outer_id: f.number("OuterId"),
            outer_str: f.string("OuterStr"),
            is_restore_member_card: f.flag("IsRestoreMemberCard"),
            is_recommend_by_friend: f.flag("IsRecommendByFriend"),
            union_id: f.string("UnionId"),
        }
    }
}

/// `user_gifting_card`: a user gave a card to a friend.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct UserGiftingCard {
    /// `CardId`.
    pub card_id: String,
    /// `UserCardCode`: the code given.
    pub user_card_code: String,
    /// `FriendUserName`: the friend who received it.
    pub friend_user_name: String,
    /// `IsReturnBack`: whether the card came back (the friend did not take it).
    pub is_return_back: bool,
    /// `IsChatRoom`: whether it was given in a group chat.
    pub is_chat_room: bool,
}

impl UserGiftingCard {
    pub(crate) fn from_fields(f: &CallbackFields) -> Self {
        UserGiftingCard {
            card_id: f.string("CardId"),
            user_card_code: f.string("UserCardCode"),
            friend_user_name: f.string("FriendUserName"),
            is_return_back: f.flag("IsReturnBack"),
            is_chat_room: f.flag("IsChatRoom"),
        }
    }
}

/// `user_consume_card`: a card was redeemed (核销).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct UserConsumeCard {
    /// `CardId`.
    pub card_id: String,
    /// `UserCardCode`: the code redeemed.
    pub user_card_code: String,
    /// `ConsumeSource`: how (`FROM_API`, `FROM_MOBILE_HELPER`, …).
    pub consume_source: String,
    /// `LocationName`: the store, when redeemed in one.
    pub location_name: String,
    /// `StaffOpenId`: the staff member who redeemed it.
    pub staff_open_id: String,
    /// `VerifyCode`: the code entered for a self-service redemption.
    pub verify_code: String,
    /// `RemarkAmount`: the amount noted for a self-service redemption.
    pub remark_amount: String,
    /// `OuterStr`: the scene string of the claim.
    pub outer_str: String,
}

impl UserConsumeCard {
    pub(crate) fn from_fields(f: &CallbackFields) -> Self {
        UserConsumeCard {
            card_id: f.string("CardId"),
            user_card_code: f.string("UserCardCode"),
            consume_source: f.string("ConsumeSource"),
            location_name: f.string("LocationName"),
            staff_open_id: f.string("StaffOpenId"),
            verify_code: f.string("VerifyCode"),
            remark_amount: f.string("RemarkAmount"),
            outer_str: f.string("OuterStr"),
        }
    }
}

/// `user_pay_from_pay_cell`: a user paid through a card's pay cell (买单).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct UserPayFromPayCell {
    /// `CardId`.
    pub card_id: String,
    /// `UserCardCode`.
    pub user_card_code: String,
    /// `TransId`: the WeChat Pay transaction.
    pub trans_id: String,
    /// `LocationId`: the store.
    pub location_id: u64,
    /// `Fee`: paid, in fen.
    pub fee: u64,
    /// `OriginalFee`: before discounts, in fen.
    pub original_fee: u64,
}

impl UserPayFromPayCell {
    pub(crate) fn from_fields(f: &CallbackFields) -> Self {
        UserPayFromPayCell {
            card_id: f.string("CardId"),
            user_card_code: f.string("UserCardCode"),
            trans_id: f.string("TransId"),
            location_id: f.number("LocationId"),
            fee: f.number("Fee"),
            original_fee: f.number("OriginalFee"),
        }
    }
}

/// `card_pay_order`: a change to an order of card coins (券点).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CardPayOrder {
    /// `OrderId`.
    pub order_id: String,
    /// `Status`: `ORDER_STATUS_WAITING`, `ORDER_STATUS_SUCC`, `ORDER_STATUS_FINANCE_SUCC`…
    pub status: String,
    /// `CreateOrderTime`: unix seconds.
    pub create_order_time: u64,
    /// `PayFinishTime`: unix seconds.
    pub pay_finish_time: u64,
    /// `Desc`: what the order is for.
    pub desc: String,
    /// `FreeCoinCount`: free coins.
    pub free_coin_count: i64,
    /// `PayCoinCount`: paid coins.
    pub pay_coin_count: i64,
    /// `RefundFreeCoinCount`: free coins refunded.
    pub refund_free_coin_count: i64,
    /// `RefundPayCoinCount`: paid coins refunded.
    pub refund_pay_coin_count: i64,
    /// `OrderType`: `ORDER_TYPE_WXPAY`, `ORDER_TYPE_SYS_ADD`…
    pub order_type: String,
    /// `Memo`: a note, for orders the system made.
    pub memo: String,
    /// `ReceiptInfo`: the invoice.
    pub receipt_info: String,
}

impl CardPayOrder {
    pub(crate) fn from_fields(f: &CallbackFields) -> Self {
        CardPayOrder {
            order_id: f.string("OrderId"),
            status: f.string("Status"),
            create_order_time: f.number("CreateOrderTime"),
            pay_finish_time: f.number("PayFinishTime"),
            desc: f.string("Desc"),
            free_coin_count: f.number("FreeCoinCount"),
            pay_coin_count: f.number("PayCoinCount"),
            refund_free_coin_count: f.number("RefundFreeCoinCount"),
            refund_pay_coin_count: f.number("RefundPayCoinCount"),
            order_type: f.string("OrderType"),
            memo: f.string("Memo"),
            receipt_info: f.string("ReceiptInfo"),
        }
    }
}

/// `user_authorize_invoice`: a user authorized (or not) the invoices of orders.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct InvoiceAuthorization {
    /// `SuccOrderId`: the order authorized.
    pub succ_order_id: String,
    /// `FailOrderId`: the order not authorized.
    pub fail_order_id: String,
    /// `AuthorizeAppId` (or `AppId`): the account receiving the event.
    pub authorize_app_id: String,
    /// `Source`: `web` (in WeChat) or `app`.
    pub source: String,
}

impl InvoiceAuthorization {
    pub(crate) fn from_fields(f: &CallbackFields) -> Self {
        let app_id = f
            .get("AuthorizeAppId")
            .or_else(|| f.get("AppId"))
            .unwrap_or_default();
        InvoiceAuthorization {
            succ_order_id: f.string("SuccOrderId"),
            fail_order_id: f.string("FailOrderId"),
            authorize_app_id: app_id.to_owned(),
            source: f.string("Source"),
        }
    }
}

/// `submit_invoice_title`: a user submitted an invoice title (抬头) by scanning the
/// merchant's code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct InvoiceTitle {
    /// `title`.
    pub title: String,
    /// `phone`.
    pub phone: String,
    /// `tax_no`: the taxpayer number.
    pub tax_no: String,
    /// `addr`.
    pub addr: String,
    /// `bank_type`: the bank.
    pub bank_type: String,
    /// `bank_no`: the account.
    pub bank_no: String,
    /// `attach`: what the merchant attached to the code.
    pub attach: String,
    /// `title_type`: `InvoiceUserTitlePersonType` or `InvoiceUserTitleBusinessType`.
    pub title_type: String,
}

impl InvoiceTitle {
    pub(crate) fn from_fields(f: &CallbackFields) -> Self {
        InvoiceTitle {
            title: f.string("title"),
            phone: f.string("phone"),
            tax_no: f.string("tax_no"),
            addr: f.string("addr"),
            bank_type: f.string("bank_type"),
            bank_no: f.string("bank_no"),
            attach: f.string("attach"),
            title_type: f.string("title_type"),
        }
    }
}
