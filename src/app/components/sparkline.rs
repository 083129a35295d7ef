//! A sparkline on a canvas, sized in device pixels so it is crisp at any
//! devicePixelRatio, redrawn when the window is resized or rotated.

use yew::prelude::*;

use crate::chart::SparkData;

#[derive(Properties, PartialEq, Clone)]
pub struct SparklineProps {
    pub data: SparkData,
    /// The text alternative: what the trend shows, in words.
    pub label: AttrValue,
}

#[function_component(Sparkline)]
pub fn sparkline(props: &SparklineProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        use_effect_with(props.data.clone(), move |data| {
            #[cfg(target_arch = "wasm32")]
            {
                let data = data.clone();
                super::super::canvas::paint_and_follow_resize(canvas, move |area, scale| {
                    crate::chart::draw_sparkline(
                        &area,
                        &data,
                        &crate::chart::Palette::default(),
                        scale,
                    )
                })
            }
            #[cfg(not(target_arch = "wasm32"))]
            {
                let _ = (canvas, data);
                || ()
            }
        });
    }
    html! {
        <canvas ref={canvas} class="sparkline" data-chart="sparkline" role="img" aria-label={props.label.clone()}>
            { props.label.clone() }
        </canvas>
    }
}
