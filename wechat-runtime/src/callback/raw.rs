//! The flat shape every callback is read into first, then typed by `MsgType`, `Event` or
//! `InfoType`. Fields a callback does not carry stay at their default.

use serde::Deserialize;

use super::payload::{
    ArticleUrl, CopyrightCheckItem, ScanCodeInfo, SubscribeMsgChange, SubscribeMsgPopup,
    SubscribeMsgSent,
};

/// The callback being typed: the XML parsed (for a JSON callback, the XML it was rewritten
/// into) and the text as it came, kept by the `Unknown` kinds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Source<'a> {
    pub xml: &'a str,
    pub original: &'a str,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Raw {
    // ----- header -----
    #[serde(rename = "ToUserName")]
    pub to_user_name: Option<String>,
    #[serde(rename = "FromUserName")]
    pub from_user_name: Option<String>,
    #[serde(rename = "CreateTime")]
    pub create_time: Option<u64>,
    #[serde(rename = "MsgType")]
    pub msg_type: Option<String>,
    #[serde(rename = "Event")]
    pub event: Option<String>,
    #[serde(rename = "MsgId")]
    pub msg_id: Option<u64>,
    /// Job-finish events spell it `MsgID`.
    #[serde(rename = "MsgID")]
    pub msg_id_upper: Option<u64>,
    #[serde(rename = "MsgDataId")]
    pub msg_data_id: Option<String>,
    #[serde(rename = "Idx")]
    pub idx: Option<u32>,

    // ----- messages -----
    #[serde(rename = "Content")]
    pub content: String,
    #[serde(rename = "PicUrl")]
    pub pic_url: String,
    #[serde(rename = "MediaId")]
    pub media_id: String,
    #[serde(rename = "Format")]
    pub format: String,
    #[serde(rename = "Recognition")]
    pub recognition: Option<String>,
    #[serde(rename = "MediaId16K")]
    pub media_id_16k: Option<String>,
    #[serde(rename = "ThumbMediaId")]
    pub thumb_media_id: String,
    #[serde(rename = "Location_X")]
    pub location_x: Option<f64>,
    #[serde(rename = "Location_Y")]
    pub location_y: Option<f64>,
    #[serde(rename = "Scale")]
    pub scale: Option<f64>,
    #[serde(rename = "Label")]
    pub label: String,
    #[serde(rename = "Title")]
    pub title: String,
    #[serde(rename = "Description")]
    pub description: String,
    #[serde(rename = "Url")]
    pub url: String,

    // ----- events -----
    #[serde(rename = "EventKey")]
    pub event_key: Option<String>,
    #[serde(rename = "Ticket")]
    pub ticket: Option<String>,
    #[serde(rename = "Latitude")]
    pub latitude: Option<f64>,
    #[serde(rename = "Longitude")]
    pub longitude: Option<f64>,
    #[serde(rename = "Precision")]
    pub precision: Option<f64>,
    #[serde(rename = "MenuId", alias = "MenuID")]
    pub menu_id: Option<String>,
    #[serde(rename = "ScanCodeInfo")]
    pub scan_code_info: Option<ScanCodeInfo>,
    #[serde(rename = "SendPicsInfo")]
    pub send_pics_info: Option<RawSendPicsInfo>,
    #[serde(rename = "SendLocationInfo")]
    pub send_location_info: Option<RawSendLocationInfo>,
    #[serde(rename = "Status")]
    pub status: String,
    #[serde(rename = "TotalCount")]
    pub total_count: Option<u64>,
    #[serde(rename = "FilterCount")]
    pub filter_count: Option<u64>,
    #[serde(rename = "SentCount")]
    pub sent_count: Option<u64>,
    #[serde(rename = "ErrorCount")]
    pub error_count: Option<u64>,
    #[serde(rename = "CopyrightCheckResult")]
    pub copyright_check_result: Option<RawCopyrightCheckResult>,
    #[serde(rename = "ArticleUrlResult")]
    pub article_url_result: Option<RawArticleUrlResult>,
    #[serde(rename = "SubscribeMsgPopupEvent")]
    pub subscribe_msg_popup: Option<SubscribeMsgPopup>,
    #[serde(rename = "SubscribeMsgChangeEvent")]
    pub subscribe_msg_change: Option<SubscribeMsgChange>,
    #[serde(rename = "SubscribeMsgSentEvent")]
    pub subscribe_msg_sent: Option<SubscribeMsgSent>,
    #[serde(rename = "KfAccount")]
    pub kf_account: String,
    #[serde(rename = "FromKfAccount")]
    pub from_kf_account: String,
    #[serde(rename = "ToKfAccount")]
    pub to_kf_account: String,

    // ----- component notifications -----
    #[serde(rename = "AppId")]
    pub app_id: Option<String>,
    #[serde(rename = "InfoType")]
    pub info_type: Option<String>,
    #[serde(rename = "ComponentVerifyTicket")]
    pub component_verify_ticket: String,
    #[serde(rename = "AuthorizerAppid")]
    pub authorizer_appid: String,
    #[serde(rename = "AuthorizationCode")]
    pub authorization_code: String,
    #[serde(rename = "AuthorizationCodeExpiredTime")]
    pub authorization_code_expired_time: Option<u64>,
    #[serde(rename = "PreAuthCode")]
    pub pre_auth_code: String,
}

/// Only what tells the kind of a callback: read when the full shape does not fit, to tell an
/// unknown kind (kept raw) from a malformed known one.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RawKind {
    #[serde(rename = "ToUserName")]
    pub to_user_name: Option<String>,
    #[serde(rename = "FromUserName")]
    pub from_user_name: Option<String>,
    /// Text: it may be what did not fit.
    #[serde(rename = "CreateTime")]
    pub create_time: Option<String>,
    #[serde(rename = "MsgType")]
    pub msg_type: Option<String>,
    #[serde(rename = "Event")]
    pub event: Option<String>,
    #[serde(rename = "AppId")]
    pub app_id: Option<String>,
    #[serde(rename = "InfoType")]
    pub info_type: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RawSendPicsInfo {
    #[serde(rename = "Count")]
    pub count: Option<u32>,
    #[serde(rename = "PicList")]
    pub pic_list: RawPicList,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RawPicList {
    #[serde(rename = "item")]
    pub items: Vec<RawPic>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RawPic {
    #[serde(rename = "PicMd5Sum")]
    pub pic_md5_sum: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RawSendLocationInfo {
    #[serde(rename = "Location_X")]
    pub location_x: Option<f64>,
    #[serde(rename = "Location_Y")]
    pub location_y: Option<f64>,
    #[serde(rename = "Scale")]
    pub scale: Option<f64>,
    #[serde(rename = "Label")]
    pub label: String,
    #[serde(rename = "Poiname")]
    pub poiname: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RawCopyrightCheckResult {
    #[serde(rename = "Count")]
    pub count: Option<u32>,
    #[serde(rename = "CheckState")]
    pub check_state: Option<u32>,
    #[serde(rename = "ResultList")]
    pub result_list: RawCopyrightList,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RawCopyrightList {
    #[serde(rename = "item")]
    pub items: Vec<CopyrightCheckItem>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RawArticleUrlResult {
    #[serde(rename = "Count")]
    pub count: Option<u32>,
    #[serde(rename = "ResultList")]
    pub result_list: RawArticleUrlList,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RawArticleUrlList {
    #[serde(rename = "item")]
    pub items: Vec<ArticleUrl>,
}
