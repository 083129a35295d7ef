//! Routes, in the URL hash so any static host serves deep links.

use yew_router::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Routable)]
pub enum Route {
    /// The system overview.
    #[at("/")]
    Home,
    /// The overview of any area.
    #[at("/area/:area")]
    Area { area: String },
    /// One metric at one area: SPC chart, table and explanations.
    #[at("/area/:area/metric/:metric")]
    Metric { area: String, metric: String },
    #[not_found]
    #[at("/not-found")]
    NotFound,
}

impl Route {
    /// The `href` for a plain link (`#/area/...`), usable without a router
    /// context (so components also render on the server in tests).
    pub fn href(&self) -> String {
        format!("#{}", self.to_path())
    }
}
