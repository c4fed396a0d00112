//! Subscribe messages of Official Accounts (`bizsend`) and Mini Programs, and the templates
//! of the subscribe message library: [`SubscribeApi`].

use std::collections::BTreeMap;

use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::{check_addressed, lenient_u64, DataValue, MiniProgramTarget};
use crate::api::{
    check_all_present, check_between, check_len, check_present, string_or_number, ApiCall, Area,
    Retry,
};
use crate::error::Error;

/// Subscribe messages; from [`Client::subscribe`](crate::Client::subscribe).
pub struct SubscribeApi<'c, K>(pub(crate) Area<'c, K>);

/// A subscribe message of an Official Account (`bizsend`), built with setters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SubscribeMessage {
    /// The receiver's openid.
    pub touser: String,
    /// The (private) template id.
    pub template_id: String,
    /// The web page opened on a tap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// The Mini Program page opened on a tap; it wins over `page`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub miniprogram: Option<MiniProgramTarget>,
    /// The values, by name (`thing1`, `time2`, ...).
    pub data: BTreeMap<String, DataValue>,
}

impl SubscribeMessage {
    /// A message of template `template_id` to `touser`.
    pub fn new(touser: impl Into<String>, template_id: impl Into<String>) -> Self {
        SubscribeMessage {
            touser: touser.into(),
            template_id: template_id.into(),
            page: None,
            miniprogram: None,
            data: BTreeMap::new(),
        }
    }

    /// The web page opened on a tap.
    pub fn page(mut self, page: impl Into<String>) -> Self {
        self.page = Some(page.into());
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
}

/// Which version of a Mini Program a subscribe message opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum MiniProgramState {
    /// The development version.
    Developer,
    /// The trial version.
    Trial,
    /// The released version (WeChat's default).
    Formal,
}

/// The language of a Mini Program subscribe message's "open the Mini Program" link (not the
/// [`Lang`](crate::api::Lang) of user information, which has other values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum SubscribeLang {
    /// Simplified Chinese (WeChat's default).
    #[serde(rename = "zh_CN")]
    ZhCn,
    /// English.
    #[serde(rename = "en_US")]
    EnUs,
    /// Traditional Chinese (Hong Kong).
    #[serde(rename = "zh_HK")]
    ZhHk,
    /// Traditional Chinese (Taiwan).
    #[serde(rename = "zh_TW")]
    ZhTw,
}

/// A Mini Program subscribe message, built with setters, sent with
/// [`SubscribeApi::send`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct MiniProgramSubscribeMessage {
    /// The receiver's openid.
    pub touser: String,
    /// The template id.
    pub template_id: String,
    /// The page opened on a tap (`index?foo=bar`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// The values, by name.
    pub data: BTreeMap<String, DataValue>,
    /// Which version of the Mini Program opens.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub miniprogram_state: Option<MiniProgramState>,
    /// The language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<SubscribeLang>,
}

impl MiniProgramSubscribeMessage {
    /// A message of template `template_id` to `touser`.
    pub fn new(touser: impl Into<String>, template_id: impl Into<String>) -> Self {
        MiniProgramSubscribeMessage {
            touser: touser.into(),
            template_id: template_id.into(),
            page: None,
            data: BTreeMap::new(),
            miniprogram_state: None,
            lang: None,
        }
    }

    /// The page opened on a tap.
    pub fn page(mut self, page: impl Into<String>) -> Self {
        self.page = Some(page.into());
        self
    }

    /// Sets the value `name`.
    pub fn data(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.data.insert(name.into(), DataValue::new(value, None));
        self
    }

    /// Which version of the Mini Program opens.
    pub fn miniprogram_state(mut self, state: MiniProgramState) -> Self {
        self.miniprogram_state = Some(state);
        self
    }

    /// The language.
    pub fn lang(mut self, lang: SubscribeLang) -> Self {
        self.lang = Some(lang);
        self
    }
}

/// A category of the account, for the public template library.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Category {
    /// The category id.
    #[serde(deserialize_with = "lenient_u64")]
    pub id: u64,
    /// Its name.
    #[serde(default)]
    pub name: String,
}

/// A template title of the public library.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TemplateTitle {
    /// The title id (`tid`).
    #[serde(deserialize_with = "lenient_u64")]
    pub tid: u64,
    /// The title.
    #[serde(default)]
    pub title: String,
    /// 2: one-time subscription; 3: long-term subscription.
    #[serde(rename = "type", default)]
    pub kind: u32,
    /// The category id (WeChat sends a number or a string).
    #[serde(rename = "categoryId", default, deserialize_with = "string_or_number")]
    pub category_id: String,
}

/// A page of template titles.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TemplateTitles {
    /// How many titles there are in all.
    #[serde(default)]
    pub count: u64,
    /// This page.
    #[serde(default)]
    pub data: Vec<TemplateTitle>,
}

/// A keyword of a library template.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TemplateKeyword {
    /// The keyword id (`kid`), to pick it in [`SubscribeApi::add_template`].
    #[serde(deserialize_with = "lenient_u64")]
    pub kid: u64,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// An example value.
    #[serde(default)]
    pub example: String,
    /// The value's type (`thing`, `time`, `number`, ...).
    #[serde(default)]
    pub rule: String,
}

/// The keywords of a library template.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TemplateKeywords {
    /// How many there are.
    #[serde(default)]
    pub count: u64,
    /// The keywords.
    #[serde(default)]
    pub data: Vec<TemplateKeyword>,
}

/// The values an enumerated keyword takes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct KeywordEnumValues {
    /// The keyword (`thing1`, ...).
    #[serde(rename = "keywordCode", default)]
    pub keyword_code: String,
    /// Its values.
    #[serde(rename = "enumValueList", default)]
    pub enum_value_list: Vec<String>,
}

/// A template of the account (private library).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SubscribeTemplate {
    /// The template id, used to send.
    #[serde(rename = "priTmplId")]
    pub pri_tmpl_id: String,
    /// The title.
    #[serde(default)]
    pub title: String,
    /// The content, with `{{name.DATA}}` placeholders.
    #[serde(default)]
    pub content: String,
    /// An example.
    #[serde(default)]
    pub example: String,
    /// 2: one-time subscription; 3: long-term subscription.
    #[serde(rename = "type", default)]
    pub kind: u32,
    /// The values of enumerated keywords, where the template has some.
    #[serde(rename = "keywordEnumValueList", default)]
    pub keyword_enum_value_list: Vec<KeywordEnumValues>,
}

#[derive(Deserialize)]
struct DataAnswer<T> {
    #[serde(default = "Vec::new")]
    data: Vec<T>,
}

#[derive(Deserialize)]
struct PriTmplIdAnswer {
    #[serde(rename = "priTmplId")]
    pri_tmpl_id: String,
}

impl<'c, K: 'static> SubscribeApi<'c, K> {
    /// Sends an Official Account subscribe message: `POST /cgi-bin/message/subscribe/bizsend`.
    /// Never retried once it may have reached WeChat.
    pub fn bizsend(&self, message: &SubscribeMessage) -> ApiCall<'static, (), K> {
        let checked = check_addressed(
            &message.touser,
            &message.template_id,
            message.miniprogram.as_ref(),
        );
        self.0.checked(checked, |()| {
            self.0
                .post_ok("/cgi-bin/message/subscribe/bizsend", message, Retry::Unsafe)
        })
    }

    /// Sends a Mini Program subscribe message: `POST /cgi-bin/message/subscribe/send`.
    /// Never retried once it may have reached WeChat.
    pub fn send(&self, message: &MiniProgramSubscribeMessage) -> ApiCall<'static, (), K> {
        let checked = check_all_present(&[
            ("touser", &message.touser),
            ("template_id", &message.template_id),
        ]);
        self.0.checked(checked, |()| {
            self.0
                .post_ok("/cgi-bin/message/subscribe/send", message, Retry::Unsafe)
        })
    }

    /// The account's categories, to query the public library with:
    /// `GET /wxaapi/newtmpl/getcategory`.
    pub fn categories(&self) -> ApiCall<'static, Vec<Category>, K> {
        self.0.get_with("/wxaapi/newtmpl/getcategory", |response| {
            Ok(response.json::<DataAnswer<Category>>()?.data)
        })
    }

    /// The public library's template titles of the categories `ids`, `limit` (1 to 30) from
    /// `start`: `GET /wxaapi/newtmpl/getpubtemplatetitles`.
    pub fn pub_template_titles(
        &self,
        ids: &[u64],
        start: u32,
        limit: u32,
    ) -> ApiCall<'static, TemplateTitles, K> {
        let checked =
            check_len("ids", ids, usize::MAX).and_then(|()| check_between("limit", limit, 1, 30));
        self.0.checked(checked, |()| {
            let ids = ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
            let request = self
                .0
                .request(Method::GET, "/wxaapi/newtmpl/getpubtemplatetitles")
                .query("ids", ids)
                .query("start", start)
                .query("limit", limit);
            self.0.call_json(request)
        })
    }

    /// The keywords of the library template `tid`: `GET /wxaapi/newtmpl/getpubtemplatekeywords`.
    pub fn pub_template_keywords(&self, tid: u64) -> ApiCall<'static, TemplateKeywords, K> {
        let request = self
            .0
            .request(Method::GET, "/wxaapi/newtmpl/getpubtemplatekeywords")
            .query("tid", tid);
        self.0.call_json(request)
    }

    /// Adds the library template `tid` to the account with the keywords `kid_list` (2 to 5, in
    /// the order to show) and a scene description (at most 15 characters); returns the new
    /// template id: `POST /wxaapi/newtmpl/addtemplate`.
    pub fn add_template(
        &self,
        tid: u64,
        kid_list: &[u64],
        scene_desc: Option<&str>,
    ) -> ApiCall<'static, String, K> {
        let checked = check_len("kidList", kid_list, 5).and_then(|()| {
            if kid_list.len() < 2 {
                return Err(Error::invalid_input(
                    "kidList has 1 item; WeChat takes 2 to 5",
                ));
            }
            Ok(())
        });
        self.0.checked(checked, |()| {
            let mut body = serde_json::json!({ "tid": tid.to_string(), "kidList": kid_list });
            if let Some(scene_desc) = scene_desc {
                body["sceneDesc"] = serde_json::json!(scene_desc);
            }
            self.0.post_with(
                "/wxaapi/newtmpl/addtemplate",
                &body,
                Retry::Unsafe,
                |response| Ok(response.json::<PriTmplIdAnswer>()?.pri_tmpl_id),
            )
        })
    }

    /// Deletes a template of the account: `POST /wxaapi/newtmpl/deltemplate`.
    pub fn delete_template(&self, pri_tmpl_id: &str) -> ApiCall<'static, (), K> {
        self.0
            .checked(check_present("priTmplId", pri_tmpl_id), |()| {
                self.0.post_ok(
                    "/wxaapi/newtmpl/deltemplate",
                    &serde_json::json!({ "priTmplId": pri_tmpl_id }),
                    Retry::Unsafe,
                )
            })
    }

    /// The account's templates: `GET /wxaapi/newtmpl/gettemplate`.
    pub fn templates(&self) -> ApiCall<'static, Vec<SubscribeTemplate>, K> {
        self.0.get_with("/wxaapi/newtmpl/gettemplate", |response| {
            Ok(response.json::<DataAnswer<SubscribeTemplate>>()?.data)
        })
    }
}
