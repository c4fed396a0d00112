use wechat_runtime::wechat_client;

#[wechat_client(storage = S)]
pub struct OfficialAccount<S>;

fn main() {}
