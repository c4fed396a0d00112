//! The 2025 merchant transfer: create (with an encrypted name), query by either number, the
//! user's confirmation, cancel.

use base64::Engine as _;
use serde_json::json;
use wechat_runtime::pay::transfers::{SceneReportInfo, TransferRequest, TransferState};
use wechat_runtime::pay::{Fen, OutBillNo};
use wechat_runtime::Error;

use super::{
    assert_request, pay_code, sandbox, sandbox_trusting, Trust, APPID, MCHID, NOTIFY_URL, OPENID,
};

const BASE: &str = "/v3/fund-app/mch-transfer/transfer-bills";

fn transfer(out_bill_no: &str) -> TransferRequest {
    TransferRequest::new(
        APPID,
        OutBillNo::new(out_bill_no).unwrap(),
        "1000",
        OPENID,
        Fen::new(400),
        "新会员开通有礼",
    )
    .scene_report_infos(vec![
        SceneReportInfo::new("活动名称", "新会员有礼"),
        SceneReportInfo::new("奖励说明", "注册会员抽奖一等奖"),
    ])
}

#[tokio::test]
async fn a_transfer_with_a_name_encrypts_it_and_waits_for_the_user() {
    for trust in [Trust::PublicKey, Trust::Certificate] {
        let sb = sandbox_trusting(trust).await;
        let request = transfer("plfk2020042013")
            .user_name("张三")
            .notify_url(NOTIFY_URL)
            .user_recv_perception("现金奖励");
        // The sandbox refuses an encrypted field without a Wechatpay-Serial it knows.
        let created = sb.pay.transfers().create(&request).await.expect("created");
        let mut sent = sb.one();
        let mut body = sent.json().expect("JSON");
        let name = body["user_name"].take();
        let name = name.as_str().expect("user_name sent");
        assert_ne!(name, "张三");
        let ciphertext = base64::engine::general_purpose::STANDARD
            .decode(name)
            .expect("base64");
        assert_eq!(ciphertext.len(), 256, "RSA-2048 OAEP");
        body.as_object_mut().unwrap().remove("user_name");
        sent.body = serde_json::to_vec(&body).unwrap();
        assert_request(
            &sent,
            "POST",
            BASE,
            &[],
            Some(json!({
                "appid": APPID,
                "out_bill_no": "plfk2020042013",
                "transfer_scene_id": "1000",
                "openid": OPENID,
                "transfer_amount": 400,
                "transfer_remark": "新会员开通有礼",
                "notify_url": NOTIFY_URL,
                "user_recv_perception": "现金奖励",
                "transfer_scene_report_infos": [
                    { "info_type": "活动名称", "info_content": "新会员有礼" },
                    { "info_type": "奖励说明", "info_content": "注册会员抽奖一等奖" },
                ],
            })),
        );
        assert_eq!(created.state, TransferState::WaitUserConfirm);
        assert_eq!(created.out_bill_no, "plfk2020042013");
        assert!(!created.transfer_bill_no.is_empty());
        assert!(created.package_info.is_some());
        assert!(!created.create_time.is_empty());
    }
}

#[tokio::test]
async fn a_bill_is_queried_by_either_number_and_confirmed() {
    let sb = sandbox().await;
    let request = transfer("plfk2020042014");
    let created = sb.pay.transfers().create(&request).await.expect("created");
    assert_eq!(sb.one().json().unwrap().get("user_name"), None);
    // Sent again (as after a timeout): the same bill.
    let again = sb
        .pay
        .transfers()
        .create(&request)
        .await
        .expect("the same bill");
    assert_eq!(again.transfer_bill_no, created.transfer_bill_no);
    sb.take();

    let by_out = sb
        .pay
        .transfers()
        .by_out_bill_no(&request.out_bill_no)
        .await
        .expect("query");
    assert_request(
        &sb.one(),
        "GET",
        &format!("{BASE}/out-bill-no/plfk2020042014"),
        &[],
        None,
    );
    assert_eq!(by_out.state, TransferState::WaitUserConfirm);
    assert_eq!(by_out.mch_id, MCHID);
    assert_eq!(by_out.appid, APPID);
    assert_eq!(by_out.openid, OPENID);
    assert_eq!(by_out.transfer_amount, Fen::new(400));
    assert_eq!(by_out.transfer_remark, "新会员开通有礼");
    assert_eq!(by_out.transfer_bill_no, created.transfer_bill_no);

    sb.sim
        .confirm_transfer(MCHID, "plfk2020042014")
        .await
        .expect("the user confirms");
    sb.take();
    let by_bill = sb
        .pay
        .transfers()
        .by_transfer_bill_no(&created.transfer_bill_no)
        .await
        .expect("query");
    assert_request(
        &sb.one(),
        "GET",
        &format!("{BASE}/transfer-bill-no/{}", created.transfer_bill_no),
        &[],
        None,
    );
    assert_eq!(by_bill.state, TransferState::Success);
    assert!(by_bill.state.is_final());
    assert_eq!(by_bill.out_bill_no, "plfk2020042014");

    // A confirmed bill cannot be cancelled.
    let err = sb
        .pay
        .transfers()
        .cancel(&request.out_bill_no)
        .await
        .unwrap_err();
    assert_eq!(pay_code(&err), "INVALID_REQUEST");
}

#[tokio::test]
async fn an_unconfirmed_bill_is_cancelled() {
    let sb = sandbox().await;
    let request = transfer("plfk2020042015");
    let created = sb.pay.transfers().create(&request).await.expect("created");
    sb.take();
    let cancelled = sb
        .pay
        .transfers()
        .cancel(&request.out_bill_no)
        .await
        .expect("cancelled");
    assert_request(
        &sb.one(),
        "POST",
        &format!("{BASE}/out-bill-no/plfk2020042015/cancel"),
        &[],
        None,
    );
    assert!(
        matches!(
            cancelled.state,
            TransferState::Canceling | TransferState::Cancelled
        ),
        "{:?}",
        cancelled.state
    );
    assert_eq!(cancelled.transfer_bill_no, created.transfer_bill_no);
    assert!(!cancelled.update_time.is_empty());
}

#[tokio::test]
async fn bad_transfers_are_refused_before_sending() {
    let sb = sandbox().await;
    let mut zero = transfer("plfk2020042016");
    zero.transfer_amount = Fen::ZERO;
    let err = sb.pay.transfers().create(&zero).await.unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput(m) if m.contains("0 fen")),
        "{err}"
    );
    let mut unreported = transfer("plfk2020042016");
    unreported.transfer_scene_report_infos.clear();
    let err = sb.pay.transfers().create(&unreported).await.unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput(m) if m.contains("transfer_scene_report_infos")),
        "{err}"
    );
    let err = sb
        .pay
        .transfers()
        .by_transfer_bill_no("13300000/../x")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err}");
    assert!(sb.take().is_empty(), "nothing was sent");
}
