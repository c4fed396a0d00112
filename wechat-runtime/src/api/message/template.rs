//! Template messages and the account's templates and industries: [`TemplateApi`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{check_addressed, lenient_u64, DataValue, MiniProgramTarget};
use crate::api::{check_all_present, check_present, ApiCall, Area, Retry};

/// Template messages; from [`Client::template`](crate::Client::template).
pub struct TemplateApi<'c, K>(pub(crate) Area<'c, K>);

/// One industry class of a template industry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct IndustryClass {
    /// The main class (e.g. `IT科技`).
    #[serde(default)]
    pub first_class: String,
    /// The sub class (e.g. `互联网|电子商务`).
    #[serde(default)]
    pub second_class: String,
}

/// The account's template industries.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Industry {
    /// The primary industry.
    pub primary_industry: Option<IndustryClass>,
    /// The secondary industry.
    pub secondary_industry: Option<IndustryClass>,
}

/// A template of the account.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Template {
    /// The template id, used to send.
    pub template_id: String,
    /// The title.
    #[serde(default)]
    pub title: String,
    /// The primary industry.
    #[serde(default)]
    pub primary_industry: String,
    /// The secondary industry.
    #[serde(default)]
    pub deputy_industry: String,
    /// The content, with `{{name.DATA}}` placeholders.
    #[serde(default)]
    pub content: String,
    /// An example.
    #[serde(default)]
    pub example: String,
}

/// A template message, built with setters, sent with [`TemplateApi::send`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TemplateMessage {
    /// The receiver's openid.
    pub touser: String,
    /// The template id.
    pub template_id: String,
    /// The link opened on a tap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The Mini Program page opened on a tap; it wins over `url` where supported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub miniprogram: Option<MiniProgramTarget>,
    /// The values, by name (`keyword1`, `thing2`, ...).
    pub data: BTreeMap<String, DataValue>,
    /// An id to keep WeChat from sending the same message twice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_msg_id: Option<String>,
}

impl TemplateMessage {
    /// A message of template `template_id` to `touser`.
    pub fn new(touser: impl Into<String>, template_id: impl Into<String>) -> Self {
        TemplateMessage {
            touser: touser.into(),
            template_id: template_id.into(),
            url: None,
            miniprogram: None,
            data: BTreeMap::new(),
            client_msg_id: None,
        }
    }

    /// The link opened on a tap.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// The Mini Program page opened on a tap.
    pub fn miniprogram(mut self, appid: impl Into<String>, pagepath: impl Into<String>) -> Self {
        self.miniprogram = Some(MiniProgramTarget::new(appid, pagepath));
        self
    }

    /// Sets the value `name`.
    pub fn data(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.data.insert(name.into(), DataValue::new(value, None));
        self
    }

    /// Sets the value `name` with a color.
    pub fn data_with_color(
        mut self,
        name: impl Into<String>,
        value: impl Into<String>,
        color: impl Into<String>,
    ) -> Self {
        self.data
            .insert(name.into(), DataValue::new(value, Some(color.into())));
        self
    }

    /// An id against duplicate sends (WeChat keeps it for a while).
    pub fn client_msg_id(mut self, id: impl Into<String>) -> Self {
        self.client_msg_id = Some(id.into());
        self
    }
}

#[derive(Deserialize)]
struct TemplateIdAnswer {
    template_id: String,
}

#[derive(Deserialize)]
struct TemplateListAnswer {
    #[serde(default)]
    template_list: Vec<Template>,
}

#[derive(Deserialize)]
struct MsgIdAnswer {
    #[serde(deserialize_with = "lenient_u64")]
    msgid: u64,
}

impl<'c, K: 'static> TemplateApi<'c, K> {
    /// Sets the account's two template industries, by industry code (WeChat allows a change
    /// once a month): `POST /cgi-bin/template/api_set_industry`.
    pub fn set_industry(&self, industry_id1: &str, industry_id2: &str) -> ApiCall<'static, (), K> {
        let checked = check_all_present(&[
            ("industry_id1", industry_id1),
            ("industry_id2", industry_id2),
        ]);
        self.0.checked(checked, |()| {
            self.0.post_ok(
                "/cgi-bin/template/api_set_industry",
                &serde_json::json!({
                    "industry_id1": industry_id1,
                    "industry_id2": industry_id2,
                }),
                Retry::Unsafe,
            )
        })
    }

    /// The account's template industries: `GET /cgi-bin/template/get_industry`.
    pub fn industry(&self) -> ApiCall<'static, Industry, K> {
        self.0.get("/cgi-bin/template/get_industry")
    }

    /// Adds a template from the library by its short id (e.g. `TM00015`), with the keyword
    /// names to use for the newer templates (empty: the template's own); returns the
    /// template id: `POST /cgi-bin/template/api_add_template`.
    pub fn add(
        &self,
        template_id_short: &str,
        keyword_name_list: &[&str],
    ) -> ApiCall<'static, String, K> {
        let checked = check_present("template_id_short", template_id_short);
        self.0.checked(checked, |()| {
            let mut body = serde_json::json!({ "template_id_short": template_id_short });
            if !keyword_name_list.is_empty() {
                body["keyword_name_list"] = serde_json::json!(keyword_name_list);
            }
            self.0.post_with(
                "/cgi-bin/template/api_add_template",
                &body,
                Retry::Unsafe,
                |response| Ok(response.json::<TemplateIdAnswer>()?.template_id),
            )
        })
    }

    /// The account's templates: `GET /cgi-bin/template/get_all_private_template`.
    pub fn list(&self) -> ApiCall<'static, Vec<Template>, K> {
        self.0
            .get_with("/cgi-bin/template/get_all_private_template", |response| {
                Ok(response.json::<TemplateListAnswer>()?.template_list)
            })
    }

    /// Deletes a template of the account: `POST /cgi-bin/template/del_private_template`.
    pub fn delete(&self, template_id: &str) -> ApiCall<'static, (), K> {
        self.0
            .checked(check_present("template_id", template_id), |()| {
                self.0.post_ok(
                    "/cgi-bin/template/del_private_template",
                    &serde_json::json!({ "template_id": template_id }),
                    Retry::Unsafe,
                )
            })
    }

    /// Sends a template message; returns its `msgid`: `POST /cgi-bin/message/template/send`.
    /// Never retried once it may have reached WeChat.
    pub fn send(&self, message: &TemplateMessage) -> ApiCall<'static, u64, K> {
        let checked = check_addressed(
            &message.touser,
            &message.template_id,
            message.miniprogram.as_ref(),
        );
        self.0.checked(checked, |()| {
            self.0.post_with(
                "/cgi-bin/message/template/send",
                message,
                Retry::Unsafe,
                |response| Ok(response.json::<MsgIdAnswer>()?.msgid),
            )
        })
    }
}
