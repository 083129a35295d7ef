//! Drawing what is on the first screen before what is below it.
//!
//! A metric's data table has a row per month (over a hundred), and building
//! them takes longer than the rest of the page; the overview's domains below
//! the first screen are most of its rows. `use_painted` lets a component
//! leave such a part out of its first render and add it once the browser
//! has painted a frame with everything else, so the first screen shows
//! sooner and the rest follows straight after.

use yew::prelude::*;

/// False on a component's first render in the browser; true from the render
/// after the next frame has been painted, and from then on while the
/// component stays on screen. Always true when rendered on a server, where
/// there is no frame to wait for.
#[hook]
pub fn use_painted() -> bool {
    use_painted_for(())
}

/// As [`use_painted`], and false again, until the next paint, whenever `key`
/// changes (a new area, say, whose first screen should show first again).
#[hook]
pub fn use_painted_for<K: PartialEq + Clone + 'static>(key: K) -> bool {
    // The key whose first screen has been painted.
    let painted = use_state(|| (!cfg!(target_arch = "wasm32")).then(|| key.clone()));
    let now = painted.as_ref() == Some(&key);
    {
        let painted = painted.clone();
        use_effect_with(key, move |key| {
            #[cfg(target_arch = "wasm32")]
            if painted.as_ref() != Some(key) {
                let key = key.clone();
                after_next_paint(move || painted.set(Some(key)));
            }
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (painted, key);
        });
    }
    now
}

/// What a component shows, hidden, in place of a part it builds after the
/// paint: a line saying the part is coming. The browser tests and the
/// benchmark wait for `data-testid="loading"` to go.
pub fn still_to_come(what: &'static str) -> Html {
    html! { <p class="visually-hidden" data-testid="loading">{ what }</p> }
}

/// Runs `f` in a task after the next frame: requestAnimationFrame callbacks
/// run just before a frame is painted, so a zero-delay timeout set from one
/// runs after it. A component gone by then is left alone: setting the state
/// of an unmounted component does nothing.
#[cfg(target_arch = "wasm32")]
fn after_next_paint(f: impl FnOnce() + 'static) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let frame = Closure::once_into_js(move || {
        gloo_timers::callback::Timeout::new(0, f).forget();
    });
    let requested = web_sys::window()
        .map(|w| w.request_animation_frame(frame.unchecked_ref()))
        .is_some_and(|r| r.is_ok());
    if !requested {
        // No frames to wait for: run it now rather than never.
        let _ = frame
            .unchecked_ref::<js_sys::Function>()
            .call0(&wasm_bindgen::JsValue::NULL);
    }
}
