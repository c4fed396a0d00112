use wechat_runtime::{wechat_client, ClientStorage, Result, Ticket, TicketType, Token};

pub struct Tenant {
    pub name: String,
}

pub struct TenantStore;

#[async_trait::async_trait]
impl ClientStorage for TenantStore {
    type Args = Tenant;

    async fn fetch_access_token(&self, _: &str, _: &Tenant) -> Result<Token> {
        unimplemented!()
    }

    async fn refresh_access_token(&self, _: &str, _: &str, _: &Tenant) -> Result<Token> {
        unimplemented!()
    }

    async fn fetch_ticket(&self, _: &str, _: TicketType, _: &Tenant) -> Result<Ticket> {
        unimplemented!()
    }
}

#[wechat_client(storage = TenantStore)]
pub struct OfficialAccount;

fn main() {}
