use wechat_runtime::{wechat_client, Hub, MemoryStore};

#[wechat_client(work, storage = Hub<MemoryStore>, appid = "ww0123456789abcdef", agent = 1000002)]
pub struct Corp;

fn main() {}
