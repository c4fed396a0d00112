use wechat_runtime::{wechat_client, Hub, MemoryStore};

#[wechat_client(storage = Hub<MemoryStore>)]
pub fn official_account() {}

fn main() {
    official_account();
    let _ = Hub::new(MemoryStore::new());
}
