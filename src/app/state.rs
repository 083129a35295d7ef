//! App state and the actions that change it, through one reducer. Where the
//! user is (area, metric) lives in the URL, not here.

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
}

pub enum Action {
    Loaded(Result<Rc<Dataset>, String>),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(match action {
            Action::Loaded(Ok(data)) => AppState {
                load: Load::Ready(data),
            },
            Action::Loaded(Err(reason)) => AppState {
                load: Load::Failed(reason),
            },
        })
    }
}
