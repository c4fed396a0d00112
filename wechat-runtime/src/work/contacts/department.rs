//! Departments (部门): the corp's tree, rooted at department 1.

use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::users::check_department_id;
use super::ContactsApi;
use crate::api::{check_present, ApiCall, Retry};
use crate::call::kind::Work;
use crate::error::{Error, Result};
use crate::work::lists::check_chars;

/// A department, as `department/list` and `department/get` answer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Department {
    /// Its id; the root is 1.
    pub id: u32,
    /// Its name (empty for apps that may not see names).
    #[serde(default)]
    pub name: String,
    /// Its English name.
    #[serde(default)]
    pub name_en: String,
    /// The userids of its leaders.
    #[serde(default)]
    pub department_leader: Vec<String>,
    /// Its parent; 0 for the root.
    #[serde(default)]
    pub parentid: u32,
    /// Its order among its siblings (larger first).
    #[serde(default)]
    pub order: u32,
}

/// A department as `department/simplelist` lists it: its place in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct DepartmentNode {
    /// Its id.
    pub id: u32,
    /// Its parent; 0 for the root.
    #[serde(default)]
    pub parentid: u32,
    /// Its order among its siblings.
    #[serde(default)]
    pub order: u32,
}

/// The fields of a department to create ([`DepartmentForm::new`]) or change
/// ([`DepartmentForm::update`]); what is not set is not sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DepartmentForm {
    /// The id: WeCom picks one when a creation leaves it out; above 1 when set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<u32>,
    /// The name, 1 to 64 characters, none of `\:*?"<>|`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The English name, same rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// The parent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parentid: Option<u32>,
    /// The order among its siblings (larger first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<u32>,
}

impl DepartmentForm {
    /// A new department `name` under `parentid`.
    pub fn new(name: impl Into<String>, parentid: u32) -> Self {
        DepartmentForm {
            name: Some(name.into()),
            parentid: Some(parentid),
            ..DepartmentForm::default()
        }
    }

    /// A change of the department `id`: set what changes.
    pub fn update(id: u32) -> Self {
        DepartmentForm {
            id: Some(id),
            ..DepartmentForm::default()
        }
    }

    /// Sets the id (of a new department: above 1).
    pub fn id(mut self, id: u32) -> Self {
        self.id = Some(id);
        self
    }

    /// Sets the name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets the English name.
    pub fn name_en(mut self, name_en: impl Into<String>) -> Self {
        self.name_en = Some(name_en.into());
        self
    }

    /// Sets the parent (an update moves the department).
    pub fn parentid(mut self, parentid: u32) -> Self {
        self.parentid = Some(parentid);
        self
    }

    /// Sets the order among its siblings.
    pub fn order(mut self, order: u32) -> Self {
        self.order = Some(order);
        self
    }

    fn check_new(&self) -> Result<()> {
        check_name(
            "the department name",
            self.name.as_deref().unwrap_or_default(),
        )?;
        let parentid = self
            .parentid
            .ok_or_else(|| Error::invalid_input("a new department needs a parent"))?;
        check_department_id(parentid)?;
        if let Some(id) = self.id {
            if id <= 1 {
                return Err(Error::invalid_input(format!(
                    "the department id {id}: a new department's id is above 1"
                )));
            }
        }
        self.check_names()
    }

    fn check_update(&self) -> Result<()> {
        let id = self
            .id
            .ok_or_else(|| Error::invalid_input("a department change needs the department's id"))?;
        check_department_id(id)?;
        if let Some(name) = &self.name {
            check_name("the department name", name)?;
        }
        if let Some(parentid) = self.parentid {
            check_department_id(parentid)?;
            if parentid == id {
                return Err(Error::invalid_input(format!(
                    "the department {id} cannot be its own parent"
                )));
            }
        }
        self.check_names()
    }

    fn check_names(&self) -> Result<()> {
        match &self.name_en {
            Some(name_en) => check_name("the English name", name_en),
            None => Ok(()),
        }
    }
}

/// A department name: 1 to 64 characters, none of `\:*?"<>|`.
fn check_name(what: &str, name: &str) -> Result<()> {
    check_present(what, name)?;
    check_chars(what, name, 64)?;
    if let Some(c) = name.chars().find(|c| "\\:*?\"<>|".contains(*c)) {
        return Err(Error::invalid_input(format!(
            "{what} `{name}` has `{c}`; WeCom refuses any of \\:*?\"<>|"
        )));
    }
    Ok(())
}

#[derive(Deserialize)]
struct IdAnswer {
    id: u32,
}

#[derive(Deserialize)]
struct DepartmentList {
    #[serde(default)]
    department: Vec<Department>,
}

#[derive(Deserialize)]
struct DepartmentIds {
    #[serde(default)]
    department_id: Vec<DepartmentNode>,
}

#[derive(Deserialize)]
struct OneDepartment {
    department: Department,
}

impl ContactsApi<'_> {
    /// Creates a department and returns its id: `POST /cgi-bin/department/create`.
    pub fn create_department(&self, department: &DepartmentForm) -> ApiCall<'static, u32, Work> {
        self.0.checked(department.check_new(), |()| {
            self.0.post_with(
                "/cgi-bin/department/create",
                department,
                Retry::Unsafe,
                |response| Ok(response.json::<IdAnswer>()?.id),
            )
        })
    }

    /// Changes a department: `POST /cgi-bin/department/update`.
    pub fn update_department(&self, department: &DepartmentForm) -> ApiCall<'static, (), Work> {
        self.0.checked(department.check_update(), |()| {
            self.0
                .post_ok("/cgi-bin/department/update", department, Retry::Unsafe)
        })
    }

    /// Deletes a department, which must have no members and no sub-departments (60005, 60006
    /// otherwise): `GET /cgi-bin/department/delete?id=ID`.
    pub fn delete_department(&self, id: u32) -> ApiCall<'static, (), Work> {
        self.0.checked(check_department_id(id), |()| {
            let request = self
                .0
                .request(Method::GET, "/cgi-bin/department/delete")
                .query("id", id)
                .idempotent(false);
            self.0.call(request, crate::api::ok)
        })
    }

    /// A department and every department under it, or the whole tree with `None`:
    /// `GET /cgi-bin/department/list[?id=ID]`.
    pub fn departments(&self, id: Option<u32>) -> ApiCall<'static, Vec<Department>, Work> {
        self.0
            .checked(id.map_or(Ok(()), check_department_id), |()| {
                let mut request = self.0.request(Method::GET, "/cgi-bin/department/list");
                if let Some(id) = id {
                    request = request.query("id", id);
                }
                self.0.call(request, |response| {
                    Ok(response.json::<DepartmentList>()?.department)
                })
            })
    }

    /// The ids of a department and every department under it, or of the whole tree with
    /// `None`: `GET /cgi-bin/department/simplelist[?id=ID]`.
    pub fn department_ids(&self, id: Option<u32>) -> ApiCall<'static, Vec<DepartmentNode>, Work> {
        self.0
            .checked(id.map_or(Ok(()), check_department_id), |()| {
                let mut request = self
                    .0
                    .request(Method::GET, "/cgi-bin/department/simplelist");
                if let Some(id) = id {
                    request = request.query("id", id);
                }
                self.0.call(request, |response| {
                    Ok(response.json::<DepartmentIds>()?.department_id)
                })
            })
    }

    /// One department: `GET /cgi-bin/department/get?id=ID`. 60123 if there is none.
    pub fn department(&self, id: u32) -> ApiCall<'static, Department, Work> {
        self.0.checked(check_department_id(id), |()| {
            let request = self
                .0
                .request(Method::GET, "/cgi-bin/department/get")
                .query("id", id);
            self.0.call(request, |response| {
                Ok(response.json::<OneDepartment>()?.department)
            })
        })
    }
}
