//! Component notifications (`InfoType`), and the verify ticket reaching a hub.

use wechat_runtime::callback::{
    msg_signature, save_verify_ticket, CallbackQuery, ComponentKind, Endpoint, Incoming,
    MessageCrypt,
};
use wechat_runtime::{ComponentHubStorage, Error, Hub, MemoryStore, TokenKey};

use super::vectors::{KEY, NONCE, SIGNATURE, TEXT_MESSAGE, TIMESTAMP, TOKEN};

fn component(info_type: &str, rest: &str) -> wechat_runtime::callback::ComponentNotification {
    let xml = format!(
        "<xml>\n<AppId>wxcomponent000001</AppId>\n<CreateTime>1413192605</CreateTime>\n<InfoType>{info_type}</InfoType>\n{rest}\n</xml>"
    );
    match Incoming::parse(&xml).unwrap() {
        Incoming::Component(c) => {
            assert_eq!(c.app_id, "wxcomponent000001");
            assert_eq!(c.create_time, 1413192605);
            c
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn parse_component_verify_ticket() {
    let c = component(
        "component_verify_ticket",
        "<ComponentVerifyTicket>some_verify_ticket</ComponentVerifyTicket>",
    );
    assert_eq!(c.verify_ticket(), Some("some_verify_ticket"));
    assert!(
        !format!("{c:?}").contains("some_verify_ticket"),
        "Debug hides it"
    );
}

#[test]
fn parse_component_authorizations() {
    let rest = "<AuthorizerAppid>wxauthorizer00001</AuthorizerAppid>\n<AuthorizationCode>queryauthcode@@@xxx</AuthorizationCode>\n<AuthorizationCodeExpiredTime>1413196205</AuthorizationCodeExpiredTime>\n<PreAuthCode>preauthcode@@@xxx</PreAuthCode>";
    let ComponentKind::Authorized(auth) = component("authorized", rest).kind else {
        panic!()
    };
    assert_eq!(auth.authorizer_appid, "wxauthorizer00001");
    assert_eq!(auth.authorization_code, "queryauthcode@@@xxx");
    assert_eq!(auth.authorization_code_expired_time, 1413196205);
    assert_eq!(auth.pre_auth_code, "preauthcode@@@xxx");
    assert!(!format!("{auth:?}").contains("queryauthcode"));
    assert!(matches!(
        component("updateauthorized", rest).kind,
        ComponentKind::UpdateAuthorized(a) if a.authorization_code == "queryauthcode@@@xxx"
    ));
    assert_eq!(
        component(
            "unauthorized",
            "<AuthorizerAppid>wxauthorizer00001</AuthorizerAppid>"
        )
        .kind,
        ComponentKind::Unauthorized {
            authorizer_appid: "wxauthorizer00001".into()
        }
    );
    assert!(matches!(
        component("notify_third_fasteregister", "<status>0</status>").kind,
        ComponentKind::Unknown { info_type, .. } if info_type == "notify_third_fasteregister"
    ));
}

// ----- the verify ticket reaches the hub ---------------------------------------------------------

#[tokio::test]
async fn verify_ticket_callback_lets_the_hub_fetch_the_component_token() {
    const COMPONENT: &str = "wxcomponent000001";
    let wechat = wechat_simulator::Simulator::start().await.unwrap();
    wechat.add_component(COMPONENT, "component-secret");
    let hub = Hub::builder(MemoryStore::new().with_app(COMPONENT, "component-secret"))
        .base_url(wechat.base_url())
        .build()
        .unwrap();
    // No ticket yet: no token.
    let before = hub
        .token(&TokenKey::component(COMPONENT))
        .await
        .unwrap_err();
    assert!(matches!(before, Error::Missing { .. }), "{before}");

    // WeChat pushes a ticket to the authorization event URL, encrypted for the component.
    let ticket = wechat.push_verify_ticket(COMPONENT);
    let endpoint = Endpoint::safe(TOKEN, KEY, COMPONENT).unwrap();
    let wechat_crypt = MessageCrypt::new(TOKEN, KEY, COMPONENT).unwrap();
    let encrypt = wechat_crypt
        .encrypt(&format!(
            "<xml><AppId>{COMPONENT}</AppId><CreateTime>1413192605</CreateTime><InfoType>component_verify_ticket</InfoType><ComponentVerifyTicket>{ticket}</ComponentVerifyTicket></xml>"
        ))
        .unwrap();
    let query = CallbackQuery::parse(&format!(
        "signature={SIGNATURE}&timestamp={TIMESTAMP}&nonce={NONCE}&encrypt_type=aes&msg_signature={}",
        msg_signature(TOKEN, TIMESTAMP, NONCE, &encrypt)
    ));
    let body = format!(
        "<xml><AppId><![CDATA[{COMPONENT}]]></AppId><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
    );
    let received = endpoint.receive(&query, body.as_bytes()).unwrap();
    assert!(save_verify_ticket(hub.store(), &received.incoming)
        .await
        .unwrap());
    assert_eq!(
        hub.store()
            .verify_ticket(COMPONENT)
            .await
            .unwrap()
            .as_deref(),
        Some(ticket.as_str())
    );

    // From then on the hub fetches component_access_token with it.
    let token = hub.token(&TokenKey::component(COMPONENT)).await.unwrap();
    assert_eq!(
        wechat.current_access_token(COMPONENT).as_deref(),
        Some(token.access_token.as_str())
    );
    assert_eq!(wechat.calls("/cgi-bin/component/api_component_token"), 1);

    // Anything else is left alone.
    let Incoming::Message(_) = Incoming::parse(TEXT_MESSAGE).unwrap() else {
        panic!()
    };
    assert!(
        !save_verify_ticket(hub.store(), &Incoming::parse(TEXT_MESSAGE).unwrap())
            .await
            .unwrap()
    );
}
