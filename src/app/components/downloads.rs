//! Download buttons: CSV of exactly what a table shows, PNG of a chart.
//! Real buttons (44 px targets), usable by keyboard and on tablets.

use yew::prelude::*;

use crate::app::download::{download_canvas_png, download_text};

#[derive(Properties, PartialEq, Clone)]
pub struct CsvButtonProps {
    pub filename: AttrValue,
    /// Builds the CSV when pressed (not on every render).
    pub content: Callback<(), String>,
    #[prop_or(AttrValue::Static("Download data (CSV)"))]
    pub label: AttrValue,
}

#[function_component(CsvButton)]
pub fn csv_button(props: &CsvButtonProps) -> Html {
    let onclick = {
        let (filename, content) = (props.filename.clone(), props.content.clone());
        Callback::from(move |_| {
            download_text(&filename, "text/csv;charset=utf-8", &content.emit(()))
        })
    };
    html! {
        <button type="button" class="button-secondary" data-download="csv" data-filename={props.filename.clone()} {onclick}>
            { props.label.clone() }
        </button>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct PngButtonProps {
    pub filename: AttrValue,
    pub canvas: NodeRef,
}

#[function_component(PngButton)]
pub fn png_button(props: &PngButtonProps) -> Html {
    let onclick = {
        let (filename, canvas) = (props.filename.clone(), props.canvas.clone());
        Callback::from(move |_| {
            if let Some(canvas) = canvas.cast::<web_sys::HtmlCanvasElement>() {
                download_canvas_png(&canvas, &filename);
            }
        })
    };
    html! {
        <button type="button" class="button-secondary" data-download="png" data-filename={props.filename.clone()} {onclick}>
            { "Download chart (PNG)" }
        </button>
    }
}
