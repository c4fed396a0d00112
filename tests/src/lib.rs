//! Workspace-level tests of wechat-rs; the tests are in `tests/`.
