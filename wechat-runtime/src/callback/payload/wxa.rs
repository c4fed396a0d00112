//! Mini Program events: the asynchronous media check, the shipping management reminders and
//! the virtual payment (xpay) notifications. Mini Programs may push these as JSON.

use serde::Deserialize;

use super::super::fields::CallbackFields;

/// `wxa_media_check`: the outcome of an asynchronous media check (`mediaCheckAsync`).
///
/// Version 2 fills `detail` and `result`; version 1 filled `is_risky`, `extra_info_json`
/// and `status_code`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct WxaMediaCheck {
    /// `appid`: the Mini Program.
    #[serde(rename = "appid")]
    pub app_id: String,
    /// `trace_id`: the id the check call returned.
    #[serde(rename = "trace_id")]
    pub trace_id: String,
    /// `version`: 2 for the current check.
    #[serde(rename = "version")]
    pub version: u32,
    /// Each `detail`: the verdict of one strategy.
    #[serde(rename = "detail")]
    pub detail: Vec<MediaCheckDetail>,
    /// `errcode`: 0 when the check ran.
    #[serde(rename = "errcode")]
    pub errcode: i64,
    /// `errmsg`.
    #[serde(rename = "errmsg")]
    pub errmsg: String,
    /// `result`: the overall verdict.
    #[serde(rename = "result")]
    pub result: MediaCheckResult,
    /// `isrisky` (version 1): 1 when a risk was found.
    #[serde(rename = "isrisky")]
    pub is_risky: Option<u32>,
    /// `extra_info_json` (version 1).
    #[serde(rename = "extra_info_json")]
    pub extra_info_json: String,
    /// `status_code` (version 1): 0, or -1008 (4294966288) when the media could not be
    /// downloaded.
    #[serde(rename = "status_code")]
    pub status_code: i64,
}

/// One strategy's verdict in a [`WxaMediaCheck`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct MediaCheckDetail {
    /// `strategy`: `content_model`…
    #[serde(rename = "strategy")]
    pub strategy: String,
    /// `errcode`: 0 when this strategy ran.
    #[serde(rename = "errcode")]
    pub errcode: i64,
    /// `suggest`: `risky`, `pass` or `review`.
    #[serde(rename = "suggest")]
    pub suggest: String,
    /// `label`: 100 normal, 20001 current affairs, 20002 pornography…
    #[serde(rename = "label")]
    pub label: u32,
    /// `prob`: the confidence, 0 to 100.
    #[serde(rename = "prob")]
    pub prob: f64,
}

/// The overall verdict of a [`WxaMediaCheck`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct MediaCheckResult {
    /// `suggest`: `risky`, `pass` or `review`.
    #[serde(rename = "suggest")]
    pub suggest: String,
    /// `label`: the main label.
    #[serde(rename = "label")]
    pub label: u32,
}

/// `trade_manage_remind_shipping`: WeChat reminds the Mini Program to upload the shipping
/// information of an order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TradeManageShipping {
    /// `transaction_id`: the WeChat Pay transaction.
    pub transaction_id: String,
    /// `merchant_id`.
    pub merchant_id: String,
    /// `sub_merchant_id`.
    pub sub_merchant_id: String,
    /// `merchant_trade_no`: the merchant's order number.
    pub merchant_trade_no: String,
    /// `pay_time`: unix seconds.
    pub pay_time: u64,
    /// `msg`: the reminder.
    pub msg: String,
}

impl TradeManageShipping {
    pub(crate) fn from_fields(f: &CallbackFields) -> Self {
        TradeManageShipping {
            transaction_id: f.string("transaction_id"),
            merchant_id: f.string("merchant_id"),
            sub_merchant_id: f.string("sub_merchant_id"),
            merchant_trade_no: f.string("merchant_trade_no"),
            pay_time: f.number("pay_time"),
            msg: f.string("msg"),
        }
    }
}

/// `trade_manage_order_settlement`: an order was confirmed received, and when it settles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TradeManageSettlement {
    /// `transaction_id`: the WeChat Pay transaction.
    pub transaction_id: String,
    /// `merchant_id`.
    pub merchant_id: String,
    /// `sub_merchant_id`.
    pub sub_merchant_id: String,
    /// `merchant_trade_no`: the merchant's order number.
    pub merchant_trade_no: String,
    /// `pay_time`: unix seconds.
    pub pay_time: u64,
    /// `shipped_time`: unix seconds.
    pub shipped_time: u64,
    /// `estimated_settlement_time`: unix seconds.
    pub estimated_settlement_time: u64,
    /// `confirm_receive_method`: 1 by the user, 2 automatically.
    pub confirm_receive_method: u32,
    /// `confirm_receive_time`: unix seconds.
    pub confirm_receive_time: u64,
    /// `settlement_time`: unix seconds, once settled.
    pub settlement_time: u64,
}

impl TradeManageSettlement {
    pub(crate) fn from_fields(f: &CallbackFields) -> Self {
        TradeManageSettlement {
            transaction_id: f.string("transaction_id"),
            merchant_id: f.string("merchant_id"),
            sub_merchant_id: f.string("sub_merchant_id"),
            merchant_trade_no: f.string("merchant_trade_no"),
            pay_time: f.number("pay_time"),
            shipped_time: f.number("shipped_time"),
            estimated_settlement_time: f.number("estimated_settlement_time"),
            confirm_receive_method: f.number("confirm_receive_method"),
            confirm_receive_time: f.number("confirm_receive_time"),
            settlement_time: f.number("settlement_time"),
        }
    }
}

/// `xpay_goods_deliver_notify`: a virtual payment for goods (道具) was made; deliver them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct XpayGoodsDeliver {
    /// `OpenId`: the buyer.
    #[serde(rename = "OpenId")]
    pub open_id: String,
    /// `OutTradeNo`: the order number given when ordering.
    #[serde(rename = "OutTradeNo")]
    pub out_trade_no: String,
    /// `Env`: 0 production, 1 sandbox.
    #[serde(rename = "Env")]
    pub env: u32,
    /// `WeChatPayInfo`.
    #[serde(rename = "WeChatPayInfo")]
    pub wechat_pay_info: XpayWeChatPayInfo,
    /// `GoodsInfo`.
    #[serde(rename = "GoodsInfo")]
    pub goods_info: XpayGoodsInfo,
}

/// `xpay_coin_pay_notify`: a virtual payment for coins (代币) was made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct XpayCoinPay {
    /// `OpenId`: the buyer.
    #[serde(rename = "OpenId")]
    pub open_id: String,
    /// `OutTradeNo`: the order number given when ordering.
    #[serde(rename = "OutTradeNo")]
    pub out_trade_no: String,
    /// `Env`: 0 production, 1 sandbox.
    #[serde(rename = "Env")]
    pub env: u32,
    /// `WeChatPayInfo`.
    #[serde(rename = "WeChatPayInfo")]
    pub wechat_pay_info: XpayWeChatPayInfo,
    /// `CoinInfo`.
    #[serde(rename = "CoinInfo")]
    pub coin_info: XpayCoinInfo,
}

/// `WeChatPayInfo` of the xpay notifications.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct XpayWeChatPayInfo {
    /// `MchOrderNo`: the merchant order number.
    #[serde(rename = "MchOrderNo")]
    pub mch_order_no: String,
    /// `TransactionId`: the WeChat Pay transaction.
    #[serde(rename = "TransactionId")]
    pub transaction_id: String,
    /// `PaidTime`: unix seconds.
    #[serde(rename = "PaidTime")]
    pub paid_time: u64,
}

/// `GoodsInfo` of `xpay_goods_deliver_notify`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct XpayGoodsInfo {
    /// `ProductId`: the goods' id.
    #[serde(rename = "ProductId")]
    pub product_id: String,
    /// `Quantity`.
    #[serde(rename = "Quantity")]
    pub quantity: u64,
    /// `OrigPrice`: the list price, in fen.
    #[serde(rename = "OrigPrice")]
    pub orig_price: u64,
    /// `ActualPrice`: the price paid, in fen.
    #[serde(rename = "ActualPrice")]
    pub actual_price: u64,
    /// `Attach`: what the order passed through.
    #[serde(rename = "Attach")]
    pub attach: String,
}

/// `CoinInfo` of `xpay_coin_pay_notify`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct XpayCoinInfo {
    /// `Quantity`: the coins bought.
    #[serde(rename = "Quantity")]
    pub quantity: u64,
    /// `OrigPrice`: the list price, in fen.
    #[serde(rename = "OrigPrice")]
    pub orig_price: u64,
    /// `ActualPrice`: the price paid, in fen.
    #[serde(rename = "ActualPrice")]
    pub actual_price: u64,
    /// `Attach`: what the order passed through.
    #[serde(rename = "Attach")]
    pub attach: String,
}

/// `xpay_refund_notify`: the outcome of a virtual payment refund.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct XpayRefund {
    /// `OpenId`: the buyer.
    #[serde(rename = "OpenId")]
    pub open_id: String,
    /// `WxRefundId`: WeChat's refund id.
    #[serde(rename = "WxRefundId")]
    pub wx_refund_id: String,
    /// `MchRefundId`: the merchant's refund id.
    #[serde(rename = "MchRefundId")]
    pub mch_refund_id: String,
    /// `WxOrderId`: WeChat's id of the refunded order.
    #[serde(rename = "WxOrderId")]
    pub wx_order_id: String,
    /// `MchOrderId`: the merchant's id of the refunded order.
    #[serde(rename = "MchOrderId")]
    pub mch_order_id: String,
    /// `RefundFee`: in fen.
    #[serde(rename = "RefundFee")]
    pub refund_fee: u64,
    /// `RetCode`: 0 when the refund succeeded.
    #[serde(rename = "RetCode")]
    pub ret_code: i64,
    /// `RetMsg`.
    #[serde(rename = "RetMsg")]
    pub ret_msg: String,
    /// `RefundStartTimestamp`: unix seconds.
    #[serde(rename = "RefundStartTimestamp")]
    pub refund_start_timestamp: u64,
    /// `RefundSuccTimestamp`: unix seconds.
    #[serde(rename = "RefundSuccTimestamp")]
    pub refund_succ_timestamp: u64,
    /// `WxpayRefundTransactionId`: the WeChat Pay refund.
    #[serde(rename = "WxpayRefundTransactionId")]
    pub wxpay_refund_transaction_id: String,
    /// `RetryTimes`: how many times WeChat retried the refund.
    #[serde(rename = "RetryTimes")]
    pub retry_times: u32,
}
