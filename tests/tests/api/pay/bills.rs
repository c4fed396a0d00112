//! Bills: ask for the trade and fund-flow bills, download them (gunzipped when gzipped),
//! checked by their SHA-1.

use wechat_runtime::pay::bills::{
    BillInfo, FundAccountType, FundFlowBillQuery, TradeBillQuery, TradeBillType,
};
use wechat_runtime::Error;

use super::{assert_request, beijing_today, sandbox, MCHID};

#[tokio::test]
async fn the_trade_bill_lists_the_day_s_payments() {
    let sb = sandbox().await;
    let transaction_id = sb.paid_order("T20242001", 1234, false).await;
    let today = beijing_today();

    let info = sb
        .pay
        .bills()
        .trade(&TradeBillQuery::new(&today).bill_type(TradeBillType::All))
        .await
        .expect("the bill");
    assert_request(
        &sb.one(),
        "GET",
        "/v3/bill/tradebill",
        &[("bill_date", &today), ("bill_type", "ALL")],
        None,
    );
    assert_eq!(info.hash_type, "SHA1");
    assert_eq!(info.hash_value.len(), 40);
    let bill = sb
        .pay
        .bills()
        .download(&info)
        .await
        .expect("downloaded and checked");
    let token = url::Url::parse(&info.download_url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.into_owned())
        .expect("a token");
    assert_request(
        &sb.one(),
        "GET",
        "/v3/billdownload/file",
        &[("token", &token)],
        None,
    );
    let text = String::from_utf8(bill.to_vec()).expect("UTF-8");
    assert!(text.starts_with("交易时间,"), "{text}");
    assert!(text.contains(&format!("`{transaction_id}")), "{text}");
    assert!(text.contains("`T20242001"), "{text}");
    assert!(text.contains("`12.34"), "{text}");
    assert!(text.contains(&format!("`{MCHID}")), "{text}");
}

#[tokio::test]
async fn a_gzipped_bill_is_gunzipped() {
    let sb = sandbox().await;
    sb.paid_order("T20242002", 500, false).await;
    let today = beijing_today();
    let info = sb
        .pay
        .bills()
        .trade(
            &TradeBillQuery::new(&today)
                .bill_type(TradeBillType::Success)
                .gzip(),
        )
        .await
        .expect("the bill");
    assert_request(
        &sb.one(),
        "GET",
        "/v3/bill/tradebill",
        &[
            ("bill_date", &today),
            ("bill_type", "SUCCESS"),
            ("tar_type", "GZIP"),
        ],
        None,
    );
    let bill = sb
        .pay
        .bills()
        .download(&info)
        .await
        .expect("gunzipped and checked");
    assert_ne!(&bill[..2], &[0x1f, 0x8b], "not gzip any more");
    let text = String::from_utf8(bill.to_vec()).expect("UTF-8 text");
    assert!(text.contains("`T20242002"), "{text}");
}

#[tokio::test]
async fn the_fund_flow_bill_lists_the_basic_account() {
    let sb = sandbox().await;
    let transaction_id = sb.paid_order("T20242003", 700, false).await;
    let today = beijing_today();
    let info = sb
        .pay
        .bills()
        .fund_flow(
            &FundFlowBillQuery::new(&today)
                .account_type(FundAccountType::Basic)
                .gzip(),
        )
        .await
        .expect("the bill");
    assert_request(
        &sb.one(),
        "GET",
        "/v3/bill/fundflowbill",
        &[
            ("bill_date", &today),
            ("account_type", "BASIC"),
            ("tar_type", "GZIP"),
        ],
        None,
    );
    let bill = sb.pay.bills().download(&info).await.expect("downloaded");
    let text = String::from_utf8(bill.to_vec()).expect("UTF-8 text");
    assert!(text.starts_with("记账时间,"), "{text}");
    assert!(text.contains(&format!("`{transaction_id}")), "{text}");
    assert!(text.contains("`7.00"), "{text}");
}

#[tokio::test]
async fn a_bill_that_does_not_match_its_digest_is_refused() {
    let sb = sandbox().await;
    let today = beijing_today();
    for gzip in [false, true] {
        let query = TradeBillQuery::new(&today);
        let query = if gzip { query.gzip() } else { query };
        let info = sb.pay.bills().trade(&query).await.expect("the bill");
        // The same bill, announced with another digest.
        let mut json = serde_json::to_value(&info).unwrap();
        json["hash_value"] = "da39a3ee5e6b4b0d3255bfef95601890afd80709".into();
        let forged: BillInfo = serde_json::from_value(json).unwrap();
        let err = sb.pay.bills().download(&forged).await.unwrap_err();
        assert!(
            matches!(&err, Error::Decode { detail, .. } if detail.contains("da39a3ee5e6b4b0d3255bfef95601890afd80709")),
            "{err}"
        );
    }
}

#[tokio::test]
async fn a_malformed_bill_date_is_refused_before_sending() {
    let sb = sandbox().await;
    let err = sb
        .pay
        .bills()
        .trade(&TradeBillQuery::new("2019/06/11"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput(m) if m.contains("yyyy-MM-dd")),
        "{err}"
    );
    let err = sb
        .pay
        .bills()
        .fund_flow(&FundFlowBillQuery::new("20190611"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err}");
    assert!(sb.take().is_empty(), "nothing was sent");
}
