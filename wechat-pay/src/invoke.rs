//! The invocation signatures a front end needs to open WeChat's cashier for a `prepay_id`.
//!
//! Layouts (WeChat Pay's "调起支付" pages), every line ending with `\n`, the last too:
//!
//! - JSAPI / Mini Program `paySign`: `appId\ntimeStamp\nnonceStr\nprepay_id=…\n`;
//! - App `sign`: `appid\ntimestamp\nnoncestr\nprepayid\n`.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::keys::unix_now;
use crate::sign::{lines, nonce, Signer};

impl Signer {
    /// The parameters of `WeixinJSBridge.invoke('getBrandWCPayRequest', …)` (JSAPI) and of
    /// `wx.requestPayment` (Mini Program) for a `prepay_id`, signed now with a fresh nonce.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/merchant_key.pem"));
    /// # let signer = wechat_pay::Signer::new("1900000109", "3A5F", wechat_pay::SigningKey::from_pem(pem)?);
    /// let params = signer.jsapi_params("wx8888888888888888", "wx201410272009395522657a690389285100")?;
    /// let json = serde_json::to_value(&params).unwrap();
    /// assert_eq!(json["package"], "prepay_id=wx201410272009395522657a690389285100");
    /// assert_eq!(json["signType"], "RSA");
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn jsapi_params(&self, app_id: &str, prepay_id: &str) -> Result<JsapiPayParams> {
        self.jsapi_params_at(app_id, prepay_id, unix_now(), &nonce())
    }

    /// [`jsapi_params`](Self::jsapi_params) with a given timestamp and nonce.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/merchant_key.pem"));
    /// # let signer = wechat_pay::Signer::new("1900000109", "3A5F", wechat_pay::SigningKey::from_pem(pem)?);
    /// let p = signer.jsapi_params_at("wx8888888888888888", "wx2014", 1414561699, "5K8264ILTKCH16CQ2502SI8ZNMTM67VS")?;
    /// assert_eq!(p.time_stamp, "1414561699");
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn jsapi_params_at(
        &self,
        app_id: &str,
        prepay_id: &str,
        timestamp: i64,
        nonce: &str,
    ) -> Result<JsapiPayParams> {
        let time_stamp = timestamp.to_string();
        let package = format!("prepay_id={prepay_id}");
        let pay_sign = self.signing_key().sign(&lines(&[
            app_id.as_bytes(),
            time_stamp.as_bytes(),
            nonce.as_bytes(),
            package.as_bytes(),
        ]))?;
        Ok(JsapiPayParams {
            app_id: app_id.to_owned(),
            time_stamp,
            nonce_str: nonce.to_owned(),
            package,
            sign_type: "RSA".to_owned(),
            pay_sign,
        })
    }

    /// The parameters of the App SDK's `PayReq` for a `prepay_id`, signed now with a fresh nonce.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/merchant_key.pem"));
    /// # let signer = wechat_pay::Signer::new("1900000109", "3A5F", wechat_pay::SigningKey::from_pem(pem)?);
    /// let params = signer.app_params("wx8888888888888888", "WX1217752501201407033233368018")?;
    /// assert_eq!(params.partnerid, "1900000109");
    /// assert_eq!(params.package, "Sign=WXPay");
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn app_params(&self, app_id: &str, prepay_id: &str) -> Result<AppPayParams> {
        self.app_params_at(app_id, prepay_id, unix_now(), &nonce())
    }

    /// [`app_params`](Self::app_params) with a given timestamp and nonce.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/merchant_key.pem"));
    /// # let signer = wechat_pay::Signer::new("1900000109", "3A5F", wechat_pay::SigningKey::from_pem(pem)?);
    /// let p = signer.app_params_at("wx8888888888888888", "WX1217", 1414561699, "5K8264ILTKCH16CQ2502SI8ZNMTM67VS")?;
    /// assert_eq!(p.timestamp, "1414561699");
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn app_params_at(
        &self,
        app_id: &str,
        prepay_id: &str,
        timestamp: i64,
        nonce: &str,
    ) -> Result<AppPayParams> {
        let timestamp = timestamp.to_string();
        let sign = self.signing_key().sign(&lines(&[
            app_id.as_bytes(),
            timestamp.as_bytes(),
            nonce.as_bytes(),
            prepay_id.as_bytes(),
        ]))?;
        Ok(AppPayParams {
            appid: app_id.to_owned(),
            partnerid: self.mchid().to_owned(),
            prepayid: prepay_id.to_owned(),
            package: "Sign=WXPay".to_owned(),
            noncestr: nonce.to_owned(),
            timestamp,
            sign,
        })
    }
}

/// JSAPI / Mini Program invocation parameters, serialized with the names the front end expects
/// (`appId`, `timeStamp`, `nonceStr`, `package`, `signType`, `paySign`). `Debug` hides `paySign`.
///
/// ```
/// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/merchant_key.pem"));
/// # let signer = wechat_pay::Signer::new("1900000109", "3A5F", wechat_pay::SigningKey::from_pem(pem)?);
/// let p = signer.jsapi_params("wx8888888888888888", "wx2014")?;
/// assert!(serde_json::to_string(&p).unwrap().contains("\"paySign\":"));
/// assert!(!format!("{p:?}").contains(&p.pay_sign));
/// # Ok::<(), wechat_pay::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct JsapiPayParams {
    /// `appId`: the Official Account or Mini Program appid the order was placed for.
    #[serde(rename = "appId")]
    pub app_id: String,
    /// `timeStamp`: unix seconds, as a string.
    #[serde(rename = "timeStamp")]
    pub time_stamp: String,
    /// `nonceStr`.
    #[serde(rename = "nonceStr")]
    pub nonce_str: String,
    /// `package`: `prepay_id=…`.
    pub package: String,
    /// `signType`: always `RSA`.
    #[serde(rename = "signType")]
    pub sign_type: String,
    /// `paySign`: base64 SHA256-RSA over `appId\ntimeStamp\nnonceStr\npackage\n`.
    #[serde(rename = "paySign")]
    pub pay_sign: String,
}

impl fmt::Debug for JsapiPayParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsapiPayParams")
            .field("app_id", &self.app_id)
            .field("time_stamp", &self.time_stamp)
            .field("nonce_str", &self.nonce_str)
            .field("package", &self.package)
            .field("sign_type", &self.sign_type)
            .finish_non_exhaustive()
    }
}

/// App invocation parameters, with WeChat Pay's field names (`appid`, `partnerid`, `prepayid`,
/// `package`, `noncestr`, `timestamp`, `sign`); the App SDK's `PayReq` calls them `appId`,
/// `partnerId`, `prepayId`, `packageValue`, `nonceStr`, `timeStamp`, `sign`. `Debug` hides `sign`.
///
/// ```
/// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/merchant_key.pem"));
/// # let signer = wechat_pay::Signer::new("1900000109", "3A5F", wechat_pay::SigningKey::from_pem(pem)?);
/// let p = signer.app_params("wx8888888888888888", "WX1217")?;
/// assert_eq!(serde_json::to_value(&p).unwrap()["prepayid"], "WX1217");
/// # Ok::<(), wechat_pay::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AppPayParams {
    /// The mobile application's appid.
    pub appid: String,
    /// The merchant number (`mchid`).
    pub partnerid: String,
    /// The `prepay_id` of the App prepay.
    pub prepayid: String,
    /// Always `Sign=WXPay`.
    pub package: String,
    /// The nonce.
    pub noncestr: String,
    /// Unix seconds, as a string.
    pub timestamp: String,
    /// Base64 SHA256-RSA over `appid\ntimestamp\nnoncestr\nprepayid\n`.
    pub sign: String,
}

impl fmt::Debug for AppPayParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppPayParams")
            .field("appid", &self.appid)
            .field("partnerid", &self.partnerid)
            .field("prepayid", &self.prepayid)
            .field("package", &self.package)
            .field("noncestr", &self.noncestr)
            .field("timestamp", &self.timestamp)
            .finish_non_exhaustive()
    }
}
