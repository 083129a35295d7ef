//! Routes, in the URL hash so any static host serves deep links.

use yew::prelude::*;

/// Every page of the app. The path (after `#`) of each is in [`Route::to_path`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The system overview: `/`.
    Home,
    /// The overview of any area: `/area/:area`.
    Area { area: String },
    /// The overview of an area at a chosen period (`YYYY-MM`): `/area/:area/period/:period`.
    AreaAt { area: String, period: String },
    /// One metric at one area: SPC chart, table and explanations: `/area/:area/metric/:metric`.
    Metric { area: String, metric: String },
    /// The detail page with the trend limited to `from`..=`to` (`YYYY-MM`):
    /// `/area/:area/metric/:metric/range/:from/:to`.
    MetricRange {
        area: String,
        metric: String,
        from: String,
        to: String,
    },
    /// One metric across every area of a level ("place" or "locality"): `/compare/:metric/:level`.
    Compare { metric: String, level: String },
    /// The same, at a chosen period (`YYYY-MM`): `/compare/:metric/:level/:period`.
    CompareAt {
        metric: String,
        level: String,
        period: String,
    },
    /// The workforce view of an area: `/area/:area/workforce`.
    Workforce { area: String },
    /// Presentation mode, slide n (1-based): `/present/:area/:slide`.
    Present { area: String, slide: String },
    /// The same, for a board's own list of metric ids (comma-separated):
    /// `/present/:area/:slide/:metrics`.
    PresentList {
        area: String,
        slide: String,
        metrics: String,
    },
    /// About the data: definitions, sources, targets, provenance: `/about`.
    About,
    /// The accessibility statement: `/accessibility`.
    Accessibility,
    /// Anything else (`/not-found`).
    NotFound,
}

/// A path segment as written in a URL: anything but letters, digits and
/// `-_.,~` is percent-encoded (UTF-8), so any area code or id round-trips.
fn encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.,~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The text of a percent-encoded segment; `None` when the escapes are not
/// valid UTF-8. A `%` without two hex digits after it is kept as it is.
fn decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
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

    /// The `href` for a plain link (`#/area/...`).
    pub fn href(&self) -> String {
        format!("#{}", self.to_path())
    }

    /// The path after the `#`, each segment percent-encoded.
    pub fn to_path(&self) -> String {
        let parts: Vec<&str> = match self {
            Route::Home => vec![],
            Route::Area { area } => vec!["area", area],
            Route::AreaAt { area, period } => vec!["area", area, "period", period],
            Route::Metric { area, metric } => vec!["area", area, "metric", metric],
            Route::MetricRange {
                area,
                metric,
                from,
                to,
            } => vec!["area", area, "metric", metric, "range", from, to],
            Route::Compare { metric, level } => vec!["compare", metric, level],
            Route::CompareAt {
                metric,
                level,
                period,
            } => vec!["compare", metric, level, period],
            Route::Workforce { area } => vec!["area", area, "workforce"],
            Route::Present { area, slide } => vec!["present", area, slide],
            Route::PresentList {
                area,
                slide,
                metrics,
            } => vec!["present", area, slide, metrics],
            Route::About => vec!["about"],
            Route::Accessibility => vec!["accessibility"],
            Route::NotFound => vec!["not-found"],
        };
        let mut path = String::from("/");
        path.push_str(
            &parts
                .iter()
                .map(|p| encode(p))
                .collect::<Vec<_>>()
                .join("/"),
        );
        path
    }

    /// The route a path names (`/area/LLR`, with or without the leading `#`,
    /// a trailing `/` or a `?query`); [`Route::NotFound`] for any other path.
    pub fn recognize(path: &str) -> Route {
        let path = path.trim_start_matches('#');
        let path = path.split('?').next().unwrap_or_default();
        let Some(segments) = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(decode)
            .collect::<Option<Vec<String>>>()
        else {
            return Route::NotFound;
        };
        let s: Vec<&str> = segments.iter().map(String::as_str).collect();
        let own = |x: &str| x.to_string();
        match s.as_slice() {
            [] => Route::Home,
            ["area", area] => Route::Area { area: own(area) },
            ["area", area, "period", period] => Route::AreaAt {
                area: own(area),
                period: own(period),
            },
            ["area", area, "metric", metric] => Route::Metric {
                area: own(area),
                metric: own(metric),
            },
            ["area", area, "metric", metric, "range", from, to] => Route::MetricRange {
                area: own(area),
                metric: own(metric),
                from: own(from),
                to: own(to),
            },
            ["area", area, "workforce"] => Route::Workforce { area: own(area) },
            ["compare", metric, level] => Route::Compare {
                metric: own(metric),
                level: own(level),
            },
            ["compare", metric, level, period] => Route::CompareAt {
                metric: own(metric),
                level: own(level),
                period: own(period),
            },
            ["present", area, slide] => Route::Present {
                area: own(area),
                slide: own(slide),
            },
            ["present", area, slide, metrics] => Route::PresentList {
                area: own(area),
                slide: own(slide),
                metrics: own(metrics),
            },
            ["about"] => Route::About,
            ["accessibility"] => Route::Accessibility,
            _ => Route::NotFound,
        }
    }
}

/// The route in the address bar's hash (`Home` outside a browser).
pub fn current() -> Route {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .map_or(Route::Home, |hash| Route::recognize(&hash))
    }
    #[cfg(not(target_arch = "wasm32"))]
    Route::Home
}

/// Goes to `route`: a new history entry, so Back returns; the `hashchange`
/// that follows re-renders through [`use_route`].
pub fn navigate(route: &Route) {
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(&route.to_path());
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = route;
}

/// The current route, re-rendering on every `hashchange` (links, Back,
/// Forward, [`navigate`], or an edited address).
#[hook]
pub fn use_route() -> Route {
    let route = use_state(current);
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            #[cfg(target_arch = "wasm32")]
            {
                use wasm_bindgen::closure::Closure;
                use wasm_bindgen::JsCast;
                let listener = Closure::<dyn Fn()>::new(move || route.set(current()));
                let window = web_sys::window();
                if let Some(w) = &window {
                    let _ = w.add_event_listener_with_callback(
                        "hashchange",
                        listener.as_ref().unchecked_ref(),
                    );
                }
                move || {
                    if let Some(w) = &window {
                        let _ = w.remove_event_listener_with_callback(
                            "hashchange",
                            listener.as_ref().unchecked_ref(),
                        );
                    }
                }
            }
            #[cfg(not(target_arch = "wasm32"))]
            {
                let _ = route;
                || ()
            }
        });
    }
    (*route).clone()
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
                route.clone(),
                "{}",
                route.to_path()
            );
            assert_eq!(Route::recognize(&route.href()), route.clone());
            assert!(route.href().starts_with("#/"));
        }
        assert_eq!(Route::recognize("/no/such/page"), Route::NotFound);
        assert_eq!(Route::recognize(""), Route::Home);
        assert_eq!(Route::recognize("#/"), Route::Home);
    }

    #[test]
    fn segments_are_percent_encoded_and_decoded() {
        let odd = Route::PresentList {
            area: "A B/ç".into(),
            slide: "2".into(),
            metrics: "rtt_18wk,cancer_62d".into(),
        };
        assert_eq!(
            odd.to_path(),
            "/present/A%20B%2F%C3%A7/2/rtt_18wk,cancer_62d"
        );
        assert_eq!(Route::recognize(&odd.to_path()), odd);
        // Browsers may encode the comma; a stray % is kept; bad UTF-8 is not a route.
        assert_eq!(
            Route::recognize("/present/LLR/1/rtt_18wk%2Ccancer_62d"),
            Route::PresentList {
                area: "LLR".into(),
                slide: "1".into(),
                metrics: "rtt_18wk,cancer_62d".into(),
            }
        );
        assert_eq!(
            Route::recognize("/area/100%"),
            Route::Area {
                area: "100%".into()
            }
        );
        assert_eq!(Route::recognize("/area/%FF"), Route::NotFound);
        assert_eq!(
            Route::recognize("/area/LLR/?x=1"),
            Route::Area { area: "LLR".into() }
        );
    }
}
