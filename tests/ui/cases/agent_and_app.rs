use wechat_runtime::work::WorkApp;
use wechat_runtime::{wechat_client, Hub, MemoryStore};

#[wechat_client(work, storage = Hub<MemoryStore>, corpid = "ww0123456789abcdef", agent = 1000002, app = WorkApp::Contacts)]
pub struct Corp;

fn main() {
    let _ = WorkApp::Contacts;
}
