//! One hook for every chart drawn on a canvas: the chart's inputs say how to
//! draw themselves on any plotters backend, and the hook sizes the canvas in
//! device pixels and redraws when the inputs or the canvas's box change.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use yew::prelude::*;

use crate::chart::ChartError;

/// Inputs of a chart that can draw themselves at a given scale (the
/// devicePixelRatio), on whatever backend the caller has.
pub trait CanvasChart: PartialEq + Clone + 'static {
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), ChartError<DB>>;

    /// The canvas's CSS height in pixels, when the chart sets it (the bar
    /// chart grows with its bars); otherwise the stylesheet's.
    fn css_height(&self) -> Option<u32> {
        None
    }
}

/// Sets inline style properties on `element` through the CSSOM: the
/// Content-Security-Policy refuses `style` attributes, not the CSSOM.
pub fn set_style(element: &NodeRef, properties: &[(&str, String)]) {
    #[cfg(target_arch = "wasm32")]
    if let Some(element) = element.cast::<web_sys::HtmlElement>() {
        let style = element.style();
        for (name, value) in properties {
            let _ = style.set_property(name, value);
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (element, properties);
}

/// A canvas ref that shows `chart`, redrawn whenever `chart` changes.
#[hook]
pub fn use_chart_canvas<C: CanvasChart>(chart: &C) -> NodeRef {
    let canvas = use_node_ref();
    let zoom = super::theme::use_chart_zoom();
    {
        let canvas = canvas.clone();
        // f64 is not Eq; compare the zoom by its bits
        use_effect_with((chart.clone(), zoom.to_bits()), move |(chart, zoom)| {
            #[cfg(target_arch = "wasm32")]
            {
                let chart = chart.clone();
                let zoom = f64::from_bits(*zoom);
                if let Some(height) = chart.css_height() {
                    // Taller by the theme's zoom, as its text and bars are.
                    let height = (f64::from(height) * zoom).round();
                    set_style(&canvas, &[("height", format!("{height}px"))]);
                }
                super::canvas::paint_and_follow_resize(canvas, move |area, scale| {
                    chart.draw(&area, scale * zoom)?;
                    area.present()
                })
            }
            #[cfg(not(target_arch = "wasm32"))]
            {
                let _ = (canvas, chart, zoom);
                || ()
            }
        });
    }
    canvas
}
