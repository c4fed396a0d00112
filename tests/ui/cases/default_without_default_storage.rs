use wechat_runtime::{wechat_client, ClientStorage, Result, Ticket, TicketType, Token};

// A storage that needs a connection string, so it has no default.
pub struct TenantStore {
    pub url: String,
}

#[async_trait::async_trait]
impl ClientStorage for TenantStore {
    type Args = ();

    async fn fetch_access_token(&self, _: &str, _: &()) -> Result<Token> {
        unimplemented!()
    }

    async fn refresh_access_token(&self, _: &str, _: &str, _: &()) -> Result<Token> {
        unimplemented!()
    }

    async fn fetch_ticket(&self, _: &str, _: TicketType, _: &()) -> Result<Ticket> {
        unimplemented!()
    }
}

// Declaring the client is fine: it is only not `Default`.
#[wechat_client(storage = TenantStore)]
pub struct OfficialAccount;

fn main() {
    let _ = OfficialAccount::new(TenantStore { url: "redis://127.0.0.1".into() });
    let _ = OfficialAccount::default();
}
