//! The JSON bodies of the control API, and how requests and pushes are shown in it.

use std::time::Duration;

use base64::{engine::general_purpose::STANDARD, Engine as _};
use serde::Deserialize;
use serde_json::{json, Value};

use super::ControlError;
use crate::{
    push::{CallbackTarget, ComponentPush, Push, PushRecord},
    Fault, RecordedRequest,
};

#[derive(Debug, Deserialize)]
pub(super) struct AppBody {
    pub(super) appid: String,
    pub(super) secret: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct AuthorizerBody {
    pub(super) component_appid: String,
    pub(super) authorizer_appid: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct SecondsBody {
    pub(super) seconds: u64,
}

/// `{"path": "/cgi-bin/token", "fault": ..., "times": 1}`.
#[derive(Debug, Deserialize)]
pub(super) struct FaultBody {
    pub(super) path: String,
    pub(super) fault: FaultSpec,
    pub(super) times: Option<usize>,
}

/// A fault as JSON: `"system_busy"`, `"drop_connection"`, `"malformed_json"`,
/// `{"status": 502}`, `{"delay_ms": 3000}` or `{"errcode": 45009, "errmsg": "..."}`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum FaultSpec {
    Named(String),
    Status {
        status: u16,
    },
    Delay {
        delay_ms: u64,
    },
    Errcode {
        errcode: i64,
        errmsg: Option<String>,
    },
}

impl FaultSpec {
    pub(super) fn into_fault(self) -> Result<Fault, String> {
        Ok(match self {
            FaultSpec::Named(name) => match name.as_str() {
                "system_busy" => Fault::SystemBusy,
                "drop_connection" => Fault::DropConnection,
                "malformed_json" => Fault::MalformedJson,
                other => {
                    return Err(format!(
                        "unknown fault `{other}`: use system_busy, drop_connection, \
                         malformed_json, {{\"status\":N}}, {{\"delay_ms\":N}} or {{\"errcode\":N}}"
                    ))
                }
            },
            FaultSpec::Status { status } if (100..=599).contains(&status) => Fault::Status(status),
            FaultSpec::Status { status } => return Err(format!("{status} is not an HTTP status")),
            FaultSpec::Delay { delay_ms } => Fault::Delay(Duration::from_millis(delay_ms)),
            FaultSpec::Errcode { errcode, errmsg } => Fault::Errcode(
                errcode,
                errmsg.unwrap_or_else(|| crate::errcode::message(errcode).to_owned()),
            ),
        })
    }
}

/// `{"appid", "url", "token", "encoding_aes_key"?}`: safe mode when a key is given.
#[derive(Debug, Deserialize)]
pub(super) struct CallbackBody {
    pub(super) appid: String,
    url: String,
    token: String,
    encoding_aes_key: Option<String>,
}

impl CallbackBody {
    pub(super) fn into_target(self) -> Result<CallbackTarget, ControlError> {
        match self.encoding_aes_key {
            None => Ok(CallbackTarget::plaintext(self.url, self.token)),
            Some(key) => Ok(CallbackTarget::safe(self.url, self.token, &key)?),
        }
    }
}

/// `{"appid", "type", "openid", ...}` with the fields of that type.
#[derive(Debug, Deserialize)]
pub(super) struct PushBody {
    pub(super) appid: String,
    #[serde(rename = "type")]
    kind: String,
    openid: String,
    content: Option<String>,
    key: Option<String>,
    scene: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    precision: Option<f64>,
    msg_id: Option<u64>,
}

impl PushBody {
    pub(super) fn into_push(self) -> Result<Push, String> {
        let need = |field: Option<String>, name: &str| {
            field.ok_or_else(|| format!("a `{}` push needs `{name}`", self.kind))
        };
        Ok(match self.kind.as_str() {
            "text" => Push::text(&self.openid, need(self.content.clone(), "content")?),
            "subscribe" => Push::Subscribe {
                openid: self.openid.clone(),
                scene: self.scene.clone(),
            },
            "unsubscribe" => Push::unsubscribe(&self.openid),
            "click" => Push::click(&self.openid, need(self.key.clone(), "key")?),
            "scan" => Push::scan(&self.openid, need(self.scene.clone(), "scene")?),
            "location" => Push::location(
                &self.openid,
                self.latitude.unwrap_or_default(),
                self.longitude.unwrap_or_default(),
                self.precision.unwrap_or_default(),
            ),
            "template_send_job_finish" => Push::template_send_job_finish(
                &self.openid,
                self.msg_id
                    .ok_or_else(|| "a `template_send_job_finish` push needs `msg_id`".to_owned())?,
            ),
            other => {
                return Err(format!(
                    "unknown push type `{other}`: use text, subscribe, unsubscribe, click, scan, \
                     location or template_send_job_finish"
                ))
            }
        })
    }
}

/// `{"component_appid", "type", "authorizer_appid"?}`.
#[derive(Debug, Deserialize)]
pub(super) struct ComponentPushBody {
    pub(super) component_appid: String,
    #[serde(rename = "type")]
    kind: String,
    authorizer_appid: Option<String>,
}

impl ComponentPushBody {
    pub(super) fn into_push(self) -> Result<ComponentPush, String> {
        let authorizer = || {
            self.authorizer_appid
                .clone()
                .ok_or_else(|| format!("a `{}` push needs `authorizer_appid`", self.kind))
        };
        Ok(match self.kind.as_str() {
            "verify_ticket" => ComponentPush::VerifyTicket,
            "authorized" => ComponentPush::Authorized {
                authorizer_appid: authorizer()?,
            },
            "updateauthorized" => ComponentPush::UpdateAuthorized {
                authorizer_appid: authorizer()?,
            },
            "unauthorized" => ComponentPush::Unauthorized {
                authorizer_appid: authorizer()?,
            },
            other => {
                return Err(format!(
                    "unknown component push `{other}`: use verify_ticket, authorized, \
                     updateauthorized or unauthorized"
                ))
            }
        })
    }
}

/// A recorded request as JSON; the body as text when it is UTF-8, else as base64.
pub(super) fn request_json(request: &RecordedRequest) -> Value {
    let mut value = json!({
        "method": request.method,
        "path": request.path,
        "query": request.query,
        "content_type": request.content_type,
    });
    match std::str::from_utf8(&request.body) {
        Ok(text) => value["body"] = json!(text),
        Err(_) => value["body_base64"] = json!(STANDARD.encode(&request.body)),
    }
    value
}

/// A push record as JSON.
pub(super) fn push_json(record: &PushRecord) -> Value {
    let outcome = match &record.outcome {
        Ok(delivery) => json!({ "status": delivery.status, "body": delivery.body }),
        Err(err) => json!({ "error": err.to_string() }),
    };
    json!({ "appid": record.appid, "xml": record.xml, "outcome": outcome })
}
