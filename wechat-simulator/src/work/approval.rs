//! OA approval (`/cgi-bin/oa/*`): templates, applications submitted for members, their
//! numbers over a period, and their details.
//!
//! Templates come from the control API (`Simulator::add_approval_template`); approvers decide
//! through it too (`Simulator::decide_approval`). Every call takes an agent's token (48002
//! otherwise), and WeCom's one errcode for a bad approval parameter, 301025, covers an unknown
//! template or application, a required control left empty, and a bad period.

use axum::{extract::State, Router};
use serde_json::{json, Value};

use super::{
    credentials::WorkToken,
    crm::{approval_app, crm_error, number, strings, text, APPROVAL_PARAM_ERROR},
    ok, post, ApiResult, WxJson,
};
use crate::{
    clock::unix_now,
    errcode,
    state::{
        work_crm::{ApplicationRow, ApprovalStepRow},
        AppState,
    },
    wx_error::WxError,
};

/// The longest period `getapprovalinfo` covers, in seconds.
const MAX_PERIOD: u64 = 31 * 86_400;
/// The most numbers a page of `getapprovalinfo` holds.
const MAX_PAGE: u64 = 100;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/oa/gettemplatedetail", post(template_detail))
        .route("/cgi-bin/oa/applyevent", post(apply_event))
        .route("/cgi-bin/oa/getapprovalinfo", post(approval_info))
        .route("/cgi-bin/oa/getapprovaldetail", post(approval_detail))
}

fn param_error() -> WxError {
    crm_error(APPROVAL_PARAM_ERROR)
}

fn texts(text: &str) -> Value {
    json!([{"text": text, "lang": "zh_CN"}])
}

/// The date of `unix` in China (UTC+8) as `YYYYMMDD`, as application numbers begin.
pub(crate) fn china_date(unix: u64) -> String {
    let days = ((unix + 8 * 3600) / 86_400) as i64;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}{month:02}{day:02}")
}

/// `POST /cgi-bin/oa/gettemplatedetail`: the template and its controls; 301025 unknown.
async fn template_detail(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    approval_app(&auth)?;
    let template_id = text(&body, "template_id").ok_or_else(param_error)?;
    let inner = state.lock();
    let template = inner
        .work_crm
        .get(&auth.corpid)
        .and_then(|corp| corp.approval.templates.get(template_id))
        .cloned()
        .ok_or_else(param_error)?;
    drop(inner);
    let controls: Vec<Value> = template
        .controls
        .iter()
        .map(|control| {
            json!({
                "property": {
                    "control": control.control,
                    "id": control.id,
                    "title": texts(&control.title),
                    "placeholder": [],
                    "require": u8::from(control.require),
                    "un_print": 0,
                },
                "config": {},
            })
        })
        .collect();
    ok(json!({
        "errcode": errcode::OK,
        "errmsg": "ok",
        "template_names": texts(&template.name),
        "template_content": {"controls": controls},
    }))
}

/// Whether a control's submitted value holds something.
fn filled(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => false,
        Some(Value::Object(fields)) => fields.values().any(|v| filled(Some(v))),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(items)) => !items.is_empty(),
        Some(_) => true,
    }
}

/// The approval steps of `body` (with `use_template_approver` 0): each `attr` 1 or 2 with
/// approvers.
fn steps(body: &Value) -> Result<Vec<ApprovalStepRow>, WxError> {
    let nodes = body
        .get("approver")
        .and_then(Value::as_array)
        .filter(|nodes| !nodes.is_empty())
        .ok_or_else(param_error)?;
    nodes
        .iter()
        .map(|node| {
            let attr = number(node, "attr").filter(|a| matches!(a, 1 | 2));
            let userids = strings(node, "userid").map_err(|_| param_error())?;
            match attr {
                Some(attr) if !userids.is_empty() => Ok(ApprovalStepRow {
                    attr: attr as u32,
                    approvers: userids
                        .into_iter()
                        .map(|u| (u, 1, 0, String::new()))
                        .collect(),
                }),
                _ => Err(param_error()),
            }
        })
        .collect()
}

/// `POST /cgi-bin/oa/applyevent`: a pending application on a known template, every required
/// control filled and no unknown control, steps of its own (or the template's flow, here
/// none), 1 to 3 summary lines; 301025 otherwise. Answers its number.
async fn apply_event(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    approval_app(&auth)?;
    let creator = text(&body, "creator_userid").ok_or_else(param_error)?;
    let template_id = text(&body, "template_id").ok_or_else(param_error)?;
    let steps = match number(&body, "use_template_approver").unwrap_or(0) {
        0 => steps(&body)?,
        1 => Vec::new(),
        _ => return Err(param_error()),
    };
    if number(&body, "notify_type").is_some_and(|t| !(1..=3).contains(&t)) {
        return Err(param_error());
    }
    let contents: Vec<Value> = body
        .pointer("/apply_data/contents")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let summary_lines = body
        .get("summary_list")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    if !(1..=3).contains(&summary_lines) {
        return Err(param_error());
    }
    let notifyer = strings(&body, "notifyer").map_err(|_| param_error())?;
    let apply_time = unix_now();
    let mut inner = state.lock();
    let approval = &mut inner.work_crm.corp(&auth.corpid).approval;
    let template = approval
        .templates
        .get(template_id)
        .ok_or_else(param_error)?;
    let value_of = |id: &str| {
        contents
            .iter()
            .find(|c| c.get("id").and_then(Value::as_str) == Some(id))
            .and_then(|c| c.get("value"))
    };
    let unknown = contents.iter().any(|c| {
        let id = c.get("id").and_then(Value::as_str).unwrap_or("");
        !template.controls.iter().any(|control| control.id == id)
    });
    let missing = template
        .controls
        .iter()
        .any(|control| control.require && !filled(value_of(&control.id)));
    if unknown || missing {
        return Err(param_error());
    }
    let sp_no = approval.next_sp_no(&china_date(apply_time));
    approval.applications.insert(
        sp_no.clone(),
        ApplicationRow {
            sp_no: sp_no.clone(),
            template_id: template_id.to_owned(),
            creator: creator.to_owned(),
            department: number(&body, "choose_department").unwrap_or(1),
            apply_time,
            sp_status: 1,
            steps,
            notifyer,
            contents,
        },
    );
    drop(inner);
    ok(json!({"errcode": errcode::OK, "errmsg": "ok", "sp_no": sp_no}))
}

/// Whether `application` passes the filter `key` = `value` of `getapprovalinfo`.
fn passes(application: &ApplicationRow, key: &str, value: &str) -> bool {
    match key {
        "template_id" => application.template_id == value,
        "creator" => application.creator == value,
        "department" => application.department.to_string() == value,
        "sp_status" => application.sp_status.to_string() == value,
        _ => true,
    }
}

/// `POST /cgi-bin/oa/getapprovalinfo`: the numbers of the applications submitted from
/// `starttime` to `endtime` (at most 31 days), filtered (departments or-ed, the other keys
/// and-ed), paged by `new_cursor`; 301025 for a bad period, size or cursor.
async fn approval_info(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    approval_app(&auth)?;
    let start = number(&body, "starttime").ok_or_else(param_error)?;
    let end = number(&body, "endtime").ok_or_else(param_error)?;
    if end < start || end - start > MAX_PERIOD {
        return Err(param_error());
    }
    let size = number(&body, "size").unwrap_or(MAX_PAGE);
    if !(1..=MAX_PAGE).contains(&size) {
        return Err(param_error());
    }
    let from = match text(&body, "new_cursor") {
        Some(cursor) => cursor.parse::<usize>().map_err(|_| param_error())?,
        None => 0,
    };
    let filters: Vec<(String, String)> = body
        .get("filters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|f| {
            let value = match f.get("value")? {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            Some((text(f, "key")?.to_owned(), value))
        })
        .collect();
    let inner = state.lock();
    let numbers: Vec<String> = inner
        .work_crm
        .get(&auth.corpid)
        .map(|corp| {
            corp.approval
                .applications
                .values()
                .filter(|a| (start..=end).contains(&a.apply_time))
                .filter(|a| {
                    let departments: Vec<&(String, String)> =
                        filters.iter().filter(|(k, _)| k == "department").collect();
                    (departments.is_empty() || departments.iter().any(|(k, v)| passes(a, k, v)))
                        && filters
                            .iter()
                            .filter(|(k, _)| k != "department")
                            .all(|(k, v)| passes(a, k, v))
                })
                .map(|a| a.sp_no.clone())
                .collect()
        })
        .unwrap_or_default();
    drop(inner);
    let from = from.min(numbers.len());
    let to = (from + size as usize).min(numbers.len());
    let next = if to < numbers.len() {
        to.to_string()
    } else {
        String::new()
    };
    ok(json!({
        "errcode": errcode::OK,
        "errmsg": "ok",
        "sp_no_list": &numbers[from..to],
        "new_next_cursor": next,
    }))
}

/// `POST /cgi-bin/oa/getapprovaldetail`: the application `sp_no`; 301025 unknown.
async fn approval_detail(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    approval_app(&auth)?;
    let sp_no = match body.get("sp_no") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(param_error()),
    };
    let inner = state.lock();
    let corp = inner.work_crm.get(&auth.corpid).ok_or_else(param_error)?;
    let application = corp
        .approval
        .applications
        .get(&sp_no)
        .ok_or_else(param_error)?;
    let template = corp.approval.templates.get(&application.template_id);
    let title_of = |id: &str| {
        template
            .and_then(|t| t.controls.iter().find(|c| c.id == id))
            .map_or(json!([]), |c| texts(&c.title))
    };
    let contents: Vec<Value> = application
        .contents
        .iter()
        .map(|content| {
            let mut content = content.clone();
            let id = content
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned();
            content["title"] = title_of(&id);
            content
        })
        .collect();
    let sp_record: Vec<Value> = application
        .steps
        .iter()
        .map(|step| {
            let status = step.status();
            json!({
                "sp_status": status,
                "approverattr": step.attr,
                "details": step.approvers.iter().map(|(userid, status, sptime, speech)| json!({
                    "approver": {"userid": userid},
                    "speech": speech,
                    "sp_status": status,
                    "sptime": sptime,
                    "media_id": [],
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let answer = json!({
        "errcode": errcode::OK,
        "errmsg": "ok",
        "info": {
            "sp_no": application.sp_no,
            "sp_name": template.map_or("", |t| t.name.as_str()),
            "sp_status": application.sp_status,
            "template_id": application.template_id,
            "apply_time": application.apply_time,
            "applyer": {"userid": application.creator, "partyid": application.department.to_string()},
            "sp_record": sp_record,
            "notifyer": application.notifyer.iter().map(|u| json!({"userid": u})).collect::<Vec<_>>(),
            "apply_data": {"contents": contents},
            "comments": [],
        },
    });
    drop(inner);
    ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_chinese_calendar_days() {
        assert_eq!(china_date(0), "19700101");
        // 2020-01-01 00:00 in China is 2019-12-31 16:00 UTC.
        assert_eq!(china_date(1_577_808_000), "20200101");
        assert_eq!(china_date(1_577_807_999), "20191231");
        assert_eq!(china_date(1_709_164_800), "20240229");
    }
}
