//! The projector theme: high contrast and large type on every page, for a
//! Health and Wellbeing Board meeting at the back of a room. The reader turns
//! it on with the header's "Projector view" button; the choice is kept in
//! `localStorage`, and `?theme=projector` before the `#` opens a link in it.
//! The dark theme is not a choice here: it follows `prefers-color-scheme`.

use yew::prelude::*;

/// How every page is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Standard,
    Projector,
}

/// The `localStorage` key that keeps the reader's choice.
pub const STORAGE_KEY: &str = "llr-theme";

impl Theme {
    /// The value of `data-theme` on `<html>` and in storage.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Standard => "standard",
            Theme::Projector => "projector",
        }
    }

    pub fn parse(text: &str) -> Option<Theme> {
        match text.trim() {
            "standard" => Some(Theme::Standard),
            "projector" => Some(Theme::Projector),
            _ => None,
        }
    }

    /// Extra size for chart text, lines and markers, on top of the
    /// devicePixelRatio: charts read from the back of a room.
    pub fn chart_zoom(self) -> f64 {
        match self {
            Theme::Standard => 1.0,
            Theme::Projector => 1.6,
        }
    }

    pub fn toggled(self) -> Theme {
        match self {
            Theme::Standard => Theme::Projector,
            Theme::Projector => Theme::Standard,
        }
    }

    /// The theme a URL query asks for (`?theme=projector&...`), if any.
    pub fn from_query(query: &str) -> Option<Theme> {
        query
            .trim_start_matches('?')
            .split('&')
            .find_map(|pair| pair.strip_prefix("theme="))
            .and_then(Theme::parse)
    }
}

/// The theme to start with: the URL's, else the stored choice, else standard.
pub fn initial() -> Theme {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(window) = web_sys::window() else {
            return Theme::Standard;
        };
        let from_url = window
            .location()
            .search()
            .ok()
            .and_then(|q| Theme::from_query(&q));
        let stored = || {
            window
                .local_storage()
                .ok()
                .flatten()
                .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
                .and_then(|t| Theme::parse(&t))
        };
        from_url.or_else(stored).unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    Theme::Standard
}

/// Puts `theme` on `<html data-theme>` (the stylesheet keys off it) and
/// keeps it for the next visit. Storage may be refused (private browsing):
/// the theme still applies for this visit.
pub fn apply(theme: Theme) {
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        if let Some(root) = window.document().and_then(|d| d.document_element()) {
            let _ = root.set_attribute("data-theme", theme.name());
        }
        if let Ok(Some(storage)) = window.local_storage() {
            let _ = storage.set_item(STORAGE_KEY, theme.name());
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = theme;
}

/// The chart zoom for the theme in context (1 outside any provider).
#[hook]
pub fn use_chart_zoom() -> f64 {
    use_context::<Theme>().unwrap_or_default().chart_zoom()
}

#[derive(Properties, PartialEq)]
pub struct ThemeToggleProps {
    pub theme: Theme,
    pub on_toggle: Callback<()>,
}

/// The header's switch between the standard and projector themes.
#[function_component(ThemeToggle)]
pub fn theme_toggle(props: &ThemeToggleProps) -> Html {
    let on_toggle = props.on_toggle.clone();
    let pressed = props.theme == Theme::Projector;
    html! {
        <button type="button" class="theme-toggle" aria-pressed={pressed.to_string()}
            data-testid="theme-toggle" onclick={move |_| on_toggle.emit(())}>
            { "Projector view" }
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_names_are_refused() {
        for theme in [Theme::Standard, Theme::Projector] {
            assert_eq!(Theme::parse(theme.name()), Some(theme));
            assert_eq!(theme.toggled().toggled(), theme);
            assert_ne!(theme.toggled(), theme);
        }
        assert_eq!(Theme::parse("dark"), None);
        assert_eq!(Theme::parse(""), None);
    }

    #[test]
    fn the_query_names_the_theme_anywhere_among_other_parameters() {
        assert_eq!(
            Theme::from_query("?theme=projector"),
            Some(Theme::Projector)
        );
        assert_eq!(
            Theme::from_query("?a=1&theme=standard"),
            Some(Theme::Standard)
        );
        assert_eq!(Theme::from_query("?theme=neon"), None);
        assert_eq!(Theme::from_query(""), None);
        assert_eq!(Theme::from_query("?xtheme=projector"), None);
    }

    #[test]
    fn the_projector_draws_charts_larger() {
        assert!(Theme::Projector.chart_zoom() > Theme::Standard.chart_zoom());
        assert_eq!(Theme::Standard.chart_zoom(), 1.0);
    }
}
