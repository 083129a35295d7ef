//! A sparkline on a canvas, sized in device pixels so it is crisp at any
//! devicePixelRatio, redrawn when the window is resized or rotated.

use yew::prelude::*;

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

use crate::app::chart_canvas::{use_chart_canvas, CanvasChart};
use crate::chart::{draw_sparkline, ChartError, Palette, SparkData};

#[derive(Properties, PartialEq, Clone)]
pub struct SparklineProps {
    pub data: SparkData,
    /// The text alternative: what the trend shows, in words.
    pub label: AttrValue,
}

impl CanvasChart for SparklineProps {
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), ChartError<DB>> {
        draw_sparkline(area, &self.data, &Palette::default(), scale)
    }
}

#[function_component(Sparkline)]
pub fn sparkline(props: &SparklineProps) -> Html {
    let canvas = use_chart_canvas(props);
    html! {
        <canvas ref={canvas} class="sparkline" data-chart="sparkline" role="img" aria-label={props.label.clone()}>
            { props.label.clone() }
        </canvas>
    }
}
