//! An authorizer's service categories: those it may set, those it has, and adding, changing
//! or removing one (sensitive categories need certificates, audited by WeChat).

use serde::{Deserialize, Serialize};

use super::WxaAdminApi;
use crate::api::{check_all_present, check_between, ok, ApiCall, Retry};
use crate::error::{Error, Result};

/// A node of the category tree: `GET /cgi-bin/wxopen/getallcategories`. The node of id 0 is
/// the root; its children are the first-level categories.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct CategoryNode {
    /// The category's id.
    pub id: u64,
    /// Its name (empty for the root).
    #[serde(default)]
    pub name: String,
    /// Its level: 1 or 2 (0 for the root).
    #[serde(default)]
    pub level: u32,
    /// The id of its parent.
    #[serde(default)]
    pub father: u64,
    /// The ids of its children.
    #[serde(default)]
    pub children: Vec<u64>,
    /// 1 for a sensitive category, which needs certificates; 0 otherwise.
    #[serde(default)]
    pub sensitive_type: u32,
    /// The certificates a sensitive category needs.
    #[serde(default)]
    pub qualify: Option<CategoryQualify>,
}

/// The certificates a sensitive category needs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct CategoryQualify {
    /// Groups of documents: every group is needed, any document of a group will do.
    #[serde(default)]
    pub exter_list: Vec<QualifyGroup>,
    /// A remark.
    #[serde(default)]
    pub remark: String,
}

/// A group of documents of which one is needed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct QualifyGroup {
    /// The documents.
    #[serde(default)]
    pub inner_list: Vec<QualifyDoc>,
}

/// A document a sensitive category needs.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct QualifyDoc {
    /// Its name, the `key` of a [`CategoryCertificate`].
    pub name: String,
    /// A sample of it.
    #[serde(default)]
    pub url: String,
}

/// The categories an account has: `GET /cgi-bin/wxopen/getcategory`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SettingCategories {
    /// The categories.
    #[serde(default)]
    pub categories: Vec<SettingCategory>,
    /// How many categories may be added in a period.
    #[serde(default)]
    pub limit: u32,
    /// How many may still be added in this period.
    #[serde(default)]
    pub quota: u32,
    /// The most categories an account has.
    #[serde(default)]
    pub category_limit: u32,
}

/// A category an account has.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SettingCategory {
    /// The first-level category's id.
    pub first: u64,
    /// Its name.
    #[serde(default)]
    pub first_name: String,
    /// The second-level category's id.
    pub second: u64,
    /// Its name.
    #[serde(default)]
    pub second_name: String,
    /// 1 auditing, 2 rejected, 3 approved.
    #[serde(default)]
    pub audit_status: u32,
    /// Why it was rejected.
    #[serde(default)]
    pub audit_reason: String,
}

/// A certificate of a sensitive category: the document's name and the media id of its image
/// (temporary media).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CategoryCertificate {
    /// The document's name, as [`QualifyDoc::name`].
    pub key: String,
    /// The media id of its image.
    pub value: String,
}

impl CategoryCertificate {
    /// Document `key`, imaged in media `value`.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        CategoryCertificate {
            key: key.into(),
            value: value.into(),
        }
    }
}

/// A category to add or change, with its certificates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct NewCategory {
    /// The first-level category's id.
    pub first: u64,
    /// The second-level category's id.
    pub second: u64,
    /// The certificates, for a sensitive category.
    pub certicates: Vec<CategoryCertificate>,
}

impl NewCategory {
    /// Category `first` / `second`, with no certificate.
    pub fn new(first: u64, second: u64) -> Self {
        NewCategory {
            first,
            second,
            certicates: Vec::new(),
        }
    }

    /// Adds a certificate.
    pub fn certificate(mut self, key: impl Into<String>, media_id: impl Into<String>) -> Self {
        self.certicates
            .push(CategoryCertificate::new(key, media_id));
        self
    }

    fn check(&self) -> Result<()> {
        if self.first == 0 || self.second == 0 {
            return Err(Error::invalid_input(
                "a category needs its first and second ids",
            ));
        }
        self.certicates.iter().try_for_each(|certificate| {
            check_all_present(&[
                ("a certificate's key", &certificate.key),
                ("a certificate's value", &certificate.value),
            ])
        })
    }
}

#[derive(Deserialize)]
struct CategoryList {
    #[serde(default)]
    categories: Vec<CategoryNode>,
}

#[derive(Deserialize)]
struct AllCategoriesAnswer {
    categories_list: CategoryList,
}

fn category_nodes(response: crate::call::transport::Response) -> Result<Vec<CategoryNode>> {
    Ok(response
        .json::<AllCategoriesAnswer>()?
        .categories_list
        .categories)
}

impl<'c, K: 'static> WxaAdminApi<'c, K> {
    /// The category tree this account may set (two levels):
    /// `GET /cgi-bin/wxopen/getallcategories`.
    pub fn all_categories(&self) -> ApiCall<'static, Vec<CategoryNode>, K> {
        self.0
            .get_with("/cgi-bin/wxopen/getallcategories", category_nodes)
    }

    /// The category tree an account of `verify_type` may set (0 a person, 1 a company,
    /// 2 a government, 3 a medium, 4 another organization):
    /// `POST /cgi-bin/wxopen/getcategoriesbytype`.
    pub fn categories_by_type(&self, verify_type: u32) -> ApiCall<'static, Vec<CategoryNode>, K> {
        self.0
            .checked(check_between("verify_type", verify_type, 0, 4), |()| {
                self.0.post_with(
                    "/cgi-bin/wxopen/getcategoriesbytype",
                    &serde_json::json!({ "verify_type": verify_type }),
                    Retry::Safe,
                    category_nodes,
                )
            })
    }

    /// The categories the account has, and its quota: `GET /cgi-bin/wxopen/getcategory`.
    pub fn categories(&self) -> ApiCall<'static, SettingCategories, K> {
        self.0.get("/cgi-bin/wxopen/getcategory")
    }

    /// Adds categories (sensitive ones are audited): `POST /cgi-bin/wxopen/addcategory`.
    pub fn add_categories(&self, categories: &[NewCategory]) -> ApiCall<'static, (), K> {
        let checked = if categories.is_empty() {
            Err(Error::invalid_input("categories is empty"))
        } else {
            categories.iter().try_for_each(NewCategory::check)
        };
        self.0.checked(checked, |()| {
            self.0.post_ok(
                "/cgi-bin/wxopen/addcategory",
                &serde_json::json!({ "categories": categories }),
                Retry::Unsafe,
            )
        })
    }

    /// Removes a category: `POST /cgi-bin/wxopen/deletecategory`.
    pub fn delete_category(&self, first: u64, second: u64) -> ApiCall<'static, (), K> {
        self.0.post_with(
            "/cgi-bin/wxopen/deletecategory",
            &serde_json::json!({ "first": first, "second": second }),
            Retry::Unsafe,
            ok,
        )
    }

    /// Replaces the certificates of a rejected category: `POST /cgi-bin/wxopen/modifycategory`.
    pub fn modify_category(&self, category: &NewCategory) -> ApiCall<'static, (), K> {
        self.0.checked(category.check(), |()| {
            self.0
                .post_ok("/cgi-bin/wxopen/modifycategory", category, Retry::Unsafe)
        })
    }
}
