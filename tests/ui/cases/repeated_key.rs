use wechat_runtime::{wechat_client, Hub, MemoryStore};

#[wechat_client(
    storage = Hub<MemoryStore>,
    appid = "wx0123456789abcdef",
    appid = "wxfedcba9876543210",
)]
pub struct OfficialAccount;

fn main() {
    let client = OfficialAccount::new(Hub::new(MemoryStore::new()));
    let _ = client.appid();
}
