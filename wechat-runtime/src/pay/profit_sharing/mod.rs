//! Profit sharing (分账): `pay.profit_sharing()`, to share a payment (made with
//! [`PrepayOrder::profit_sharing`](crate::pay::transactions::PrepayOrder::profit_sharing))
//! with receivers, return a share, unfreeze what is left, and manage the receivers.
//!
//! Each sharing, unfreezing and return is keyed by the merchant's number (`out_order_no`,
//! `out_return_no`): WeChat Pay treats the same number sent again as the same request, so those
//! calls may be resent, and a call that failed should be retried with the same number.
//! Receivers' names are encrypted before sending, with the key named in `Wechatpay-Serial`.
//!
//! ```no_run
//! # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
//! use wechat_runtime::pay::profit_sharing::{
//!     AddReceiver, ProfitSharingRequest, ReceiverType, RelationType, SharingReceiver,
//! };
//! use wechat_runtime::pay::Fen;
//!
//! pay.profit_sharing()
//!     .add_receiver(&AddReceiver::new("wx8888888888888888", ReceiverType::MerchantId, "86693852", RelationType::Store)
//!         .name("腾讯科技有限公司"))
//!     .await?;
//! let request = ProfitSharingRequest::new(
//!     "wx8888888888888888",
//!     "4208450740201411110007820472",
//!     "P20150806125346",
//!     vec![SharingReceiver::new(ReceiverType::MerchantId, "86693852", Fen::new(888), "分给商户86693852")],
//!     true, // unfreeze what is left
//! );
//! let order = pay.profit_sharing().create(&request).await?;
//! println!("{}", order.state);
//! # Ok(()) }
//! ```

mod answers;
mod requests;

use reqwest::Method;
use serde::Serialize;
use wechat_pay::Fen;

pub use self::answers::{
    AddedReceiver, DeletedReceiver, ProfitSharingOrder, ProfitSharingReturn, ProfitSharingState,
    ReceiverResult, ReceiverShare, ReturnResult, UnsplitAmount,
};
use self::requests::{check_description, check_out_no};
pub use self::requests::{
    AddReceiver, ProfitSharingRequest, ReturnOf, ReturnRequest, SharingReceiver, UnfreezeRequest,
};
use super::client::PayClient;
use super::path;
use crate::error::{Error, Result};
use crate::pay::wire::wire_enum;

wire_enum! {
    /// `type` of a receiver: a merchant or a person.
    ///
    /// ```
    /// assert_eq!(wechat_runtime::pay::profit_sharing::ReceiverType::PersonalOpenid.as_str(), "PERSONAL_OPENID");
    /// ```
    ReceiverType {
        /// `MERCHANT_ID`: a merchant, by its merchant id.
        MerchantId = "MERCHANT_ID",
        /// `PERSONAL_OPENID`: a person, by the openid under the request's appid.
        PersonalOpenid = "PERSONAL_OPENID",
        /// `PERSONAL_SUB_OPENID`: a person, by the openid under a sub-merchant's appid.
        PersonalSubOpenid = "PERSONAL_SUB_OPENID",
    }
}

wire_enum! {
    /// `relation_type`: how a receiver relates to the merchant.
    ///
    /// ```
    /// assert_eq!(wechat_runtime::pay::profit_sharing::RelationType::StoreOwner.as_str(), "STORE_OWNER");
    /// ```
    RelationType {
        /// `SERVICE_PROVIDER`.
        ServiceProvider = "SERVICE_PROVIDER",
        /// `STORE`.
        Store = "STORE",
        /// `STAFF`.
        Staff = "STAFF",
        /// `STORE_OWNER`.
        StoreOwner = "STORE_OWNER",
        /// `PARTNER`.
        Partner = "PARTNER",
        /// `HEADQUARTER`.
        Headquarter = "HEADQUARTER",
        /// `BRAND`.
        Brand = "BRAND",
        /// `DISTRIBUTOR`.
        Distributor = "DISTRIBUTOR",
        /// `USER`.
        User = "USER",
        /// `SUPPLIER`.
        Supplier = "SUPPLIER",
        /// `CUSTOM`: described by `custom_relation`.
        Custom = "CUSTOM",
    }
}

/// Profit sharing; from [`PayClient::profit_sharing`].
///
/// ```no_run
/// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
/// let left = pay.profit_sharing().amounts("4208450740201411110007820472").await?;
/// println!("{} left to share", left.unsplit_amount);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ProfitSharing<'a> {
    pay: &'a PayClient,
}

impl PayClient {
    /// Profit sharing (分账).
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// let order = pay.profit_sharing().query("P20150806125346", "4208450740201411110007820472").await?;
    /// # Ok(()) }
    /// ```
    pub fn profit_sharing(&self) -> ProfitSharing<'_> {
        ProfitSharing { pay: self }
    }
}

#[derive(Serialize)]
struct CreateBody<'a> {
    appid: &'a str,
    transaction_id: &'a str,
    out_order_no: &'a str,
    receivers: Vec<ReceiverBody<'a>>,
    unfreeze_unsplit: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    notify_url: Option<&'a str>,
}

#[derive(Serialize)]
struct ReceiverBody<'a> {
    #[serde(rename = "type")]
    kind: &'a ReceiverType,
    account: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    amount: Fen,
    description: &'a str,
}

#[derive(Serialize)]
struct ReturnBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    order_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    out_order_no: Option<&'a str>,
    out_return_no: &'a str,
    return_mchid: &'a str,
    amount: Fen,
    description: &'a str,
}

#[derive(Serialize)]
struct UnfreezeBody<'a> {
    transaction_id: &'a str,
    out_order_no: &'a str,
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    notify_url: Option<&'a str>,
}

#[derive(Serialize)]
struct AddReceiverBody<'a> {
    appid: &'a str,
    #[serde(rename = "type")]
    kind: &'a ReceiverType,
    account: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    relation_type: &'a RelationType,
    #[serde(skip_serializing_if = "Option::is_none")]
    custom_relation: Option<&'a str>,
}

#[derive(Serialize)]
struct DeleteReceiverBody<'a> {
    appid: &'a str,
    #[serde(rename = "type")]
    kind: &'a ReceiverType,
    account: &'a str,
}

impl ProfitSharing<'_> {
    /// Shares a payment: `POST /v3/profitsharing/orders`. Answers `PROCESSING`; query the
    /// result with [`query`](ProfitSharing::query). Receivers' names are encrypted, and the
    /// key named in `Wechatpay-Serial`.
    ///
    /// Resent on a transient failure: the same `out_order_no` is the same sharing.
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient, request: wechat_runtime::pay::profit_sharing::ProfitSharingRequest) -> Result<(), wechat_runtime::Error> {
    /// let order = pay.profit_sharing().create(&request).await?;
    /// # Ok(()) }
    /// ```
    pub async fn create(&self, request: &ProfitSharingRequest) -> Result<ProfitSharingOrder> {
        request.check()?;
        let names: Vec<Option<&str>> = request
            .receivers
            .iter()
            .map(|r| r.name.as_deref())
            .collect();
        let (names, serial) = self.encrypt(&names).await?;
        let body = CreateBody {
            appid: &request.appid,
            transaction_id: &request.transaction_id,
            out_order_no: &request.out_order_no,
            receivers: request
                .receivers
                .iter()
                .zip(names)
                .map(|(r, name)| ReceiverBody {
                    kind: &r.kind,
                    account: &r.account,
                    name,
                    amount: r.amount,
                    description: &r.description,
                })
                .collect(),
            unfreeze_unsplit: request.unfreeze_unsplit,
            notify_url: request.notify_url.as_deref(),
        };
        let mut call = self
            .pay
            .request(Method::POST, "/v3/profitsharing/orders")
            .json(&body)
            // "同一分账单号多次请求等同一次": one out_order_no shares once.
            .idempotent(true);
        if let Some(serial) = serial {
            call = call.wechatpay_serial(serial);
        }
        call.send_json().await
    }

    /// A sharing (or an unfreezing) by the merchant's number and the payment:
    /// `GET /v3/profitsharing/orders/{out_order_no}?transaction_id=…`.
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// let order = pay.profit_sharing().query("P20150806125346", "4208450740201411110007820472").await?;
    /// # Ok(()) }
    /// ```
    pub async fn query(
        &self,
        out_order_no: &str,
        transaction_id: &str,
    ) -> Result<ProfitSharingOrder> {
        check_out_no("out_order_no", out_order_no)?;
        path::segment("transaction_id", transaction_id)?;
        self.pay
            .request(
                Method::GET,
                &format!("/v3/profitsharing/orders/{}", path::escape(out_order_no)),
            )
            .query(&[("transaction_id", transaction_id)])
            .send_json()
            .await
    }

    /// Returns (part of) a share from a merchant receiver:
    /// `POST /v3/profitsharing/return-orders`.
    ///
    /// Resent on a transient failure: the same `out_return_no` is the same return.
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient, request: wechat_runtime::pay::profit_sharing::ReturnRequest) -> Result<(), wechat_runtime::Error> {
    /// let ret = pay.profit_sharing().return_order(&request).await?;
    /// # Ok(()) }
    /// ```
    pub async fn return_order(&self, request: &ReturnRequest) -> Result<ProfitSharingReturn> {
        request.check()?;
        let (order_id, out_order_no) = match &request.of {
            ReturnOf::OrderId(id) => (Some(id.as_str()), None),
            ReturnOf::OutOrderNo(no) => (None, Some(no.as_str())),
        };
        self.pay
            .request(Method::POST, "/v3/profitsharing/return-orders")
            .json(&ReturnBody {
                order_id,
                out_order_no,
                out_return_no: &request.out_return_no,
                return_mchid: &request.return_mchid,
                amount: request.amount,
                description: &request.description,
            })
            // "同一回退单号多次请求等同一次": one out_return_no returns once.
            .idempotent(true)
            .send_json()
            .await
    }

    /// A return by the merchant's numbers:
    /// `GET /v3/profitsharing/return-orders/{out_return_no}?out_order_no=…`.
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// let ret = pay.profit_sharing().query_return("R20190516001", "P20150806125346").await?;
    /// # Ok(()) }
    /// ```
    pub async fn query_return(
        &self,
        out_return_no: &str,
        out_order_no: &str,
    ) -> Result<ProfitSharingReturn> {
        check_out_no("out_return_no", out_return_no)?;
        check_out_no("out_order_no", out_order_no)?;
        self.pay
            .request(
                Method::GET,
                &format!(
                    "/v3/profitsharing/return-orders/{}",
                    path::escape(out_return_no)
                ),
            )
            .query(&[("out_order_no", out_order_no)])
            .send_json()
            .await
    }

    /// Unfreezes what is left of a payment to the merchant (no more sharing of it then):
    /// `POST /v3/profitsharing/orders/unfreeze`.
    ///
    /// Resent on a transient failure: the same `out_order_no` is the same request.
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// use wechat_runtime::pay::profit_sharing::UnfreezeRequest;
    ///
    /// let order = pay.profit_sharing()
    ///     .unfreeze(&UnfreezeRequest::new("4208450740201411110007820472", "P20150806125347", "解冻全部剩余资金"))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn unfreeze(&self, request: &UnfreezeRequest) -> Result<ProfitSharingOrder> {
        path::segment("transaction_id", &request.transaction_id)?;
        check_out_no("out_order_no", &request.out_order_no)?;
        check_description(&request.description)?;
        self.pay
            .request(Method::POST, "/v3/profitsharing/orders/unfreeze")
            .json(&UnfreezeBody {
                transaction_id: &request.transaction_id,
                out_order_no: &request.out_order_no,
                description: &request.description,
                notify_url: request.notify_url.as_deref(),
            })
            // Keyed by out_order_no like a sharing: the same number is the same request.
            .idempotent(true)
            .send_json()
            .await
    }

    /// What is left to share of a payment:
    /// `GET /v3/profitsharing/transactions/{transaction_id}/amounts`.
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// let left = pay.profit_sharing().amounts("4208450740201411110007820472").await?;
    /// # Ok(()) }
    /// ```
    pub async fn amounts(&self, transaction_id: &str) -> Result<UnsplitAmount> {
        let path = format!(
            "/v3/profitsharing/transactions/{}/amounts",
            path::segment("transaction_id", transaction_id)?
        );
        self.pay.request(Method::GET, &path).send_json().await
    }

    /// Adds a receiver: `POST /v3/profitsharing/receivers/add`. Its name is encrypted, and
    /// the key named in `Wechatpay-Serial`. Not resent after it may have arrived (WeChat Pay
    /// does not document it as idempotent).
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// use wechat_runtime::pay::profit_sharing::{AddReceiver, ReceiverType, RelationType};
    ///
    /// pay.profit_sharing()
    ///     .add_receiver(&AddReceiver::new("wx8888888888888888", ReceiverType::PersonalOpenid,
    ///         "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", RelationType::User))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn add_receiver(&self, receiver: &AddReceiver) -> Result<AddedReceiver> {
        receiver.check()?;
        let (mut names, serial) = self.encrypt(&[receiver.name.as_deref()]).await?;
        let body = AddReceiverBody {
            appid: &receiver.appid,
            kind: &receiver.kind,
            account: &receiver.account,
            name: names.pop().flatten(),
            relation_type: &receiver.relation_type,
            custom_relation: receiver.custom_relation.as_deref(),
        };
        let mut call = self
            .pay
            .request(Method::POST, "/v3/profitsharing/receivers/add")
            .json(&body);
        if let Some(serial) = serial {
            call = call.wechatpay_serial(serial);
        }
        call.send_json().await
    }

    /// Deletes a receiver: `POST /v3/profitsharing/receivers/delete`. Not resent after it may
    /// have arrived.
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// use wechat_runtime::pay::profit_sharing::ReceiverType;
    ///
    /// pay.profit_sharing()
    ///     .delete_receiver("wx8888888888888888", ReceiverType::MerchantId, "86693852")
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_receiver(
        &self,
        appid: &str,
        kind: ReceiverType,
        account: &str,
    ) -> Result<DeletedReceiver> {
        if appid.trim().is_empty() || account.trim().is_empty() {
            return Err(Error::invalid_input(
                "a receiver needs its appid and its account",
            ));
        }
        self.pay
            .request(Method::POST, "/v3/profitsharing/receivers/delete")
            .json(&DeleteReceiverBody {
                appid,
                kind: &kind,
                account,
            })
            .send_json()
            .await
    }

    /// Encrypts the names given, with one key; its serial when there was any name.
    async fn encrypt(
        &self,
        names: &[Option<&str>],
    ) -> Result<(Vec<Option<String>>, Option<String>)> {
        if names.iter().all(Option::is_none) {
            return Ok((vec![None; names.len()], None));
        }
        let encryptor = self.pay.encryptor().await?;
        let encrypted = names
            .iter()
            .map(|name| name.map(|n| encryptor.encrypt(n)).transpose())
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok((encrypted, Some(encryptor.serial().to_owned())))
    }
}
