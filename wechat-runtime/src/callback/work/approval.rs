//! `sys_approval_change`: an application of WeCom's Approval app changed state.

use serde::Deserialize;

use super::super::xml;
use crate::error::Result;

/// The summary of an approval application that changed (`ApprovalInfo` of
/// `sys_approval_change`). The approval records, notified members and comments are not
/// typed: read the application with the approval detail API and [`sp_no`](Self::sp_no).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApprovalChange {
    /// `SpNoStr`, else `SpNo`: the application's number.
    pub sp_no: String,
    /// `SpName`: the template's name.
    pub sp_name: String,
    /// `SpStatus`: 1 in approval, 2 approved, 3 rejected, 4 withdrawn, 6 withdrawn after
    /// approval, 7 deleted, 10 paid.
    pub sp_status: u32,
    /// `TemplateId`: the template.
    pub template_id: String,
    /// `ApplyTime`: when it was filed, unix seconds.
    pub apply_time: u64,
    /// `Applyer` / `UserId`: who filed it.
    pub applyer_user_id: String,
    /// `Applyer` / `Party`: the applicant's department.
    pub applyer_party: String,
    /// `StatuChangeEvent` (sic): what made it change (filed, approved, rejected, forwarded,
    /// urged, withdrawn, a remark added…), as WeCom numbers it.
    pub status_change_event: u32,
}

impl ApprovalChange {
    /// Reads the `ApprovalInfo` element of the callback.
    pub(super) fn parse(xml: &str) -> Result<Self> {
        let doc: RawDoc = xml::from_str(xml)?;
        let info = doc.approval_info;
        let sp_no = Some(info.sp_no_str)
            .filter(|no| !no.trim().is_empty())
            .unwrap_or(info.sp_no);
        Ok(ApprovalChange {
            sp_no: sp_no.trim().to_owned(),
            sp_name: info.sp_name,
            sp_status: number(&info.sp_status),
            template_id: info.template_id,
            apply_time: number(&info.apply_time),
            applyer_user_id: info.applyer.user_id,
            applyer_party: info.applyer.party,
            status_change_event: number(&info.statu_change_event),
        })
    }
}

fn number<T: std::str::FromStr + Default>(text: &str) -> T {
    text.trim().parse().unwrap_or_default()
}

// Numbers are read as text, so that an empty or odd one reads as 0 rather than failing the
// whole callback.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawDoc {
    #[serde(rename = "ApprovalInfo")]
    approval_info: RawApprovalInfo,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawApprovalInfo {
    #[serde(rename = "SpNoStr")]
    sp_no_str: String,
    #[serde(rename = "SpNo")]
    sp_no: String,
    #[serde(rename = "SpName")]
    sp_name: String,
    #[serde(rename = "SpStatus")]
    sp_status: String,
    #[serde(rename = "TemplateId")]
    template_id: String,
    #[serde(rename = "ApplyTime")]
    apply_time: String,
    #[serde(rename = "Applyer")]
    applyer: RawApplyer,
    #[serde(rename = "StatuChangeEvent")]
    statu_change_event: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawApplyer {
    #[serde(rename = "UserId")]
    user_id: String,
    #[serde(rename = "Party")]
    party: String,
}
