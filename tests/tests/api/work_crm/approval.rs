//! OA approval (`/cgi-bin/oa/*`).

use serde_json::json;
use wechat_runtime::work::approval::{
    ApprovalApplication, ApprovalContent, ApprovalQuery, ApprovalStep,
};
use wechat_runtime::work::WorkApp;

use super::{work_mock, TOKEN_QUERY};
use crate::common::api::{assert_invalid, errcode};

const TEMPLATE: &str = "3Tka1eD6v6JfzhDMqPd3aMkFdxqtJMc2ZRioeFXk";

#[tokio::test]
async fn template_detail_decodes_the_controls() {
    let (api, client) = work_mock(WorkApp::Agent(3010040)).await;
    api.answer(
        "/cgi-bin/oa/gettemplatedetail",
        json!({
            "errcode": 0, "errmsg": "ok",
            "template_names": [{"text": "全字段", "lang": "zh_CN"}],
            "template_content": {"controls": [
                {"property": {"control": "Selector", "id": "Selector-15111111111",
                              "title": [{"text": "单选控件", "lang": "zh_CN"}],
                              "placeholder": [{"text": "这是单选控件的说明", "lang": "zh_CN"}],
                              "require": 0, "un_print": 0},
                 "config": {"selector": {"type": "single", "exp_type": 0, "options": [
                     {"key": "option-15111111111", "value": [{"text": "选项1", "lang": "zh_CN"}]}]}}},
                {"property": {"control": "Text", "id": "Text-15111111112",
                              "title": [{"text": "文本控件", "lang": "zh_CN"}], "placeholder": [],
                              "require": 1, "un_print": 0}}
            ]}
        }),
    );
    let template = client.approval().template_detail(TEMPLATE).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/oa/gettemplatedetail",
        TOKEN_QUERY,
        Some(json!({"template_id": TEMPLATE})),
    );
    assert_eq!(template.template_names[0].text, "全字段");
    let controls = &template.template_content.controls;
    assert_eq!(controls[0].property.control, "Selector");
    assert!(controls[0].config.is_some());
    assert_eq!(controls[1].property.require, 1);

    api.answer(
        "/cgi-bin/oa/gettemplatedetail",
        errcode(301025, "get approval param error"),
    );
    let err = client.approval().template_detail("nope").await.unwrap_err();
    assert_eq!(err.errcode(), Some(301025));
    assert_invalid(client.approval().template_detail(" ").await.unwrap_err());
}

#[tokio::test]
async fn apply_sends_the_application() {
    let (api, client) = work_mock(WorkApp::Agent(3010040)).await;
    api.answer(
        "/cgi-bin/oa/applyevent",
        json!({"errcode": 0, "errmsg": "ok", "sp_no": "202001010001"}),
    );
    let sp_no = client
        .approval()
        .apply(
            &ApprovalApplication::with_steps(
                "WangXiaoMing",
                TEMPLATE,
                [
                    ApprovalStep::any_of(["WuJunJie", "WangXiaoMing"]),
                    ApprovalStep::all_of(["LiuXiaoGang"]),
                ],
            )
            .choose_department(2)
            .notify(["WuJunJie", "WangXiaoMing"], 1)
            .content(ApprovalContent::text("Text-15111111111", "文本填写的内容"))
            .content(ApprovalContent::money("Money-15111111112", "700"))
            .summary_line("摘要第1行")
            .summary_line("摘要第2行"),
        )
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/oa/applyevent",
        TOKEN_QUERY,
        Some(json!({
            "creator_userid": "WangXiaoMing",
            "template_id": TEMPLATE,
            "use_template_approver": 0,
            "choose_department": 2,
            "approver": [
                {"attr": 1, "userid": ["WuJunJie", "WangXiaoMing"]},
                {"attr": 2, "userid": ["LiuXiaoGang"]}
            ],
            "notifyer": ["WuJunJie", "WangXiaoMing"],
            "notify_type": 1,
            "apply_data": {"contents": [
                {"control": "Text", "id": "Text-15111111111", "value": {"text": "文本填写的内容"}},
                {"control": "Money", "id": "Money-15111111112", "value": {"new_money": "700"}}
            ]},
            "summary_list": [
                {"summary_info": [{"text": "摘要第1行", "lang": "zh_CN"}]},
                {"summary_info": [{"text": "摘要第2行", "lang": "zh_CN"}]}
            ]
        })),
    );
    assert_eq!(sp_no, "202001010001");

    client
        .approval()
        .apply(
            &ApprovalApplication::with_template_flow("WangXiaoMing", TEMPLATE)
                .content(ApprovalContent::textarea("Textarea-1", "多行"))
                .summary_line("摘要"),
        )
        .await
        .unwrap();
    let body = api.last().json();
    assert_eq!(body["use_template_approver"], 1);
    assert!(body.get("approver").is_none());

    api.answer(
        "/cgi-bin/oa/applyevent",
        errcode(
            301025,
            "get approval param error:has no require control item",
        ),
    );
    let err = client
        .approval()
        .apply(
            &ApprovalApplication::with_template_flow("WangXiaoMing", TEMPLATE)
                .content(ApprovalContent::text("Text-1", "x"))
                .summary_line("s"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(301025));
    // A submission may have arrived: never sent twice.
    assert_eq!(api.sent(), 3);

    let approval = client.approval();
    let filled = |a: ApprovalApplication| a.content(ApprovalContent::text("Text-1", "x"));
    assert_invalid(
        approval
            .apply(&ApprovalApplication::with_steps("WangXiaoMing", TEMPLATE, []).summary_line("s"))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        approval
            .apply(&filled(ApprovalApplication::with_template_flow("", TEMPLATE)).summary_line("s"))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        approval
            .apply(&filled(ApprovalApplication::with_template_flow(
                "WangXiaoMing",
                TEMPLATE,
            )))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        approval
            .apply(
                &filled(ApprovalApplication::with_template_flow(
                    "WangXiaoMing",
                    TEMPLATE,
                ))
                .summary_line("1")
                .summary_line("2")
                .summary_line("3")
                .summary_line("4"),
            )
            .await
            .unwrap_err(),
    );
    assert_invalid(
        approval
            .apply(
                &ApprovalApplication::with_template_flow("WangXiaoMing", TEMPLATE)
                    .summary_line("s"),
            )
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), 3);
}

#[tokio::test]
async fn approval_numbers_and_detail() {
    let (api, client) = work_mock(WorkApp::Agent(3010040)).await;
    api.answer(
        "/cgi-bin/oa/getapprovalinfo",
        json!({
            "errcode": 0, "errmsg": "ok",
            "sp_no_list": ["202001010001", "202001010002", "202001010003"],
            "new_next_cursor": "NEXT_CURSOR"
        }),
    );
    let page = client
        .approval()
        .approval_numbers(
            &ApprovalQuery::new(1_569_546_000, 1_569_718_800)
                .cursor("CURSOR")
                .size(100)
                .template_id("ZLqk8pcsAoaXZ1eY56vpAgfX28MPdYU3ayMaSPHaaa")
                .creator("WuJunJie")
                .department(1)
                .sp_status(1),
        )
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/oa/getapprovalinfo",
        TOKEN_QUERY,
        Some(json!({
            "starttime": "1569546000", "endtime": "1569718800", "new_cursor": "CURSOR", "size": 100,
            "filters": [
                {"key": "template_id", "value": "ZLqk8pcsAoaXZ1eY56vpAgfX28MPdYU3ayMaSPHaaa"},
                {"key": "creator", "value": "WuJunJie"},
                {"key": "department", "value": "1"},
                {"key": "sp_status", "value": "1"}
            ]
        })),
    );
    assert_eq!(page.sp_no_list.len(), 3);
    assert_eq!(page.new_next_cursor.as_deref(), Some("NEXT_CURSOR"));

    api.answer(
        "/cgi-bin/oa/getapprovaldetail",
        json!({
            "errcode": 0, "errmsg": "ok",
            "info": {
                "sp_no": "202001200002", "sp_name": "全字段", "sp_status": 1,
                "template_id": "Bs5KJ2NT4ncf4ZygaE8MB3779yUW8nsMaJd3mmE9v", "apply_time": 1579167498,
                "applyer": {"userid": "WuJunJie", "partyid": "2"},
                "sp_record": [{
                    "sp_status": 1, "approverattr": 1,
                    "details": [{"approver": {"userid": "WuJunJie"}, "speech": "", "sp_status": 1, "sptime": 0, "media_id": []}]
                }],
                "notifyer": [{"userid": "LiuXiaoGang"}],
                "apply_data": {"contents": [
                    {"control": "Text", "id": "Text-15111111111",
                     "title": [{"text": "文本控件", "lang": "zh_CN"}],
                     "value": {"text": "文本填写的内容"}}
                ]},
                "comments": [{
                    "commentUserInfo": {"userid": "WuJunJie"}, "commenttime": 1562833398,
                    "commentcontent": "这是一个备注", "commentid": "6741314136717778040", "media_id": ["WWCISP_Xa1dXIyC9VC2vGTXyBjUXh4GQ31G-a7jilEjFjkYBfncSJv0kM1cZAIXULWbbtosVqA7hprZIUkl4GP0DYZKDrIay9vCzeQelmmHiczwfn80v51EtuNouzBhUBTWo9oQIIzsSftjaVmd4EC_dj5-rayfDl6yIIRdoUs1V_Gz6Pi3yH37ELOgLNAPYUSJpA6V190Xunl7b0s5K5XC9c7eX5vlJek38rB_a2K-kMFMiM1mHDqnltoPa_NT9QynXuHi"]
                }]
            }
        }),
    );
    let detail = client.approval().detail("202001200002").await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/oa/getapprovaldetail",
        TOKEN_QUERY,
        Some(json!({"sp_no": "202001200002"})),
    );
    assert_eq!(detail.sp_status, 1);
    assert_eq!(detail.applyer.partyid, "2");
    assert_eq!(detail.sp_record[0].details[0].approver.userid, "WuJunJie");
    assert_eq!(
        detail.apply_data.contents[0].value["text"],
        "文本填写的内容"
    );
    assert_eq!(detail.comments[0].comment_user_info.userid, "WuJunJie");

    api.answer(
        "/cgi-bin/oa/getapprovaldetail",
        errcode(301055, "no approval auth"),
    );
    let err = client.approval().detail("202001200003").await.unwrap_err();
    assert_eq!(err.errcode(), Some(301055));

    let sent = api.sent();
    let approval = client.approval();
    assert_invalid(approval.detail("").await.unwrap_err());
    assert_invalid(
        approval
            .approval_numbers(&ApprovalQuery::new(200, 100))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        approval
            .approval_numbers(&ApprovalQuery::new(0, 32 * 24 * 3600))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        approval
            .approval_numbers(&ApprovalQuery::new(100, 200).size(101))
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), sent);
}
