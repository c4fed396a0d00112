//! The sandbox's keys end to end: its switch mode (certificate or public key at random) against
//! a client that trusts both, and its platform certificate fetched by a client that does not
//! know it yet, once however many calls need it.

use futures_util::future::join_all;
use wechat_runtime::pay::notify::PayEvent;
use wechat_runtime::pay::transactions::TradeState;
use wechat_runtime::pay::transfers::{SceneReportInfo, TransferRequest, TransferState};
use wechat_runtime::pay::{Fen, OutBillNo, OutTradeNo, VerifiedBy};
use wechat_runtime::Method;
use wechat_simulator::{PayPlatform, PaySignMode};

use super::sandbox::{client, paid_order, place_order, simulator, Hook, Trust, MCHID};

const CERTIFICATES: &str = "/v3/certificates";

/// Whether `by` is one of the sandbox's keys, and which: `true` for its certificate.
#[track_caller]
fn by_certificate(by: &VerifiedBy, platform: &PayPlatform) -> bool {
    match by {
        VerifiedBy::Certificate { serial } if *serial == platform.certificate_serial => true,
        VerifiedBy::PublicKey { id } if *id == platform.public_key_id => false,
        other => panic!("verified by a key that is not the sandbox's: {other:?}"),
    }
}

/// In switch mode each answer and notification is signed by the certificate or the public key
/// at random: a client with both verifies every one. 10 payments give 30 signatures to look at
/// (the notification and two query answers each; the prepay and typed query answers are
/// verified too): all of one kind has a chance of 2 × 2⁻³⁰, so both kinds must be seen.
#[tokio::test]
async fn in_switch_mode_every_answer_and_notification_verifies() {
    let sim = simulator().await;
    sim.set_pay_sign_mode(PaySignMode::Switch);
    let pay = client(&sim, Trust::Both);
    let platform = sim.pay_platform();
    let mut hook = Hook::accepting(pay.clone()).await;
    let mut signatures = Vec::new();
    for i in 0..10 {
        let out_trade_no = format!("SWITCH-{i:04}");
        let (transaction_id, notification) =
            paid_order(&sim, &pay, &mut hook, &out_trade_no, 100).await;
        signatures.push(by_certificate(&notification.verified_by, &platform));
        for path in [
            format!("/v3/pay/transactions/out-trade-no/{out_trade_no}"),
            format!("/v3/pay/transactions/id/{transaction_id}"),
        ] {
            let answer = pay
                .request(Method::GET, &path)
                .query(&[("mchid", MCHID)])
                .send()
                .await
                .unwrap();
            let by = answer.verified_by().expect("a verified answer");
            signatures.push(by_certificate(by, &platform));
            let answer: serde_json::Value = answer.json().unwrap();
            assert_eq!(answer["transaction_id"], transaction_id.as_str());
        }
        let transaction = pay
            .transactions()
            .by_out_trade_no(&OutTradeNo::new(out_trade_no).unwrap())
            .await
            .unwrap();
        assert_eq!(transaction.trade_state, TradeState::Success);
    }
    let certificate = signatures.iter().filter(|&&c| c).count();
    assert_eq!(signatures.len(), 30);
    assert!(
        0 < certificate && certificate < signatures.len(),
        "{certificate} of {} signed by the certificate",
        signatures.len()
    );
    hook.assert_idle();
    let deliveries = sim.pay_notifications();
    assert_eq!(deliveries.len(), 10);
    assert!(
        deliveries.iter().all(|d| d.status == Some(204)),
        "{deliveries:?}"
    );
}

/// A client in certificate mode that does not know the sandbox's certificate (it was given
/// another one, or none with `fetch_platform_certificates`): the first answers name a serial it
/// does not know, and 10 concurrent calls wait for one `/v3/certificates` fetch, which brings
/// the certificate; the notification that follows is verified with it, without fetching again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_serial_fetches_the_certificates_once_for_10_concurrent_calls() {
    for trust in [Trust::OtherCertificate, Trust::Fetch] {
        let sim = simulator().await;
        sim.set_pay_sign_mode(PaySignMode::Certificate);
        let pay = client(&sim, trust);
        let platform = sim.pay_platform();
        let verifier = pay.config().verifier();
        assert!(verifier.certificate(&platform.certificate_serial).is_none());
        let mut hook = Hook::accepting(pay.clone()).await;

        let calls = (0..10).map(|i| {
            let pay = pay.clone();
            let url = hook.url.clone();
            tokio::spawn(
                async move { place_order(&pay, &format!("FETCH-{i:04}"), 100, &url).await },
            )
        });
        for call in join_all(calls).await {
            call.unwrap();
        }
        assert_eq!(sim.calls(CERTIFICATES), 1, "{trust:?}");
        assert!(verifier.certificate(&platform.certificate_serial).is_some());

        sim.pay_transaction(MCHID, "FETCH-0000", None)
            .await
            .unwrap();
        let notification = hook.next().await;
        assert!(matches!(
            notification.event,
            PayEvent::TransactionSuccess(_)
        ));
        assert!(by_certificate(&notification.verified_by, &platform));
        assert_eq!(sim.pay_notifications()[0].status, Some(204));
        assert_eq!(sim.calls(CERTIFICATES), 1, "{trust:?}");
    }
}

/// A client without any certificate that must encrypt a name fetches the certificates to
/// encrypt it with: once for 10 concurrent transfers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn encrypting_without_a_certificate_fetches_the_certificates_once() {
    let sim = simulator().await;
    sim.set_pay_sign_mode(PaySignMode::Certificate);
    let pay = client(&sim, Trust::Fetch);
    let calls = (0..10).map(|i| {
        let pay = pay.clone();
        tokio::spawn(async move {
            let request = TransferRequest::new(
                "wxd678efh567hg6787",
                OutBillNo::new(format!("FETCHTRANSFER{i:04}")).unwrap(),
                "1000",
                "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
                Fen::new(400),
                "新会员开通有礼",
            )
            .user_name("张三")
            .scene_report_infos(vec![SceneReportInfo::new("活动名称", "新会员有礼")]);
            pay.transfers().create(&request).await.unwrap().state
        })
    });
    for call in join_all(calls).await {
        assert_eq!(call.unwrap(), TransferState::WaitUserConfirm);
    }
    assert_eq!(sim.calls(CERTIFICATES), 1);
}
