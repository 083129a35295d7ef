//! One small file per thing on screen.

pub mod about;
pub mod accessibility;
pub mod area_picker;
pub mod badge;
pub mod breadcrumb;
pub mod compare;
pub mod detail;
pub mod downloads;
pub mod icons;
pub mod overview;
pub mod period_picker;
pub mod presentation;
pub mod range_picker;
pub mod siblings;
pub mod sparkline;
pub mod spc_chart;
pub mod status_panel;
pub mod workforce;
