use wechat_runtime::{wechat_client, ClientStorage, Result, Ticket, TicketType, Token};

pub struct AccountStore;

#[async_trait::async_trait]
impl ClientStorage for AccountStore {
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

#[wechat_client(work, storage = AccountStore, corpid = "ww0123456789abcdef", agent = 1000002)]
pub struct Corp;

fn main() {}
