//! The applications of a period, and one application's detail: [`ApprovalQuery`],
//! [`ApprovalDetail`].

use serde::{Deserialize, Serialize};

use super::{ApprovalApi, ApprovalContent, MAX_APPROVAL_PAGE, MAX_APPROVAL_PERIOD};
use crate::api::{check_between, check_present, string_or_number, ApiCall, Retry};
use crate::error::{Error, Result};
use crate::Work;

/// Which applications to list, for [`ApprovalApi::approval_numbers`]: those submitted in a
/// period of up to 31 days, filtered.
///
/// ```
/// use wechat_runtime::work::approval::ApprovalQuery;
///
/// let approved = ApprovalQuery::new(1_569_546_000, 1_569_718_800)
///     .template_id("ZLqk8pcsAoaXZ1eY56vpAgfX28MPdYU3ayMaSPHaaa")
///     .sp_status(2)
///     .size(50);
/// # let _ = approved;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApprovalQuery {
    #[serde(serialize_with = "as_text")]
    starttime: u64,
    #[serde(serialize_with = "as_text")]
    endtime: u64,
    new_cursor: String,
    size: u32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    filters: Vec<ApprovalFilter>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct ApprovalFilter {
    key: &'static str,
    value: String,
}

fn as_text<S: serde::Serializer>(
    value: &u64,
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

impl ApprovalQuery {
    /// The first page (of 100) of the applications submitted from `starttime` to `endtime`
    /// (unix seconds, at most 31 days apart).
    pub fn new(starttime: u64, endtime: u64) -> Self {
        ApprovalQuery {
            starttime,
            endtime,
            new_cursor: String::new(),
            size: MAX_APPROVAL_PAGE,
            filters: Vec::new(),
        }
    }

    /// The page at `cursor`, a [`ApprovalNumbers::new_next_cursor`].
    pub fn cursor(mut self, cursor: impl Into<String>) -> Self {
        self.new_cursor = cursor.into();
        self
    }

    /// At most `size` (1 to 100) applications.
    pub fn size(mut self, size: u32) -> Self {
        self.size = size;
        self
    }

    fn filter(mut self, key: &'static str, value: String) -> Self {
        self.filters.push(ApprovalFilter { key, value });
        self
    }

    /// Only the applications on the template `template_id`.
    pub fn template_id(self, template_id: impl Into<String>) -> Self {
        self.filter("template_id", template_id.into())
    }

    /// Only the applications of the member `userid`.
    pub fn creator(self, userid: impl Into<String>) -> Self {
        self.filter("creator", userid.into())
    }

    /// Only the applications submitted in the department `department` (may repeat).
    pub fn department(self, department: u64) -> Self {
        self.filter("department", department.to_string())
    }

    /// Only the applications in the state `status`: `1` pending, `2` approved, `3` rejected,
    /// `4` withdrawn, `6` withdrawn after approval, `7` deleted, `10` paid.
    pub fn sp_status(self, status: u32) -> Self {
        self.filter("sp_status", status.to_string())
    }

    /// Only the applications of the kind `record_type`: `1` leave, `2` punch correction, `3`
    /// business trip, `4` outing, `5` overtime, …
    pub fn record_type(self, record_type: u32) -> Self {
        self.filter("record_type", record_type.to_string())
    }

    fn check(&self) -> Result<()> {
        if self.endtime < self.starttime || self.endtime - self.starttime > MAX_APPROVAL_PERIOD {
            return Err(Error::invalid_input(
                "endtime is before starttime, or more than 31 days after it",
            ));
        }
        check_between("size", self.size, 1, MAX_APPROVAL_PAGE)
    }
}

/// A page of application numbers, from [`ApprovalApi::approval_numbers`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ApprovalNumbers {
    /// The applications' numbers (`sp_no`).
    #[serde(default)]
    pub sp_no_list: Vec<String>,
    /// The cursor of the next page; empty or absent on the last page.
    #[serde(default)]
    pub new_next_cursor: Option<String>,
}

/// An application, from [`ApprovalApi::detail`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ApprovalDetail {
    /// Its number.
    #[serde(deserialize_with = "string_or_number")]
    pub sp_no: String,
    /// Its template's name.
    #[serde(default)]
    pub sp_name: String,
    /// Its state: `1` pending, `2` approved, `3` rejected, `4` withdrawn, `6` withdrawn after
    /// approval, `7` deleted, `10` paid.
    #[serde(default)]
    pub sp_status: u32,
    /// Its template.
    #[serde(default)]
    pub template_id: String,
    /// When it was submitted, in unix seconds.
    #[serde(default)]
    pub apply_time: i64,
    /// Who submitted it.
    pub applyer: ApprovalApplyer,
    /// Its approval steps and what each approver did.
    #[serde(default)]
    pub sp_record: Vec<ApprovalRecord>,
    /// Who is copied.
    #[serde(default)]
    pub notifyer: Vec<ApprovalUser>,
    /// What was filled in.
    #[serde(default)]
    pub apply_data: ApprovalAppliedData,
    /// Its comments.
    #[serde(default)]
    pub comments: Vec<ApprovalComment>,
}

/// Who submitted an [`ApprovalDetail`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ApprovalApplyer {
    /// The member's userid.
    pub userid: String,
    /// The department it was submitted in.
    #[serde(default, deserialize_with = "string_or_number")]
    pub partyid: String,
}

/// A member named by an [`ApprovalDetail`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ApprovalUser {
    /// The member's userid.
    pub userid: String,
}

/// One approval step of an [`ApprovalDetail`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ApprovalRecord {
    /// The step's state: `1` pending, `2` approved, `3` rejected, `4` forwarded, …
    #[serde(default)]
    pub sp_status: u32,
    /// `1` any one approves (或签), `2` all approve (会签).
    #[serde(default)]
    pub approverattr: u32,
    /// What each approver of the step did.
    #[serde(default)]
    pub details: Vec<ApprovalRecordDetail>,
}

/// What one approver did, in an [`ApprovalRecord`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ApprovalRecordDetail {
    /// The approver.
    pub approver: ApprovalUser,
    /// Their comment.
    #[serde(default)]
    pub speech: String,
    /// Their decision: `1` pending, `2` approved, `3` rejected, …
    #[serde(default)]
    pub sp_status: u32,
    /// When they decided, in unix seconds (0 while pending).
    #[serde(default)]
    pub sptime: i64,
    /// The media they attached.
    #[serde(default)]
    pub media_id: Vec<String>,
}

/// What an [`ApprovalDetail`] filled in.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ApprovalAppliedData {
    /// Each control's value.
    #[serde(default)]
    pub contents: Vec<ApprovalContent>,
}

/// A comment on an [`ApprovalDetail`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ApprovalComment {
    /// Who wrote it.
    #[serde(rename = "commentUserInfo")]
    pub comment_user_info: ApprovalUser,
    /// When, in unix seconds.
    #[serde(default)]
    pub commenttime: i64,
    /// What it says.
    #[serde(default)]
    pub commentcontent: String,
    /// Its id.
    #[serde(default)]
    pub commentid: String,
    /// The media attached.
    #[serde(default)]
    pub media_id: Vec<String>,
}

#[derive(Deserialize)]
struct DetailAnswer {
    info: ApprovalDetail,
}

impl ApprovalApi<'_> {
    /// A page of the numbers of the applications a query selects: `POST
    /// /cgi-bin/oa/getapprovalinfo`.
    pub fn approval_numbers(
        &self,
        query: &ApprovalQuery,
    ) -> ApiCall<'static, ApprovalNumbers, Work> {
        self.0.checked(query.check(), |()| {
            self.0
                .post("/cgi-bin/oa/getapprovalinfo", query, Retry::Safe)
        })
    }

    /// The application `sp_no`: `POST /cgi-bin/oa/getapprovaldetail`.
    pub fn detail(&self, sp_no: &str) -> ApiCall<'static, ApprovalDetail, Work> {
        self.0.checked(check_present("sp_no", sp_no), |()| {
            self.0.post_with(
                "/cgi-bin/oa/getapprovaldetail",
                &serde_json::json!({ "sp_no": sp_no }),
                Retry::Safe,
                |response| Ok(response.json::<DetailAnswer>()?.info),
            )
        })
    }
}
