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
    /// The workforce view of an area.
    #[at("/area/:area/workforce")]
    Workforce { area: String },
    /// Presentation mode: one metric per screen, slide n (1-based).
    #[at("/present/:area/:slide")]
    Present { area: String, slide: String },
    /// The same, for a board's own list of metric ids (comma-separated).
    #[at("/present/:area/:slide/:metrics")]
    PresentList {
        area: String,
        slide: String,
        metrics: String,
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
            Route::Workforce { .. } => Route::Workforce { area },
            _ => Route::Area { area },
        }
    }

    /// The `href` for a plain link (`#/area/...`), usable without a router
    /// context (so components also render on the server in tests).
    pub fn href(&self) -> String {
        format!("#{}", self.to_path())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switching_area_keeps_the_view() {
        let a = || "X".to_string();
        let cases = [
            (Route::Home, Route::Area { area: a() }),
            (Route::Area { area: "Y".into() }, Route::Area { area: a() }),
            (
                Route::AreaAt {
                    area: "Y".into(),
                    period: "2018-05".into(),
                },
                Route::AreaAt {
                    area: a(),
                    period: "2018-05".into(),
                },
            ),
            (
                Route::Metric {
                    area: "Y".into(),
                    metric: "m".into(),
                },
                Route::Metric {
                    area: a(),
                    metric: "m".into(),
                },
            ),
            (
                Route::MetricRange {
                    area: "Y".into(),
                    metric: "m".into(),
                    from: "f".into(),
                    to: "t".into(),
                },
                Route::MetricRange {
                    area: a(),
                    metric: "m".into(),
                    from: "f".into(),
                    to: "t".into(),
                },
            ),
            (
                Route::Workforce { area: "Y".into() },
                Route::Workforce { area: a() },
            ),
        ];
        for (from, to) in cases {
            assert_eq!(from.with_area(a()), to, "from {from:?}");
        }
    }

    #[test]
    fn routes_round_trip_through_their_paths() {
        for route in [
            Route::Home,
            Route::Area {
                area: "E06000016".into(),
            },
            Route::AreaAt {
                area: "LLR".into(),
                period: "2018-05".into(),
            },
            Route::Metric {
                area: "LC-WEST".into(),
                metric: "ae_4hr".into(),
            },
            Route::MetricRange {
                area: "LLR".into(),
                metric: "ae_4hr".into(),
                from: "2017-04".into(),
                to: "2019-03".into(),
            },
            Route::Compare {
                metric: "rtt_18wk".into(),
                level: "locality".into(),
            },
            Route::CompareAt {
                metric: "rtt_18wk".into(),
                level: "place".into(),
                period: "2019-03".into(),
            },
            Route::Workforce { area: "LLR".into() },
            Route::About,
            Route::Accessibility,
        ] {
            assert_eq!(
                Route::recognize(&route.to_path()),
                Some(route.clone()),
                "{}",
                route.to_path()
            );
            assert!(route.href().starts_with("#/"));
        }
        assert_eq!(Route::recognize("/no/such/page"), Some(Route::NotFound));
    }
}
