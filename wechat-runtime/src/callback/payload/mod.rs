//! The parts of events too big or too nested to sit in the kind itself (scanned codes,
//! pictures, locations, job reports, subscription-message lists here; cards and invoices,
//! Mini Program events, publishing in the submodules): plain data, carried by the event
//! kinds of `event/`.

use serde::Deserialize;

mod card;
mod publish;
mod wxa;

pub use self::card::{
    CardCode, CardPayOrder, InvoiceAuthorization, InvoiceTitle, UserConsumeCard, UserGetCard,
    UserGiftingCard, UserPayFromPayCell,
};
pub(crate) use self::publish::RawPublishDoc;
pub use self::publish::{PublishJobFinish, PublishedArticle};
pub use self::wxa::{
    MediaCheckDetail, MediaCheckResult, TradeManageSettlement, TradeManageShipping, WxaMediaCheck,
    XpayCoinInfo, XpayCoinPay, XpayGoodsDeliver, XpayGoodsInfo, XpayRefund, XpayWeChatPayInfo,
};

/// `ScanCodeInfo` of the scancode events.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct ScanCodeInfo {
    /// `ScanType`: usually `qrcode` or `barcode`.
    #[serde(rename = "ScanType")]
    pub scan_type: String,
    /// `ScanResult`: what the code says.
    #[serde(rename = "ScanResult")]
    pub scan_result: String,
}

/// `SendPicsInfo` of the picture events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SendPicsInfo {
    /// `Count`: how many pictures were sent.
    pub count: u32,
    /// The `PicMd5Sum` of each picture in `PicList`.
    pub pic_md5_sums: Vec<String>,
}

/// `SendLocationInfo` of `location_select`.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct SendLocationInfo {
    /// `Location_X`: the latitude.
    pub latitude: f64,
    /// `Location_Y`: the longitude.
    pub longitude: f64,
    /// `Scale`: the zoom of the map.
    pub scale: u32,
    /// `Label`: the address.
    pub label: String,
    /// `Poiname`: the name of the place, if any.
    pub poiname: String,
}

/// The report of `MASSSENDJOBFINISH`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct MassSendJobFinish {
    /// `MsgID`: the id the mass send call returned.
    pub msg_id: u64,
    /// `Status`: `send success`, `send fail`, or `err(…)`.
    pub status: String,
    /// `TotalCount`: the followers targeted.
    pub total_count: u64,
    /// `FilterCount`: those left after filtering, who should receive it.
    pub filter_count: u64,
    /// `SentCount`: those it was sent to.
    pub sent_count: u64,
    /// `ErrorCount`: those it failed for.
    pub error_count: u64,
    /// `CopyrightCheckResult/CheckState`: 1 not reprinted, 2 reprinted and may be sent, 3
    /// reprinted and may not be sent.
    pub copyright_check_state: Option<u32>,
    /// The items of `CopyrightCheckResult/ResultList`.
    pub copyright_check_results: Vec<CopyrightCheckItem>,
    /// The items of `ArticleUrlResult/ResultList`.
    pub article_urls: Vec<ArticleUrl>,
}

/// One article of a mass send's copyright check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct CopyrightCheckItem {
    /// `ArticleIdx`: the article's position, from 1.
    #[serde(rename = "ArticleIdx")]
    pub article_idx: u32,
    /// `UserDeclareState`: whether the author declared it original.
    #[serde(rename = "UserDeclareState")]
    pub user_declare_state: u32,
    /// `AuditState`: the outcome of the check.
    #[serde(rename = "AuditState")]
    pub audit_state: u32,
    /// `OriginalArticleUrl`: the original, when the article is a reprint.
    #[serde(rename = "OriginalArticleUrl")]
    pub original_article_url: String,
    /// `OriginalArticleType`: the original's type.
    #[serde(rename = "OriginalArticleType")]
    pub original_article_type: u32,
    /// `CanReprint`: whether reprinting is allowed.
    #[serde(rename = "CanReprint")]
    pub can_reprint: u32,
    /// `NeedReplaceContent`: whether the content must be replaced by the original.
    #[serde(rename = "NeedReplaceContent")]
    pub need_replace_content: u32,
    /// `NeedShowReprintSource`: whether the source must be shown.
    #[serde(rename = "NeedShowReprintSource")]
    pub need_show_reprint_source: u32,
}

/// One article's published URL in a mass send's report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct ArticleUrl {
    /// `ArticleIdx`: the article's position, from 1.
    #[serde(rename = "ArticleIdx")]
    pub article_idx: u32,
    /// `ArticleUrl`: where it was published.
    #[serde(rename = "ArticleUrl")]
    pub article_url: String,
}

/// `SubscribeMsgPopupEvent`: the templates the user accepted or rejected in a popup.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct SubscribeMsgPopup {
    /// Each `List`: one template.
    #[serde(rename = "List")]
    pub list: Vec<SubscribeMsgPopupItem>,
}

/// One template of a `subscribe_msg_popup_event`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct SubscribeMsgPopupItem {
    /// `TemplateId`.
    #[serde(rename = "TemplateId")]
    pub template_id: String,
    /// `SubscribeStatusString`: `accept` or `reject`.
    #[serde(rename = "SubscribeStatusString")]
    pub subscribe_status: String,
    /// `PopupScene`: 1 a web page, 2 an article.
    #[serde(rename = "PopupScene")]
    pub popup_scene: Option<u32>,
}

/// `SubscribeMsgChangeEvent`: the templates the user changed in the notification settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct SubscribeMsgChange {
    /// Each `List`: one template.
    #[serde(rename = "List")]
    pub list: Vec<SubscribeMsgChangeItem>,
}

/// One template of a `subscribe_msg_change_event`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct SubscribeMsgChangeItem {
    /// `TemplateId`.
    #[serde(rename = "TemplateId")]
    pub template_id: String,
    /// `SubscribeStatusString`: `reject`.
    #[serde(rename = "SubscribeStatusString")]
    pub subscribe_status: String,
}

/// `SubscribeMsgSentEvent`: the outcome of subscription messages sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct SubscribeMsgSent {
    /// Each `List`: one message.
    #[serde(rename = "List")]
    pub list: Vec<SubscribeMsgSentItem>,
}

/// One message of a `subscribe_msg_sent_event`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct SubscribeMsgSentItem {
    /// `TemplateId`.
    #[serde(rename = "TemplateId")]
    pub template_id: String,
    /// `MsgID`: the id the send call returned.
    #[serde(rename = "MsgID")]
    pub msg_id: u64,
    /// `ErrorCode`: 0 when it was delivered.
    #[serde(rename = "ErrorCode")]
    pub error_code: i64,
    /// `ErrorStatus`: `success`, or why it failed.
    #[serde(rename = "ErrorStatus")]
    pub error_status: String,
}
