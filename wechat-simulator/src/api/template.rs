//! Template messages: the account's industries and templates (`/cgi-bin/template/*`) and sends
//! (`/cgi-bin/message/template/send`).

use axum::{extract::State, Router};
use serde_json::{json, Value};

use super::{
    credentials::AccessToken,
    get,
    message::{lenient_u64, text, touser},
    ok, ok_empty, post, ApiResult, WxJson,
};
use crate::{
    errcode,
    state::{
        push_bounded,
        templates::{PrivateTemplate, SentTemplate},
        AppState,
    },
    tokens::random_string,
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/template/api_set_industry", post(set_industry))
        .route("/cgi-bin/template/get_industry", get(industry))
        .route("/cgi-bin/template/api_add_template", post(add))
        .route("/cgi-bin/template/get_all_private_template", get(list))
        .route("/cgi-bin/template/del_private_template", post(delete))
        .route("/cgi-bin/message/template/send", post(send))
}

/// WeChat's template industries, by industry code (1 is the first): (main class, sub class).
const INDUSTRIES: &[(&str, &str)] = &[
    ("IT科技", "互联网|电子商务"),
    ("IT科技", "IT软件与服务"),
    ("IT科技", "IT硬件与设备"),
    ("IT科技", "电子技术"),
    ("IT科技", "通信与运营商"),
    ("IT科技", "网络游戏"),
    ("金融业", "银行"),
    ("金融业", "基金理财信托"),
    ("金融业", "保险"),
    ("餐饮", "餐饮"),
    ("酒店旅游", "酒店"),
    ("酒店旅游", "旅游"),
    ("运输与仓储", "快递"),
    ("运输与仓储", "物流"),
    ("运输与仓储", "仓储"),
    ("教育", "培训"),
    ("教育", "院校"),
    ("政府与公共事业", "学术科研"),
    ("政府与公共事业", "交警"),
    ("政府与公共事业", "博物馆"),
    ("政府与公共事业", "公共事业非盈利机构"),
    ("医药护理", "医药医疗"),
    ("医药护理", "护理美容"),
    ("医药护理", "保健与卫生"),
    ("交通工具", "汽车相关"),
    ("交通工具", "摩托车相关"),
    ("交通工具", "火车相关"),
    ("交通工具", "飞机相关"),
    ("房地产", "建筑"),
    ("房地产", "物业"),
    ("消费品", "消费品"),
    ("商业服务", "法律"),
    ("商业服务", "会展"),
    ("商业服务", "中介服务"),
    ("商业服务", "认证"),
    ("商业服务", "审计"),
    ("文体娱乐", "传媒"),
    ("文体娱乐", "体育"),
    ("文体娱乐", "娱乐休闲"),
    ("印刷", "印刷"),
    ("其它", "其它"),
];

/// WeChat's cap on templates per account.
const MAX_TEMPLATES: usize = 25;
/// How many sent template messages the simulator keeps; older ones are dropped.
const MAX_SENT: usize = 10_000;
/// The first `msgid` given.
const FIRST_MSGID: u64 = 2_000_000_001;

/// An industry code of the body, checked: 40102 unless 1 to 41.
fn industry_code(body: &Value, key: &str) -> Result<usize, WxError> {
    lenient_u64(body.get(key))
        .and_then(|code| usize::try_from(code).ok())
        .filter(|code| (1..=INDUSTRIES.len()).contains(code))
        .ok_or_else(|| WxError::new(errcode::INVALID_INDUSTRY_ID))
}

fn industry_class(code: usize) -> Value {
    let (first, second) = INDUSTRIES[code - 1];
    json!({ "first_class": first, "second_class": second })
}

/// `POST /cgi-bin/template/api_set_industry`: as in WeChat, changing the industries deletes
/// the templates chosen under the previous ones.
async fn set_industry(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let industry = (
        industry_code(&body, "industry_id1")?,
        industry_code(&body, "industry_id2")?,
    );
    let mut inner = state.lock();
    let app = inner.templates.apps.entry(auth.appid).or_default();
    if app.industry.is_some_and(|previous| previous != industry) {
        app.templates.clear();
    }
    app.industry = Some(industry);
    drop(inner);
    ok_empty()
}

/// `GET /cgi-bin/template/get_industry`: the industries set, absent until set.
async fn industry(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    let industry = state
        .lock()
        .templates
        .apps
        .get(&auth.appid)
        .and_then(|app| app.industry);
    match industry {
        Some((primary, secondary)) => ok(json!({
            "primary_industry": industry_class(primary),
            "secondary_industry": industry_class(secondary),
        })),
        None => ok(json!({})),
    }
}

/// The content and example of a template: one `keywordN` line per keyword name, or the
/// classic `first` / `keyword1..2` / `remark` layout without names.
fn content_of(keyword_names: &[&str]) -> (String, String) {
    if keyword_names.is_empty() {
        let content =
            "{{first.DATA}}\n项目：{{keyword1.DATA}}\n时间：{{keyword2.DATA}}\n{{remark.DATA}}";
        let example = "您好\n项目：会员升级\n时间：2024年1月1日\n感谢您的使用";
        return (content.to_owned(), example.to_owned());
    }
    let mut content = String::new();
    let mut example = String::new();
    for (i, name) in keyword_names.iter().enumerate() {
        content.push_str(&format!("{name}:{{{{keyword{}.DATA}}}}\n", i + 1));
        example.push_str(&format!("{name}:示例{}\n", i + 1));
    }
    (content, example)
}

/// `POST /cgi-bin/template/api_add_template`: a template from the library by
/// `template_id_short`, with optional `keyword_name_list`; 40037 without a valid short id,
/// 47003 for an empty keyword name, 45026 past 25 templates.
async fn add(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let short_id = text(&body, "template_id_short")
        .filter(|id| id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric()))
        .ok_or_else(|| WxError::new(errcode::INVALID_TEMPLATE_ID))?;
    let names: Vec<&str> = match body.get("keyword_name_list") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(names)) => names
            .iter()
            .map(|n| n.as_str().filter(|n| !n.is_empty()))
            .collect::<Option<_>>()
            .ok_or_else(|| WxError::new(errcode::ARGUMENT_INVALID))?,
        Some(_) => return Err(WxError::new(errcode::DATA_FORMAT_ERROR)),
    };
    let (content, example) = content_of(&names);
    let template_id = random_string(43);
    let mut inner = state.lock();
    let app = inner.templates.apps.entry(auth.appid).or_default();
    if app.templates.len() >= MAX_TEMPLATES {
        return Err(WxError::new(errcode::TEMPLATE_NUM_EXCEEDS_LIMIT));
    }
    // Until industries are set, templates show WeChat's first industry.
    let (primary, deputy) = app.industry.unwrap_or((1, 2));
    app.templates.push(PrivateTemplate {
        template_id: template_id.clone(),
        title: format!("模板消息{short_id}"),
        primary_industry: INDUSTRIES[primary - 1].0.to_owned(),
        deputy_industry: INDUSTRIES[deputy - 1].1.to_owned(),
        content,
        example,
    });
    drop(inner);
    ok(json!({ "errcode": 0, "errmsg": "ok", "template_id": template_id }))
}

/// `GET /cgi-bin/template/get_all_private_template`.
async fn list(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    let templates: Vec<Value> = state
        .lock()
        .templates
        .apps
        .get(&auth.appid)
        .map(|app| {
            app.templates
                .iter()
                .map(|t| {
                    json!({
                        "template_id": t.template_id,
                        "title": t.title,
                        "primary_industry": t.primary_industry,
                        "deputy_industry": t.deputy_industry,
                        "content": t.content,
                        "example": t.example,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    ok(json!({ "template_list": templates }))
}

/// `POST /cgi-bin/template/del_private_template`: 40037 for a template the account has not.
async fn delete(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let template_id = text(&body, "template_id").unwrap_or_default();
    let mut inner = state.lock();
    let app = inner.templates.apps.entry(auth.appid).or_default();
    let before = app.templates.len();
    app.templates.retain(|t| t.template_id != template_id);
    if app.templates.len() == before {
        return Err(WxError::new(errcode::INVALID_TEMPLATE_ID));
    }
    drop(inner);
    ok_empty()
}

/// Checks a template or subscribe message's `data`: an object of `{"value": "..."}` objects
/// (47003 otherwise). Returns the names given.
pub(super) fn data_names(body: &Value) -> Result<Vec<&str>, WxError> {
    let invalid = || WxError::new(errcode::ARGUMENT_INVALID);
    let data = match body.get("data") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Object(data)) => data,
        Some(_) => return Err(invalid()),
    };
    data.iter()
        .map(|(name, value)| {
            value
                .get("value")
                .and_then(Value::as_str)
                .map(|_| name.as_str())
                .ok_or_else(invalid)
        })
        .collect()
}

/// `POST /cgi-bin/message/template/send`: 40003 for a bad `touser`, 40037 for a template the
/// account has not, 47003 for malformed `data` or a `miniprogram` without `appid`; answers
/// the `msgid`, and the message is kept for
/// [`sent_templates`](crate::Simulator::sent_templates).
async fn send(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    touser(&body)?;
    let template_id = text(&body, "template_id").unwrap_or_default();
    if let Some(miniprogram) = body.get("miniprogram") {
        if text(miniprogram, "appid").is_none() {
            return Err(WxError::new(errcode::ARGUMENT_INVALID));
        }
    }
    let mut inner = state.lock();
    let templates = &mut inner.templates;
    let known = templates
        .apps
        .get(&auth.appid)
        .is_some_and(|app| app.templates.iter().any(|t| t.template_id == template_id));
    if !known {
        return Err(WxError::new(errcode::INVALID_TEMPLATE_ID));
    }
    data_names(&body)?;
    let msgid = FIRST_MSGID + templates.next_msgid;
    templates.next_msgid += 1;
    let sent = SentTemplate {
        appid: auth.appid,
        msgid,
        body,
    };
    push_bounded(&mut templates.sent, sent, MAX_SENT);
    drop(inner);
    ok(json!({ "errcode": 0, "errmsg": "ok", "msgid": msgid }))
}
