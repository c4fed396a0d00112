//! Passive replies: their XML, escaping, the article count, and what takes no reply.

use wechat_runtime::callback::{
    msg_signature, Article, Endpoint, Incoming, MessageCrypt, MessageKind, MusicReply, Reply,
    VideoReply, SUCCESS,
};
use wechat_runtime::Error;

use super::vectors::{safe_query, KEY, NONCE, TEXT_MESSAGE, TIMESTAMP, TOKEN};

fn incoming_header() -> wechat_runtime::callback::Header {
    let Incoming::Message(m) = Incoming::parse(TEXT_MESSAGE).unwrap() else {
        panic!()
    };
    m.header
}

const REPLY_HEAD: &str = "<xml><ToUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></ToUserName><FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>12345678</CreateTime>";

#[test]
fn reply_xml_shapes() {
    let h = incoming_header();
    let cases = [
        (
            Reply::text("你好"),
            "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content></xml>",
        ),
        (
            Reply::image("media_id"),
            "<MsgType><![CDATA[image]]></MsgType><Image><MediaId><![CDATA[media_id]]></MediaId></Image></xml>",
        ),
        (
            Reply::voice("media_id"),
            "<MsgType><![CDATA[voice]]></MsgType><Voice><MediaId><![CDATA[media_id]]></MediaId></Voice></xml>",
        ),
        (
            Reply::video(VideoReply::new("media_id").title("title").description("description")),
            "<MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[media_id]]></MediaId><Title><![CDATA[title]]></Title><Description><![CDATA[description]]></Description></Video></xml>",
        ),
        (
            Reply::music(
                MusicReply::new("media_id")
                    .title("TITLE")
                    .description("DESCRIPTION")
                    .music_url("MUSIC_Url")
                    .hq_music_url("HQ_MUSIC_Url"),
            ),
            "<MsgType><![CDATA[music]]></MsgType><Music><Title><![CDATA[TITLE]]></Title><Description><![CDATA[DESCRIPTION]]></Description><MusicUrl><![CDATA[MUSIC_Url]]></MusicUrl><HQMusicUrl><![CDATA[HQ_MUSIC_Url]]></HQMusicUrl><ThumbMediaId><![CDATA[media_id]]></ThumbMediaId></Music></xml>",
        ),
        (
            Reply::news([Article::new("title1", "url")
                .description("description1")
                .pic_url("picurl")]),
            "<MsgType><![CDATA[news]]></MsgType><ArticleCount>1</ArticleCount><Articles><item><Title><![CDATA[title1]]></Title><Description><![CDATA[description1]]></Description><PicUrl><![CDATA[picurl]]></PicUrl><Url><![CDATA[url]]></Url></item></Articles></xml>",
        ),
        (
            // Description and PicUrl are written, empty, when unset.
            Reply::news([Article::new("title2", "url2")]),
            "<MsgType><![CDATA[news]]></MsgType><ArticleCount>1</ArticleCount><Articles><item><Title><![CDATA[title2]]></Title><Description><![CDATA[]]></Description><PicUrl><![CDATA[]]></PicUrl><Url><![CDATA[url2]]></Url></item></Articles></xml>",
        ),
        (
            Reply::transfer_customer_service(),
            "<MsgType><![CDATA[transfer_customer_service]]></MsgType></xml>",
        ),
        (
            Reply::transfer_to("test1@test"),
            "<MsgType><![CDATA[transfer_customer_service]]></MsgType><TransInfo><KfAccount><![CDATA[test1@test]]></KfAccount></TransInfo></xml>",
        ),
    ];
    for (reply, tail) in cases {
        assert_eq!(
            reply.to_xml(&h, 12345678).unwrap(),
            format!("{REPLY_HEAD}{tail}")
        );
    }
}

#[test]
fn reply_content_cannot_break_out_of_cdata() {
    let h = incoming_header();
    let evil = "x]]><MsgType>image</MsgType><![CDATA[";
    let xml = Reply::text(evil).to_xml(&h, 1).unwrap();
    let Incoming::Message(m) = Incoming::parse(&xml).unwrap() else {
        panic!()
    };
    assert_eq!(
        m.kind,
        MessageKind::Text {
            content: evil.into()
        }
    );
    // And an article title: escaped, read back the same.
    let xml = Reply::news([Article::new("a]]>b<c>&d", "u")])
        .to_xml(&h, 1)
        .unwrap();
    assert!(xml.contains("a]]]]><![CDATA[>b<c>&d"), "{xml}");
}

#[test]
fn news_article_count_is_checked() {
    let h = incoming_header();
    assert!(matches!(
        Reply::news([]).to_xml(&h, 1),
        Err(Error::InvalidInput(_))
    ));
    let nine = (0..9).map(|i| Article::new(format!("t{i}"), "u"));
    assert!(matches!(
        Reply::news(nine).to_xml(&h, 1),
        Err(Error::InvalidInput(_))
    ));
    let eight = (0..8).map(|i| Article::new(format!("t{i}"), "u"));
    assert!(Reply::news(eight)
        .to_xml(&h, 1)
        .unwrap()
        .contains("<ArticleCount>8</ArticleCount>"));
}

#[test]
fn component_notifications_take_no_reply() {
    let endpoint = Endpoint::safe(TOKEN, KEY, "wxcomponent000001").unwrap();
    let wechat = MessageCrypt::new(TOKEN, KEY, "wxcomponent000001").unwrap();
    let encrypt = wechat
        .encrypt("<xml><AppId>wxcomponent000001</AppId><CreateTime>1</CreateTime><InfoType>unauthorized</InfoType><AuthorizerAppid>wxa</AuthorizerAppid></xml>")
        .unwrap();
    let query = safe_query(&msg_signature(TOKEN, TIMESTAMP, NONCE, &encrypt));
    let body = format!(
        "<xml><AppId>wxcomponent000001</AppId><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
    );
    let received = endpoint.receive(&query, body.as_bytes()).unwrap();
    assert_eq!(endpoint.respond(&received, None).unwrap(), SUCCESS);
    assert!(matches!(
        endpoint.respond(&received, Some(&Reply::text("x"))),
        Err(Error::InvalidInput(_))
    ));
}
