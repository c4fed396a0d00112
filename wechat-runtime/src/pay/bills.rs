//! Bills: `pay.bills()`, to ask for a day's trade bill or fund-flow bill and download it,
//! gunzipped and checked against its SHA-1 digest.
//!
//! Asking answers a [`BillInfo`] (a `download_url` valid for a short while, and the bill's
//! digest); [`Bills::download`] fetches the file through the client (signed, like every call,
//! but WeChat Pay does not sign the file), gunzips it when it is gzipped, and checks its SHA-1
//! against the `hash_value` of the (signed) answer before handing it over.
//!
//! ```no_run
//! # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
//! use wechat_runtime::pay::bills::{TradeBillQuery, TradeBillType};
//!
//! let info = pay
//!     .bills()
//!     .trade(&TradeBillQuery::new("2019-06-11").bill_type(TradeBillType::Success).gzip())
//!     .await?;
//! let csv = pay.bills().download(&info).await?; // gunzipped and checked
//! println!("{}", String::from_utf8_lossy(&csv));
//! # Ok(()) }
//! ```

use std::io::Read;

use bytes::Bytes;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use sha1::{Digest, Sha1};
use url::Url;

use super::client::PayClient;
use crate::error::{Error, Result};
use crate::pay::wire::wire_enum;

/// The path bills are downloaded from, for errors.
const DOWNLOAD_PATH: &str = "/v3/billdownload/file";

wire_enum! {
    /// `bill_type` of a trade bill: which orders it lists (`ALL` when not set).
    ///
    /// ```
    /// assert_eq!(wechat_runtime::pay::bills::TradeBillType::Refund.as_str(), "REFUND");
    /// ```
    TradeBillType {
        /// `ALL`: every order of the day (without recharge refunds).
        All = "ALL",
        /// `SUCCESS`: the orders paid that day.
        Success = "SUCCESS",
        /// `REFUND`: the refunds of the day.
        Refund = "REFUND",
        /// `RECHARGE_REFUND`: the recharge refunds of the day.
        RechargeRefund = "RECHARGE_REFUND",
        /// `ALL_SPECIAL`: every order of the personalised bill.
        AllSpecial = "ALL_SPECIAL",
        /// `SUC_SPECIAL`: the paid orders of the personalised bill.
        SucSpecial = "SUC_SPECIAL",
        /// `REF_SPECIAL`: the refunds of the personalised bill.
        RefSpecial = "REF_SPECIAL",
    }
}

wire_enum! {
    /// `account_type` of a fund-flow bill: which merchant account (`BASIC` when not set).
    ///
    /// ```
    /// assert_eq!(wechat_runtime::pay::bills::FundAccountType::Operation.as_str(), "OPERATION");
    /// ```
    FundAccountType {
        /// `BASIC`: the basic account.
        Basic = "BASIC",
        /// `OPERATION`: the operation account.
        Operation = "OPERATION",
        /// `FEES`: the fees account.
        Fees = "FEES",
    }
}

/// Bills; from [`PayClient::bills`].
///
/// ```no_run
/// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
/// use wechat_runtime::pay::bills::FundFlowBillQuery;
///
/// let info = pay.bills().fund_flow(&FundFlowBillQuery::new("2019-06-11")).await?;
/// let csv = pay.bills().download(&info).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Bills<'a> {
    pay: &'a PayClient,
}

impl PayClient {
    /// Bills: the trade bill and the fund-flow bill of a day, and their download.
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// let info = pay.bills().trade(&wechat_runtime::pay::bills::TradeBillQuery::new("2019-06-11")).await?;
    /// # Ok(()) }
    /// ```
    pub fn bills(&self) -> Bills<'_> {
        Bills { pay: self }
    }
}

/// The query of a trade bill: `GET /v3/bill/tradebill`, by [`Bills::trade`].
///
/// ```
/// use wechat_runtime::pay::bills::{TradeBillQuery, TradeBillType};
///
/// let query = TradeBillQuery::new("2019-06-11").bill_type(TradeBillType::All).gzip();
/// assert_eq!(query.bill_date, "2019-06-11");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TradeBillQuery {
    /// `bill_date`: the day, `yyyy-MM-dd`, within the last three months.
    pub bill_date: String,
    /// `bill_type`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bill_type: Option<TradeBillType>,
    /// `tar_type`: `GZIP` when set by [`gzip`](TradeBillQuery::gzip).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tar_type: Option<String>,
}

impl TradeBillQuery {
    /// The trade bill of `bill_date` (`yyyy-MM-dd`).
    ///
    /// ```
    /// let query = wechat_runtime::pay::bills::TradeBillQuery::new("2019-06-11");
    /// ```
    pub fn new(bill_date: impl Into<String>) -> Self {
        TradeBillQuery {
            bill_date: bill_date.into(),
            bill_type: None,
            tar_type: None,
        }
    }

    /// Sets `bill_type`.
    pub fn bill_type(mut self, bill_type: TradeBillType) -> Self {
        self.bill_type = Some(bill_type);
        self
    }

    /// Asks for the file gzipped (`tar_type=GZIP`); [`Bills::download`] gunzips it.
    pub fn gzip(mut self) -> Self {
        self.tar_type = Some("GZIP".to_owned());
        self
    }
}

/// The query of a fund-flow bill: `GET /v3/bill/fundflowbill`, by [`Bills::fund_flow`].
///
/// ```
/// use wechat_runtime::pay::bills::{FundAccountType, FundFlowBillQuery};
///
/// let query = FundFlowBillQuery::new("2019-06-11").account_type(FundAccountType::Basic).gzip();
/// assert_eq!(query.tar_type.as_deref(), Some("GZIP"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct FundFlowBillQuery {
    /// `bill_date`: the day, `yyyy-MM-dd`, within the last three months.
    pub bill_date: String,
    /// `account_type`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_type: Option<FundAccountType>,
    /// `tar_type`: `GZIP` when set by [`gzip`](FundFlowBillQuery::gzip).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tar_type: Option<String>,
}

impl FundFlowBillQuery {
    /// The fund-flow bill of `bill_date` (`yyyy-MM-dd`).
    ///
    /// ```
    /// let query = wechat_runtime::pay::bills::FundFlowBillQuery::new("2019-06-11");
    /// ```
    pub fn new(bill_date: impl Into<String>) -> Self {
        FundFlowBillQuery {
            bill_date: bill_date.into(),
            account_type: None,
            tar_type: None,
        }
    }

    /// Sets `account_type`.
    pub fn account_type(mut self, account_type: FundAccountType) -> Self {
        self.account_type = Some(account_type);
        self
    }

    /// Asks for the file gzipped (`tar_type=GZIP`); [`Bills::download`] gunzips it.
    pub fn gzip(mut self) -> Self {
        self.tar_type = Some("GZIP".to_owned());
        self
    }
}

/// Where a bill can be downloaded, and its digest: the answer of [`Bills::trade`] and
/// [`Bills::fund_flow`], for [`Bills::download`].
///
/// ```
/// use wechat_runtime::pay::bills::BillInfo;
///
/// let info: BillInfo = serde_json::from_str(r#"{
///     "hash_type": "SHA1", "hash_value": "79bb0f45fc4c42234a918000b2668d689e2bde04",
///     "download_url": "https://api.mch.weixin.qq.com/v3/billdownload/file?token=xxx"
/// }"#).unwrap();
/// assert_eq!(info.hash_type, "SHA1");
/// // The download token is not shown.
/// assert!(!format!("{info:?}").contains("token=xxx"));
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BillInfo {
    /// `hash_type`: `SHA1`.
    pub hash_type: String,
    /// `hash_value`: the hex SHA-1 of the bill (documented as of the uncompressed bill).
    pub hash_value: String,
    /// `download_url`: where the file is, valid for a short while.
    pub download_url: String,
    /// Whether the bill was asked for gzipped.
    #[serde(skip)]
    gzip: bool,
}

impl std::fmt::Debug for BillInfo {
    /// Shows `download_url` without its query: the token downloads the bill.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let url = self.download_url.split('?').next().unwrap_or_default();
        f.debug_struct("BillInfo")
            .field("hash_type", &self.hash_type)
            .field("hash_value", &self.hash_value)
            .field("download_url", &format_args!("{url}?…"))
            .field("gzip", &self.gzip)
            .finish()
    }
}

impl Bills<'_> {
    /// Asks for a day's trade bill: `GET /v3/bill/tradebill`.
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// let info = pay.bills().trade(&wechat_runtime::pay::bills::TradeBillQuery::new("2019-06-11").gzip()).await?;
    /// # Ok(()) }
    /// ```
    pub async fn trade(&self, query: &TradeBillQuery) -> Result<BillInfo> {
        check_date(&query.bill_date)?;
        let mut info: BillInfo = self
            .pay
            .request(Method::GET, "/v3/bill/tradebill")
            .query(query)
            .send_json()
            .await?;
        info.gzip = query.tar_type.is_some();
        Ok(info)
    }

    /// Asks for a day's fund-flow bill: `GET /v3/bill/fundflowbill`.
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// let info = pay.bills().fund_flow(&wechat_runtime::pay::bills::FundFlowBillQuery::new("2019-06-11")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn fund_flow(&self, query: &FundFlowBillQuery) -> Result<BillInfo> {
        check_date(&query.bill_date)?;
        let mut info: BillInfo = self
            .pay
            .request(Method::GET, "/v3/bill/fundflowbill")
            .query(query)
            .send_json()
            .await?;
        info.gzip = query.tar_type.is_some();
        Ok(info)
    }

    /// Downloads a bill: `GET` of the path and query of its `download_url`, signed and sent to
    /// this client's base URL. WeChat Pay does not sign the file; it is checked by its digest
    /// instead, which came in the signed answer of [`trade`](Bills::trade) or
    /// [`fund_flow`](Bills::fund_flow).
    ///
    /// Which bytes are hashed: WeChat Pay documents `hash_value` as the SHA-1 of the original
    /// bill, uncompressed ("gzip需要解压缩"), and that is what is checked first. A gzipped file
    /// (asked with `gzip()`, or starting with gzip's magic bytes) is gunzipped for that; its
    /// bill is also accepted when `hash_value` is the SHA-1 of the gzip file as served (as
    /// some merchants report WeChat Pay sending; either proves the file is the announced one).
    /// Hex digits are compared without regard to case. A mismatch is an [`Error::Decode`]
    /// naming both digests, and nothing of the file is handed over. Answers the bill,
    /// uncompressed.
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient, info: wechat_runtime::pay::bills::BillInfo) -> Result<(), wechat_runtime::Error> {
    /// let csv = pay.bills().download(&info).await?;
    /// # Ok(()) }
    /// ```
    pub async fn download(&self, info: &BillInfo) -> Result<Bytes> {
        if !info.hash_type.eq_ignore_ascii_case("SHA1") {
            return Err(Error::invalid_input(format!(
                "the bill's hash_type is `{}`; only SHA1 can be checked",
                info.hash_type
            )));
        }
        let url = Url::parse(&info.download_url).map_err(|e| {
            Error::invalid_input(format!("the bill's download_url is not a URL: {e}"))
        })?;
        let query: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        let answer = self
            .pay
            .request(Method::GET, url.path())
            .query(&query)
            .unsigned_answer()
            .send()
            .await?;
        check_bill(answer.body().clone(), info.gzip, &info.hash_value)
    }
}

/// The largest bill gunzipped: the digest is checked only once the whole bill is out, so a
/// file that inflates without end must stop somewhere.
const MAX_GUNZIPPED_BILL: u64 = 1 << 30;

/// Gunzips `served` when it is gzipped, and checks the digest against `hash_value`: the
/// bill's (as documented), or, for a gzipped file, the file's own.
fn check_bill(served: Bytes, gzip: bool, hash_value: &str) -> Result<Bytes> {
    let expected = hash_value.trim();
    if !(gzip || served.starts_with(&[0x1f, 0x8b])) {
        let digest = hex(&Sha1::digest(&served));
        return if digest.eq_ignore_ascii_case(expected) {
            Ok(served)
        } else {
            Err(mismatch(&digest, expected))
        };
    }
    let mut bill = Vec::with_capacity(served.len().saturating_mul(4));
    // Read one byte past the limit, to tell a bill of exactly the limit from a larger one.
    flate2::read::MultiGzDecoder::new(&served[..])
        .take(MAX_GUNZIPPED_BILL + 1)
        .read_to_end(&mut bill)
        .map_err(|e| Error::Decode {
            path: DOWNLOAD_PATH.to_owned(),
            detail: format!("the bill is not valid gzip: {e}"),
        })?;
    if bill.len() as u64 > MAX_GUNZIPPED_BILL {
        return Err(Error::ResponseTooLarge {
            path: DOWNLOAD_PATH.to_owned(),
            limit: MAX_GUNZIPPED_BILL,
        });
    }
    let digest = hex(&Sha1::digest(&bill));
    if digest.eq_ignore_ascii_case(expected)
        || hex(&Sha1::digest(&served)).eq_ignore_ascii_case(expected)
    {
        Ok(Bytes::from(bill))
    } else {
        Err(mismatch(&digest, expected))
    }
}

fn mismatch(digest: &str, expected: &str) -> Error {
    Error::Decode {
        path: DOWNLOAD_PATH.to_owned(),
        detail: format!(
            "the bill's SHA-1 is {digest}, not the hash_value {expected} WeChat Pay announced: \
             the file is incomplete or altered"
        ),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Rejects a `bill_date` that is not `yyyy-MM-dd`.
fn check_date(date: &str) -> Result<()> {
    let b = date.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !ok {
        return Err(Error::invalid_input(format!(
            "bill_date is `{date}`; WeChat Pay takes yyyy-MM-dd, such as 2019-06-11"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The FIPS 180 vectors: SHA-1 of "" and of "abc".
    #[test]
    fn digests_are_hex_sha1() {
        assert_eq!(
            hex(&Sha1::digest(b"")),
            "da39a3ee5e6b4b0d3255bfef95601890afd80709"
        );
        assert_eq!(
            hex(&Sha1::digest(b"abc")),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        let bill = check_bill(
            Bytes::from_static(b"abc"),
            false,
            "A9993E364706816ABA3E25717850C26C9CD0D89D",
        )
        .unwrap();
        assert_eq!(&bill[..], b"abc");
        let err = check_bill(
            Bytes::from_static(b"abd"),
            false,
            "a9993e364706816aba3e25717850c26c9cd0d89d",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("not the hash_value"), "{err}");
    }

    /// A gzipped bill, and the SHA-1 of the bill itself, computed with (gzip 1.12):
    ///
    /// ```text
    /// printf '交易时间,公众账号ID\n`2019-06-11 10:00:00,`wx0\n' | gzip -n -9 | od -An -tx1
    /// printf '交易时间,公众账号ID\n`2019-06-11 10:00:00,`wx0\n' | sha1sum
    ///   fdc981353708704b686f25fde82b3bb25e852835
    /// printf '交易时间,公众账号ID\n`2019-06-11 10:00:00,`wx0\n' | gzip -n -9 | sha1sum
    ///   0e1bc66c695ba783cd1bbc63d549a6c6ae85d785 (the gzip file's own, accepted too)
    /// ```
    #[test]
    fn gzipped_bills_are_gunzipped_then_checked() {
        const GZ: [u8; 74] = [
            0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x7b, 0xb2, 0x6b, 0xc9,
            0xb3, 0x19, 0x93, 0x9f, 0x4d, 0xdf, 0xf6, 0x72, 0xfa, 0x16, 0x9d, 0xa7, 0xad, 0x6b,
            0x9e, 0xec, 0x99, 0xfe, 0x62, 0xcb, 0xb2, 0xa7, 0xfd, 0xdb, 0x3d, 0x5d, 0xb8, 0x12,
            0x8c, 0x0c, 0x0c, 0x2d, 0x75, 0x0d, 0xcc, 0x74, 0x0d, 0x0d, 0x15, 0x0c, 0x0d, 0xac,
            0x0c, 0x40, 0x48, 0x27, 0xa1, 0xbc, 0xc2, 0x80, 0x0b, 0x00, 0xc4, 0x8a, 0x8a, 0x5d,
            0x36, 0x00, 0x00, 0x00,
        ];
        let plain = "交易时间,公众账号ID\n`2019-06-11 10:00:00,`wx0\n";
        for asked in [true, false] {
            let bill = check_bill(
                Bytes::from_static(&GZ),
                asked,
                "FDC981353708704B686F25FDE82B3BB25E852835",
            )
            .unwrap();
            assert_eq!(&bill[..], plain.as_bytes());
        }
        // The digest of the gzip file as served is accepted too.
        let bill = check_bill(
            Bytes::from_static(&GZ),
            true,
            "0e1bc66c695ba783cd1bbc63d549a6c6ae85d785",
        )
        .unwrap();
        assert_eq!(&bill[..], plain.as_bytes());
        // Any other digest is refused, naming the bill's.
        let err = check_bill(
            Bytes::from_static(&GZ),
            true,
            "0e1bc66c695ba783cd1bbc63d549a6c6ae85d786",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("fdc981353708704b686f25fde82b3bb25e852835"),
            "{err}"
        );
        // Asked gzipped, served something else: a clear error.
        let err = check_bill(Bytes::from_static(b"plain"), true, "00")
            .unwrap_err()
            .to_string();
        assert!(err.contains("not valid gzip"), "{err}");
    }

    #[test]
    fn dates_are_checked() {
        assert!(check_date("2019-06-11").is_ok());
        assert!(check_date("2019-6-11").is_err());
        assert!(check_date("20190611").is_err());
        assert!(check_date("2019/06/11").is_err());
    }
}
