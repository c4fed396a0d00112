//! The axum route of a callback URL, served on 127.0.0.1 and called over HTTP.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::Router;
use wechat_runtime::callback::axum::callback;
use wechat_runtime::callback::{
    msg_signature, signature, Endpoint, Incoming, MessageCrypt, MessageKind, Reply,
};

use super::vectors::{APPID, KEY, NONCE, TIMESTAMP as TS, TOKEN};

const TEXT: &str = "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[CONTENT]]></Content><MsgId>6046447361451147292</MsgId></xml>";

struct Server {
    base: String,
    calls: Arc<AtomicUsize>,
    http: reqwest::Client,
    _task: tokio::task::JoinHandle<()>,
}

/// Serves one route at `/wechat`: text messages are echoed (with a `]]>` to escape), "fail" makes the handler fail,
/// "quiet" gets no reply.
async fn serve(endpoint: Endpoint) -> Server {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let app: Router = Router::new().route(
        "/wechat",
        callback(endpoint, move |incoming: Incoming| {
            let counter = counter.clone();
            async move {
                counter.fetch_add(1, Ordering::SeqCst);
                match incoming {
                    Incoming::Message(m) => match m.kind {
                        MessageKind::Text { content } if content == "fail" => {
                            Err("the database is down")
                        }
                        MessageKind::Text { content } if content == "quiet" => Ok(None),
                        MessageKind::Text { content } => {
                            Ok(Some(Reply::text(format!("echo: {content} ]]>"))))
                        }
                        _ => Ok(None),
                    },
                    _ => Ok(None),
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    Server {
        base: format!("http://{addr}/wechat"),
        calls,
        http: reqwest::Client::builder().no_proxy().build().unwrap(),
        _task: task,
    }
}

impl Server {
    /// Posts `body` to the route with `query`, as WeChat posts a callback.
    async fn post(&self, query: &str, body: impl Into<reqwest::Body>) -> reqwest::Response {
        self.http
            .post(format!("{}?{query}", self.base))
            .body(body)
            .send()
            .await
            .unwrap()
    }
}

fn wechat() -> MessageCrypt {
    MessageCrypt::new(TOKEN, KEY, APPID).unwrap()
}

/// An encrypted callback as WeChat posts it: (query, body).
fn encrypted(content: &str) -> (String, String) {
    let encrypt = wechat().encrypt(&TEXT.replace("CONTENT", content)).unwrap();
    let query = format!(
        "signature={}&timestamp={TS}&nonce={NONCE}&openid=oia2&encrypt_type=aes&msg_signature={}",
        signature(TOKEN, TS, NONCE),
        msg_signature(TOKEN, TS, NONCE, &encrypt)
    );
    let body = format!(
        "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
    );
    (query, body)
}

#[tokio::test]
async fn handshake() {
    let server = serve(Endpoint::safe(TOKEN, KEY, APPID).unwrap()).await;
    let ok = server
        .http
        .get(format!(
            "{}?signature={}&echostr=5927782489442352469&timestamp={TS}&nonce={NONCE}",
            server.base,
            signature(TOKEN, TS, NONCE)
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.text().await.unwrap(), "5927782489442352469");

    let forged = server
        .http
        .get(format!(
            "{}?signature=0000000000000000000000000000000000000000&echostr=1&timestamp={TS}&nonce={NONCE}",
            server.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
}

#[tokio::test]
async fn encrypted_message_gets_an_encrypted_reply() {
    let server = serve(Endpoint::safe(TOKEN, KEY, APPID).unwrap()).await;
    let (query, body) = encrypted("hello world");
    let response = server.post(&query, body).await;
    assert_eq!(response.status(), 200);
    let answer = response.text().await.unwrap();
    let reply = wechat().decrypt_reply(&answer).unwrap();
    let Incoming::Message(reply) = Incoming::parse(&reply).unwrap() else {
        panic!("{reply}")
    };
    assert_eq!(
        reply.kind,
        MessageKind::Text {
            content: "echo: hello world ]]>".into()
        }
    );
    assert_eq!(reply.header.to_user_name, "oia2TjuEGTNoeX76QEjQNrcURxG8");
    assert_eq!(server.calls.load(Ordering::SeqCst), 1);

    // No reply: "success".
    let (query, body) = encrypted("quiet");
    let response = server.post(&query, body).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "success");
}

#[tokio::test]
async fn plaintext_mode_route() {
    let server = serve(Endpoint::plaintext(TOKEN).unwrap()).await;
    let query = format!(
        "signature={}&timestamp={TS}&nonce={NONCE}",
        signature(TOKEN, TS, NONCE)
    );
    let response = server.post(&query, TEXT.replace("CONTENT", "plain")).await;
    assert_eq!(response.status(), 200);
    let answer = Incoming::parse(&response.text().await.unwrap()).unwrap();
    assert!(
        matches!(answer, Incoming::Message(m) if m.kind == MessageKind::Text { content: "echo: plain ]]>".into() })
    );
}

#[tokio::test]
async fn forged_callbacks_never_reach_the_handler() {
    let server = serve(Endpoint::safe(TOKEN, KEY, APPID).unwrap()).await;
    let (query, body) = encrypted("hello");
    for forged in [
        query.replace(
            &signature(TOKEN, TS, NONCE),
            "0000000000000000000000000000000000000000",
        ),
        query.replace("nonce=xxxxxx", "nonce=yyyyyy"),
        format!("timestamp={TS}&nonce={NONCE}&encrypt_type=aes"),
    ] {
        let response = server.post(&forged, body.clone()).await;
        assert_eq!(response.status(), 403, "{forged}");
    }
    // A wrong msg_signature with a right signature.
    let (_, other_body) = encrypted("other");
    let response = server.post(&query, other_body).await;
    assert_eq!(response.status(), 403);
    assert_eq!(server.calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_replayed_callback_is_refused_with_403() {
    let window = std::time::Duration::from_secs(300);
    let server = serve(
        Endpoint::safe(TOKEN, KEY, APPID)
            .unwrap()
            .replay_window(window),
    )
    .await;
    // Correctly signed, but at a timestamp of 2014: a capture sent again.
    let (query, body) = encrypted("hello");
    let response = server.post(&query, body).await;
    assert_eq!(response.status(), 403);
    assert_eq!(
        response.text().await.unwrap(),
        "the callback's timestamp is outside the replay window of 300 s"
    );
    assert_eq!(server.calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn bad_bodies_are_refused() {
    let server = serve(
        Endpoint::safe(TOKEN, KEY, APPID)
            .unwrap()
            .max_body_size(4096),
    )
    .await;
    let (query, _) = encrypted("x");

    // Over the limit, declared in Content-Length.
    let response = server.post(&query, vec![b'a'; 5000]).await;
    assert_eq!(response.status(), 413);

    // Over the limit, streamed without a length.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        (0..10).map(|_| Ok(vec![b'a'; 1000])).collect();
    let response = server
        .post(
            &query,
            reqwest::Body::wrap_stream(futures_util::stream::iter(chunks)),
        )
        .await;
    assert_eq!(response.status(), 413);

    // Signed but not decryptable.
    let garbage = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    let q = format!(
        "timestamp={TS}&nonce={NONCE}&encrypt_type=aes&msg_signature={}",
        msg_signature(TOKEN, TS, NONCE, garbage)
    );
    let response = server
        .post(
            &q,
            format!("<xml><Encrypt><![CDATA[{garbage}]]></Encrypt></xml>"),
        )
        .await;
    assert_eq!(response.status(), 400);

    // Not XML.
    let response = server.post(&query, "<xml><Encrypt>").await;
    assert_eq!(response.status(), 400);
    assert_eq!(server.calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_failing_handler_answers_500() {
    let server = serve(Endpoint::safe(TOKEN, KEY, APPID).unwrap()).await;
    let (query, body) = encrypted("fail");
    let response = server.post(&query, body).await;
    assert_eq!(response.status(), 500);
    assert_eq!(server.calls.load(Ordering::SeqCst), 1);
}
