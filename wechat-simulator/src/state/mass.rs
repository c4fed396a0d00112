//! The mass message jobs of each account (`/cgi-bin/message/mass/*`).

use std::collections::VecDeque;

use serde_json::{json, Value};

use super::push_bounded;
use crate::{errcode, wx_error::WxError};

/// How many jobs the simulator keeps; older ones are dropped (and then unknown: 40059).
const MAX_JOBS: usize = 10_000;
/// The first `msg_id` given.
const FIRST_MSG_ID: u64 = 1_000_000_001;
/// The first `msg_data_id` given.
const FIRST_MSG_DATA_ID: u64 = 2_247_483_647;

/// The mass messages of every account.
#[derive(Debug, Default)]
pub(crate) struct MassJobs {
    /// Every job, oldest first.
    jobs: VecDeque<MassJob>,
    next_id: u64,
}

/// A mass message (or a preview) WeChat accepted.
#[derive(Debug, Clone)]
pub(crate) struct MassJob {
    /// The sending account.
    pub(crate) appid: String,
    /// The `msg_id` answered, which `MASSSENDJOBFINISH` carries.
    pub(crate) msg_id: u64,
    msg_data_id: Option<u64>,
    /// `sendall`, `send` or `preview`.
    kind: &'static str,
    /// `SEND_SUCCESS` or `DELETE`.
    pub(crate) status: &'static str,
    body: Value,
}

impl MassJob {
    fn to_json(&self) -> Value {
        let mut job = json!({
            "msg_id": self.msg_id,
            "kind": self.kind,
            "msg_status": self.status,
            "body": self.body,
        });
        if let Some(id) = self.msg_data_id {
            job["msg_data_id"] = json!(id);
        }
        job
    }
}

impl MassJobs {
    /// The sent jobs (previews left out), oldest first (for the `MASSSENDJOBFINISH` pushes).
    #[allow(dead_code)] // Read by the callback pushes, which the lead wires up.
    pub(crate) fn sent_jobs(&self) -> impl Iterator<Item = &MassJob> {
        self.jobs.iter().filter(|j| j.kind != "preview")
    }

    /// The jobs of `appid`, previews included, oldest first.
    pub(crate) fn jobs_json(&self, appid: &str) -> Vec<Value> {
        self.jobs
            .iter()
            .filter(|j| j.appid == appid)
            .map(MassJob::to_json)
            .collect()
    }

    /// Keeps a new job; returns its `msg_id` and `msg_data_id` (articles only).
    pub(crate) fn submit(
        &mut self,
        appid: String,
        kind: &'static str,
        body: Value,
    ) -> (u64, Option<u64>) {
        let n = self.next_id;
        self.next_id += 1;
        let msg_id = FIRST_MSG_ID + n;
        let articles = body.get("msgtype").and_then(Value::as_str) == Some("mpnews");
        let msg_data_id = articles.then_some(FIRST_MSG_DATA_ID + n);
        let job = MassJob {
            appid,
            msg_id,
            msg_data_id,
            kind,
            status: "SEND_SUCCESS",
            body,
        };
        push_bounded(&mut self.jobs, job, MAX_JOBS);
        (msg_id, msg_data_id)
    }

    /// The sent (not preview) job `msg_id` of `appid`: 40059 when unknown.
    pub(crate) fn job_mut(
        &mut self,
        appid: &str,
        msg_id: Option<u64>,
    ) -> Result<&mut MassJob, WxError> {
        self.jobs
            .iter_mut()
            .find(|j| Some(j.msg_id) == msg_id && j.appid == appid && j.kind != "preview")
            .ok_or_else(|| WxError::new(errcode::INVALID_MSG_ID))
    }
}
