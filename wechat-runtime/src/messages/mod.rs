//! Callback messages (in progress).
