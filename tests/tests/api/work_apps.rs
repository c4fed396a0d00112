//! A WeCom agent's own areas against a recording mock: application messages (every content
//! type, template cards, recall), the agent's settings and menu, temporary media, and the
//! JS-SDK signatures. The client comes from `work_contacts`.

mod agents;
mod media;
mod messages;
