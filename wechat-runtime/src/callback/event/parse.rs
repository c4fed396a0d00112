//! Typing an event: from the flat shape of `raw.rs` (the kinds typed first), from the flat
//! field list (kinds whose fields are all top-level), or from the document itself (nested
//! ones).

use super::super::fields::CallbackFields;
use super::super::payload::{
    CardCode, CardPayOrder, InvoiceAuthorization, InvoiceTitle, MassSendJobFinish, RawPublishDoc,
    SendLocationInfo, SendPicsInfo, SubscribeMsgChange, SubscribeMsgChangeItem,
    TradeManageSettlement, TradeManageShipping, UserConsumeCard, UserGetCard, UserGiftingCard,
    UserPayFromPayCell,
};
use super::super::raw::{Raw, Source};
use super::super::xml;
use super::EventKind;
use crate::error::Result;

/// Types an event; `src` is the callback, parsed again for nested kinds and kept whole for
/// [`EventKind::Unknown`].
///
/// # Errors
///
/// [`Error::MalformedMessage`](crate::Error::MalformedMessage) for a known nested kind whose
/// fields have the wrong shape.
pub(crate) fn event_kind(
    event: &str,
    raw: &mut Raw,
    fields: &CallbackFields,
    src: Source<'_>,
) -> Result<EventKind> {
    let name = event.to_ascii_lowercase();
    if let Some(kind) = from_raw_shape(&name, raw).or_else(|| from_fields(&name, fields)) {
        return Ok(kind);
    }
    Ok(match name.as_str() {
        "wxa_media_check" => EventKind::WxaMediaCheck(Box::new(xml::from_str(src.xml)?)),
        "xpay_goods_deliver_notify" => {
            EventKind::XpayGoodsDeliverNotify(Box::new(xml::from_str(src.xml)?))
        }
        "xpay_coin_pay_notify" => EventKind::XpayCoinPayNotify(Box::new(xml::from_str(src.xml)?)),
        "xpay_refund_notify" => EventKind::XpayRefundNotify(Box::new(xml::from_str(src.xml)?)),
        // The documentation's example spells it FREEPUBLISHJOBFINISH; WeChat sends the other.
        "publishjobfinish" | "freepublishjobfinish" => {
            EventKind::PublishJobFinish(Box::new(xml::from_str::<RawPublishDoc>(src.xml)?.into()))
        }
        _ => EventKind::Unknown {
            event: event.to_owned(),
            raw: src.original.to_owned(),
        },
    })
}

/// The kinds whose fields are all top-level text.
fn from_fields(name: &str, f: &CallbackFields) -> Option<EventKind> {
    Some(match name {
        "card_pass_check" => EventKind::CardPassCheck {
            card_id: f.string("CardId"),
        },
        "card_not_pass_check" => EventKind::CardNotPassCheck {
            card_id: f.string("CardId"),
            refuse_reason: f.string("RefuseReason"),
        },
        "user_get_card" => EventKind::UserGetCard(Box::new(UserGetCard::from_fields(f))),
        "user_gifting_card" => {
            EventKind::UserGiftingCard(Box::new(UserGiftingCard::from_fields(f)))
        }
        "user_del_card" => EventKind::UserDelCard(CardCode::from_fields(f)),
        "user_consume_card" => {
            EventKind::UserConsumeCard(Box::new(UserConsumeCard::from_fields(f)))
        }
        "user_pay_from_pay_cell" => {
            EventKind::UserPayFromPayCell(Box::new(UserPayFromPayCell::from_fields(f)))
        }
        "user_view_card" => EventKind::UserViewCard {
            card_id: f.string("CardId"),
            user_card_code: f.string("UserCardCode"),
            outer_str: f.string("OuterStr"),
        },
        "user_enter_session_from_card" => {
            EventKind::UserEnterSessionFromCard(CardCode::from_fields(f))
        }
        "update_member_card" => EventKind::UpdateMemberCard {
            card_id: f.string("CardId"),
            user_card_code: f.string("UserCardCode"),
            modify_bonus: f.number("ModifyBonus"),
            modify_balance: f.number("ModifyBalance"),
        },
        "card_sku_remind" => EventKind::CardSkuRemind {
            card_id: f.string("CardId"),
            detail: f.string("Detail"),
        },
        "card_pay_order" => EventKind::CardPayOrder(Box::new(CardPayOrder::from_fields(f))),
        "submit_membercard_user_info" => {
            EventKind::SubmitMembercardUserInfo(CardCode::from_fields(f))
        }
        "user_authorize_invoice" => {
            EventKind::UserAuthorizeInvoice(Box::new(InvoiceAuthorization::from_fields(f)))
        }
        "update_invoice_status" => EventKind::UpdateInvoiceStatus {
            status: f.string("Status"),
            card_id: f.string("CardId"),
            code: f.string("Code"),
        },
        "submit_invoice_title" => {
            EventKind::SubmitInvoiceTitle(Box::new(InvoiceTitle::from_fields(f)))
        }
        "user_enter_tempsession" => EventKind::UserEnterTempsession {
            session_from: f.string("SessionFrom"),
        },
        "qualification_verify_success" => EventKind::QualificationVerifySuccess {
            expired_time: f.number("ExpiredTime"),
        },
        "qualification_verify_fail" => EventKind::QualificationVerifyFail {
            fail_time: f.number("FailTime"),
            fail_reason: f.string("FailReason"),
        },
        "naming_verify_success" => EventKind::NamingVerifySuccess {
            expired_time: f.number("ExpiredTime"),
        },
        "naming_verify_fail" => EventKind::NamingVerifyFail {
            fail_time: f.number("FailTime"),
            fail_reason: f.string("FailReason"),
        },
        "annual_renew" => EventKind::AnnualRenew {
            expired_time: f.number("ExpiredTime"),
        },
        "verify_expired" => EventKind::VerifyExpired {
            expired_time: f.number("ExpiredTime"),
        },
        "trade_manage_remind_access_api" => EventKind::TradeManageRemindAccessApi {
            msg: f.string("msg"),
        },
        "trade_manage_remind_shipping" => {
            EventKind::TradeManageRemindShipping(Box::new(TradeManageShipping::from_fields(f)))
        }
        "trade_manage_order_settlement" => {
            EventKind::TradeManageOrderSettlement(Box::new(TradeManageSettlement::from_fields(f)))
        }
        _ => return None,
    })
}

/// The kinds typed from the flat shape of `raw.rs`.
fn from_raw_shape(name: &str, raw: &mut Raw) -> Option<EventKind> {
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
    Some(match name {
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
        _ => return None,
    })
}

/// A map zoom, sent as an integer (sometimes with a fraction).
pub(crate) fn scale(value: Option<f64>) -> u32 {
    match value {
        // In range and finite: the cast cannot truncate surprisingly.
        Some(v) if v.is_finite() && (0.0..=f64::from(u32::MAX)).contains(&v) => v.round() as u32,
        _ => 0,
    }
}
