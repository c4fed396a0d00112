//! Tokens (代币): a user's balance, paying with tokens, cancelling that payment, presenting
//! tokens.

use serde::{Deserialize, Serialize};

use super::{check_positive, XpayApi};
use crate::api::{check_all_present, ApiCall, Retry};
use crate::error::{Error, Result};
use crate::token::Secret;

/// A user's token account: the answer of [`XpayApi::query_user_balance`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct XpayBalance {
    /// The tokens the user holds, bought and presented together.
    #[serde(default)]
    pub balance: u64,
    /// The presented tokens among them.
    #[serde(default)]
    pub present_balance: u64,
    /// All tokens ever bought.
    #[serde(default)]
    pub sum_save: u64,
    /// All tokens ever presented.
    #[serde(default)]
    pub sum_present: u64,
    /// All tokens ever added, bought or presented.
    #[serde(default)]
    pub sum_balance: u64,
    /// All tokens ever spent.
    #[serde(default)]
    pub sum_cost: u64,
    /// 1 when the user qualifies for a first-purchase offer, else 0.
    #[serde(default)]
    pub first_save_flag: u8,
}

impl XpayBalance {
    /// Whether the user qualifies for a first-purchase offer.
    pub fn first_save(&self) -> bool {
        self.first_save_flag == 1
    }
}

/// One item paid for, recorded in the user's account statement: an entry of
/// [`XpayCurrencyPay::pay_items`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct XpayPayItem {
    /// The item's id.
    pub productid: String,
    /// Its price in tokens.
    pub unit_price: u64,
    /// How many.
    pub quantity: u64,
}

impl XpayPayItem {
    /// `quantity` of item `productid` at `unit_price` tokens each.
    pub fn new(productid: impl Into<String>, unit_price: u64, quantity: u64) -> Self {
        XpayPayItem {
            productid: productid.into(),
            unit_price,
            quantity,
        }
    }
}

/// A payment with tokens: the request of [`XpayApi::currency_pay`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct XpayCurrencyPay {
    openid: String,
    user_ip: String,
    amount: u64,
    order_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    payitem: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remark: Option<String>,
}

impl XpayCurrencyPay {
    /// `openid`, visiting from `user_ip`, pays `amount` tokens for the developer's order
    /// `order_id` (unique: the same id paid twice answers 268490004, "already done").
    pub fn new(
        openid: impl Into<String>,
        user_ip: impl Into<String>,
        amount: u64,
        order_id: impl Into<String>,
    ) -> Self {
        XpayCurrencyPay {
            openid: openid.into(),
            user_ip: user_ip.into(),
            amount,
            order_id: order_id.into(),
            payitem: None,
            remark: None,
        }
    }

    /// The items paid for, recorded in the user's account statement (sent as the JSON text
    /// WeChat expects in `payitem`).
    pub fn pay_items(mut self, items: &[XpayPayItem]) -> Self {
        self.payitem = serde_json::to_string(items).ok();
        self
    }

    /// A remark shown in the bill.
    pub fn remark(mut self, remark: impl Into<String>) -> Self {
        self.remark = Some(remark.into());
        self
    }

    fn check(&self) -> Result<()> {
        check_all_present(&[
            ("openid", &self.openid),
            ("user_ip", &self.user_ip),
            ("order_id", &self.order_id),
        ])?;
        check_positive("amount", self.amount)
    }
}

/// The answer of [`XpayApi::currency_pay`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct XpayCurrencyPaid {
    /// The developer's order id.
    #[serde(default)]
    pub order_id: String,
    /// The tokens left, bought and presented together.
    #[serde(default)]
    pub balance: u64,
    /// How many of the tokens paid were presented ones.
    #[serde(default)]
    pub used_present_amount: u64,
}

/// A refund of a token payment: the request of [`XpayApi::cancel_currency_pay`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct XpayCancelPay {
    openid: String,
    user_ip: String,
    pay_order_id: String,
    order_id: String,
    amount: u64,
}

impl XpayCancelPay {
    /// Gives `openid` (visiting from `user_ip`) back `amount` tokens of the payment
    /// `pay_order_id` (the `order_id` of [`XpayCurrencyPay`]); `order_id` names this refund.
    pub fn new(
        openid: impl Into<String>,
        user_ip: impl Into<String>,
        pay_order_id: impl Into<String>,
        order_id: impl Into<String>,
        amount: u64,
    ) -> Self {
        XpayCancelPay {
            openid: openid.into(),
            user_ip: user_ip.into(),
            pay_order_id: pay_order_id.into(),
            order_id: order_id.into(),
            amount,
        }
    }

    fn check(&self) -> Result<()> {
        check_all_present(&[
            ("openid", &self.openid),
            ("user_ip", &self.user_ip),
            ("pay_order_id", &self.pay_order_id),
            ("order_id", &self.order_id),
        ])?;
        check_positive("amount", self.amount)
    }
}

/// The answer of [`XpayApi::present_currency`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct XpayPresented {
    /// The user's tokens after the gift.
    #[serde(default)]
    pub balance: u64,
    /// The gift's order id.
    #[serde(default)]
    pub order_id: String,
    /// All the tokens the user was ever presented.
    #[serde(default)]
    pub present_balance: u64,
}

#[derive(Deserialize)]
struct OrderIdAnswer {
    #[serde(default)]
    order_id: String,
}

impl<'c, K: 'static> XpayApi<'c, K> {
    /// The tokens of `openid` (visiting from `user_ip`), signed with the user's
    /// `session_key`: `POST /xpay/query_user_balance`.
    pub fn query_user_balance(
        &self,
        openid: &str,
        user_ip: &str,
        session_key: &Secret,
    ) -> ApiCall<'static, XpayBalance, K> {
        #[derive(Serialize)]
        struct Body<'a> {
            openid: &'a str,
            user_ip: &'a str,
        }
        let checked = check_all_present(&[
            ("openid", openid),
            ("user_ip", user_ip),
            ("session_key", session_key.expose()),
        ]);
        self.signed(
            checked,
            "/xpay/query_user_balance",
            &Body { openid, user_ip },
            Some(session_key),
            Retry::Safe,
        )
    }

    /// Spends the user's tokens, signed with the user's `session_key`:
    /// `POST /xpay/currency_pay`. Never sent twice (the same `order_id` again answers
    /// 268490004).
    pub fn currency_pay(
        &self,
        pay: &XpayCurrencyPay,
        session_key: &Secret,
    ) -> ApiCall<'static, XpayCurrencyPaid, K> {
        let checked = pay.check().and(check_session_key(session_key));
        self.signed(
            checked,
            "/xpay/currency_pay",
            pay,
            Some(session_key),
            Retry::Unsafe,
        )
    }

    /// Gives back tokens of a [`currency_pay`](XpayApi::currency_pay), signed with the user's
    /// `session_key`: `POST /xpay/cancel_currency_pay`. The refund's order id.
    pub fn cancel_currency_pay(
        &self,
        cancel: &XpayCancelPay,
        session_key: &Secret,
    ) -> ApiCall<'static, String, K> {
        let checked = cancel.check().and(check_session_key(session_key));
        self.signed_with(
            checked,
            "/xpay/cancel_currency_pay",
            cancel,
            Some(session_key),
            Retry::Unsafe,
            |response| Ok(response.json::<OrderIdAnswer>()?.order_id),
        )
    }

    /// Presents `amount` tokens to `openid` under the gift id `order_id`:
    /// `POST /xpay/present_currency`. WeChat has no query for gifts: retry it yourself until it
    /// answers or fails with 268490004 (already done).
    pub fn present_currency(
        &self,
        openid: &str,
        order_id: &str,
        amount: u64,
    ) -> ApiCall<'static, XpayPresented, K> {
        #[derive(Serialize)]
        struct Body<'a> {
            openid: &'a str,
            order_id: &'a str,
            amount: u64,
        }
        let checked = check_all_present(&[("openid", openid), ("order_id", order_id)])
            .and(check_positive("amount", amount));
        self.signed(
            checked,
            "/xpay/present_currency",
            &Body {
                openid,
                order_id,
                amount,
            },
            None,
            Retry::Unsafe,
        )
    }
}

fn check_session_key(session_key: &Secret) -> Result<()> {
    if session_key.expose().is_empty() {
        return Err(Error::invalid_input("session_key is empty"));
    }
    Ok(())
}
