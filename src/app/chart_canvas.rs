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
