//! What profit sharing sends: the sharing, its receivers, a return, an unfreezing, a receiver
//! to add; and the checks made before sending.

use wechat_pay::Fen;

use super::{ReceiverType, RelationType};
use crate::error::{Error, Result};
use crate::pay::path;

/// A sharing to ask for: `POST /v3/profitsharing/orders`, by [`ProfitSharing::create`](super::ProfitSharing::create).
///
/// ```
/// use wechat_runtime::pay::profit_sharing::{ProfitSharingRequest, ReceiverType, SharingReceiver};
/// use wechat_runtime::pay::Fen;
///
/// let request = ProfitSharingRequest::new(
///     "wx8888888888888888",
///     "4208450740201411110007820472",
///     "P20150806125346",
///     vec![SharingReceiver::new(ReceiverType::PersonalOpenid, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", Fen::new(100), "分给用户")
///         .name("张三")],
///     false,
/// );
/// assert!(!format!("{request:?}").contains("张三"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProfitSharingRequest {
    /// `appid`: the appid bound to the merchant (the openids' appid for `PERSONAL_OPENID`
    /// receivers).
    pub appid: String,
    /// `transaction_id`: the payment shared.
    pub transaction_id: String,
    /// `out_order_no`: the merchant's sharing number (1–64 of `0-9 a-z A-Z _ - | * @`).
    pub out_order_no: String,
    /// `receivers`: 1 to 50.
    pub receivers: Vec<SharingReceiver>,
    /// `unfreeze_unsplit`: whether what is left is unfrozen to the merchant afterwards (no
    /// more sharing of this payment then).
    pub unfreeze_unsplit: bool,
    /// `notify_url`.
    pub notify_url: Option<String>,
}

impl ProfitSharingRequest {
    /// Shares the payment `transaction_id` with `receivers` under the merchant's sharing number
    /// `out_order_no`, for `appid`.
    ///
    /// ```
    /// # use wechat_runtime::pay::{profit_sharing::{ProfitSharingRequest, ReceiverType, SharingReceiver}, Fen};
    /// let request = ProfitSharingRequest::new("wx8888888888888888", "4208450740201411110007820472", "P1",
    ///     vec![SharingReceiver::new(ReceiverType::MerchantId, "86693852", Fen::new(1), "d")], true);
    /// ```
    pub fn new(
        appid: impl Into<String>,
        transaction_id: impl Into<String>,
        out_order_no: impl Into<String>,
        receivers: Vec<SharingReceiver>,
        unfreeze_unsplit: bool,
    ) -> Self {
        ProfitSharingRequest {
            appid: appid.into(),
            transaction_id: transaction_id.into(),
            out_order_no: out_order_no.into(),
            receivers,
            unfreeze_unsplit,
            notify_url: None,
        }
    }

    /// Sets `notify_url`.
    pub fn notify_url(mut self, notify_url: impl Into<String>) -> Self {
        self.notify_url = Some(notify_url.into());
        self
    }

    pub(super) fn check(&self) -> Result<()> {
        if self.appid.trim().is_empty() {
            return Err(Error::invalid_input("the sharing's appid is empty"));
        }
        path::segment("transaction_id", &self.transaction_id)?;
        check_out_no("out_order_no", &self.out_order_no)?;
        if self.receivers.is_empty() || self.receivers.len() > 50 {
            return Err(Error::invalid_input(format!(
                "a sharing has 1 to 50 receivers, got {}",
                self.receivers.len()
            )));
        }
        for receiver in &self.receivers {
            if receiver.amount == Fen::ZERO {
                return Err(Error::invalid_input(format!(
                    "a share of 0 fen for receiver {}",
                    receiver.account
                )));
            }
            check_description(&receiver.description)?;
            if receiver.account.trim().is_empty() {
                return Err(Error::invalid_input("a receiver's account is empty"));
            }
        }
        Ok(())
    }
}

/// One receiver of a sharing, with its share. A person's `name` is given in clear text and
/// encrypted when sent; `Debug` does not show it.
///
/// ```
/// use wechat_runtime::pay::profit_sharing::{ReceiverType, SharingReceiver};
/// use wechat_runtime::pay::Fen;
///
/// let receiver = SharingReceiver::new(ReceiverType::MerchantId, "86693852", Fen::new(888), "分给商户86693852");
/// assert_eq!(receiver.amount, Fen::new(888));
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SharingReceiver {
    /// `type`.
    pub kind: ReceiverType,
    /// `account`: a merchant id or an openid.
    pub account: String,
    /// `name`: a person's real name, in clear text, checked by WeChat Pay when given.
    pub name: Option<String>,
    /// `amount`: the share.
    pub amount: Fen,
    /// `description`: why, at most 80 characters.
    pub description: String,
}

impl std::fmt::Debug for SharingReceiver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharingReceiver")
            .field("kind", &self.kind)
            .field("account", &self.account)
            .field("name", &self.name.as_ref().map(|_| "<hidden>"))
            .field("amount", &self.amount)
            .field("description", &self.description)
            .finish()
    }
}

impl SharingReceiver {
    /// A share of `amount` for the receiver `account` of kind `kind`.
    ///
    /// ```
    /// # use wechat_runtime::pay::{profit_sharing::{ReceiverType, SharingReceiver}, Fen};
    /// let receiver = SharingReceiver::new(ReceiverType::MerchantId, "86693852", Fen::new(1), "分账");
    /// ```
    pub fn new(
        kind: ReceiverType,
        account: impl Into<String>,
        amount: Fen,
        description: impl Into<String>,
    ) -> Self {
        SharingReceiver {
            kind,
            account: account.into(),
            name: None,
            amount,
            description: description.into(),
        }
    }

    /// Sets `name` (a person's real name, in clear text; encrypted when sent).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

/// Which sharing a return is of: WeChat Pay's `order_id` or the merchant's `out_order_no`.
///
/// ```
/// let of = wechat_runtime::pay::profit_sharing::ReturnOf::OutOrderNo("P20150806125346".into());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReturnOf {
    /// `order_id`: WeChat Pay's sharing number.
    OrderId(String),
    /// `out_order_no`: the merchant's sharing number.
    OutOrderNo(String),
}

/// A return to ask for (money back from a merchant receiver, before a refund):
/// `POST /v3/profitsharing/return-orders`, by [`ProfitSharing::return_order`](super::ProfitSharing::return_order).
///
/// ```
/// use wechat_runtime::pay::profit_sharing::{ReturnOf, ReturnRequest};
/// use wechat_runtime::pay::Fen;
///
/// let request = ReturnRequest::new(ReturnOf::OutOrderNo("P20150806125346".into()), "R20190516001", "86693852", Fen::new(10), "用户退款");
/// assert_eq!(request.return_mchid, "86693852");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReturnRequest {
    /// The sharing returned from.
    pub of: ReturnOf,
    /// `out_return_no`: the merchant's return number (1–64 of `0-9 a-z A-Z _ - | * @`).
    pub out_return_no: String,
    /// `return_mchid`: the merchant receiver the money comes back from.
    pub return_mchid: String,
    /// `amount`.
    pub amount: Fen,
    /// `description`: at most 80 characters.
    pub description: String,
}

impl ReturnRequest {
    /// A return of `amount` from `return_mchid`, of the sharing `of`, numbered `out_return_no`.
    ///
    /// ```
    /// # use wechat_runtime::pay::{profit_sharing::{ReturnOf, ReturnRequest}, Fen};
    /// let request = ReturnRequest::new(ReturnOf::OrderId("3008450740201411110007820472".into()), "R1", "86693852", Fen::new(1), "退款");
    /// ```
    pub fn new(
        of: ReturnOf,
        out_return_no: impl Into<String>,
        return_mchid: impl Into<String>,
        amount: Fen,
        description: impl Into<String>,
    ) -> Self {
        ReturnRequest {
            of,
            out_return_no: out_return_no.into(),
            return_mchid: return_mchid.into(),
            amount,
            description: description.into(),
        }
    }

    pub(super) fn check(&self) -> Result<()> {
        match &self.of {
            ReturnOf::OrderId(id) => path::segment("order_id", id).map(drop)?,
            ReturnOf::OutOrderNo(no) => check_out_no("out_order_no", no)?,
        }
        check_out_no("out_return_no", &self.out_return_no)?;
        if self.return_mchid.trim().is_empty() {
            return Err(Error::invalid_input("the return's return_mchid is empty"));
        }
        if self.amount == Fen::ZERO {
            return Err(Error::invalid_input("a return of 0 fen"));
        }
        check_description(&self.description)
    }
}

/// An unfreezing of what is left of a payment to share (分账完结):
/// `POST /v3/profitsharing/orders/unfreeze`, by [`ProfitSharing::unfreeze`](super::ProfitSharing::unfreeze).
///
/// ```
/// let request = wechat_runtime::pay::profit_sharing::UnfreezeRequest::new(
///     "4208450740201411110007820472", "P20150806125347", "解冻全部剩余资金");
/// assert_eq!(request.out_order_no, "P20150806125347");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnfreezeRequest {
    /// `transaction_id`: the payment.
    pub transaction_id: String,
    /// `out_order_no`: a new merchant sharing number for this unfreezing.
    pub out_order_no: String,
    /// `description`: at most 80 characters.
    pub description: String,
    /// `notify_url`.
    pub notify_url: Option<String>,
}

impl UnfreezeRequest {
    /// Unfreezes what is left of `transaction_id`, under the sharing number `out_order_no`.
    ///
    /// ```
    /// let request = wechat_runtime::pay::profit_sharing::UnfreezeRequest::new("4208450740201411110007820472", "P2", "完结");
    /// ```
    pub fn new(
        transaction_id: impl Into<String>,
        out_order_no: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        UnfreezeRequest {
            transaction_id: transaction_id.into(),
            out_order_no: out_order_no.into(),
            description: description.into(),
            notify_url: None,
        }
    }

    /// Sets `notify_url`.
    pub fn notify_url(mut self, notify_url: impl Into<String>) -> Self {
        self.notify_url = Some(notify_url.into());
        self
    }
}

/// A receiver to add: `POST /v3/profitsharing/receivers/add`, by
/// [`ProfitSharing::add_receiver`](super::ProfitSharing::add_receiver). A merchant receiver needs its full `name`; a person's is
/// optional (checked when given). The name is given in clear text and encrypted when sent;
/// `Debug` does not show it.
///
/// ```
/// use wechat_runtime::pay::profit_sharing::{AddReceiver, ReceiverType, RelationType};
///
/// let receiver = AddReceiver::new("wx8888888888888888", ReceiverType::MerchantId, "86693852", RelationType::Custom)
///     .name("腾讯科技有限公司")
///     .custom_relation("代理商");
/// assert!(!format!("{receiver:?}").contains("腾讯"));
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AddReceiver {
    /// `appid`.
    pub appid: String,
    /// `type`.
    pub kind: ReceiverType,
    /// `account`.
    pub account: String,
    /// `name`, in clear text.
    pub name: Option<String>,
    /// `relation_type`.
    pub relation_type: RelationType,
    /// `custom_relation`: required for [`RelationType::Custom`], at most 10 characters.
    pub custom_relation: Option<String>,
}

impl std::fmt::Debug for AddReceiver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AddReceiver")
            .field("appid", &self.appid)
            .field("kind", &self.kind)
            .field("account", &self.account)
            .field("name", &self.name.as_ref().map(|_| "<hidden>"))
            .field("relation_type", &self.relation_type)
            .field("custom_relation", &self.custom_relation)
            .finish()
    }
}

impl AddReceiver {
    /// The receiver `account` of kind `kind`, related to the merchant as `relation_type`,
    /// under `appid`.
    ///
    /// ```
    /// # use wechat_runtime::pay::profit_sharing::{AddReceiver, ReceiverType, RelationType};
    /// let receiver = AddReceiver::new("wx8888888888888888", ReceiverType::PersonalOpenid, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", RelationType::User);
    /// ```
    pub fn new(
        appid: impl Into<String>,
        kind: ReceiverType,
        account: impl Into<String>,
        relation_type: RelationType,
    ) -> Self {
        AddReceiver {
            appid: appid.into(),
            kind,
            account: account.into(),
            name: None,
            relation_type,
            custom_relation: None,
        }
    }

    /// Sets `name` (clear text; encrypted when sent).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets `custom_relation`.
    pub fn custom_relation(mut self, relation: impl Into<String>) -> Self {
        self.custom_relation = Some(relation.into());
        self
    }

    pub(super) fn check(&self) -> Result<()> {
        if self.appid.trim().is_empty() || self.account.trim().is_empty() {
            return Err(Error::invalid_input(
                "a receiver needs its appid and its account",
            ));
        }
        if self.kind == ReceiverType::MerchantId && self.name.is_none() {
            return Err(Error::invalid_input(
                "a MERCHANT_ID receiver needs its name (the merchant's full name)",
            ));
        }
        if self.relation_type == RelationType::Custom && self.custom_relation.is_none() {
            return Err(Error::invalid_input(
                "a CUSTOM relation needs its custom_relation",
            ));
        }
        Ok(())
    }
}

/// Checks a merchant number of profit sharing (`out_order_no`, `out_return_no`): 1–64 of
/// `0-9 a-z A-Z _ - | * @`.
pub(super) fn check_out_no(what: &str, value: &str) -> Result<()> {
    let ok = !value.is_empty()
        && value.len() <= 64
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-|*@".contains(&b));
    if !ok {
        return Err(Error::invalid_input(format!(
            "`{what}` must be 1 to 64 of 0-9 a-z A-Z _ - | * @, got `{value}`"
        )));
    }
    Ok(())
}

/// Checks a description: not empty, at most 80 characters.
pub(super) fn check_description(description: &str) -> Result<()> {
    let chars = description.chars().count();
    if description.trim().is_empty() || chars > 80 {
        return Err(Error::invalid_input(format!(
            "a profit-sharing description is 1 to 80 characters, got {chars}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_checked() {
        let receiver =
            |kind| SharingReceiver::new(kind, "86693852", Fen::new(1), "分给商户86693852");
        let ok = ProfitSharingRequest::new(
            "wx8888888888888888",
            "4208450740201411110007820472",
            "P20150806125346",
            vec![receiver(ReceiverType::MerchantId)],
            true,
        );
        assert!(ok.check().is_ok());
        let mut none = ok.clone();
        none.receivers.clear();
        assert!(none.check().unwrap_err().to_string().contains("1 to 50"));
        let mut appid = ok.clone();
        appid.appid = String::new();
        assert!(appid.check().unwrap_err().to_string().contains("appid"));
        let mut bad_no = ok.clone();
        bad_no.out_order_no = "P 1".into();
        assert!(bad_no.check().is_err());
        assert!(check_description(&"分".repeat(81)).is_err());

        let add = AddReceiver::new(
            "wx8888888888888888",
            ReceiverType::MerchantId,
            "86693852",
            RelationType::Store,
        );
        assert!(add.check().unwrap_err().to_string().contains("name"));
        let custom = AddReceiver::new(
            "wx8888888888888888",
            ReceiverType::PersonalOpenid,
            "o1",
            RelationType::Custom,
        );
        assert!(custom
            .check()
            .unwrap_err()
            .to_string()
            .contains("custom_relation"));

        let ret = ReturnRequest::new(
            ReturnOf::OutOrderNo("P1".into()),
            "R1",
            "86693852",
            Fen::ZERO,
            "退款",
        );
        assert!(ret.check().unwrap_err().to_string().contains("0 fen"));
    }
}
