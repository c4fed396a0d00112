//! Departments: create, change, delete, list (full and ids), read one.

use serde_json::json;
use wechat_runtime::work::contacts::DepartmentForm;
use wechat_runtime::work::WorkApp;

use super::{done, wecom, Q};
use crate::common::api::{assert_invalid, errcode};

#[tokio::test]
async fn create_department_returns_its_id() {
    let (api, client) = wecom(WorkApp::Contacts).await;
    api.answer(
        "/cgi-bin/department/create",
        json!({"errcode": 0, "errmsg": "created", "id": 2}),
    );
    let form = DepartmentForm::new("广州研发中心", 1)
        .name_en("RDGZ")
        .order(1)
        .id(2);
    let id = client.contacts().create_department(&form).await.unwrap();
    assert_eq!(id, 2);
    api.expect(
        "POST",
        "/cgi-bin/department/create",
        Q,
        Some(
            json!({"name": "广州研发中心", "name_en": "RDGZ", "parentid": 1, "order": 1, "id": 2}),
        ),
    );
    api.answer(
        "/cgi-bin/department/create",
        errcode(60008, "department existed"),
    );
    let err = client
        .contacts()
        .create_department(&DepartmentForm::new("广州研发中心", 1))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(60008));

    let sent = api.sent();
    for form in [
        DepartmentForm::new("研发:中心", 1),
        DepartmentForm::new("", 1),
        DepartmentForm::new("研发", 0),
        DepartmentForm::new("研发", 1).id(1),
        DepartmentForm::new("研发", 1).name_en("R|D"),
        DepartmentForm::new("名".repeat(65), 1),
    ] {
        assert_invalid(
            client
                .contacts()
                .create_department(&form)
                .await
                .unwrap_err(),
        );
    }
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn update_and_delete_a_department() {
    let (api, client) = wecom(WorkApp::Contacts).await;
    api.answer("/cgi-bin/department/update", done("updated"));
    let form = DepartmentForm::update(2)
        .name("广州研发中心")
        .parentid(1)
        .order(5);
    client.contacts().update_department(&form).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/department/update",
        Q,
        Some(json!({"id": 2, "name": "广州研发中心", "parentid": 1, "order": 5})),
    );

    api.answer("/cgi-bin/department/delete", done("deleted"));
    client.contacts().delete_department(2).await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/department/delete",
        &[Q[0], ("id", "2")],
        None,
    );
    api.answer(
        "/cgi-bin/department/delete",
        errcode(60005, "department contains user"),
    );
    let err = client.contacts().delete_department(3).await.unwrap_err();
    assert_eq!(err.errcode(), Some(60005));

    let sent = api.sent();
    assert_invalid(
        client
            .contacts()
            .update_department(&DepartmentForm::update(2).parentid(2))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        client
            .contacts()
            .update_department(&DepartmentForm::new("没有id", 1))
            .await
            .unwrap_err(),
    );
    assert_invalid(client.contacts().delete_department(0).await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn list_the_tree_and_read_one() {
    let (api, client) = wecom(WorkApp::Contacts).await;
    api.answer(
        "/cgi-bin/department/list",
        json!({"errcode": 0, "errmsg": "ok", "department": [
            {"id": 2, "name": "广州研发中心", "name_en": "RDGZ", "department_leader": ["zhangsan", "lisi"], "parentid": 1, "order": 10},
            {"id": 3, "name": "邮箱产品部", "name_en": "mail", "department_leader": ["lisi", "wangwu"], "parentid": 2, "order": 40}
        ]}),
    );
    let departments = client.contacts().departments(Some(2)).await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/department/list",
        &[Q[0], ("id", "2")],
        None,
    );
    assert_eq!(departments.len(), 2);
    assert_eq!(departments[1].parentid, 2);
    assert_eq!(departments[0].department_leader, ["zhangsan", "lisi"]);
    client.contacts().departments(None).await.unwrap();
    api.expect("GET", "/cgi-bin/department/list", Q, None);

    api.answer(
        "/cgi-bin/department/simplelist",
        json!({"errcode": 0, "errmsg": "ok", "department_id": [
            {"id": 2, "parentid": 1, "order": 10}, {"id": 3, "parentid": 2, "order": 40}
        ]}),
    );
    let nodes = client.contacts().department_ids(None).await.unwrap();
    api.expect("GET", "/cgi-bin/department/simplelist", Q, None);
    assert_eq!((nodes[1].id, nodes[1].parentid, nodes[1].order), (3, 2, 40));

    api.answer(
        "/cgi-bin/department/get",
        json!({"errcode": 0, "errmsg": "ok", "department": {
            "id": 2, "name": "广州研发中心", "name_en": "RDGZ", "department_leader": ["zhangsan"], "parentid": 1, "order": 10
        }}),
    );
    let department = client.contacts().department(2).await.unwrap();
    api.expect("GET", "/cgi-bin/department/get", &[Q[0], ("id", "2")], None);
    assert_eq!(department.name, "广州研发中心");
    api.answer(
        "/cgi-bin/department/get",
        errcode(60123, "invalid party id"),
    );
    assert_eq!(
        client.contacts().department(9).await.unwrap_err().errcode(),
        Some(60123)
    );
    let sent = api.sent();
    assert_invalid(client.contacts().department(0).await.unwrap_err());
    assert_invalid(client.contacts().department_ids(Some(0)).await.unwrap_err());
    assert_eq!(api.sent(), sent);
}
