//! Template cards (模板卡片): the five card types an application message can carry, what each
//! requires, and the builder; the parts are in `card_parts`.

use serde::Serialize;

use super::card_parts::{
    CardAction, CardActionMenu, CardButton, CardCheckbox, CardHorizontalContent, CardImage,
    CardImageTextArea, CardJump, CardQuoteArea, CardSelect, CardSource, CardSubmitButton,
    CardTitle,
};

use crate::api::check_present;
use crate::error::{Error, Result};
use crate::work::lists::{check_at_most, check_bytes};

/// The type of a [`TemplateCard`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TemplateCardType {
    /// A text notice (`text_notice`): a title, a key figure, lines of text, links.
    TextNotice,
    /// A news notice (`news_notice`): a title with an image.
    NewsNotice,
    /// Buttons the member taps (`button_interaction`), answered through the callback.
    ButtonInteraction,
    /// A vote (`vote_interaction`): options to check, then submit.
    VoteInteraction,
    /// Up to three drop-down choices (`multiple_interaction`), then submit.
    MultipleInteraction,
}

/// A template card: build one with [`TemplateCard::text_notice`] and its siblings, then add
/// parts with the setters. What a type requires is checked before sending.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct TemplateCard {
    /// The card type.
    pub card_type: TemplateCardType,
    /// The source line at the top.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<CardSource>,
    /// The menu at the top right (requires a `task_id`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action_menu: Option<CardActionMenu>,
    /// The task id: unique per app, up to 128 bytes of letters, digits and `_-@`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_id: Option<String>,
    /// The title and its description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main_title: Option<CardTitle>,
    /// A quote under the title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote_area: Option<CardQuoteArea>,
    /// A key figure and its description (text notices).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emphasis_content: Option<CardTitle>,
    /// Plain text under the title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_title_text: Option<String>,
    /// Key-value lines, up to 6.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub horizontal_content_list: Vec<CardHorizontalContent>,
    /// Links at the bottom, up to 3.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub jump_list: Vec<CardJump>,
    /// Where a tap on the card leads (required for notices).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card_action: Option<CardAction>,
    /// The image of a news notice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card_image: Option<CardImage>,
    /// A small image with text, for a news notice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_text_area: Option<CardImageTextArea>,
    /// Titled paragraphs of a news notice, up to 4.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub vertical_content_list: Vec<CardTitle>,
    /// A drop-down above the buttons of a button card.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub button_selection: Option<CardSelect>,
    /// The buttons of a button card, 1 to 6.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub button_list: Vec<CardButton>,
    /// The options of a vote.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkbox: Option<CardCheckbox>,
    /// The drop-downs of a multiple-choice card, 1 to 3.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub select_list: Vec<CardSelect>,
    /// The submit button of a vote or multiple-choice card.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submit_button: Option<CardSubmitButton>,
}

impl TemplateCard {
    fn of(card_type: TemplateCardType) -> Self {
        TemplateCard {
            card_type,
            source: None,
            action_menu: None,
            task_id: None,
            main_title: None,
            quote_area: None,
            emphasis_content: None,
            sub_title_text: None,
            horizontal_content_list: Vec::new(),
            jump_list: Vec::new(),
            card_action: None,
            card_image: None,
            image_text_area: None,
            vertical_content_list: Vec::new(),
            button_selection: None,
            button_list: Vec::new(),
            checkbox: None,
            select_list: Vec::new(),
            submit_button: None,
        }
    }

    /// A text notice: a title, and where a tap leads.
    pub fn text_notice(main_title: CardTitle, card_action: CardAction) -> Self {
        TemplateCard {
            main_title: Some(main_title),
            card_action: Some(card_action),
            ..Self::of(TemplateCardType::TextNotice)
        }
    }

    /// A news notice: a title, an image, and where a tap leads.
    pub fn news_notice(main_title: CardTitle, image: CardImage, card_action: CardAction) -> Self {
        TemplateCard {
            main_title: Some(main_title),
            card_image: Some(image),
            card_action: Some(card_action),
            ..Self::of(TemplateCardType::NewsNotice)
        }
    }

    /// Buttons (1 to 6) under a title; taps come back through the callback with `task_id`.
    pub fn button_interaction(
        task_id: impl Into<String>,
        main_title: CardTitle,
        buttons: Vec<CardButton>,
    ) -> Self {
        TemplateCard {
            task_id: Some(task_id.into()),
            main_title: Some(main_title),
            button_list: buttons,
            ..Self::of(TemplateCardType::ButtonInteraction)
        }
    }

    /// A vote under a title.
    pub fn vote_interaction(
        task_id: impl Into<String>,
        main_title: CardTitle,
        checkbox: CardCheckbox,
        submit: CardSubmitButton,
    ) -> Self {
        TemplateCard {
            task_id: Some(task_id.into()),
            main_title: Some(main_title),
            checkbox: Some(checkbox),
            submit_button: Some(submit),
            ..Self::of(TemplateCardType::VoteInteraction)
        }
    }

    /// Drop-downs (1 to 3) under a title.
    pub fn multiple_interaction(
        task_id: impl Into<String>,
        main_title: CardTitle,
        selects: Vec<CardSelect>,
        submit: CardSubmitButton,
    ) -> Self {
        TemplateCard {
            task_id: Some(task_id.into()),
            main_title: Some(main_title),
            select_list: selects,
            submit_button: Some(submit),
            ..Self::of(TemplateCardType::MultipleInteraction)
        }
    }

    /// Sets the source line.
    pub fn source(mut self, source: CardSource) -> Self {
        self.source = Some(source);
        self
    }

    /// Sets the top-right menu (the card needs a task id: [`task_id`](Self::task_id)).
    pub fn action_menu(mut self, menu: CardActionMenu) -> Self {
        self.action_menu = Some(menu);
        self
    }

    /// Sets the task id.
    pub fn task_id(mut self, task_id: impl Into<String>) -> Self {
        self.task_id = Some(task_id.into());
        self
    }

    /// Sets the quote.
    pub fn quote_area(mut self, quote: CardQuoteArea) -> Self {
        self.quote_area = Some(quote);
        self
    }

    /// Sets the key figure (text notices).
    pub fn emphasis(mut self, emphasis: CardTitle) -> Self {
        self.emphasis_content = Some(emphasis);
        self
    }

    /// Sets the text under the title.
    pub fn sub_title_text(mut self, text: impl Into<String>) -> Self {
        self.sub_title_text = Some(text.into());
        self
    }

    /// Adds a key-value line.
    pub fn line(mut self, line: CardHorizontalContent) -> Self {
        self.horizontal_content_list.push(line);
        self
    }

    /// Adds a link at the bottom.
    pub fn jump(mut self, jump: CardJump) -> Self {
        self.jump_list.push(jump);
        self
    }

    /// Sets where a tap leads.
    pub fn card_action(mut self, action: CardAction) -> Self {
        self.card_action = Some(action);
        self
    }

    /// Sets the image-and-text area (news notices).
    pub fn image_text_area(mut self, area: CardImageTextArea) -> Self {
        self.image_text_area = Some(area);
        self
    }

    /// Adds a titled paragraph (news notices).
    pub fn paragraph(mut self, paragraph: CardTitle) -> Self {
        self.vertical_content_list.push(paragraph);
        self
    }

    /// Sets the drop-down above the buttons (button cards).
    pub fn button_selection(mut self, selection: CardSelect) -> Self {
        self.button_selection = Some(selection);
        self
    }

    /// What each card type requires, and the lists' limits.
    pub(crate) fn check(&self) -> Result<()> {
        use TemplateCardType::*;
        let needs = |what: &str, present: bool| {
            if present {
                Ok(())
            } else {
                Err(Error::invalid_input(format!(
                    "a {} card needs {what}",
                    serde_json::to_value(self.card_type)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default()
                )))
            }
        };
        let titled = self
            .main_title
            .as_ref()
            .is_some_and(|t| !t.title.trim().is_empty());
        match self.card_type {
            TextNotice => {
                needs(
                    "a main title or a sub-title text",
                    titled
                        || self
                            .sub_title_text
                            .as_deref()
                            .is_some_and(|t| !t.trim().is_empty()),
                )?;
                needs("a card action", self.card_action.is_some())?;
            }
            NewsNotice => {
                needs("a main title", titled)?;
                needs("a card action", self.card_action.is_some())?;
                needs(
                    "a card image or an image text area",
                    self.card_image.is_some() || self.image_text_area.is_some(),
                )?;
            }
            ButtonInteraction => {
                needs("a main title", titled)?;
                needs("buttons", !self.button_list.is_empty())?;
            }
            VoteInteraction => {
                needs("a main title", titled)?;
                needs("a checkbox", self.checkbox.is_some())?;
                needs("a submit button", self.submit_button.is_some())?;
            }
            MultipleInteraction => {
                needs("a main title", titled)?;
                needs("selections", !self.select_list.is_empty())?;
                needs("a submit button", self.submit_button.is_some())?;
            }
        }
        let interactive = !matches!(self.card_type, TextNotice | NewsNotice);
        if interactive || self.action_menu.is_some() {
            let task_id = self.task_id.as_deref().unwrap_or_default();
            check_present("the card's task_id", task_id)?;
            check_bytes("the card's task_id", task_id, 128)?;
            if let Some(c) = task_id
                .chars()
                .find(|c| !(c.is_ascii_alphanumeric() || "_-@".contains(*c)))
            {
                return Err(Error::invalid_input(format!(
                    "the card's task_id has `{c}`; WeCom takes letters, digits and `_-@`"
                )));
            }
        }
        if let Some(menu) = &self.action_menu {
            crate::api::check_len("the card menu's entries", &menu.action_list, 3)?;
        }
        check_at_most("the card's lines", &self.horizontal_content_list, 6)?;
        check_at_most("the card's links", &self.jump_list, 3)?;
        check_at_most("the card's paragraphs", &self.vertical_content_list, 4)?;
        if self.card_type == ButtonInteraction {
            crate::api::check_len("the card's buttons", &self.button_list, 6)?;
        }
        if let Some(checkbox) = &self.checkbox {
            crate::api::check_len("the vote's options", &checkbox.option_list, 20)?;
        }
        if self.card_type == MultipleInteraction {
            crate::api::check_len("the card's selections", &self.select_list, 3)?;
        }
        for select in self.select_list.iter().chain(&self.button_selection) {
            crate::api::check_len("a selection's options", &select.option_list, 10)?;
        }
        Ok(())
    }
}
