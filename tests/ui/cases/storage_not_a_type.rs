use wechat_runtime::{wechat_client, Hub, MemoryStore};

#[wechat_client(storage = Hub::new(MemoryStore::new()))]
pub struct OfficialAccount;

fn main() {
    let _ = Hub::new(MemoryStore::new());
}
