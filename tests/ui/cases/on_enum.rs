use wechat_runtime::{wechat_client, Hub, MemoryStore};

#[wechat_client(storage = Hub<MemoryStore>)]
pub enum Account {
    Official,
    MiniProgram,
}

fn main() {
    let _ = [Account::Official, Account::MiniProgram];
    let _ = Hub::new(MemoryStore::new());
}
