//! App state and the actions that change it, through one reducer.

use std::rc::Rc;
use yew::prelude::*;

use crate::load::Dataset;

/// Where the data is: loading, ready, or failed with a reason. Never a bare Option.
#[derive(Debug, Clone, Default)]
pub enum Load {
    #[default]
    Loading,
    Ready(Rc<Dataset>),
    Failed(String),
}

#[derive(Debug, Clone, Default)]
pub struct AppState {
    pub load: Load,
    /// The chosen area code; the system when none chosen yet.
    pub area: Option<String>,
}

pub enum Action {
    Loaded(Result<Rc<Dataset>, String>),
    SelectArea(String),
}

impl AppState {
    /// The chosen area if it exists in the data, else the system.
    pub fn area_or_system(&self, data: &Dataset) -> String {
        self.area
            .as_deref()
            .filter(|code| data.geography.area(code).is_some())
            .or(data.geography.system().map(|a| a.code.as_str()))
            .unwrap_or_default()
            .to_string()
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Loaded(Ok(data)) => next.load = Load::Ready(data),
            Action::Loaded(Err(reason)) => next.load = Load::Failed(reason),
            Action::SelectArea(code) => next.area = Some(code),
        }
        Rc::new(next)
    }
}
