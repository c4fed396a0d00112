use wechat_runtime::wechat_client;

#[wechat_client(appid = "wx0123456789abcdef")]
pub struct OfficialAccount;

fn main() {
    let _ = OfficialAccount;
}
