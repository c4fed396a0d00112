use wechat_runtime::wechat_client;

pub struct TokenStore;

#[wechat_client(storage = TokenStore)]
pub struct OfficialAccount;

fn main() {}
