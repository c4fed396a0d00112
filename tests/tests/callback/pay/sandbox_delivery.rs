//! How the sandbox delivers notifications, end to end to the real route: a duplicate after a
//! taken delivery, applied once by an idempotent handler; a failed delivery retried on WeChat
//! Pay's schedule as the simulated clock passes it, and not before.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use wechat_runtime::pay::notify::{Notification, PayEvent};

use super::sandbox::{deliveries, delivery, place_order, sandbox, Hook, MCHID};

/// WeChat Pay may send a notification again after it was taken (the sandbox at rate 1 always
/// does): the handler sees the same notification, same id, twice.
#[tokio::test]
async fn a_duplicate_notification_is_applied_once_by_an_idempotent_handler() {
    let (sim, pay) = sandbox().await;
    sim.set_pay_duplicate_rate(1.0);

    // The idempotent handler. It applies a payment once, keyed by the payment itself (its
    // transaction_id; out_trade_no would do as well), not by the notification's id, and
    // answers 2xx to a duplicate too: an error would only make WeChat Pay send it again. A real
    // handler makes "insert if absent" one step in its database (a unique key, an UPDATE … WHERE
    // state = 'NOTPAY'), so that two deliveries racing each other apply it once as well.
    let applied = Arc::new(Mutex::new(HashSet::new()));
    let shipped = Arc::new(AtomicUsize::new(0));
    let mut hook = Hook::serve(pay.clone(), {
        let (applied, shipped) = (applied.clone(), shipped.clone());
        move |notification: &Notification| {
            if let PayEvent::TransactionSuccess(t) = &notification.event {
                let id = t.transaction_id.clone().ok_or("no transaction_id")?;
                if applied.lock().unwrap().insert(id) {
                    shipped.fetch_add(1, Ordering::SeqCst);
                }
            }
            Ok(())
        }
    })
    .await;

    for out_trade_no in ["DUPLICATE-0001", "DUPLICATE-0002", "DUPLICATE-0003"] {
        place_order(&pay, out_trade_no, 100, &hook.url).await;
        let transaction_id = sim
            .pay_transaction(MCHID, out_trade_no, None)
            .await
            .unwrap();
        let first = hook.next().await;
        let second = hook.next().await;
        assert_eq!(first.id, second.id);
        assert_eq!(first.event, second.event);
        let PayEvent::TransactionSuccess(t) = first.event else {
            panic!("{:?}", first.event)
        };
        assert_eq!(t.transaction_id, Some(transaction_id));
    }
    hook.assert_idle();
    assert_eq!(
        shipped.load(Ordering::SeqCst),
        3,
        "each payment applied once"
    );
    assert_eq!(applied.lock().unwrap().len(), 3);

    let outcomes = sim.pay_notifications();
    assert_eq!(outcomes.len(), 6, "{outcomes:?}");
    for pair in outcomes.chunks(2) {
        assert_eq!(pair[0].id, pair[1].id);
        assert_eq!((pair[0].attempt, pair[0].duplicate), (1, false));
        assert_eq!((pair[1].attempt, pair[1].duplicate), (1, true));
        assert!(pair.iter().all(|d| d.status == Some(204)), "{pair:?}");
    }
}

/// A handler whose first `n` calls fail (its database is down), then succeed.
fn failing(
    n: usize,
) -> (
    Arc<AtomicUsize>,
    impl Fn(&Notification) -> Result<(), String> + Clone,
) {
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = calls.clone();
    let answer = move |_: &Notification| {
        if counted.fetch_add(1, Ordering::SeqCst) < n {
            Err("the order database is down".to_owned())
        } else {
            Ok(())
        }
    };
    (calls, answer)
}

/// A handler that fails gets a 500; WeChat Pay retries 15 s later (simulated time): not at
/// 14 s, at 15 s; the retry is taken, and nothing is sent after it.
#[tokio::test]
async fn a_failed_delivery_is_retried_15_seconds_later_and_not_before() {
    let (sim, pay) = sandbox().await;
    let (calls, answer) = failing(1);
    let mut hook = Hook::serve(pay.clone(), answer).await;
    place_order(&pay, "RETRY-0001", 100, &hook.url).await;
    let transaction_id = sim
        .pay_transaction(MCHID, "RETRY-0001", None)
        .await
        .unwrap();
    let first = hook.next().await;
    assert_eq!(deliveries(&sim), [delivery("TRANSACTION.SUCCESS", 1, 500)]);

    sim.advance_clock(Duration::from_secs(14)).await;
    hook.assert_idle();
    assert_eq!(sim.pay_notifications().len(), 1, "no retry before 15 s");

    sim.advance_clock(Duration::from_secs(1)).await;
    let retry = hook.next().await;
    assert_eq!(retry.id, first.id);
    assert_eq!(retry.event, first.event);
    let PayEvent::TransactionSuccess(t) = &retry.event else {
        panic!("{:?}", retry.event)
    };
    assert_eq!(t.transaction_id.as_deref(), Some(transaction_id.as_str()));
    let outcomes = sim.pay_notifications();
    assert_eq!(
        deliveries(&sim),
        [
            delivery("TRANSACTION.SUCCESS", 1, 500),
            delivery("TRANSACTION.SUCCESS", 2, 204),
        ]
    );
    assert_eq!(outcomes[1].id, outcomes[0].id);
    assert!(outcomes[1].delivered());

    // Taken: no more retries, however long the clock runs.
    sim.advance_clock(Duration::from_secs(2 * 24 * 3600)).await;
    hook.assert_idle();
    assert_eq!(sim.pay_notifications().len(), 2);
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

/// Failed retries go on on WeChat Pay's schedule, each delay counted from the failed retry:
/// 15 s, 15 s, then 30 s.
#[tokio::test]
async fn failed_retries_follow_wechat_pays_schedule() {
    let (sim, pay) = sandbox().await;
    let (calls, answer) = failing(3);
    let mut hook = Hook::serve(pay.clone(), answer).await;
    place_order(&pay, "RETRY-0002", 100, &hook.url).await;
    sim.pay_transaction(MCHID, "RETRY-0002", None)
        .await
        .unwrap();
    let id = hook.next().await.id;
    let mut expected = vec![delivery("TRANSACTION.SUCCESS", 1, 500)];
    for (attempt, delay, status) in [(2, 15, 500), (3, 15, 500), (4, 30, 204)] {
        sim.advance_clock(Duration::from_secs(delay - 1)).await;
        hook.assert_idle();
        assert_eq!(deliveries(&sim), expected, "attempt {attempt} came early");
        sim.advance_clock(Duration::from_secs(1)).await;
        assert_eq!(hook.next().await.id, id);
        expected.push(delivery("TRANSACTION.SUCCESS", attempt, status));
        assert_eq!(deliveries(&sim), expected);
    }
    sim.advance_clock(Duration::from_secs(24 * 3600)).await;
    hook.assert_idle();
    assert_eq!(deliveries(&sim), expected);
    assert_eq!(calls.load(Ordering::SeqCst), 4);
}
