//! Canvas glue: size a canvas in device pixels (CSS size x devicePixelRatio,
//! set only when it changes), hand plotters a drawing area and the ratio to
//! scale strokes by, and redraw when the canvas changes size. Plotters does not scale for DPR.

use plotters::coord::Shift;
use plotters::prelude::DrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, ResizeObserver};
use yew::NodeRef;

/// Draws now and whenever the canvas's own box changes size (window resize,
/// rotation, or the layout around it reflowing); returns the clean-up for
/// `use_effect`.
pub fn paint_and_follow_resize<F, E>(canvas: NodeRef, draw: F) -> impl FnOnce()
where
    F: Fn(DrawingArea<CanvasBackend, Shift>, f64) -> Result<(), E> + 'static,
{
    let element = canvas.cast::<HtmlCanvasElement>();
    let repaint = {
        let element = element.clone();
        move || {
            if let Some(element) = &element {
                paint(element, &draw);
            }
        }
    };
    repaint();
    // The observer also fires once on observe(), which repaints: harmless.
    let callback = Closure::<dyn Fn()>::new(repaint);
    let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
    if let (Some(observer), Some(element)) = (&observer, &element) {
        observer.observe(element);
    }
    move || {
        if let Some(observer) = observer {
            observer.disconnect();
        }
        drop(callback);
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
