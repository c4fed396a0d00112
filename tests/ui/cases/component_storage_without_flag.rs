use wechat_runtime::{wechat_client, ComponentClientStorage, Result, Ticket, TicketType, Token};

pub struct PlatformStore;

#[async_trait::async_trait]
impl ComponentClientStorage for PlatformStore {
    type Args = ();

    async fn fetch_access_token(&self, _: &str, _: &str, _: &()) -> Result<Token> {
        unimplemented!()
    }

    async fn fetch_component_access_token(&self, _: &str, _: &()) -> Result<Token> {
        unimplemented!()
    }

    async fn refresh_access_token(&self, _: &str, _: &str, _: &str, _: &()) -> Result<Token> {
        unimplemented!()
    }

    async fn fetch_ticket(&self, _: &str, _: &str, _: TicketType, _: &()) -> Result<Ticket> {
        unimplemented!()
    }
}

#[wechat_client(storage = PlatformStore)]
pub struct Platform;

fn main() {}
