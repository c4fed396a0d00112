//! The WeChat Pay sandbox's state: registered merchants and, per merchant, their orders,
//! refunds, transfer bills and profit sharing (`orders`, `funds`); the notifications pushed and
//! those waiting for a retry; the bills ready for download.
//!
//! Every map keyed by what a request sends is bounded: merchants by [`MAX_PAY_MERCHANTS`], each
//! merchant's records by [`MAX_PAY_RECORDS`] per kind (refused beyond, with a clear error).

mod funds;
mod orders;
pub(crate) mod time;

use std::{
    collections::{HashMap, VecDeque},
    fmt,
    time::Duration,
};

use wechat_pay::{ApiV3Key, VerifyingKey};

pub(crate) use funds::{
    ProfitSharing, Receiver, ReturnOrder, SharingOrder, TransferBill, TransferRefusal,
};
pub(crate) use orders::{
    Order, PrepayRefusal, Refund, RefundRefusal, RefundRequest, RefundStatus, TradeState, TradeType,
};

/// How many merchants the sandbox registers.
pub(crate) const MAX_PAY_MERCHANTS: usize = 1_000;

/// How many orders (and, separately, refunds, transfer bills, profit-sharing orders) the
/// sandbox keeps per merchant; beyond, new ones are refused.
pub(crate) const MAX_PAY_RECORDS: usize = 100_000;

/// How many notification outcomes are kept.
pub(crate) const MAX_PAY_NOTIFICATIONS: usize = 1_000;

/// How many notifications may wait for a retry; beyond, the oldest is dropped.
pub(crate) const MAX_PENDING_NOTIFICATIONS: usize = 10_000;

/// How many bill files wait for their download.
pub(crate) const MAX_BILL_DOWNLOADS: usize = 1_000;

/// The delays before each retry of a payment or refund notification, in seconds: WeChat Pay's
/// 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h.
pub(crate) const PAYMENT_RETRIES: [u64; 15] = [
    15, 15, 30, 180, 600, 1_200, 1_800, 1_800, 1_800, 3_600, 10_800, 10_800, 10_800, 21_600, 21_600,
];

const fn transfer_retries() -> [u64; 64] {
    let mut delays = [1_800; 64];
    let mut i = 0;
    while i < 20 {
        delays[i] = if i < 10 { 15 } else { 300 };
        i += 1;
    }
    delays
}

/// The delays before each retry of a merchant-transfer notification: 15s ten times, 300s ten
/// times, then 1800s 44 times.
pub(crate) const TRANSFER_RETRIES: [u64; 64] = transfer_retries();

/// What the sandbox signs its answers and notifications with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum PaySignMode {
    /// The platform certificate: `Wechatpay-Serial` is its serial.
    Certificate,
    /// The WeChat Pay public key: `Wechatpay-Serial` is its `PUB_KEY_ID_…` (the default, as for
    /// merchants registered since 2024).
    #[default]
    PublicKey,
    /// Either, at random for each answer and notification, as during a switch from the
    /// certificate to the public key.
    Switch,
}

/// How a refund ends, when [`Simulator::finish_refund`](crate::Simulator::finish_refund) ends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RefundOutcome {
    /// `SUCCESS`: the money is back with the payer (`REFUND.SUCCESS`).
    Success,
    /// `ABNORMAL`: the refund failed at the bank (`REFUND.ABNORMAL`).
    Abnormal,
    /// `CLOSED`: the refund was closed; its amount is refundable again (`REFUND.CLOSED`).
    Closed,
}

/// One delivery of a WeChat Pay notification, and how it went.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PayNotificationOutcome {
    /// The merchant it was for.
    pub mchid: String,
    /// The notification's `id` (the same in its retries and duplicates).
    pub id: String,
    /// `TRANSACTION.SUCCESS`, `REFUND.SUCCESS`, `MCHTRANSFER.BILL.FINISHED`…
    pub event_type: String,
    /// Where it was posted.
    pub url: String,
    /// 1 for the first delivery, 2 for the first retry, and so on.
    pub attempt: u32,
    /// A duplicate sent after a successful delivery, as WeChat Pay sometimes does.
    pub duplicate: bool,
    /// The HTTP status the application answered, if it answered.
    pub status: Option<u16>,
    /// Why there was no answer (connection refused, no answer within five seconds).
    pub error: Option<String>,
}

impl PayNotificationOutcome {
    /// Whether the application took it: an HTTP 2xx answer.
    pub fn delivered(&self) -> bool {
        self.status
            .is_some_and(|status| (200..300).contains(&status))
    }
}

/// Why the sandbox could not do what its control API was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PaySandboxError {
    /// No merchant with this mchid is registered.
    UnknownMerchant(String),
    /// The sandbox already holds a thousand merchants, its limit.
    TooManyMerchants,
    /// No such order, refund or transfer bill.
    NotFound {
        /// `order`, `refund` or `transfer bill`.
        kind: &'static str,
        /// The merchant's number for it.
        id: String,
    },
    /// It is not in a state that allows this (an order already paid, a refund already done).
    WrongState {
        /// `order`, `refund` or `transfer bill`.
        kind: &'static str,
        /// The merchant's number for it.
        id: String,
        /// Its state now, as WeChat Pay writes it.
        state: String,
    },
}

impl fmt::Display for PaySandboxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PaySandboxError::UnknownMerchant(mchid) => write!(
                f,
                "no merchant {mchid} in the Pay sandbox: register it first (Simulator::add_pay_merchant, or POST /__sim/pay/merchants)"
            ),
            PaySandboxError::TooManyMerchants => write!(
                f,
                "the Pay sandbox holds at most {MAX_PAY_MERCHANTS} merchants"
            ),
            PaySandboxError::NotFound { kind, id } => write!(f, "no {kind} {id}"),
            PaySandboxError::WrongState { kind, id, state } => {
                write!(f, "the {kind} {id} is {state}")
            }
        }
    }
}

impl std::error::Error for PaySandboxError {}

/// A registered merchant: the certificate its requests are checked against, its APIv3 key, and
/// its records.
#[derive(Debug)]
pub(crate) struct Merchant {
    pub(crate) mchid: String,
    /// The merchant certificate's serial, as `serial_no` must name it.
    pub(crate) serial: String,
    pub(crate) key: VerifyingKey,
    pub(crate) api_v3_key: ApiV3Key,
    /// out_trade_no -> order.
    pub(crate) orders: HashMap<String, Order>,
    /// transaction_id -> out_trade_no, for paid orders.
    pub(crate) transactions: HashMap<String, String>,
    /// out_refund_no -> refund.
    pub(crate) refunds: HashMap<String, Refund>,
    /// out_bill_no -> transfer bill.
    pub(crate) transfers: HashMap<String, TransferBill>,
    /// transfer_bill_no -> out_bill_no.
    pub(crate) transfer_ids: HashMap<String, String>,
    pub(crate) sharing: ProfitSharing,
}

/// A notification on its way: its body stays the same through retries and duplicates; each
/// delivery is signed anew.
#[derive(Debug, Clone)]
pub(crate) struct Notice {
    pub(crate) mchid: String,
    pub(crate) id: String,
    pub(crate) event_type: String,
    pub(crate) url: String,
    pub(crate) body: String,
    /// The delays before each retry.
    pub(crate) schedule: &'static [u64],
    /// Deliveries made so far.
    pub(crate) attempts: u32,
    /// The simulated-clock offset at which the next retry is due.
    pub(crate) due: Duration,
}

/// A bill file waiting for its download.
#[derive(Debug, Clone)]
pub(crate) struct Download {
    pub(crate) mchid: String,
    pub(crate) bytes: Vec<u8>,
    pub(crate) gzip: bool,
    /// Simulated unix time after which the token no longer works.
    pub(crate) expires: i64,
}

/// Everything the Pay sandbox knows.
#[derive(Debug)]
pub(crate) struct PayState {
    merchants: HashMap<String, Merchant>,
    pub(crate) sign_mode: PaySignMode,
    /// The chance, from 0 to 1, that a delivered notification is sent once more.
    pub(crate) duplicate_rate: f64,
    notifications: VecDeque<PayNotificationOutcome>,
    pending: Vec<Notice>,
    downloads: VecDeque<(String, Download)>,
    /// The client notifications are posted with (its timeout is the push deadline); set when the
    /// simulator starts.
    pub(crate) http: Option<reqwest::Client>,
}

impl Default for PayState {
    fn default() -> Self {
        PayState {
            merchants: HashMap::new(),
            sign_mode: PaySignMode::default(),
            duplicate_rate: 0.05,
            notifications: VecDeque::new(),
            pending: Vec::new(),
            downloads: VecDeque::new(),
            http: None,
        }
    }
}

impl PayState {
    /// Registers a merchant, or replaces the keys of one registered before (its records stay).
    pub(crate) fn add_merchant(
        &mut self,
        mchid: &str,
        serial: String,
        key: VerifyingKey,
        api_v3_key: ApiV3Key,
    ) -> Result<(), PaySandboxError> {
        if let Some(merchant) = self.merchants.get_mut(mchid) {
            merchant.serial = serial;
            merchant.key = key;
            merchant.api_v3_key = api_v3_key;
            return Ok(());
        }
        if self.merchants.len() >= MAX_PAY_MERCHANTS {
            return Err(PaySandboxError::TooManyMerchants);
        }
        self.merchants.insert(
            mchid.to_owned(),
            Merchant {
                mchid: mchid.to_owned(),
                serial,
                key,
                api_v3_key,
                orders: HashMap::new(),
                transactions: HashMap::new(),
                refunds: HashMap::new(),
                transfers: HashMap::new(),
                transfer_ids: HashMap::new(),
                sharing: ProfitSharing::default(),
            },
        );
        Ok(())
    }

    pub(crate) fn merchant(&self, mchid: &str) -> Option<&Merchant> {
        self.merchants.get(mchid)
    }

    pub(crate) fn merchant_mut(&mut self, mchid: &str) -> Option<&mut Merchant> {
        self.merchants.get_mut(mchid)
    }

    /// The merchant, or [`PaySandboxError::UnknownMerchant`].
    pub(crate) fn merchant_or_err(
        &mut self,
        mchid: &str,
    ) -> Result<&mut Merchant, PaySandboxError> {
        self.merchants
            .get_mut(mchid)
            .ok_or_else(|| PaySandboxError::UnknownMerchant(mchid.to_owned()))
    }

    /// Keeps an outcome, dropping the oldest beyond [`MAX_PAY_NOTIFICATIONS`].
    pub(crate) fn record(&mut self, outcome: PayNotificationOutcome) {
        crate::state::push_bounded(&mut self.notifications, outcome, MAX_PAY_NOTIFICATIONS);
    }

    pub(crate) fn notifications(&self) -> Vec<PayNotificationOutcome> {
        self.notifications.iter().cloned().collect()
    }

    /// Queues a notification for its next retry, dropping the oldest queued beyond
    /// [`MAX_PENDING_NOTIFICATIONS`].
    pub(crate) fn schedule(&mut self, notice: Notice) {
        if self.pending.len() >= MAX_PENDING_NOTIFICATIONS {
            self.pending.remove(0);
        }
        self.pending.push(notice);
    }

    /// Takes the queued notification due first, if it is due by `offset`.
    pub(crate) fn take_due(&mut self, offset: Duration) -> Option<Notice> {
        let (index, _) = self
            .pending
            .iter()
            .enumerate()
            .filter(|(_, notice)| notice.due <= offset)
            .min_by_key(|(_, notice)| notice.due)?;
        Some(self.pending.remove(index))
    }

    /// Keeps a bill for its download, dropping the oldest beyond [`MAX_BILL_DOWNLOADS`].
    pub(crate) fn add_download(&mut self, token: String, download: Download) {
        crate::state::push_bounded(&mut self.downloads, (token, download), MAX_BILL_DOWNLOADS);
    }

    /// The bill behind `token`, while it lives.
    pub(crate) fn download(&self, token: &str, now: i64) -> Option<&Download> {
        self.downloads
            .iter()
            .find(|(t, d)| t == token && d.expires >= now)
            .map(|(_, d)| d)
    }
}
