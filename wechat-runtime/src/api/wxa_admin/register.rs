//! Fast registration of company Mini Programs: the platform registers one for a company,
//! whose legal representative confirms by face recognition in WeChat. The outcome is pushed
//! to the platform (`notify_third_fasteregister`), with an authorization code for the new
//! Mini Program. These calls take the platform's `component_access_token`.

use reqwest::Method;
use serde::Serialize;

use super::WxaAdminApi;
use crate::api::{check_all_present, ok, ApiCall};
use crate::error::{Error, Result};

const FAST_REGISTER: &str = "/cgi-bin/component/fastregisterweapp";

/// The kind of a company's registration code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EnterpriseCodeType {
    /// The unified social credit code, 18 characters (1).
    CreditCode,
    /// The organization code, 9 characters as `xxxxxxxx-x` (2).
    OrganizationCode,
    /// The business licence number, 15 characters (3).
    BusinessLicense,
}

impl EnterpriseCodeType {
    /// The number WeChat uses: 1, 2 or 3.
    pub fn code(self) -> u8 {
        match self {
            EnterpriseCodeType::CreditCode => 1,
            EnterpriseCodeType::OrganizationCode => 2,
            EnterpriseCodeType::BusinessLicense => 3,
        }
    }

    /// How many letters and digits the code has.
    fn len(self) -> usize {
        match self {
            EnterpriseCodeType::CreditCode => 18,
            EnterpriseCodeType::OrganizationCode => 9,
            EnterpriseCodeType::BusinessLicense => 15,
        }
    }
}

/// A company to register a Mini Program for: [`WxaAdminApi::fast_register`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct FastRegistration {
    /// The company's registered name ("个体户" and the owner's name for a sole trader
    /// without one).
    pub name: String,
    /// Its registration code.
    pub code: String,
    /// The kind of that code: 1, 2 or 3 ([`EnterpriseCodeType`]).
    pub code_type: u8,
    /// The legal representative's WeChat ID.
    pub legal_persona_wechat: String,
    /// The legal representative's name (as on their bank card).
    pub legal_persona_name: String,
    /// A phone number of the platform, for the representative.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub component_phone: Option<String>,
}

impl FastRegistration {
    /// Company `name` of `code` (of kind `code_type`), represented by `legal_persona_name`
    /// of WeChat ID `legal_persona_wechat`.
    pub fn new(
        name: impl Into<String>,
        code: impl Into<String>,
        code_type: EnterpriseCodeType,
        legal_persona_wechat: impl Into<String>,
        legal_persona_name: impl Into<String>,
    ) -> Self {
        FastRegistration {
            name: name.into(),
            code: code.into(),
            code_type: code_type.code(),
            legal_persona_wechat: legal_persona_wechat.into(),
            legal_persona_name: legal_persona_name.into(),
            component_phone: None,
        }
    }

    /// The platform's phone number.
    pub fn component_phone(mut self, phone: impl Into<String>) -> Self {
        self.component_phone = Some(phone.into());
        self
    }

    fn check(&self) -> Result<()> {
        check_all_present(&[
            ("name", &self.name),
            ("code", &self.code),
            ("legal_persona_wechat", &self.legal_persona_wechat),
            ("legal_persona_name", &self.legal_persona_name),
        ])?;
        let code_type = [
            EnterpriseCodeType::CreditCode,
            EnterpriseCodeType::OrganizationCode,
            EnterpriseCodeType::BusinessLicense,
        ]
        .into_iter()
        .find(|kind| kind.code() == self.code_type)
        .ok_or_else(|| Error::invalid_input("code_type must be 1, 2 or 3"))?;
        let len = self.code.chars().filter(|c| *c != '-').count();
        if len != code_type.len()
            || !self
                .code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(Error::invalid_input(format!(
                "code `{}` is not {} letters and digits, as a code of type {} is",
                self.code,
                code_type.len(),
                self.code_type
            )));
        }
        Ok(())
    }
}

impl<'c, K: 'static> WxaAdminApi<'c, K> {
    /// Registers a Mini Program for a company; the outcome is pushed later:
    /// `POST /cgi-bin/component/fastregisterweapp?action=create` (the platform's token).
    pub fn fast_register(&self, registration: &FastRegistration) -> ApiCall<'static, (), K> {
        self.0.checked(registration.check(), |()| {
            let request = self
                .0
                .request(Method::POST, FAST_REGISTER)
                .query("action", "create")
                .json(registration)
                .idempotent(false);
            self.0.call(request, ok)
        })
    }

    /// Whether a registration task of this company is known; its state is the errcode
    /// (89250 not found, 89251 waiting for the representative's face, 89252 checking):
    /// `POST /cgi-bin/component/fastregisterweapp?action=search` (the platform's token).
    pub fn fast_register_status(
        &self,
        name: &str,
        legal_persona_wechat: &str,
        legal_persona_name: &str,
    ) -> ApiCall<'static, (), K> {
        let checked = check_all_present(&[
            ("name", name),
            ("legal_persona_wechat", legal_persona_wechat),
            ("legal_persona_name", legal_persona_name),
        ]);
        self.0.checked(checked, |()| {
            let body = serde_json::json!({
                "name": name,
                "legal_persona_wechat": legal_persona_wechat,
                "legal_persona_name": legal_persona_name,
            });
            let request = self
                .0
                .request(Method::POST, FAST_REGISTER)
                .query("action", "search")
                .json(&body)
                .idempotent(true);
            self.0.call(request, ok)
        })
    }
}
