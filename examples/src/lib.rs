//! Runnable examples of wechat-rs; the programs are in `examples/`.
