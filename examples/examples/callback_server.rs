//! A callback server for an Official Account in safe mode, on 127.0.0.1: one axum route that
//! answers WeChat's handshake (GET) and its messages (POST).
//!
//! To keep the demo offline and self-ending, it then plays WeChat once: it sends itself a
//! signed, encrypted text message, decrypts the reply, prints it, and exits.
//!
//! ```text
//! cargo run -p wechat-examples --example callback_server
//! ```
//!
//! Pass `--serve` to keep serving instead (configure the URL, token and EncodingAESKey in
//! WeChat's console, behind a public address).

use axum::Router;
use wechat_runtime::callback::axum::callback;
use wechat_runtime::callback::{
    msg_signature, signature, Endpoint, EventKind, Incoming, MessageCrypt, MessageKind, Reply,
};

const TOKEN: &str = "the-token";
const ENCODING_AES_KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const APPID: &str = "wx0123456789abcdef";

/// What the account answers.
async fn handle(incoming: Incoming) -> Option<Reply> {
    match incoming {
        Incoming::Message(message) => match message.kind {
            MessageKind::Text { content } => Some(Reply::text(format!("You said: {content}"))),
            MessageKind::Image { .. } => Some(Reply::text("Nice picture!")),
            _ => None,
        },
        Incoming::Event(event) => match event.kind {
            EventKind::Subscribe { .. } => Some(Reply::text("Welcome!")),
            _ => None,
        },
        _ => None,
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    wechat_examples::init_logs();
    // Callbacks stamped more than five minutes from this machine's clock are refused: a
    // captured callback cannot be replayed later.
    let endpoint = Endpoint::safe(TOKEN, ENCODING_AES_KEY, APPID)?
        .replay_window(std::time::Duration::from_secs(300));
    let app = Router::new().route("/wechat", callback(endpoint, handle));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/wechat", listener.local_addr()?);
    println!("callback URL: {url}");

    if std::env::args().any(|arg| arg == "--serve") {
        axum::serve(listener, app).await?;
        return Ok(());
    }
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    // Play WeChat: encrypt a message for the account, sign it, post it.
    let wechat = MessageCrypt::new(TOKEN, ENCODING_AES_KEY, APPID)?;
    let message = "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName>\
        <FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName>\
        <CreateTime>1407743423</CreateTime><MsgType><![CDATA[text]]></MsgType>\
        <Content><![CDATA[hello from WeChat]]></Content><MsgId>6046447361451147292</MsgId></xml>";
    let encrypt = wechat.encrypt(message)?;
    let (timestamp, nonce) = (wechat_runtime::now_unix().to_string(), "1320562132");
    let query = [
        ("signature", signature(TOKEN, &timestamp, nonce)),
        ("timestamp", timestamp.clone()),
        ("nonce", nonce.to_owned()),
        ("openid", "oia2TjuEGTNoeX76QEjQNrcURxG8".to_owned()),
        ("encrypt_type", "aes".to_owned()),
        (
            "msg_signature",
            msg_signature(TOKEN, &timestamp, nonce, &encrypt),
        ),
    ];
    let body = format!(
        "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
    );
    let http = reqwest::Client::builder().no_proxy().build()?;
    let response = http.post(&url).query(&query).body(body).send().await?;
    println!("status: {}", response.status());
    let envelope = response.error_for_status()?.text().await?;
    println!("encrypted reply: {envelope}");
    let reply = wechat.decrypt_reply(&envelope)?;
    println!("decrypted reply: {reply}");

    // A forged callback is refused before it is read.
    let forged = http
        .post(&url)
        .query(&[("signature", "0"), ("timestamp", "1"), ("nonce", "2")])
        .body("<xml/>")
        .send()
        .await?;
    println!("forged callback: {}", forged.status());

    server.abort();
    Ok(())
}
