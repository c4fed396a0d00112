use wechat_runtime::{wechat_client, Hub, MemoryStore};

#[wechat_client(storage = Hub<MemoryStore>, appid = "wx0123456789abcdef")]
pub struct OfficialAccount;

async fn calls(account: OfficialAccount) {
    let _ = account
        .get("/cgi-bin/user/info")
        .authorizer_appid("wxa000000000000001")
        .await;
    let _ = account
        .user()
        .info("o6_bmjrPTlm6_2sgVt7hMZOPfL2M")
        .authorizer_appid("wxa000000000000001")
        .await;
}

fn main() {
    let _ = calls;
}
