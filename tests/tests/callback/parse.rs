//! Parsing: malformed and hostile XML (entities, DOCTYPE, deep nesting), then one test per
//! message and event type, with XML shaped as in WeChat's documentation.

use wechat_runtime::callback::{CallbackQuery, Endpoint, EventKind, Incoming, MessageKind};
use wechat_runtime::Error;

use super::vectors::{
    crypt, receive_signed, safe_endpoint, safe_query, NONCE, SIGNATURE, TEXT_MESSAGE,
    TEXT_MSG_SIGNATURE, TIMESTAMP, TOKEN,
};

#[test]
fn malformed_xml_is_rejected() {
    for bad in [
        "",
        "not xml",
        "<xml>",
        "<xml><ToUserName>a</FromUserName></xml>",
        "<xml><MsgType>text</MsgType></xml>",
        "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>x</CreateTime><MsgType>text</MsgType></xml>",
        "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><MsgType>text</MsgType></xml>",
        "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType></xml>",
        "<xml><InfoType>component_verify_ticket</InfoType><CreateTime>1</CreateTime></xml>",
        "<xml><AppId>wx</AppId><InfoType>component_verify_ticket</InfoType><CreateTime>1</CreateTime></xml>",
        "<xml><Content>&unknown;</Content></xml>",
    ] {
        assert!(
            matches!(Incoming::parse(bad), Err(Error::MalformedMessage(_))),
            "{bad:?}: {:?}",
            Incoming::parse(bad)
        );
    }
    // Not UTF-8.
    let endpoint = Endpoint::plaintext(TOKEN).unwrap();
    let query = CallbackQuery::parse(&format!(
        "signature={SIGNATURE}&timestamp={TIMESTAMP}&nonce={NONCE}"
    ));
    assert!(matches!(
        endpoint.receive(&query, b"<xml>\xff\xfe</xml>"),
        Err(Error::MalformedMessage(_))
    ));
    // An encrypted body without Encrypt.
    let err = safe_endpoint()
        .receive(&safe_query(TEXT_MSG_SIGNATURE), TEXT_MESSAGE.as_bytes())
        .unwrap_err();
    assert!(matches!(err, Error::MalformedMessage(_)), "{err}");
}

#[test]
fn entity_expansion_is_refused() {
    let billion_laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&lol9;</Content></xml>"#;
    let err = Incoming::parse(billion_laughs).unwrap_err();
    assert!(
        matches!(&err, Error::MalformedMessage(m) if m.contains("DOCTYPE")),
        "{err}"
    );
    // An external entity (XXE): refused the same way, nothing is read.
    let xxe = r#"<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content></xml>"#;
    assert!(matches!(
        Incoming::parse(xxe),
        Err(Error::MalformedMessage(_))
    ));
    // A DOCTYPE without entities is refused too.
    let bare = "<!DOCTYPE xml><xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content></xml>";
    assert!(matches!(
        Incoming::parse(bare),
        Err(Error::MalformedMessage(_))
    ));
    // Also inside an encrypted callback.
    let encrypt = crypt().encrypt(billion_laughs).unwrap();
    assert!(matches!(
        receive_signed(&safe_endpoint(), &encrypt),
        Err(Error::MalformedMessage(_))
    ));
    // The predefined entities and character references are fine.
    let ok = "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&lt;&amp;&#x4F60;</Content></xml>";
    assert!(matches!(
        Incoming::parse(ok).unwrap(),
        Incoming::Message(m) if m.kind == MessageKind::Text { content: "<&你".into() }
    ));
}

#[test]
fn deep_nesting_is_harmless() {
    let depth = 20_000;
    let xml = format!(
        "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content><Deep>{}{}</Deep></xml>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    assert!(Incoming::parse(&xml).is_ok());
}

// ----- parsing, one test per type (XML shaped as in WeChat's documentation) --------------------

fn header(msg_type: &str, rest: &str) -> String {
    format!(
        "<xml><ToUserName><![CDATA[gh_123456789abc]]></ToUserName>\n<FromUserName><![CDATA[oUser_openid]]></FromUserName>\n<CreateTime>1348831860</CreateTime>\n<MsgType><![CDATA[{msg_type}]]></MsgType>\n{rest}\n</xml>"
    )
}

fn message(msg_type: &str, rest: &str) -> wechat_runtime::callback::Message {
    match Incoming::parse(&header(msg_type, rest)).unwrap() {
        Incoming::Message(m) => {
            assert_eq!(m.header.to_user_name, "gh_123456789abc");
            assert_eq!(m.header.from_user_name, "oUser_openid");
            assert_eq!(m.header.create_time, 1348831860);
            m
        }
        other => panic!("{other:?}"),
    }
}

fn event(name: &str, rest: &str) -> EventKind {
    let xml = header(
        "event",
        &format!("<Event><![CDATA[{name}]]></Event>\n{rest}"),
    );
    match Incoming::parse(&xml).unwrap() {
        Incoming::Event(e) => {
            assert_eq!(e.header.from_user_name, "oUser_openid");
            assert_eq!(e.header.create_time, 1348831860);
            e.kind
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn parse_text() {
    let m = message(
        "text",
        "<Content><![CDATA[this is a test]]></Content>\n<MsgId>1234567890123456</MsgId>\n<MsgDataId>xxxx</MsgDataId>\n<Idx>1</Idx>",
    );
    assert_eq!(
        m.kind,
        MessageKind::Text {
            content: "this is a test".into()
        }
    );
    assert_eq!(m.msg_id, Some(1234567890123456));
    assert_eq!(m.msg_data_id.as_deref(), Some("xxxx"));
    assert_eq!(m.idx, Some(1));
}

#[test]
fn parse_image() {
    let m = message(
        "image",
        "<PicUrl><![CDATA[http://mmbiz.example/pic.jpg]]></PicUrl>\n<MediaId><![CDATA[media_id]]></MediaId>\n<MsgId>1234567890123456</MsgId>",
    );
    assert_eq!(
        m.kind,
        MessageKind::Image {
            pic_url: "http://mmbiz.example/pic.jpg".into(),
            media_id: "media_id".into()
        }
    );
}

#[test]
fn parse_voice_with_recognition() {
    let m = message(
        "voice",
        "<MediaId><![CDATA[media_id]]></MediaId>\n<Format><![CDATA[amr]]></Format>\n<Recognition><![CDATA[腾讯微信团队]]></Recognition>\n<MsgId>1234567890123456</MsgId>\n<MediaId16K><![CDATA[media_id_16k]]></MediaId16K>",
    );
    assert_eq!(
        m.kind,
        MessageKind::Voice {
            media_id: "media_id".into(),
            format: "amr".into(),
            recognition: Some("腾讯微信团队".into()),
            media_id_16k: Some("media_id_16k".into()),
        }
    );
    let m = message(
        "voice",
        "<MediaId><![CDATA[m]]></MediaId><Format><![CDATA[speex]]></Format><MsgId>1</MsgId>",
    );
    assert!(matches!(
        m.kind,
        MessageKind::Voice {
            recognition: None,
            ..
        }
    ));
}

#[test]
fn parse_video_and_shortvideo() {
    let rest = "<MediaId><![CDATA[media_id]]></MediaId>\n<ThumbMediaId><![CDATA[thumb_media_id]]></ThumbMediaId>\n<MsgId>1234567890123456</MsgId>";
    assert_eq!(
        message("video", rest).kind,
        MessageKind::Video {
            media_id: "media_id".into(),
            thumb_media_id: "thumb_media_id".into()
        }
    );
    assert_eq!(
        message("shortvideo", rest).kind,
        MessageKind::ShortVideo {
            media_id: "media_id".into(),
            thumb_media_id: "thumb_media_id".into()
        }
    );
}

#[test]
fn parse_location() {
    let m = message(
        "location",
        "<Location_X>23.134521</Location_X>\n<Location_Y>113.358803</Location_Y>\n<Scale>20</Scale>\n<Label><![CDATA[位置信息]]></Label>\n<MsgId>1234567890123456</MsgId>",
    );
    assert_eq!(
        m.kind,
        MessageKind::Location {
            latitude: 23.134521,
            longitude: 113.358803,
            scale: 20,
            label: "位置信息".into()
        }
    );
}

#[test]
fn parse_link() {
    let m = message(
        "link",
        "<Title><![CDATA[公众平台官网链接]]></Title>\n<Description><![CDATA[公众平台官网链接]]></Description>\n<Url><![CDATA[url]]></Url>\n<MsgId>1234567890123456</MsgId>",
    );
    assert_eq!(
        m.kind,
        MessageKind::Link {
            title: "公众平台官网链接".into(),
            description: "公众平台官网链接".into(),
            url: "url".into()
        }
    );
}

#[test]
fn parse_unknown_message_type_keeps_the_xml() {
    // A type WeChat may add one day.
    let xml = header("hologram", "<Title><![CDATA[t]]></Title><AppId>wx1</AppId>");
    let incoming = Incoming::parse(&xml).unwrap();
    // Its fields can still be read by name.
    assert_eq!(incoming.field("AppId"), Some("wx1"));
    assert_eq!(incoming.field("Title"), Some("t"));
    let Incoming::Message(m) = incoming else {
        panic!()
    };
    assert_eq!(m.kind.msg_type(), "hologram");
    assert_eq!(
        m.kind,
        MessageKind::Unknown {
            msg_type: "hologram".into(),
            raw: xml
        }
    );
}

#[test]
fn parse_unknown_kind_whose_fields_do_not_fit_is_kept_raw() {
    // A known field name (Status) used with another shape by an event we do not know.
    let xml = header(
        "event",
        "<Event><![CDATA[some_new_event]]></Event><Status><Code>1</Code></Status>",
    );
    let Incoming::Event(e) = Incoming::parse(&xml).unwrap() else {
        panic!()
    };
    assert!(matches!(e.kind, EventKind::Unknown { ref event, .. } if event == "some_new_event"));
    // But a known event with a field of the wrong shape is malformed.
    let xml = header(
        "event",
        "<Event><![CDATA[LOCATION]]></Event><Latitude>north</Latitude>",
    );
    assert!(matches!(
        Incoming::parse(&xml),
        Err(Error::MalformedMessage(_))
    ));
}

#[test]
fn parse_subscribe_plain_and_with_qrscene() {
    assert_eq!(
        event("subscribe", ""),
        EventKind::Subscribe {
            event_key: None,
            ticket: None
        }
    );
    let kind = event(
        "subscribe",
        "<EventKey><![CDATA[qrscene_123123]]></EventKey>\n<Ticket><![CDATA[TICKET]]></Ticket>",
    );
    assert_eq!(kind.qr_scene(), Some("123123"));
    assert_eq!(
        kind,
        EventKind::Subscribe {
            event_key: Some("qrscene_123123".into()),
            ticket: Some("TICKET".into())
        }
    );
}

#[test]
fn parse_unsubscribe() {
    assert_eq!(
        event("unsubscribe", "<EventKey><![CDATA[]]></EventKey>"),
        EventKind::Unsubscribe
    );
}

#[test]
fn parse_scan() {
    let kind = event(
        "SCAN",
        "<EventKey><![CDATA[SCENE_VALUE]]></EventKey>\n<Ticket><![CDATA[TICKET]]></Ticket>",
    );
    assert_eq!(kind.qr_scene(), Some("SCENE_VALUE"));
    assert_eq!(
        kind,
        EventKind::Scan {
            event_key: "SCENE_VALUE".into(),
            ticket: Some("TICKET".into())
        }
    );
}

#[test]
fn parse_location_event() {
    assert_eq!(
        event(
            "LOCATION",
            "<Latitude>23.137466</Latitude>\n<Longitude>113.352425</Longitude>\n<Precision>119.385040</Precision>"
        ),
        EventKind::Location {
            latitude: 23.137466,
            longitude: 113.352425,
            precision: 119.38504
        }
    );
}

#[test]
fn parse_click() {
    assert_eq!(
        event("CLICK", "<EventKey><![CDATA[EVENTKEY]]></EventKey>"),
        EventKind::Click {
            event_key: "EVENTKEY".into()
        }
    );
}

#[test]
fn parse_view() {
    assert_eq!(
        event(
            "VIEW",
            "<EventKey><![CDATA[www.qq.com]]></EventKey>\n<MenuId>MENUID</MenuId>"
        ),
        EventKind::View {
            event_key: "www.qq.com".into(),
            menu_id: Some("MENUID".into())
        }
    );
}

#[test]
fn parse_view_miniprogram() {
    assert_eq!(
        event(
            "view_miniprogram",
            "<EventKey><![CDATA[pages/index/index]]></EventKey>\n<MenuId>MENUID</MenuId>"
        ),
        EventKind::ViewMiniprogram {
            event_key: "pages/index/index".into(),
            menu_id: Some("MENUID".into())
        }
    );
}

#[test]
fn parse_scancode_push_and_waitmsg() {
    let rest = "<EventKey><![CDATA[6]]></EventKey>\n<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType>\n<ScanResult><![CDATA[1]]></ScanResult>\n</ScanCodeInfo>";
    let EventKind::ScancodePush {
        event_key,
        scan_code_info,
    } = event("scancode_push", rest)
    else {
        panic!()
    };
    assert_eq!(event_key, "6");
    assert_eq!(scan_code_info.scan_type, "qrcode");
    assert_eq!(scan_code_info.scan_result, "1");
    assert!(matches!(
        event("scancode_waitmsg", rest),
        EventKind::ScancodeWaitmsg { scan_code_info, .. } if scan_code_info.scan_result == "1"
    ));
}

#[test]
fn parse_pic_events() {
    let rest = "<EventKey><![CDATA[6]]></EventKey>\n<SendPicsInfo><Count>2</Count>\n<PicList><item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum>\n</item>\n<item><PicMd5Sum><![CDATA[2c5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum>\n</item>\n</PicList>\n</SendPicsInfo>";
    for name in ["pic_sysphoto", "pic_photo_or_album", "pic_weixin"] {
        let info = match event(name, rest) {
            EventKind::PicSysphoto { send_pics_info, .. } if name == "pic_sysphoto" => {
                send_pics_info
            }
            EventKind::PicPhotoOrAlbum { send_pics_info, .. } if name == "pic_photo_or_album" => {
                send_pics_info
            }
            EventKind::PicWeixin { send_pics_info, .. } if name == "pic_weixin" => send_pics_info,
            other => panic!("{name}: {other:?}"),
        };
        assert_eq!(info.count, 2);
        assert_eq!(
            info.pic_md5_sums,
            [
                "1b5f7c23b5bf75682a53e7b6d163e185",
                "2c5f7c23b5bf75682a53e7b6d163e185"
            ]
        );
    }
    // One picture: a single item.
    let one = "<EventKey><![CDATA[6]]></EventKey><SendPicsInfo><Count>1</Count><PicList><item><PicMd5Sum><![CDATA[abc]]></PicMd5Sum></item></PicList></SendPicsInfo>";
    assert!(matches!(
        event("pic_weixin", one),
        EventKind::PicWeixin { send_pics_info, .. } if send_pics_info.pic_md5_sums == ["abc"]
    ));
}

#[test]
fn parse_location_select() {
    let EventKind::LocationSelect {
        event_key,
        send_location_info: info,
    } = event(
        "location_select",
        "<EventKey><![CDATA[6]]></EventKey>\n<SendLocationInfo><Location_X><![CDATA[23]]></Location_X>\n<Location_Y><![CDATA[113]]></Location_Y>\n<Scale><![CDATA[15]]></Scale>\n<Label><![CDATA[ 广州市海珠区客村艺苑路 106号]]></Label>\n<Poiname><![CDATA[]]></Poiname>\n</SendLocationInfo>",
    )
    else {
        panic!()
    };
    assert_eq!(event_key, "6");
    assert_eq!(info.latitude, 23.0);
    assert_eq!(info.longitude, 113.0);
    assert_eq!(info.scale, 15);
    assert_eq!(info.label, " 广州市海珠区客村艺苑路 106号");
    assert_eq!(info.poiname, "");
}

#[test]
fn parse_template_send_job_finish() {
    let xml = header(
        "event",
        "<Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event>\n<MsgID>200163836</MsgID>\n<Status><![CDATA[success]]></Status>",
    );
    let incoming = Incoming::parse(&xml).unwrap();
    assert_eq!(incoming.msg_id(), Some(200163836));
    let Incoming::Event(e) = incoming else {
        panic!()
    };
    assert_eq!(
        e.kind,
        EventKind::TemplateSendJobFinish {
            msg_id: 200163836,
            status: "success".into()
        }
    );
}

#[test]
fn parse_mass_send_job_finish() {
    let EventKind::MassSendJobFinish(report) = event(
        "MASSSENDJOBFINISH",
        "<MsgID>1988</MsgID>\n<Status><![CDATA[sendsuccess]]></Status>\n<TotalCount>100</TotalCount>\n<FilterCount>80</FilterCount>\n<SentCount>75</SentCount>\n<ErrorCount>5</ErrorCount>\n<CopyrightCheckResult><Count>2</Count><ResultList><item><ArticleIdx>1</ArticleIdx><UserDeclareState>0</UserDeclareState><AuditState>2</AuditState><OriginalArticleUrl><![CDATA[Url_1]]></OriginalArticleUrl><OriginalArticleType>1</OriginalArticleType><CanReprint>1</CanReprint><NeedReplaceContent>1</NeedReplaceContent><NeedShowReprintSource>1</NeedShowReprintSource></item><item><ArticleIdx>2</ArticleIdx><UserDeclareState>0</UserDeclareState><AuditState>2</AuditState><OriginalArticleUrl><![CDATA[Url_2]]></OriginalArticleUrl><OriginalArticleType>1</OriginalArticleType><CanReprint>1</CanReprint><NeedReplaceContent>1</NeedReplaceContent><NeedShowReprintSource>1</NeedShowReprintSource></item></ResultList><CheckState>2</CheckState></CopyrightCheckResult>\n<ArticleUrlResult><Count>1</Count><ResultList><item><ArticleIdx>1</ArticleIdx><ArticleUrl><![CDATA[Url]]></ArticleUrl></item></ResultList></ArticleUrlResult>",
    ) else {
        panic!()
    };
    assert_eq!(report.msg_id, 1988);
    assert_eq!(report.status, "sendsuccess");
    assert_eq!(
        (
            report.total_count,
            report.filter_count,
            report.sent_count,
            report.error_count
        ),
        (100, 80, 75, 5)
    );
    assert_eq!(report.copyright_check_state, Some(2));
    assert_eq!(report.copyright_check_results.len(), 2);
    assert_eq!(
        report.copyright_check_results[1].original_article_url,
        "Url_2"
    );
    assert_eq!(report.article_urls.len(), 1);
    assert_eq!(report.article_urls[0].article_url, "Url");
    // Without the optional results.
    let EventKind::MassSendJobFinish(report) = event(
        "MASSSENDJOBFINISH",
        "<MsgID>1</MsgID><Status><![CDATA[send fail]]></Status><TotalCount>1</TotalCount><FilterCount>1</FilterCount><SentCount>0</SentCount><ErrorCount>1</ErrorCount>",
    ) else {
        panic!()
    };
    assert!(report.copyright_check_results.is_empty());
}

#[test]
fn parse_subscribe_msg_popup_event() {
    let EventKind::SubscribeMsgPopup(popup) = event(
        "subscribe_msg_popup_event",
        "<SubscribeMsgPopupEvent>\n<List>\n<TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>\n<SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString>\n<PopupScene>2</PopupScene>\n</List>\n<List>\n<TemplateId><![CDATA[9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI]]></TemplateId>\n<SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString>\n<PopupScene>2</PopupScene>\n</List>\n</SubscribeMsgPopupEvent>",
    ) else {
        panic!()
    };
    assert_eq!(popup.list.len(), 2);
    assert_eq!(popup.list[0].subscribe_status, "accept");
    assert_eq!(
        popup.list[1].template_id,
        "9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI"
    );
    assert_eq!(popup.list[1].popup_scene, Some(2));
}

#[test]
fn parse_subscribe_msg_change_event() {
    let rest = "<SubscribeMsgChangeEvent>\n<List><TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>\n<SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString>\n</List>\n</SubscribeMsgChangeEvent>";
    let EventKind::SubscribeMsgChange(change) = event("subscribe_msg_change_event", rest) else {
        panic!()
    };
    assert_eq!(change.list.len(), 1);
    assert_eq!(change.list[0].subscribe_status, "reject");
    // The documentation's example puts it under SubscribeMsgPopupEvent: read that too.
    let EventKind::SubscribeMsgChange(change) = event(
        "subscribe_msg_change_event",
        &rest.replace("SubscribeMsgChangeEvent", "SubscribeMsgPopupEvent"),
    ) else {
        panic!()
    };
    assert_eq!(
        change.list[0].template_id,
        "VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc"
    );
}

#[test]
fn parse_subscribe_msg_sent_event() {
    let EventKind::SubscribeMsgSent(sent) = event(
        "subscribe_msg_sent_event",
        "<SubscribeMsgSentEvent>\n<List>\n<TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>\n<MsgID>1700827132819554304</MsgID>\n<ErrorCode>0</ErrorCode>\n<ErrorStatus><![CDATA[success]]></ErrorStatus>\n</List>\n</SubscribeMsgSentEvent>",
    ) else {
        panic!()
    };
    assert_eq!(sent.list[0].msg_id, 1700827132819554304);
    assert_eq!(sent.list[0].error_code, 0);
    assert_eq!(sent.list[0].error_status, "success");
}

#[test]
fn parse_kf_session_events() {
    assert_eq!(
        event(
            "kf_create_session",
            "<KfAccount><![CDATA[test1@test]]></KfAccount>"
        ),
        EventKind::KfCreateSession {
            kf_account: "test1@test".into()
        }
    );
    assert_eq!(
        event(
            "kf_close_session",
            "<KfAccount><![CDATA[test1@test]]></KfAccount>"
        ),
        EventKind::KfCloseSession {
            kf_account: "test1@test".into()
        }
    );
    assert_eq!(
        event(
            "kf_switch_session",
            "<FromKfAccount><![CDATA[test1@test]]></FromKfAccount>\n<ToKfAccount><![CDATA[test2@test]]></ToKfAccount>"
        ),
        EventKind::KfSwitchSession {
            from_kf_account: "test1@test".into(),
            to_kf_account: "test2@test".into()
        }
    );
}

#[test]
fn parse_unknown_event_keeps_the_xml() {
    // A retired kind (shake-around) stays Unknown; its fields are read by name.
    let xml = header(
        "event",
        "<Event><![CDATA[ShakearoundUserShake]]></Event>\n<ChosenBeacon><Uuid><![CDATA[u]]></Uuid></ChosenBeacon><Extra>7</Extra>",
    );
    let incoming = Incoming::parse(&xml).unwrap();
    assert_eq!(incoming.field("Extra"), Some("7"));
    // A field with children is not text.
    assert_eq!(incoming.field("ChosenBeacon"), None);
    let kind = incoming.event().unwrap();
    assert_eq!(kind.name(), "ShakearoundUserShake");
    assert!(
        matches!(kind, EventKind::Unknown { event, raw } if event == "ShakearoundUserShake" && raw.contains("ChosenBeacon"))
    );
}
