//! Every typed WeCom event, from XML shaped as in WeCom's documentation, received through a
//! WeCom endpoint; unknown events and wrong shapes.

use wechat_runtime::callback::router::dedup_key;
use wechat_runtime::callback::{
    ContactChange, ExternalChatChange, ExternalContactChange, Incoming, WorkEventKind,
};
use wechat_runtime::Error;

use super::{kind, receive, sys_event, CORPID};

// ----- the address book -----

#[test]
fn create_user_with_every_field() {
    let incoming = receive(&sys_event(
        "change_contact",
        "<ChangeType>create_user</ChangeType><UserID><![CDATA[zhangsan]]></UserID><Name><![CDATA[张三]]></Name><Department><![CDATA[1,2,3]]></Department><MainDepartment>1</MainDepartment><IsLeaderInDept><![CDATA[1,0,0]]></IsLeaderInDept><DirectLeader><![CDATA[lisi,wangwu]]></DirectLeader><Position><![CDATA[产品经理]]></Position><Mobile>13800000000</Mobile><Gender>1</Gender><Email><![CDATA[zhangsan@gzdev.com]]></Email><BizMail><![CDATA[zhangsan@qyycs2.wecom.work]]></BizMail><Status>1</Status><Avatar><![CDATA[http://wx.qlogo.cn/mmopen/ajNVdqHZLLA3WJ6DSZUfiakYe37PKnQhBIeOQBO4czqrnZDS79FH5Wm5m4X69TBicnHFlhiafvDwklOpZeXYQQ2icg/0]]></Avatar><Alias><![CDATA[zhangsan]]></Alias><Telephone><![CDATA[020-123456]]></Telephone><Address><![CDATA[广州市]]></Address><ExtAttr><Item><Name><![CDATA[爱好]]></Name><Type>0</Type><Text><Value><![CDATA[旅游]]></Value></Text></Item><Item><Name><![CDATA[卡号]]></Name><Type>1</Type><Web><Title><![CDATA[企业微信]]></Title><Url><![CDATA[https://work.weixin.qq.com]]></Url></Web></Item></ExtAttr></xml>",
    ));
    let Incoming::Work(event) = &incoming else {
        panic!("{incoming:?}")
    };
    assert_eq!(event.header.to_user_name, CORPID);
    assert_eq!(event.header.from_user_name, "sys");
    assert_eq!(event.header.create_time, 1403610513);
    assert_eq!(event.agent_id, None);
    let WorkEventKind::ChangeContact(ContactChange::CreateUser(member)) = &event.kind else {
        panic!("{:?}", event.kind)
    };
    assert_eq!(member.user_id, "zhangsan");
    assert_eq!(member.new_user_id, None);
    // The member's name, not the extended attribute's.
    assert_eq!(member.name.as_deref(), Some("张三"));
    assert_eq!(member.department, Some(vec![1, 2, 3]));
    assert_eq!(member.main_department, Some(1));
    assert_eq!(member.is_leader_in_dept, Some(vec![true, false, false]));
    assert_eq!(
        member.direct_leader,
        Some(vec!["lisi".to_owned(), "wangwu".to_owned()])
    );
    assert_eq!(member.position.as_deref(), Some("产品经理"));
    assert_eq!(member.mobile.as_deref(), Some("13800000000"));
    assert_eq!(member.gender, Some(1));
    assert_eq!(member.email.as_deref(), Some("zhangsan@gzdev.com"));
    assert_eq!(
        member.biz_mail.as_deref(),
        Some("zhangsan@qyycs2.wecom.work")
    );
    assert_eq!(member.status, Some(1));
    assert!(member
        .avatar
        .as_deref()
        .unwrap()
        .starts_with("http://wx.qlogo.cn/"));
    assert_eq!(member.alias.as_deref(), Some("zhangsan"));
    assert_eq!(member.telephone.as_deref(), Some("020-123456"));
    assert_eq!(member.address.as_deref(), Some("广州市"));
    assert_eq!(incoming.field("ChangeType"), Some("create_user"));
    assert_eq!(kind(&incoming).change_type(), Some("create_user"));
}

#[test]
fn update_and_delete_user() {
    // Only what changed is sent: since August 2022, UserID and Department at most.
    let incoming = receive(&sys_event(
        "change_contact",
        "<ChangeType>update_user</ChangeType><UserID><![CDATA[zhangsan]]></UserID><NewUserID><![CDATA[zhangsan001]]></NewUserID><Department><![CDATA[2]]></Department>",
    ));
    let WorkEventKind::ChangeContact(ContactChange::UpdateUser(member)) = kind(&incoming) else {
        panic!("{incoming:?}")
    };
    assert_eq!(member.user_id, "zhangsan");
    assert_eq!(member.new_user_id.as_deref(), Some("zhangsan001"));
    assert_eq!(member.department, Some(vec![2]));
    assert_eq!(member.name, None);
    assert_eq!(member.mobile, None);

    let incoming = receive(&sys_event(
        "change_contact",
        "<ChangeType>delete_user</ChangeType><UserID><![CDATA[zhangsan]]></UserID>",
    ));
    assert!(matches!(
        kind(&incoming),
        WorkEventKind::ChangeContact(ContactChange::DeleteUser { user_id }) if user_id == "zhangsan"
    ));
}

#[test]
fn create_update_and_delete_party() {
    let incoming = receive(&sys_event(
        "change_contact",
        "<ChangeType>create_party</ChangeType><Id>2</Id><Name><![CDATA[张三]]></Name><ParentId><![CDATA[1]]></ParentId><Order>1</Order>",
    ));
    let WorkEventKind::ChangeContact(ContactChange::CreateParty(party)) = kind(&incoming) else {
        panic!("{incoming:?}")
    };
    assert_eq!(party.id, 2);
    assert_eq!(party.name.as_deref(), Some("张三"));
    assert_eq!(party.parent_id, Some(1));
    assert_eq!(party.order, Some(1));

    let incoming = receive(&sys_event(
        "change_contact",
        "<ChangeType>update_party</ChangeType><Id>2</Id><ParentId><![CDATA[3]]></ParentId>",
    ));
    let WorkEventKind::ChangeContact(ContactChange::UpdateParty(party)) = kind(&incoming) else {
        panic!("{incoming:?}")
    };
    assert_eq!(
        (party.id, party.name.as_deref(), party.parent_id),
        (2, None, Some(3))
    );

    let incoming = receive(&sys_event(
        "change_contact",
        "<ChangeType>delete_party</ChangeType><Id>2</Id>",
    ));
    assert!(matches!(
        kind(&incoming),
        WorkEventKind::ChangeContact(ContactChange::DeleteParty { id: 2 })
    ));
}

#[test]
fn update_tag_and_an_unknown_change_type() {
    let incoming = receive(&sys_event(
        "change_contact",
        "<ChangeType><![CDATA[update_tag]]></ChangeType><TagId>1</TagId><AddUserItems><![CDATA[zhangsan,lisi]]></AddUserItems><DelUserItems><![CDATA[zhangsan1,lisi1]]></DelUserItems><AddPartyItems><![CDATA[1,2]]></AddPartyItems><DelPartyItems><![CDATA[3,4]]></DelPartyItems>",
    ));
    let WorkEventKind::ChangeContact(ContactChange::UpdateTag(tag)) = kind(&incoming) else {
        panic!("{incoming:?}")
    };
    assert_eq!(tag.tag_id, 1);
    assert_eq!(tag.add_user_items, ["zhangsan", "lisi"]);
    assert_eq!(tag.del_user_items, ["zhangsan1", "lisi1"]);
    assert_eq!(tag.add_party_items, [1, 2]);
    assert_eq!(tag.del_party_items, [3, 4]);

    let incoming = receive(&sys_event(
        "change_contact",
        "<ChangeType>a_future_change</ChangeType><Extra>x</Extra>",
    ));
    assert!(matches!(
        kind(&incoming),
        WorkEventKind::ChangeContact(ContactChange::Unknown { change_type }) if change_type == "a_future_change"
    ));
    assert_eq!(incoming.field("Extra"), Some("x"));
}

// ----- customer contact -----

fn external(change_type: &str, rest: &str) -> ExternalContactChange {
    let incoming = receive(&sys_event(
        "change_external_contact",
        &format!("<ChangeType><![CDATA[{change_type}]]></ChangeType><UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA]]></ExternalUserID>{rest}"),
    ));
    let WorkEventKind::ChangeExternalContact(change) = kind(&incoming) else {
        panic!("{incoming:?}")
    };
    assert_eq!(change.change_type(), change_type);
    assert_eq!(
        change.parties(),
        Some(("zhangsan", "woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA"))
    );
    change.clone()
}

#[test]
fn every_customer_change() {
    let added = external(
        "add_external_contact",
        "<State><![CDATA[teststate]]></State><WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode>",
    );
    assert!(matches!(
        &added,
        ExternalContactChange::AddExternalContact { state: Some(state), welcome_code: Some(code), .. }
            if state == "teststate" && code == "WELCOMECODE"
    ));
    // The welcome code is a credential.
    assert!(!format!("{added:?}").contains("WELCOMECODE"), "{added:?}");

    assert!(matches!(
        external("add_half_external_contact", "<State><![CDATA[s]]></State>"),
        ExternalContactChange::AddHalfExternalContact {
            welcome_code: None,
            ..
        }
    ));
    assert!(matches!(
        external("edit_external_contact", ""),
        ExternalContactChange::EditExternalContact { .. }
    ));
    assert!(matches!(
        external("del_external_contact", "<Source><![CDATA[DELETE_BY_TRANSFER]]></Source>"),
        ExternalContactChange::DelExternalContact { source: Some(source), .. } if source == "DELETE_BY_TRANSFER"
    ));
    assert!(matches!(
        external("del_follow_user", ""),
        ExternalContactChange::DelFollowUser { .. }
    ));
    assert!(matches!(
        external("transfer_fail", "<FailReason><![CDATA[customer_refused]]></FailReason>"),
        ExternalContactChange::TransferFail { fail_reason, .. } if fail_reason == "customer_refused"
    ));
}

#[test]
fn every_customer_group_change() {
    let chat = |change_type: &str, rest: &str| {
        let incoming = receive(&sys_event(
            "change_external_chat",
            &format!("<ChatId><![CDATA[wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA]]></ChatId><ChangeType><![CDATA[{change_type}]]></ChangeType>{rest}"),
        ));
        let WorkEventKind::ChangeExternalChat(change) = kind(&incoming) else {
            panic!("{incoming:?}")
        };
        assert_eq!(change.chat_id(), "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA");
        assert_eq!(change.change_type(), change_type);
        change.clone()
    };
    assert!(matches!(
        chat("create", ""),
        ExternalChatChange::Create { .. }
    ));
    assert!(matches!(
        chat("dismiss", ""),
        ExternalChatChange::Dismiss { .. }
    ));
    let ExternalChatChange::Update(update) = chat(
        "update",
        "<UpdateDetail><![CDATA[add_member]]></UpdateDetail><JoinScene>1</JoinScene><QuitScene>0</QuitScene><MemChangeCnt>2</MemChangeCnt><MemChangeList><Item><![CDATA[Jack]]></Item><Item><![CDATA[Rose]]></Item></MemChangeList><LastMemVer><![CDATA[9c3f97c2ada667dfb5f6d03308d963e1]]></LastMemVer><CurMemVer><![CDATA[71217227bbd112ecfe3a49c482195cb4]]></CurMemVer>",
    ) else {
        panic!("not an update")
    };
    assert_eq!(update.update_detail, "add_member");
    assert_eq!(update.join_scene, Some(1));
    assert_eq!(update.quit_scene, Some(0));
    assert_eq!(update.mem_change_cnt, Some(2));
    assert_eq!(update.mem_change_list, ["Jack", "Rose"]);
    assert_eq!(
        update.last_mem_ver.as_deref(),
        Some("9c3f97c2ada667dfb5f6d03308d963e1")
    );
    assert_eq!(
        update.cur_mem_ver.as_deref(),
        Some("71217227bbd112ecfe3a49c482195cb4")
    );
    // Renamed: no member list.
    let ExternalChatChange::Update(renamed) = chat(
        "update",
        "<UpdateDetail><![CDATA[change_name]]></UpdateDetail>",
    ) else {
        panic!("not an update")
    };
    assert!(renamed.mem_change_list.is_empty());
    assert_eq!(renamed.join_scene, None);
}

// ----- approvals, customer service, menus -----

#[test]
fn sys_approval_change_summary() {
    let incoming = receive(&sys_event(
        "sys_approval_change",
        "<AgentID>3010040</AgentID><ApprovalInfo><SpNo>201910220003</SpNo><SpName><![CDATA[示例模板]]></SpName><SpStatus>1</SpStatus><TemplateId><![CDATA[3TkaH5KFbrG9heEQWLJjhgpFwmqAFB4dLEnapaB7aaa]]></TemplateId><ApplyTime>1571728713</ApplyTime><Applyer><UserId><![CDATA[WuJunJie]]></UserId><Party><![CDATA[1]]></Party></Applyer><SpRecord><SpStatus>1</SpStatus><ApproverAttr>2</ApproverAttr><Details><Approver><UserId><![CDATA[WangXiaoMing]]></UserId></Approver><Speech><![CDATA[]]></Speech><SpStatus>1</SpStatus><SpTime>0</SpTime></Details></SpRecord><SpRecord><SpStatus>1</SpStatus><ApproverAttr>1</ApproverAttr><Details><Approver><UserId><![CDATA[LiXiaoHong]]></UserId></Approver><Speech><![CDATA[]]></Speech><SpStatus>1</SpStatus><SpTime>0</SpTime></Details></SpRecord><Notifyer><UserId><![CDATA[LiuXiaoGang]]></UserId></Notifyer><StatuChangeEvent>1</StatuChangeEvent></ApprovalInfo>",
    ));
    assert_eq!(incoming.agent_id(), Some(3010040));
    let WorkEventKind::SysApprovalChange(approval) = kind(&incoming) else {
        panic!("{incoming:?}")
    };
    assert_eq!(approval.sp_no, "201910220003");
    assert_eq!(approval.sp_name, "示例模板");
    assert_eq!(approval.sp_status, 1);
    assert_eq!(
        approval.template_id,
        "3TkaH5KFbrG9heEQWLJjhgpFwmqAFB4dLEnapaB7aaa"
    );
    assert_eq!(approval.apply_time, 1571728713);
    assert_eq!(approval.applyer_user_id, "WuJunJie");
    assert_eq!(approval.applyer_party, "1");
    assert_eq!(approval.status_change_event, 1);

    // Newer callbacks carry the number as text too: that one wins.
    let incoming = receive(&sys_event(
        "sys_approval_change",
        "<AgentID>3010040</AgentID><ApprovalInfo><SpNoStr><![CDATA[202506110001]]></SpNoStr><SpNo>202506110001</SpNo><SpStatus>2</SpStatus><StatuChangeEvent>2</StatuChangeEvent></ApprovalInfo>",
    ));
    let WorkEventKind::SysApprovalChange(approval) = kind(&incoming) else {
        panic!("{incoming:?}")
    };
    assert_eq!(
        (approval.sp_no.as_str(), approval.sp_status),
        ("202506110001", 2)
    );
}

#[test]
fn kf_msg_or_event_has_no_sender() {
    let xml = format!(
        "<xml><ToUserName><![CDATA[{CORPID}]]></ToUserName><CreateTime>1348831860</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR]]></Token><OpenKfId><![CDATA[wkxxxxxxx]]></OpenKfId></xml>"
    );
    let incoming = receive(&xml);
    assert_eq!(incoming.from_user_name(), Some(""));
    let WorkEventKind::KfMsgOrEvent { token, open_kf_id } = kind(&incoming) else {
        panic!("{incoming:?}")
    };
    assert_eq!(token, "ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR");
    assert_eq!(open_kf_id, "wkxxxxxxx");
    // The token is a credential: neither Debug nor the dedup key shows it.
    assert!(!format!("{incoming:?}").contains("ENCApHx"));
    assert!(!dedup_key(&incoming).contains("ENCApHx"));
}

#[test]
fn menus_and_entering_the_application() {
    let member = |event: &str, key: &str| {
        format!(
            "<xml><ToUserName><![CDATA[{CORPID}]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>1408091189</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{event}]]></Event><EventKey><![CDATA[{key}]]></EventKey><AgentID>1000002</AgentID></xml>"
        )
    };
    let click = receive(&member("click", "V1001_TODAY_MUSIC"));
    assert!(
        matches!(kind(&click), WorkEventKind::Click { event_key } if event_key == "V1001_TODAY_MUSIC")
    );
    assert_eq!(click.agent_id(), Some(1000002));
    assert_eq!(click.from_user_name(), Some("zhangsan"));
    let view = receive(&member("view", "https://work.weixin.qq.com/"));
    assert!(
        matches!(kind(&view), WorkEventKind::View { event_key } if event_key == "https://work.weixin.qq.com/")
    );
    let enter = receive(&member("enter_agent", ""));
    assert!(
        matches!(kind(&enter), WorkEventKind::EnterAgent { event_key } if event_key.is_empty())
    );
    assert_eq!(kind(&enter).name(), "enter_agent");
}

#[test]
fn unknown_events_keep_every_field() {
    let xml = sys_event(
        "batch_job_result",
        "<BatchJob><JobId><![CDATA[S0MrnndvRG5fadSlLwiBqiDDbM143UqTmKP3152FZk4]]></JobId><JobType><![CDATA[sync_user]]></JobType><ErrCode>0</ErrCode><ErrMsg><![CDATA[ok]]></ErrMsg></BatchJob><AgentID>1</AgentID><Later><![CDATA[x]]></Later>",
    );
    let incoming = receive(&xml);
    let WorkEventKind::Unknown { event, raw } = kind(&incoming) else {
        panic!("{incoming:?}")
    };
    assert_eq!(event, "batch_job_result");
    assert_eq!(raw, &xml);
    assert_eq!(incoming.field("Later"), Some("x"));
    assert_eq!(incoming.agent_id(), Some(1));
    assert_eq!(incoming.fields().iter().count(), 7);
}

#[test]
fn wrong_shapes_are_malformed() {
    let malformed = |xml: &str| {
        assert!(
            matches!(Incoming::parse_work(xml), Err(Error::MalformedMessage(_))),
            "{xml}"
        )
    };
    malformed(
        "<xml><ToUserName>ww1</ToUserName><CreateTime>1</CreateTime><MsgType>event</MsgType></xml>",
    );
    malformed(
        "<xml><ToUserName>ww1</ToUserName><MsgType>event</MsgType><Event>click</Event></xml>",
    );
    malformed(
        "<xml><CreateTime>soon</CreateTime><MsgType>event</MsgType><Event>click</Event></xml>",
    );
    malformed("<!DOCTYPE xml [<!ENTITY a \"b\">]><xml><MsgType>event</MsgType><Event>&a;</Event><CreateTime>1</CreateTime></xml>");
    malformed("<xml><MsgType>event</MsgType>");
    malformed(&sys_event(
        "sys_approval_change",
        "<ApprovalInfo><SpName><Nested>x</Nested></SpName></ApprovalInfo>",
    ));
    // A message misses its sender as on WeChat.
    malformed("<xml><ToUserName>ww1</ToUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content></xml>");
}
