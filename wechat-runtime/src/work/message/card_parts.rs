//! The parts of a template card: its source line, titles, quote, lines, links, action,
//! images, selections, buttons, vote options and submit button.

use serde::Serialize;

/// The source line of a card: an icon and a short text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CardSource {
    /// The icon's URL.
    pub icon_url: String,
    /// The text, about 13 characters.
    pub desc: String,
    /// The text's color: `0` grey, `1` black, `2` red, `3` green.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub desc_color: Option<u8>,
}

/// The menu at a card's top right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CardActionMenu {
    /// The menu's description.
    pub desc: String,
    /// Its entries, 1 to 3.
    pub action_list: Vec<CardMenuAction>,
}

/// One entry of a [`CardActionMenu`]: its text and the key the callback gets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CardMenuAction {
    /// The text.
    pub text: String,
    /// The key sent back.
    pub key: String,
}

/// A title and its description: a card's main title, its key figure, or a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CardTitle {
    /// The title.
    pub title: String,
    /// The description.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub desc: String,
}

/// A quote on a card, which may link to a page or a Mini Program.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CardQuoteArea {
    /// `0` no link, `1` a URL, `2` a Mini Program.
    #[serde(rename = "type")]
    pub kind: u8,
    /// The URL, for type 1.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// The Mini Program, for type 2.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub appid: String,
    /// The Mini Program's page.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub pagepath: String,
    /// The quote's title.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The quoted text.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub quote_text: String,
}

/// A key-value line: text, a link, a file, or a member (`type` 0 to 3).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CardHorizontalContent {
    /// `0` text, `1` a URL, `2` a file to download, `3` a member.
    #[serde(rename = "type", skip_serializing_if = "is_zero")]
    pub kind: u8,
    /// The key.
    pub keyname: String,
    /// The value (a file's name, for type 2).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub value: String,
    /// The URL, for type 1.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// The file's media id, for type 2.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub media_id: String,
    /// The member, for type 3.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub userid: String,
}

/// A link at a card's bottom: a URL (`type` 1) or a Mini Program (2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CardJump {
    /// `1` a URL, `2` a Mini Program.
    #[serde(rename = "type")]
    pub kind: u8,
    /// The link's text.
    pub title: String,
    /// The URL, for type 1.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// The Mini Program, for type 2.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub appid: String,
    /// The Mini Program's page.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub pagepath: String,
}

/// Where a tap on a card leads: a URL (`type` 1) or a Mini Program (2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CardAction {
    /// `1` a URL, `2` a Mini Program.
    #[serde(rename = "type")]
    pub kind: u8,
    /// The URL, for type 1.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// The Mini Program, for type 2.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub appid: String,
    /// The Mini Program's page.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub pagepath: String,
}

/// The image of a news notice.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct CardImage {
    /// The image's URL.
    pub url: String,
    /// Width over height, 1.3 to 2.25 (WeCom's default 1.3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aspect_ratio: Option<f32>,
}

/// A small image beside a title and text, on a news notice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CardImageTextArea {
    /// `0` no link, `1` a URL, `2` a Mini Program.
    #[serde(rename = "type")]
    pub kind: u8,
    /// The URL, for type 1.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// The Mini Program, for type 2.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub appid: String,
    /// The Mini Program's page.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub pagepath: String,
    /// The title.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The text.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub desc: String,
    /// The image's URL.
    pub image_url: String,
}

/// A drop-down: a question, its options, and the one selected at first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CardSelect {
    /// The key the callback names the answer by.
    pub question_key: String,
    /// The question.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The option selected at first.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub selected_id: String,
    /// The options, 1 to 10.
    pub option_list: Vec<CardOption>,
}

/// One option of a drop-down or a vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CardOption {
    /// Its id, sent back by the callback.
    pub id: String,
    /// Its text.
    pub text: String,
    /// Whether it starts checked (votes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_checked: Option<bool>,
}

/// A button: a callback with a key (`type` 0) or a link (1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CardButton {
    /// `0` a callback, `1` a URL.
    #[serde(rename = "type", skip_serializing_if = "is_zero")]
    pub kind: u8,
    /// The text.
    pub text: String,
    /// The style, `1` to `4`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<u8>,
    /// The key sent back, for type 0.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub key: String,
    /// The URL, for type 1.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub url: String,
}

/// The options of a vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CardCheckbox {
    /// The key the callback names the answer by.
    pub question_key: String,
    /// The options, 1 to 20.
    pub option_list: Vec<CardOption>,
    /// `0` one choice, `1` several.
    pub mode: u8,
}

/// The submit button of a vote or a multiple-choice card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CardSubmitButton {
    /// The text.
    pub text: String,
    /// The key sent back.
    pub key: String,
}

fn is_zero(value: &u8) -> bool {
    *value == 0
}

impl CardTitle {
    /// A title with its description (which may be empty).
    pub fn new(title: impl Into<String>, desc: impl Into<String>) -> Self {
        CardTitle {
            title: title.into(),
            desc: desc.into(),
        }
    }
}

impl CardSource {
    /// A source line.
    pub fn new(icon_url: impl Into<String>, desc: impl Into<String>) -> Self {
        CardSource {
            icon_url: icon_url.into(),
            desc: desc.into(),
            desc_color: None,
        }
    }
}

impl CardActionMenu {
    /// A menu of `(text, key)` entries.
    pub fn new(desc: impl Into<String>, entries: &[(&str, &str)]) -> Self {
        CardActionMenu {
            desc: desc.into(),
            action_list: entries
                .iter()
                .map(|(text, key)| CardMenuAction {
                    text: (*text).to_owned(),
                    key: (*key).to_owned(),
                })
                .collect(),
        }
    }
}

impl CardHorizontalContent {
    /// A line of text.
    pub fn text(keyname: impl Into<String>, value: impl Into<String>) -> Self {
        CardHorizontalContent {
            keyname: keyname.into(),
            value: value.into(),
            ..Self::default()
        }
    }

    /// A line linking to `url`.
    pub fn url(
        keyname: impl Into<String>,
        value: impl Into<String>,
        url: impl Into<String>,
    ) -> Self {
        CardHorizontalContent {
            kind: 1,
            url: url.into(),
            ..Self::text(keyname, value)
        }
    }

    /// A file to download, named `filename` (with its extension).
    pub fn file(
        keyname: impl Into<String>,
        filename: impl Into<String>,
        media_id: impl Into<String>,
    ) -> Self {
        CardHorizontalContent {
            kind: 2,
            media_id: media_id.into(),
            ..Self::text(keyname, filename)
        }
    }

    /// A member, shown by name.
    pub fn member(keyname: impl Into<String>, userid: impl Into<String>) -> Self {
        CardHorizontalContent {
            kind: 3,
            keyname: keyname.into(),
            userid: userid.into(),
            ..Self::default()
        }
    }
}

impl CardJump {
    /// A link to `url`.
    pub fn url(title: impl Into<String>, url: impl Into<String>) -> Self {
        CardJump {
            kind: 1,
            title: title.into(),
            url: url.into(),
            ..Self::default()
        }
    }

    /// A link to a Mini Program's page.
    pub fn miniprogram(
        title: impl Into<String>,
        appid: impl Into<String>,
        pagepath: impl Into<String>,
    ) -> Self {
        CardJump {
            kind: 2,
            title: title.into(),
            appid: appid.into(),
            pagepath: pagepath.into(),
            ..Self::default()
        }
    }
}

impl CardAction {
    /// A tap opens `url`.
    pub fn url(url: impl Into<String>) -> Self {
        CardAction {
            kind: 1,
            url: url.into(),
            ..Self::default()
        }
    }

    /// A tap opens a Mini Program's page.
    pub fn miniprogram(appid: impl Into<String>, pagepath: impl Into<String>) -> Self {
        CardAction {
            kind: 2,
            appid: appid.into(),
            pagepath: pagepath.into(),
            ..Self::default()
        }
    }
}

impl CardImage {
    /// An image.
    pub fn new(url: impl Into<String>) -> Self {
        CardImage {
            url: url.into(),
            aspect_ratio: None,
        }
    }

    /// Width over height, 1.3 to 2.25.
    pub fn aspect_ratio(mut self, ratio: f32) -> Self {
        self.aspect_ratio = Some(ratio);
        self
    }
}

impl CardQuoteArea {
    /// A quote without a link.
    pub fn new(title: impl Into<String>, quote_text: impl Into<String>) -> Self {
        CardQuoteArea {
            title: title.into(),
            quote_text: quote_text.into(),
            ..Self::default()
        }
    }

    /// The quote links to `url`.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.kind = 1;
        self.url = url.into();
        self
    }

    /// The quote opens a Mini Program's page.
    pub fn miniprogram(mut self, appid: impl Into<String>, pagepath: impl Into<String>) -> Self {
        self.kind = 2;
        self.appid = appid.into();
        self.pagepath = pagepath.into();
        self
    }
}

impl CardImageTextArea {
    /// An image with a title and a text, without a link.
    pub fn new(
        image_url: impl Into<String>,
        title: impl Into<String>,
        desc: impl Into<String>,
    ) -> Self {
        CardImageTextArea {
            image_url: image_url.into(),
            title: title.into(),
            desc: desc.into(),
            ..Self::default()
        }
    }

    /// The area links to `url`.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.kind = 1;
        self.url = url.into();
        self
    }

    /// The area opens a Mini Program's page.
    pub fn miniprogram(mut self, appid: impl Into<String>, pagepath: impl Into<String>) -> Self {
        self.kind = 2;
        self.appid = appid.into();
        self.pagepath = pagepath.into();
        self
    }
}

impl CardOption {
    /// An option.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        CardOption {
            id: id.into(),
            text: text.into(),
            is_checked: None,
        }
    }

    /// Checked at first (votes only).
    pub fn checked(mut self) -> Self {
        self.is_checked = Some(true);
        self
    }
}

impl CardSelect {
    /// A drop-down `question_key` titled `title`.
    pub fn new(
        question_key: impl Into<String>,
        title: impl Into<String>,
        options: Vec<CardOption>,
    ) -> Self {
        CardSelect {
            question_key: question_key.into(),
            title: title.into(),
            selected_id: String::new(),
            option_list: options,
        }
    }

    /// The option selected at first.
    pub fn selected(mut self, id: impl Into<String>) -> Self {
        self.selected_id = id.into();
        self
    }
}

impl CardButton {
    /// A button whose tap the callback reports with `key`.
    pub fn callback(text: impl Into<String>, key: impl Into<String>) -> Self {
        CardButton {
            text: text.into(),
            key: key.into(),
            ..Self::default()
        }
    }

    /// A button opening `url`.
    pub fn link(text: impl Into<String>, url: impl Into<String>) -> Self {
        CardButton {
            kind: 1,
            text: text.into(),
            url: url.into(),
            ..Self::default()
        }
    }

    /// The style, `1` to `4`.
    pub fn style(mut self, style: u8) -> Self {
        self.style = Some(style);
        self
    }
}

impl CardCheckbox {
    /// A vote's options; `multiple` lets the member check several.
    pub fn new(question_key: impl Into<String>, options: Vec<CardOption>, multiple: bool) -> Self {
        CardCheckbox {
            question_key: question_key.into(),
            option_list: options,
            mode: u8::from(multiple),
        }
    }
}

impl CardSubmitButton {
    /// A submit button.
    pub fn new(text: impl Into<String>, key: impl Into<String>) -> Self {
        CardSubmitButton {
            text: text.into(),
            key: key.into(),
        }
    }
}
