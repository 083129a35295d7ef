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
    /// The overview of an area at a chosen period (`YYYY-MM`).
    #[at("/area/:area/period/:period")]
    AreaAt { area: String, period: String },
    /// One metric at one area: SPC chart, table and explanations.
    #[at("/area/:area/metric/:metric")]
    Metric { area: String, metric: String },
    /// The detail page with the trend limited to `from`..=`to` (`YYYY-MM`).
    #[at("/area/:area/metric/:metric/range/:from/:to")]
    MetricRange {
        area: String,
        metric: String,
        from: String,
        to: String,
    },
    /// One metric across every area of a level ("place" or "locality").
    #[at("/compare/:metric/:level")]
    Compare { metric: String, level: String },
    /// The same, at a chosen period (`YYYY-MM`).
    #[at("/compare/:metric/:level/:period")]
    CompareAt {
        metric: String,
        level: String,
        period: String,
    },
    /// About the data: definitions, sources, targets, provenance.
    #[at("/about")]
    About,
    /// The accessibility statement.
    #[at("/accessibility")]
    Accessibility,
    #[not_found]
    #[at("/not-found")]
    NotFound,
}

impl Route {
    /// The same view at another area, keeping the metric, period or range.
    pub fn with_area(&self, area: String) -> Route {
        match self {
            Route::AreaAt { period, .. } => Route::AreaAt {
                area,
                period: period.clone(),
            },
            Route::Metric { metric, .. } => Route::Metric {
                area,
                metric: metric.clone(),
            },
            Route::MetricRange {
                metric, from, to, ..
            } => Route::MetricRange {
                area,
                metric: metric.clone(),
                from: from.clone(),
                to: to.clone(),
            },
            _ => Route::Area { area },
        }
    }

    /// The `href` for a plain link (`#/area/...`), usable without a router
    /// context (so components also render on the server in tests).
    pub fn href(&self) -> String {
        format!("#{}", self.to_path())
    }
}
