//! Canvas glue: size a canvas in device pixels (CSS size x devicePixelRatio,
//! set only when it changes), hand plotters a drawing area and the ratio to
//! scale strokes by, and redraw when the canvas changes size. Plotters does not scale for DPR.
//!
//! Every paint is driven by a `ResizeObserver`, which reports the canvas's
//! size after the browser's own layout and before it paints that frame. So a
//! page with twenty sparklines is laid out once, not once per chart (reading
//! `clientWidth` after sizing the last canvas forced a fresh layout each
//! time), and a canvas that is not rendered (a collapsed or skipped
//! `content-visibility` section) is drawn only when it is.

use std::rc::Rc;

use plotters::coord::Shift;
use plotters::prelude::DrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, ResizeObserver, ResizeObserverEntry};
use yew::NodeRef;

/// Draws once the canvas is laid out and again whenever its box changes size
/// (window resize, rotation, or the layout around it reflowing); returns the
/// clean-up for `use_effect`. The observer reports each canvas when it starts
/// observing it, which gives the first paint. Printing lays the page out
/// afresh without the observer, so `beforeprint` draws every chart again at
/// its size on screen, which draws one in a section never scrolled near (the
/// print stylesheet then scales the picture to the page).
pub fn paint_and_follow_resize<F, E>(canvas: NodeRef, draw: F) -> impl FnOnce()
where
    F: Fn(DrawingArea<CanvasBackend, Shift>, f64) -> Result<(), E> + 'static,
{
    // A drawing error leaves a blank chart; the table beside it still has the numbers.
    follow(
        canvas,
        Rc::new(move |area, ratio| {
            let _ = draw(area, ratio);
        }),
    )
}

/// What a chart draws on a drawing area at a devicePixelRatio.
type Draw = Rc<dyn Fn(DrawingArea<CanvasBackend, Shift>, f64)>;

/// The observer and listener behind [`paint_and_follow_resize`], one copy for
/// every kind of chart (the drawing is behind `dyn`).
fn follow(canvas: NodeRef, draw: Draw) -> impl FnOnce() {
    let element = canvas.cast::<HtmlCanvasElement>();
    let on_resize = {
        let draw = draw.clone();
        Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            for entry in entries.iter() {
                let entry: ResizeObserverEntry = entry.unchecked_into();
                if let Ok(canvas) = entry.target().dyn_into::<HtmlCanvasElement>() {
                    let rect = entry.content_rect();
                    paint(&canvas, rect.width(), rect.height(), &draw);
                }
            }
        })
    };
    let before_print = {
        let element = element.clone();
        Closure::<dyn Fn()>::new(move || {
            if let Some(canvas) = &element {
                // Reading the size lays out a skipped section; fine before printing.
                let (width, height) = (canvas.client_width(), canvas.client_height());
                paint(canvas, f64::from(width), f64::from(height), &draw);
            }
        })
    };
    let window = web_sys::window();
    if let Some(window) = &window {
        let _ = window
            .add_event_listener_with_callback("beforeprint", before_print.as_ref().unchecked_ref());
    }
    let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
    if let (Some(observer), Some(element)) = (&observer, &element) {
        observer.observe(element);
    }
    move || {
        if let Some(observer) = observer {
            observer.disconnect();
        }
        if let Some(window) = &window {
            let _ = window.remove_event_listener_with_callback(
                "beforeprint",
                before_print.as_ref().unchecked_ref(),
            );
        }
        drop((on_resize, before_print));
    }
}

/// Sizes the canvas's backing store to its CSS size (rounded to whole pixels,
/// as `clientWidth` is) times the devicePixelRatio, and draws with strokes and
/// text scaled by that ratio. (`devicePixelContentBoxSize` would be exact, but
/// Chromium reports it in CSS pixels under device emulation.)
fn paint(canvas: &HtmlCanvasElement, css_width: f64, css_height: f64, draw: &Draw) {
    let ratio = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    let device = |css: f64| (css.round() * ratio).round() as u32;
    let (width, height) = (device(css_width), device(css_height));
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
        draw(
            plotters::drawing::IntoDrawingArea::into_drawing_area(backend),
            ratio,
        );
    }
}
