//! Applications submitted for members: [`ApprovalApplication`].

use serde::{Deserialize, Serialize};

use super::{ApprovalApi, ApprovalText, MAX_SUMMARY_LINES};
use crate::api::{
    check_all_present, check_between, check_present, string_or_number, ApiCall, Retry,
};
use crate::error::{Error, Result};
use crate::Work;

/// The value of one control of an application, for [`ApprovalApplication::content`].
///
/// ```
/// use wechat_runtime::work::approval::ApprovalContent;
///
/// let reason = ApprovalContent::text("Text-1569573760849", "Team offsite");
/// let amount = ApprovalContent::money("Money-1569573760850", "1250.00");
/// let kind = ApprovalContent::new(
///     "Selector",
///     "Selector-1569573760851",
///     serde_json::json!({"selector": {"type": "single", "options": [{"key": "option-1"}]}}),
/// );
/// # let _ = (reason, amount, kind);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApprovalContent {
    /// The control's type.
    pub control: String,
    /// The control's id.
    pub id: String,
    /// The control's title (in answers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub title: Vec<ApprovalText>,
    /// The value, as the control's type writes it (`{"text": ..}`, `{"new_money": ..}`, …).
    #[serde(default)]
    pub value: serde_json::Value,
}

impl ApprovalContent {
    /// The value `value` of the control `id` of type `control`.
    pub fn new(
        control: impl Into<String>,
        id: impl Into<String>,
        value: serde_json::Value,
    ) -> Self {
        ApprovalContent {
            control: control.into(),
            id: id.into(),
            title: Vec::new(),
            value,
        }
    }

    /// A `Text` control's text.
    pub fn text(id: impl Into<String>, text: impl Into<String>) -> Self {
        Self::new("Text", id, serde_json::json!({ "text": text.into() }))
    }

    /// A `Textarea` control's text.
    pub fn textarea(id: impl Into<String>, text: impl Into<String>) -> Self {
        Self::new("Textarea", id, serde_json::json!({ "text": text.into() }))
    }

    /// A `Number` control's number, as text.
    pub fn number(id: impl Into<String>, number: impl Into<String>) -> Self {
        Self::new(
            "Number",
            id,
            serde_json::json!({ "new_number": number.into() }),
        )
    }

    /// A `Money` control's amount, as text.
    pub fn money(id: impl Into<String>, amount: impl Into<String>) -> Self {
        Self::new(
            "Money",
            id,
            serde_json::json!({ "new_money": amount.into() }),
        )
    }
}

/// One approval step of an [`ApprovalApplication`]: its approvers, and whether any one of
/// them (`1`, 或签) or all of them (`2`, 会签) must approve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApprovalStep {
    attr: u32,
    userid: Vec<String>,
}

impl ApprovalStep {
    /// A step any one of `userids` approves (或签).
    pub fn any_of<U: Into<String>>(userids: impl IntoIterator<Item = U>) -> Self {
        ApprovalStep {
            attr: 1,
            userid: userids.into_iter().map(Into::into).collect(),
        }
    }

    /// A step all of `userids` approve (会签).
    pub fn all_of<U: Into<String>>(userids: impl IntoIterator<Item = U>) -> Self {
        ApprovalStep {
            attr: 2,
            userid: userids.into_iter().map(Into::into).collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct ApplyData {
    contents: Vec<ApprovalContent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct SummaryLine {
    summary_info: Vec<ApprovalText>,
}

/// An application to submit for a member, for [`ApprovalApi::apply`].
///
/// ```
/// use wechat_runtime::work::approval::{ApprovalApplication, ApprovalContent, ApprovalStep};
///
/// let application = ApprovalApplication::with_steps(
///     "WangXiaoMing",
///     "3Tka1eD6v6JfzhDMqPd3aMkFdxqtJMc2ZRioeFXk",
///     [ApprovalStep::any_of(["LiuXiaoGang"]), ApprovalStep::all_of(["ZhangSan", "LiSi"])],
/// )
/// .notify(["WangWu"], 1)
/// .content(ApprovalContent::text("Text-1569573760849", "Team offsite"))
/// .summary_line("Offsite, 3 days");
/// # let _ = application;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApprovalApplication {
    creator_userid: String,
    template_id: String,
    use_template_approver: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    choose_department: Option<u64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    approver: Vec<ApprovalStep>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notifyer: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notify_type: Option<u32>,
    apply_data: ApplyData,
    summary_list: Vec<SummaryLine>,
}

impl ApprovalApplication {
    fn base(creator_userid: String, template_id: String, use_template_approver: u8) -> Self {
        ApprovalApplication {
            creator_userid,
            template_id,
            use_template_approver,
            choose_department: None,
            approver: Vec::new(),
            notifyer: Vec::new(),
            notify_type: None,
            apply_data: ApplyData {
                contents: Vec::new(),
            },
            summary_list: Vec::new(),
        }
    }

    /// An application of `creator_userid` on `template_id`, approved along the flow set on the
    /// template in the admin console.
    pub fn with_template_flow(
        creator_userid: impl Into<String>,
        template_id: impl Into<String>,
    ) -> Self {
        Self::base(creator_userid.into(), template_id.into(), 1)
    }

    /// An application of `creator_userid` on `template_id`, approved along `steps`.
    pub fn with_steps(
        creator_userid: impl Into<String>,
        template_id: impl Into<String>,
        steps: impl IntoIterator<Item = ApprovalStep>,
    ) -> Self {
        let mut application = Self::base(creator_userid.into(), template_id.into(), 0);
        application.approver = steps.into_iter().collect();
        application
    }

    /// The department it is submitted in, for a member of several.
    pub fn choose_department(mut self, department: u64) -> Self {
        self.choose_department = Some(department);
        self
    }

    /// Who is copied, and when: `1` on submission, `2` once approved, `3` both (with steps
    /// only).
    pub fn notify<U: Into<String>>(
        mut self,
        userids: impl IntoIterator<Item = U>,
        notify_type: u32,
    ) -> Self {
        self.notifyer = userids.into_iter().map(Into::into).collect();
        self.notify_type = Some(notify_type);
        self
    }

    /// One more control's value.
    pub fn content(mut self, content: ApprovalContent) -> Self {
        self.apply_data.contents.push(content);
        self
    }

    /// One more summary line (up to 3), shown on the approval card and list, in `zh_CN`.
    pub fn summary_line(self, text: impl Into<String>) -> Self {
        self.summary_texts([ApprovalText::zh_cn(text)])
    }

    /// One more summary line (up to 3), in each language given.
    pub fn summary_texts(mut self, texts: impl IntoIterator<Item = ApprovalText>) -> Self {
        self.summary_list.push(SummaryLine {
            summary_info: texts.into_iter().collect(),
        });
        self
    }

    fn check(&self) -> Result<()> {
        check_all_present(&[
            ("creator_userid", &self.creator_userid),
            ("template_id", &self.template_id),
        ])?;
        if self.use_template_approver == 0 {
            if self.approver.is_empty() {
                return Err(Error::invalid_input(
                    "an application with steps has no step",
                ));
            }
            for step in &self.approver {
                if step.userid.is_empty() {
                    return Err(Error::invalid_input("an approval step has no approver"));
                }
                step.userid
                    .iter()
                    .try_for_each(|userid| check_present("an approver userid", userid))?;
            }
        }
        if let Some(notify_type) = self.notify_type {
            check_between("notify_type", notify_type, 1, 3)?;
        }
        if self.apply_data.contents.is_empty() {
            return Err(Error::invalid_input("an application fills in no control"));
        }
        self.apply_data.contents.iter().try_for_each(|content| {
            check_all_present(&[
                ("a content's control", &content.control),
                ("a content's id", &content.id),
            ])
        })?;
        if self.summary_list.is_empty() || self.summary_list.len() > MAX_SUMMARY_LINES {
            return Err(Error::invalid_input(format!(
                "an application has {} summary lines; WeCom takes 1 to {MAX_SUMMARY_LINES}",
                self.summary_list.len()
            )));
        }
        Ok(())
    }
}

#[derive(Deserialize)]
struct SpNo {
    #[serde(deserialize_with = "string_or_number")]
    sp_no: String,
}

impl ApprovalApi<'_> {
    /// Submits an application for a member: `POST /cgi-bin/oa/applyevent`. Answers its number
    /// (`sp_no`).
    pub fn apply(&self, application: &ApprovalApplication) -> ApiCall<'static, String, Work> {
        self.0.checked(application.check(), |()| {
            self.0.post_with(
                "/cgi-bin/oa/applyevent",
                application,
                Retry::Unsafe,
                |response| Ok(response.json::<SpNo>()?.sp_no),
            )
        })
    }
}
