//! Events (`MsgType` `event`): follows, scans, menus, job reports, subscription messages,
//! customer service sessions.

use super::header::Header;
use super::payload::{
    MassSendJobFinish, ScanCodeInfo, SendLocationInfo, SendPicsInfo, SubscribeMsgChange,
    SubscribeMsgChangeItem, SubscribeMsgPopup, SubscribeMsgSent,
};
use super::raw::Raw;

/// An event WeChat pushes (`<MsgType>event</MsgType>`).
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Who, to whom, when.
    pub header: Header,
    /// Which event, with its fields.
    pub kind: EventKind,
}

/// The kinds of event, by their `Event` value (matched without regard to case).
///
/// Fields WeChat documents for an event but leaves out read as empty (`""`, `0`, empty lists).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum EventKind {
    /// `subscribe`: the user followed the account, possibly by scanning a parametric QR code.
    Subscribe {
        /// `EventKey`: `qrscene_` followed by the scene, when the follow came from a QR code.
        event_key: Option<String>,
        /// `Ticket`: the QR code's ticket, when the follow came from a QR code.
        ticket: Option<String>,
    },
    /// `unsubscribe`: the user unfollowed the account.
    Unsubscribe,
    /// `SCAN`: a follower scanned a parametric QR code.
    Scan {
        /// `EventKey`: the scene (without the `qrscene_` prefix).
        event_key: String,
        /// `Ticket`: the QR code's ticket.
        ticket: Option<String>,
    },
    /// `LOCATION`: the user's location, reported when they enter the conversation.
    Location {
        /// `Latitude`.
        latitude: f64,
        /// `Longitude`.
        longitude: f64,
        /// `Precision`.
        precision: f64,
    },
    /// `CLICK`: a click on a menu button.
    Click {
        /// `EventKey`: the key of the button.
        event_key: String,
    },
    /// `VIEW`: a menu button that opens a web page.
    View {
        /// `EventKey`: the URL.
        event_key: String,
        /// `MenuId`: the personalized menu, if any.
        menu_id: Option<String>,
    },
    /// `view_miniprogram`: a menu button that opens a Mini Program.
    ViewMiniprogram {
        /// `EventKey`: the Mini Program page path.
        event_key: String,
        /// `MenuId`: the personalized menu, if any.
        menu_id: Option<String>,
    },
    /// `scancode_push`: a menu button that scans a code and shows the result.
    ScancodePush {
        /// `EventKey`: the key of the button.
        event_key: String,
        /// `ScanCodeInfo`.
        scan_code_info: ScanCodeInfo,
    },
    /// `scancode_waitmsg`: a menu button that scans a code and waits for a reply.
    ScancodeWaitmsg {
        /// `EventKey`: the key of the button.
        event_key: String,
        /// `ScanCodeInfo`.
        scan_code_info: ScanCodeInfo,
    },
    /// `pic_sysphoto`: a menu button that takes a photo with the system camera.
    PicSysphoto {
        /// `EventKey`: the key of the button.
        event_key: String,
        /// `SendPicsInfo`.
        send_pics_info: SendPicsInfo,
    },
    /// `pic_photo_or_album`: a menu button that takes a photo or picks one from the album.
    PicPhotoOrAlbum {
        /// `EventKey`: the key of the button.
        event_key: String,
        /// `SendPicsInfo`.
        send_pics_info: SendPicsInfo,
    },
    /// `pic_weixin`: a menu button that picks photos from the WeChat album.
    PicWeixin {
        /// `EventKey`: the key of the button.
        event_key: String,
        /// `SendPicsInfo`.
        send_pics_info: SendPicsInfo,
    },
    /// `location_select`: a menu button that sends a location the user picks.
    LocationSelect {
        /// `EventKey`: the key of the button.
        event_key: String,
        /// `SendLocationInfo`.
        send_location_info: SendLocationInfo,
    },
    /// `TEMPLATESENDJOBFINISH`: the outcome of sending a template message.
    TemplateSendJobFinish {
        /// `MsgID`: the id the send call returned.
        msg_id: u64,
        /// `Status`: `success`, `failed:user block`, `failed: system failed`.
        status: String,
    },
    /// `MASSSENDJOBFINISH`: the outcome of a mass send.
    MassSendJobFinish(Box<MassSendJobFinish>),
    /// `subscribe_msg_popup_event`: the user answered a subscription-message popup.
    SubscribeMsgPopup(SubscribeMsgPopup),
    /// `subscribe_msg_change_event`: the user changed a subscription in the settings.
    SubscribeMsgChange(SubscribeMsgChange),
    /// `subscribe_msg_sent_event`: the outcome of sending a subscription message.
    SubscribeMsgSent(SubscribeMsgSent),
    /// `kf_create_session`: a customer service agent took the conversation.
    KfCreateSession {
        /// `KfAccount`: the agent.
        kf_account: String,
    },
    /// `kf_close_session`: a customer service agent closed the conversation.
    KfCloseSession {
        /// `KfAccount`: the agent.
        kf_account: String,
    },
    /// `kf_switch_session`: the conversation moved to another agent.
    KfSwitchSession {
        /// `FromKfAccount`: the agent it left.
        from_kf_account: String,
        /// `ToKfAccount`: the agent it went to.
        to_kf_account: String,
    },
    /// An event this crate does not type: its `Event` value and the whole XML.
    Unknown {
        /// The `Event` value.
        event: String,
        /// The callback's XML, decrypted.
        raw: String,
    },
}

impl EventKind {
    /// For a `subscribe` from a parametric QR code, the scene: the `EventKey` without its
    /// `qrscene_` prefix. For `SCAN`, the `EventKey`.
    pub fn qr_scene(&self) -> Option<&str> {
        match self {
            EventKind::Subscribe {
                event_key: Some(key),
                ..
            } => key.strip_prefix("qrscene_"),
            EventKind::Scan { event_key, .. } => Some(event_key),
            _ => None,
        }
    }
}

/// Types an event from the flat shape; `raw` is the XML, kept for [`EventKind::Unknown`].
pub(crate) fn event_kind(event: &str, raw: &mut Raw, xml: &str) -> EventKind {
    let key = |raw: &mut Raw| raw.event_key.take().unwrap_or_default();
    let non_empty = |value: Option<String>| value.filter(|v| !v.is_empty());
    let pics = |raw: &mut Raw| {
        let info = raw.send_pics_info.take().unwrap_or_default();
        SendPicsInfo {
            count: info.count.unwrap_or_default(),
            pic_md5_sums: info
                .pic_list
                .items
                .into_iter()
                .map(|p| p.pic_md5_sum)
                .collect(),
        }
    };
    match event.to_ascii_lowercase().as_str() {
        "subscribe" => EventKind::Subscribe {
            event_key: non_empty(raw.event_key.take()),
            ticket: non_empty(raw.ticket.take()),
        },
        "unsubscribe" => EventKind::Unsubscribe,
        "scan" => EventKind::Scan {
            event_key: key(raw),
            ticket: non_empty(raw.ticket.take()),
        },
        "location" => EventKind::Location {
            latitude: raw.latitude.unwrap_or_default(),
            longitude: raw.longitude.unwrap_or_default(),
            precision: raw.precision.unwrap_or_default(),
        },
        "click" => EventKind::Click {
            event_key: key(raw),
        },
        "view" => EventKind::View {
            event_key: key(raw),
            menu_id: non_empty(raw.menu_id.take()),
        },
        "view_miniprogram" => EventKind::ViewMiniprogram {
            event_key: key(raw),
            menu_id: non_empty(raw.menu_id.take()),
        },
        "scancode_push" => EventKind::ScancodePush {
            event_key: key(raw),
            scan_code_info: raw.scan_code_info.take().unwrap_or_default(),
        },
        "scancode_waitmsg" => EventKind::ScancodeWaitmsg {
            event_key: key(raw),
            scan_code_info: raw.scan_code_info.take().unwrap_or_default(),
        },
        "pic_sysphoto" => EventKind::PicSysphoto {
            event_key: key(raw),
            send_pics_info: pics(raw),
        },
        "pic_photo_or_album" => EventKind::PicPhotoOrAlbum {
            event_key: key(raw),
            send_pics_info: pics(raw),
        },
        "pic_weixin" => EventKind::PicWeixin {
            event_key: key(raw),
            send_pics_info: pics(raw),
        },
        "location_select" => {
            let info = raw.send_location_info.take().unwrap_or_default();
            EventKind::LocationSelect {
                event_key: key(raw),
                send_location_info: SendLocationInfo {
                    latitude: info.location_x.unwrap_or_default(),
                    longitude: info.location_y.unwrap_or_default(),
                    scale: scale(info.scale),
                    label: info.label,
                    poiname: info.poiname,
                },
            }
        }
        "templatesendjobfinish" => EventKind::TemplateSendJobFinish {
            msg_id: raw.msg_id_upper.or(raw.msg_id).unwrap_or_default(),
            status: std::mem::take(&mut raw.status),
        },
        "masssendjobfinish" => {
            let copyright = raw.copyright_check_result.take().unwrap_or_default();
            EventKind::MassSendJobFinish(Box::new(MassSendJobFinish {
                msg_id: raw.msg_id_upper.or(raw.msg_id).unwrap_or_default(),
                status: std::mem::take(&mut raw.status),
                total_count: raw.total_count.unwrap_or_default(),
                filter_count: raw.filter_count.unwrap_or_default(),
                sent_count: raw.sent_count.unwrap_or_default(),
                error_count: raw.error_count.unwrap_or_default(),
                copyright_check_state: copyright.check_state,
                copyright_check_results: copyright.result_list.items,
                article_urls: raw
                    .article_url_result
                    .take()
                    .map(|r| r.result_list.items)
                    .unwrap_or_default(),
            }))
        }
        "subscribe_msg_popup_event" => {
            EventKind::SubscribeMsgPopup(raw.subscribe_msg_popup.take().unwrap_or_default())
        }
        "subscribe_msg_change_event" => {
            // The documentation's own example puts the list under `SubscribeMsgPopupEvent`.
            let change = raw
                .subscribe_msg_change
                .take()
                .unwrap_or_else(|| SubscribeMsgChange {
                    list: raw
                        .subscribe_msg_popup
                        .take()
                        .map(|popup| {
                            popup
                                .list
                                .into_iter()
                                .map(|item| SubscribeMsgChangeItem {
                                    template_id: item.template_id,
                                    subscribe_status: item.subscribe_status,
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                });
            EventKind::SubscribeMsgChange(change)
        }
        "subscribe_msg_sent_event" => {
            EventKind::SubscribeMsgSent(raw.subscribe_msg_sent.take().unwrap_or_default())
        }
        "kf_create_session" => EventKind::KfCreateSession {
            kf_account: std::mem::take(&mut raw.kf_account),
        },
        "kf_close_session" => EventKind::KfCloseSession {
            kf_account: std::mem::take(&mut raw.kf_account),
        },
        "kf_switch_session" => EventKind::KfSwitchSession {
            from_kf_account: std::mem::take(&mut raw.from_kf_account),
            to_kf_account: std::mem::take(&mut raw.to_kf_account),
        },
        _ => EventKind::Unknown {
            event: event.to_owned(),
            raw: xml.to_owned(),
        },
    }
}

/// A map zoom, sent as an integer (sometimes with a fraction).
pub(crate) fn scale(value: Option<f64>) -> u32 {
    match value {
        // In range and finite: the cast cannot truncate surprisingly.
        Some(v) if v.is_finite() && (0.0..=f64::from(u32::MAX)).contains(&v) => v.round() as u32,
        _ => 0,
    }
}
