//! Mini Program virtual payment (`/xpay/*`): each app's AppKey, the users' token accounts and
//! payments, and the cash orders of `wx.requestVirtualPayment`, per payment environment.

mod merchant;

use std::collections::HashMap;

use ring::hmac;
use serde_json::{json, Value};

use super::fifo::Fifo;
use crate::{clock::unix_now, errcode, tokens::random_string, wx_error::WxError};
use merchant::{Catalogue, Withdrawal};

/// Whether `signature` (lower- or upper-case hex) is the HMAC-SHA256 of the concatenated `parts`
/// keyed with `key`, compared in constant time.
pub(crate) fn hmac_sha256_matches(key: &str, parts: &[&[u8]], signature: &str) -> bool {
    let Some(tag) = decode_hex(signature) else {
        return false;
    };
    let key = hmac::Key::new(hmac::HMAC_SHA256, key.as_bytes());
    let message = parts.concat();
    hmac::verify(&key, &message, &tag).is_ok()
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect()
}

/// One user's tokens in one environment.
#[derive(Debug, Default, Clone)]
struct Account {
    balance: u64,
    present_balance: u64,
    sum_save: u64,
    sum_present: u64,
    sum_balance: u64,
    sum_cost: u64,
}

/// A payment with tokens (`currency_pay`).
#[derive(Debug, Clone)]
struct TokenPayment {
    openid: String,
    amount: u64,
    used_present: u64,
    /// Given back so far by `cancel_currency_pay`.
    cancelled: u64,
}

/// A cash order: a payment through `wx.requestVirtualPayment`, or a refund of one.
#[derive(Debug, Clone)]
pub(crate) struct CashOrder {
    order_id: String,
    wx_order_id: String,
    openid: String,
    create_time: u64,
    update_time: u64,
    status: u8,
    order_fee: u64,
    /// 0 a payment, 1 a refund.
    order_type: u8,
    refund_fee: u64,
    paid_time: u64,
    provide_time: u64,
    biz_meta: String,
    env: u8,
    left_fee: u64,
}

impl CashOrder {
    fn to_json(&self) -> Value {
        json!({
            "order_id": self.order_id,
            "create_time": self.create_time,
            "update_time": self.update_time,
            "status": self.status,
            "biz_type": 0,
            "order_fee": self.order_fee,
            "coupon_fee": 0,
            "paid_fee": if self.order_type == 0 { self.order_fee } else { 0 },
            "order_type": self.order_type,
            "refund_fee": self.refund_fee,
            "paid_time": self.paid_time,
            "provide_time": self.provide_time,
            "biz_meta": self.biz_meta,
            // 1 live, 2 sandbox.
            "env_type": self.env + 1,
            "token": format!("sim-token-{}", self.wx_order_id),
            "left_fee": self.left_fee,
            "wx_order_id": self.wx_order_id,
            "channel_order_id": format!("sim{}", self.wx_order_id),
            "wxpay_order_id": if self.order_type == 0 {
                format!("4200{}", &self.wx_order_id[..self.wx_order_id.len().min(24)])
            } else {
                String::new()
            },
        })
    }
}

/// A refund of a cash order (`refund_order`).
pub(crate) struct Refund<'a> {
    pub(crate) openid: &'a str,
    pub(crate) order_id: Option<&'a str>,
    pub(crate) wx_order_id: Option<&'a str>,
    pub(crate) refund_order_id: &'a str,
    pub(crate) left_fee: u64,
    pub(crate) refund_fee: u64,
    pub(crate) biz_meta: &'a str,
}

/// What this area remembers.
#[derive(Debug, Default)]
pub(crate) struct Xpay {
    /// appid -> AppKey, set through the control API.
    app_keys: HashMap<String, String>,
    /// "appid env openid" -> the user's tokens.
    accounts: Fifo<Account>,
    /// "appid env order_id" -> a token payment.
    payments: Fifo<TokenPayment>,
    /// "appid env order_id" of token refunds and gifts, spent ids.
    spent_ids: Fifo<()>,
    /// "appid env order_id" -> a cash order.
    orders: Fifo<CashOrder>,
    /// "appid env wx_order_id" -> its order_id.
    wx_order_ids: Fifo<String>,
    /// "appid begin end" of the bills asked for once, being generated.
    bills: Fifo<()>,
    /// "appid env" -> the income not withdrawn yet, in fen.
    funds: HashMap<String, u64>,
    /// "appid env withdraw_no" -> a withdrawal.
    withdrawals: Fifo<Withdrawal>,
    /// "appid env" -> the goods catalogue.
    catalogues: HashMap<String, Catalogue>,
}

fn key(appid: &str, env: u8, id: &str) -> String {
    format!("{appid} {env} {id}")
}

fn fail(code: i64) -> WxError {
    WxError::new(code)
}

impl Xpay {
    /// Sets the AppKey of `appid` (for both environments).
    pub(crate) fn set_app_key(&mut self, appid: &str, app_key: &str) {
        self.app_keys.insert(appid.to_owned(), app_key.to_owned());
    }

    /// Whether `pay_sig` signs `uri&body` with the AppKey of `appid` (none set: never).
    pub(crate) fn pay_sig_matches(
        &self,
        appid: &str,
        uri: &str,
        body: &[u8],
        pay_sig: &str,
    ) -> bool {
        self.app_keys.get(appid).is_some_and(|app_key| {
            hmac_sha256_matches(app_key, &[uri.as_bytes(), b"&", body], pay_sig)
        })
    }

    fn account(&self, appid: &str, env: u8, openid: &str) -> Account {
        self.accounts
            .get(&key(appid, env, openid))
            .cloned()
            .unwrap_or_default()
    }

    fn save_account(&mut self, appid: &str, env: u8, openid: &str, account: Account) {
        self.accounts.insert(key(appid, env, openid), account);
    }

    /// `query_user_balance`.
    pub(crate) fn balance(&self, appid: &str, env: u8, openid: &str) -> Value {
        let account = self.account(appid, env, openid);
        json!({
            "balance": account.balance,
            "present_balance": account.present_balance,
            "sum_save": account.sum_save,
            "sum_present": account.sum_present,
            "sum_balance": account.sum_balance,
            "sum_cost": account.sum_cost,
            "first_save_flag": u8::from(account.sum_save == 0),
        })
    }

    /// `present_currency`: adds `amount` presented tokens, once per `order_id`.
    pub(crate) fn present(
        &mut self,
        appid: &str,
        env: u8,
        openid: &str,
        order_id: &str,
        amount: u64,
    ) -> Result<Value, WxError> {
        let id = key(appid, env, &format!("present {order_id}"));
        if self.spent_ids.contains(&id) {
            return Err(fail(errcode::XPAY_REPEATED));
        }
        let mut account = self.account(appid, env, openid);
        account.balance += amount;
        account.present_balance += amount;
        account.sum_present += amount;
        account.sum_balance += amount;
        let answer = json!({
            "balance": account.balance,
            "order_id": order_id,
            "present_balance": account.sum_present,
        });
        self.save_account(appid, env, openid, account);
        self.spent_ids.insert(id, ());
        Ok(answer)
    }

    /// `currency_pay`: spends presented tokens first, once per `order_id`.
    pub(crate) fn pay(
        &mut self,
        appid: &str,
        env: u8,
        openid: &str,
        order_id: &str,
        amount: u64,
    ) -> Result<Value, WxError> {
        let id = key(appid, env, order_id);
        if self.payments.contains(&id) {
            return Err(fail(errcode::XPAY_REPEATED));
        }
        let mut account = self.account(appid, env, openid);
        if account.balance < amount {
            return Err(fail(errcode::XPAY_INSUFFICIENT));
        }
        let used_present = amount.min(account.present_balance);
        account.balance -= amount;
        account.present_balance -= used_present;
        account.sum_cost += amount;
        let answer = json!({
            "order_id": order_id,
            "balance": account.balance,
            "used_present_amount": used_present,
        });
        self.save_account(appid, env, openid, account);
        self.payments.insert(
            id,
            TokenPayment {
                openid: openid.to_owned(),
                amount,
                used_present,
                cancelled: 0,
            },
        );
        Ok(answer)
    }

    /// `cancel_currency_pay`: gives back `amount` tokens of payment `pay_order_id`, presented
    /// ones first, once per refund `order_id`.
    pub(crate) fn cancel(
        &mut self,
        appid: &str,
        env: u8,
        openid: &str,
        pay_order_id: &str,
        order_id: &str,
        amount: u64,
    ) -> Result<Value, WxError> {
        let refund_id = key(appid, env, &format!("cancel {order_id}"));
        if self.spent_ids.contains(&refund_id) {
            return Err(fail(errcode::XPAY_REPEATED));
        }
        let pay_id = key(appid, env, pay_order_id);
        let mut payment = match self.payments.get(&pay_id) {
            Some(payment) if payment.openid == openid => payment.clone(),
            _ => return Err(fail(errcode::XPAY_INVALID_PARAM)),
        };
        if payment.cancelled == payment.amount {
            return Err(fail(errcode::XPAY_ALREADY_CANCELLED));
        }
        if amount > payment.amount - payment.cancelled {
            return Err(fail(errcode::XPAY_INSUFFICIENT));
        }
        let present_back = payment
            .used_present
            .saturating_sub(payment.cancelled)
            .min(amount);
        payment.cancelled += amount;
        let mut account = self.account(appid, env, openid);
        account.balance += amount;
        account.present_balance += present_back;
        account.sum_cost = account.sum_cost.saturating_sub(amount);
        self.save_account(appid, env, openid, account);
        self.payments.insert(pay_id, payment);
        self.spent_ids.insert(refund_id, ());
        Ok(json!({ "order_id": order_id }))
    }

    /// A cash order paid by `openid` through `wx.requestVirtualPayment`, waiting for its goods;
    /// its `wx_order_id`.
    pub(crate) fn add_paid_order(
        &mut self,
        appid: &str,
        env: u8,
        openid: &str,
        order_id: &str,
        fee: u64,
    ) -> String {
        let now = unix_now();
        let wx_order_id = format!("wxo{}", random_string(29));
        let order = CashOrder {
            order_id: order_id.to_owned(),
            wx_order_id: wx_order_id.clone(),
            openid: openid.to_owned(),
            create_time: now,
            update_time: now,
            status: 2,
            order_fee: fee,
            order_type: 0,
            refund_fee: 0,
            paid_time: now,
            provide_time: 0,
            biz_meta: String::new(),
            env,
            left_fee: fee,
        };
        self.store(appid, order);
        *self.funds.entry(format!("{appid} {env}")).or_default() += fee;
        wx_order_id
    }

    fn store(&mut self, appid: &str, order: CashOrder) {
        self.wx_order_ids.insert(
            key(appid, order.env, &order.wx_order_id),
            order.order_id.clone(),
        );
        self.orders
            .insert(key(appid, order.env, &order.order_id), order);
    }

    /// The key of the cash order named by `order_id` or `wx_order_id`.
    fn order_key(
        &self,
        appid: &str,
        env: u8,
        order_id: Option<&str>,
        wx_order_id: Option<&str>,
    ) -> Result<String, WxError> {
        let order_id = match (order_id, wx_order_id) {
            (Some(order_id), _) => order_id.to_owned(),
            (None, Some(wx_order_id)) => self
                .wx_order_ids
                .get(&key(appid, env, wx_order_id))
                .cloned()
                .ok_or_else(|| fail(errcode::XPAY_INVALID_PARAM))?,
            (None, None) => return Err(fail(errcode::XPAY_INVALID_PARAM)),
        };
        let order_key = key(appid, env, &order_id);
        if self.orders.contains(&order_key) {
            Ok(order_key)
        } else {
            Err(fail(errcode::XPAY_INVALID_PARAM))
        }
    }

    /// `query_order`: the order, if it is `openid`'s.
    pub(crate) fn order(
        &self,
        appid: &str,
        env: u8,
        openid: &str,
        order_id: Option<&str>,
        wx_order_id: Option<&str>,
    ) -> Result<Value, WxError> {
        let order_key = self.order_key(appid, env, order_id, wx_order_id)?;
        match self.orders.get(&order_key) {
            Some(order) if order.openid == openid => Ok(order.to_json()),
            _ => Err(fail(errcode::XPAY_INVALID_OPENID)),
        }
    }

    /// `notify_provide_goods`: a paid (or delivering) order's goods are delivered.
    pub(crate) fn provide(
        &mut self,
        appid: &str,
        env: u8,
        order_id: Option<&str>,
        wx_order_id: Option<&str>,
    ) -> Result<(), WxError> {
        let order_key = self.order_key(appid, env, order_id, wx_order_id)?;
        let Some(mut order) = self.orders.get(&order_key).cloned() else {
            return Err(fail(errcode::XPAY_INVALID_PARAM));
        };
        match order.status {
            2 | 3 => {
                let now = unix_now();
                order.status = 4;
                order.provide_time = now;
                order.update_time = now;
                self.orders.insert(order_key, order);
                Ok(())
            }
            4 => Err(fail(errcode::XPAY_REPEATED)),
            _ => Err(fail(errcode::XPAY_INVALID_PARAM)),
        }
    }

    /// `refund_order`: refunds part or all of a paid order, as a new refund order.
    pub(crate) fn refund(
        &mut self,
        appid: &str,
        env: u8,
        refund: &Refund<'_>,
    ) -> Result<Value, WxError> {
        let order_key = self.order_key(appid, env, refund.order_id, refund.wx_order_id)?;
        let Some(mut order) = self.orders.get(&order_key).cloned() else {
            return Err(fail(errcode::XPAY_INVALID_PARAM));
        };
        if order.openid != refund.openid {
            return Err(fail(errcode::XPAY_INVALID_OPENID));
        }
        if self
            .orders
            .contains(&key(appid, env, refund.refund_order_id))
        {
            return Err(fail(errcode::XPAY_REPEATED));
        }
        let fee_ok = order.order_type == 0
            && matches!(order.status, 2..=5)
            && refund.left_fee == order.left_fee
            && (1..=order.left_fee).contains(&refund.refund_fee);
        if !fee_ok {
            return Err(fail(errcode::XPAY_INVALID_PARAM));
        }
        let now = unix_now();
        order.left_fee -= refund.refund_fee;
        order.status = 5;
        order.update_time = now;
        let refund_order = CashOrder {
            order_id: refund.refund_order_id.to_owned(),
            wx_order_id: format!("wxr{}", random_string(29)),
            openid: order.openid.clone(),
            create_time: now,
            update_time: now,
            status: 5,
            order_fee: order.order_fee,
            order_type: 1,
            refund_fee: refund.refund_fee,
            paid_time: now,
            provide_time: 0,
            biz_meta: refund.biz_meta.to_owned(),
            env,
            left_fee: 0,
        };
        let answer = json!({
            "refund_order_id": refund_order.order_id,
            "refund_wx_order_id": refund_order.wx_order_id,
            "pay_order_id": order.order_id,
            "pay_wx_order_id": order.wx_order_id,
        });
        self.store(appid, order);
        self.store(appid, refund_order);
        let funds = self.funds.entry(format!("{appid} {env}")).or_default();
        *funds = funds.saturating_sub(refund.refund_fee);
        Ok(answer)
    }

    /// `download_bill`: the first ask of a range starts generating it (268490011); later
    /// asks get the URL.
    pub(crate) fn bill(
        &mut self,
        appid: &str,
        begin_ds: u64,
        end_ds: u64,
    ) -> Result<Value, WxError> {
        let id = format!("{appid} {begin_ds} {end_ds}");
        if !self.bills.contains(&id) {
            self.bills.insert(id, ());
            return Err(fail(errcode::XPAY_BILL_GENERATING));
        }
        Ok(json!({
            "url": format!(
                "https://api.weixin.qq.com/xpay/bill/sim?appid={appid}&begin_ds={begin_ds}\
                 &end_ds={end_ds}&token={}",
                random_string(16)
            ),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_wechat_s_example() {
        // WeChat's documented login-state signature example.
        let signature = "654571f79995b2ce1e149e53c0a33dc39c0a74090db514261454e8dbe432aa0b";
        assert!(hmac_sha256_matches(
            "o0q0otL8aEzpcZL/FT9WsQ==",
            &[br#"{"foo":"bar"}"#],
            signature
        ));
        assert!(hmac_sha256_matches(
            "o0q0otL8aEzpcZL/FT9WsQ==",
            &[br#"{"foo""#, br#":"bar"}"#],
            &signature.to_uppercase()
        ));
        assert!(!hmac_sha256_matches(
            "another",
            &[br#"{"foo":"bar"}"#],
            signature
        ));
        assert!(!hmac_sha256_matches("k", &[b""], "zz"));
    }
}
