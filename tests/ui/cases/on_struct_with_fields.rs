use wechat_runtime::{wechat_client, Hub, MemoryStore};

#[wechat_client(storage = Hub<MemoryStore>)]
pub struct OfficialAccount {
    pub appid: String,
}

fn main() {
    let account = OfficialAccount {
        appid: String::new(),
    };
    let _ = account.appid;
    let _ = Hub::new(MemoryStore::new());
}
