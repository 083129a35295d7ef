//! One small file per thing on screen.

pub mod area_picker;
pub mod badge;
pub mod overview;
pub mod sparkline;
pub mod status_panel;
