//! Every typed endpoint of the SDK (each request row of API_COVERAGE.md) is served by the
//! simulator: called with valid credentials and an empty body, it answers as WeChat would
//! (often an errcode for the missing fields), never "invalid url" or a wrong-method errcode.

use std::collections::BTreeSet;

use serde_json::Value;
use wechat_simulator::errcode;

use crate::common::*;

const COVERAGE: &str = include_str!("../../../API_COVERAGE.md");
const CORPID: &str = "ww0000000000000001";

/// API_COVERAGE.md's sections: WeChat's rows, then `## WeCom`'s, then `## WeChat Pay`'s (each
/// section runs to the next).
fn sections() -> (&'static str, &'static str, &'static str) {
    let (wechat, rest) = COVERAGE.split_once("\n## WeCom").unwrap_or((COVERAGE, ""));
    let (wecom, pay) = rest.split_once("\n## WeChat Pay").unwrap_or((rest, ""));
    let pay = pay.find("\n## ").map_or(pay, |end| &pay[..end]);
    (wechat, wecom, pay)
}

/// The (method, path) of every row of a section that sends a request.
fn endpoints(section: &str) -> BTreeSet<(String, String)> {
    section
        .lines()
        .filter_map(|line| {
            let endpoint = line.split('|').nth(2)?.trim().trim_matches('`');
            let (method, rest) = endpoint.split_once(' ')?;
            if !matches!(method, "GET" | "POST") {
                return None;
            }
            // "GET /cgi-bin/user/get, every page": the path ends at a space or a comma.
            let path = rest.split([' ', ',']).next()?;
            path.starts_with('/')
                .then(|| (method.to_owned(), path.to_owned()))
        })
        .collect()
}

/// The (method, path) of every row of API_COVERAGE.md that sends a request: WeChat's rows,
/// then (`wecom`) those of the `## WeCom` section, served under the simulator's WeCom prefix.
fn typed_endpoints(wecom: bool) -> BTreeSet<(String, String)> {
    let (wechat, work, _) = sections();
    endpoints(if wecom { work } else { wechat })
}

#[tokio::test]
async fn every_typed_endpoint_is_served() {
    let sim = sim().await;
    sim.add_component(COMPONENT, COMPONENT_SECRET);
    let ticket = sim.push_verify_ticket(COMPONENT);
    let token = token(&sim).await;
    let component = post_json(
        &sim,
        "/cgi-bin/component/api_component_token",
        serde_json::json!({
            "component_appid": COMPONENT,
            "component_appsecret": COMPONENT_SECRET,
            "component_verify_ticket": ticket,
        }),
    )
    .await;
    let component_token = component["component_access_token"].as_str().unwrap();

    sim.add_work_app(CORPID, "agent:1000002", "agent-secret");
    let work = get_json(
        &sim,
        &format!("/qyapi/cgi-bin/gettoken?corpid={CORPID}&corpsecret=agent-secret"),
    )
    .await;
    let work_token = work["access_token"].as_str().unwrap();

    let wechat = typed_endpoints(false);
    let wecom = typed_endpoints(true);
    // Issue "API breadth": at least 250 typed WeChat endpoints, as rows of API_COVERAGE.md (a
    // path called with different actions, such as `/wxa/plugin`, is a row per action).
    let rows = sections()
        .0
        .lines()
        .filter(|line| {
            line.split('|').nth(2).is_some_and(|endpoint| {
                let endpoint = endpoint.trim();
                endpoint.starts_with("GET /") || endpoint.starts_with("POST /")
            })
        })
        .count();
    assert!(
        rows >= 250,
        "typed WeChat endpoints in API_COVERAGE.md: {rows}"
    );
    assert!(
        wechat.len() >= 230,
        "API_COVERAGE.md parsed: {}",
        wechat.len()
    );
    let http = client();
    let mut unserved = Vec::new();
    let calls = wechat
        .iter()
        .map(|endpoint| (endpoint, sim.base_url(), token.as_str()))
        .chain(wecom.iter().map(|e| (e, sim.work_base_url(), work_token)));
    for ((method, path), base, token) in calls {
        let url =
            format!("{base}{path}?access_token={token}&component_access_token={component_token}");
        let request = match method.as_str() {
            "GET" => http.get(&url),
            _ => http.post(&url).body("{}"),
        };
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let bytes = response.bytes().await.unwrap();
        let code = serde_json::from_slice::<Value>(&bytes)
            .ok()
            .and_then(|body| body["errcode"].as_i64());
        let wrong = status == 404
            || matches!(
                code,
                Some(
                    errcode::INVALID_URL
                        | errcode::REQUIRE_GET_METHOD
                        | errcode::REQUIRE_POST_METHOD
                )
            );
        if wrong {
            unserved.push(format!("{method} {path}: HTTP {status}, errcode {code:?}"));
        }
    }
    assert!(unserved.is_empty(), "not served:\n{}", unserved.join("\n"));
    println!(
        "typed endpoints served by the simulator: {rows} WeChat rows ({} paths), {} WeCom",
        wechat.len(),
        wecom.len()
    );
}

/// Every WeChat Pay row is served by the Pay sandbox: a correctly signed request from a
/// registered merchant, with an empty `{}` body and no query, gets an answer of the endpoint (often
/// a `PARAM_ERROR` or a 404 of a missing record), never the unknown-path 404 or a 405.
#[tokio::test]
async fn every_pay_endpoint_is_served_by_the_sandbox() {
    let endpoints = endpoints(sections().2);
    assert!(
        endpoints.len() >= 20,
        "WeChat Pay rows in API_COVERAGE.md: {}",
        endpoints.len()
    );
    let pay = crate::pay::pay_sim().await;
    let empty = serde_json::json!({});
    let mut unserved = Vec::new();
    for (method, path) in &endpoints {
        // Path parameters ({out_trade_no}…) get a well-formed number no record has.
        let path: String = path
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    "X20260000001"
                } else {
                    segment
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        let body = (method == "POST").then_some(&empty);
        let answer = pay.send(pay.request(method, &path, body, &[])).await;
        if answer.status == 405 || (answer.status == 404 && answer.code() == "URL_NOT_FOUND") {
            unserved.push(format!(
                "{method} {path}: HTTP {} {}",
                answer.status,
                answer.code()
            ));
        }
    }
    assert!(unserved.is_empty(), "not served:\n{}", unserved.join("\n"));
    println!(
        "WeChat Pay endpoints served by the sandbox: {}",
        endpoints.len()
    );
}
