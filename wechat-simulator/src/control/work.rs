//! The control routes for WeCom, under `/__sim/work/`: corps' apps, pushes to an agent, and
//! the URL verification.

use axum::{extract::State, routing::post, Json, Router};
use serde::Deserialize;
use serde_json::json;

use super::{bad_request, done, Body, Control, JsonBody};
use crate::{push::WorkPush, simulator::Handle};

/// The WeCom control routes, merged into the control router.
pub(super) fn routes() -> Router<Handle> {
    Router::new()
        .route("/work/apps", post(add_app))
        .route("/work/push", post(push))
        .route("/work/verify_url", post(verify_url))
}

/// `{"corpid", "app", "secret"}`; `app` is `agent:<agentid>`, `contacts`, `external_contact`
/// or `customer_service`.
#[derive(Debug, Deserialize)]
struct WorkAppBody {
    corpid: String,
    app: String,
    secret: String,
}

async fn add_app(State(sim): State<Handle>, body: Body<WorkAppBody>) -> Control {
    let JsonBody(body) = body?;
    sim.view()
        .try_add_work_app(&body.corpid, &body.app, &body.secret)
        .map_err(bad_request)?;
    done()
}

/// `{"corpid", "agent_id", "type", ...}` with the fields of that type.
#[derive(Debug, Deserialize)]
struct WorkPushBody {
    corpid: String,
    agent_id: i64,
    #[serde(rename = "type")]
    kind: String,
    userid: Option<String>,
    content: Option<String>,
    key: Option<String>,
    name: Option<String>,
    new_userid: Option<String>,
    #[serde(default)]
    departments: Vec<i64>,
    external_userid: Option<String>,
    state: Option<String>,
    sp_no: Option<String>,
    sp_name: Option<String>,
    sp_status: Option<i64>,
    template_id: Option<String>,
    change: Option<i64>,
    open_kfid: Option<String>,
    token: Option<String>,
}

impl WorkPushBody {
    fn into_push(self) -> Result<WorkPush, String> {
        let kind = self.kind.clone();
        let need = |field: Option<String>, name: &str| {
            field.ok_or_else(|| format!("a `{kind}` push needs `{name}`"))
        };
        let userid = || need(self.userid.clone(), "userid");
        Ok(match self.kind.as_str() {
            "text" => WorkPush::text(userid()?, need(self.content.clone(), "content")?),
            "enter_agent" => WorkPush::enter_agent(userid()?),
            "click" => WorkPush::click(userid()?, need(self.key.clone(), "key")?),
            "create_user" => WorkPush::CreateUser {
                userid: userid()?,
                name: need(self.name.clone(), "name")?,
                departments: self.departments.clone(),
            },
            "update_user" => WorkPush::UpdateUser {
                userid: userid()?,
                new_userid: self.new_userid.clone(),
                name: self.name.clone(),
            },
            "delete_user" => WorkPush::DeleteUser { userid: userid()? },
            "add_external_contact" => WorkPush::AddExternalContact {
                userid: userid()?,
                external_userid: need(self.external_userid.clone(), "external_userid")?,
                state: self.state.clone(),
            },
            "del_external_contact" => WorkPush::DelExternalContact {
                userid: userid()?,
                external_userid: need(self.external_userid.clone(), "external_userid")?,
            },
            "sys_approval_change" => WorkPush::ApprovalChange {
                sp_no: need(self.sp_no.clone(), "sp_no")?,
                sp_name: self.sp_name.clone().unwrap_or_default(),
                sp_status: self.sp_status.unwrap_or(1),
                template_id: self.template_id.clone().unwrap_or_default(),
                applicant: userid()?,
                change: self.change.unwrap_or(1),
            },
            "kf_msg_or_event" => WorkPush::KfMsgOrEvent {
                open_kfid: need(self.open_kfid.clone(), "open_kfid")?,
                token: need(self.token.clone(), "token")?,
            },
            other => {
                return Err(format!(
                    "unknown WeCom push `{other}`: use text, enter_agent, click, create_user, \
                     update_user, delete_user, add_external_contact, del_external_contact, \
                     sys_approval_change or kf_msg_or_event"
                ))
            }
        })
    }
}

async fn push(State(sim): State<Handle>, body: Body<WorkPushBody>) -> Control {
    let JsonBody(body) = body?;
    let (corpid, agent_id) = (body.corpid.clone(), body.agent_id);
    let push = body.into_push().map_err(bad_request)?;
    let delivery = sim.view().push_work(&corpid, agent_id, push).await?;
    Ok(Json(
        json!({ "status": delivery.status, "body": delivery.body }),
    ))
}

#[derive(Debug, Deserialize)]
struct VerifyBody {
    corpid: String,
}

async fn verify_url(State(sim): State<Handle>, body: Body<VerifyBody>) -> Control {
    let JsonBody(body) = body?;
    let echoed = sim.view().verify_work_url(&body.corpid).await?;
    Ok(Json(json!({ "echoed": echoed })))
}
