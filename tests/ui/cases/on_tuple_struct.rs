use wechat_runtime::{wechat_client, Hub, MemoryStore};

#[wechat_client(storage = Hub<MemoryStore>)]
pub struct OfficialAccount(Hub<MemoryStore>);

fn main() {
    let _ = OfficialAccount(Hub::new(MemoryStore::new())).0;
}
