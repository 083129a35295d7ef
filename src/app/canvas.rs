//! Canvas glue: size a canvas in device pixels (CSS size x devicePixelRatio,
//! set only when it changes), hand plotters a drawing area and the ratio to
//! scale strokes by, and redraw on resize. Plotters does not scale for DPR.

use plotters::coord::Shift;
use plotters::prelude::DrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;
use yew::NodeRef;

/// Draws now and on every window resize; returns the clean-up for `use_effect`.
pub fn paint_and_follow_resize<F, E>(canvas: NodeRef, draw: F) -> impl FnOnce()
where
    F: Fn(DrawingArea<CanvasBackend, Shift>, f64) -> Result<(), E> + 'static,
{
    let paint = move || {
        if let Some(element) = canvas.cast::<HtmlCanvasElement>() {
            paint(&element, &draw);
        }
    };
    paint();
    let listener = Closure::<dyn Fn()>::new(paint);
    let window = web_sys::window();
    if let Some(w) = &window {
        let _ = w.add_event_listener_with_callback("resize", listener.as_ref().unchecked_ref());
    }
    move || {
        if let Some(w) = window {
            let _ =
                w.remove_event_listener_with_callback("resize", listener.as_ref().unchecked_ref());
        }
        drop(listener);
    }
}

fn paint<F, E>(canvas: &HtmlCanvasElement, draw: &F)
where
    F: Fn(DrawingArea<CanvasBackend, Shift>, f64) -> Result<(), E>,
{
    let ratio = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    let width = (f64::from(canvas.client_width()) * ratio).round() as u32;
    let height = (f64::from(canvas.client_height()) * ratio).round() as u32;
    if width == 0 || height == 0 {
        return;
    }
    if canvas.width() != width {
        canvas.set_width(width);
    }
    if canvas.height() != height {
        canvas.set_height(height);
    }
    if let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) {
        // A drawing error leaves a blank chart; the table beside it still has the numbers.
        let _ = draw(
            plotters::drawing::IntoDrawingArea::into_drawing_area(backend),
            ratio,
        );
    }
}
