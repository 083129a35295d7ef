//! Breadcrumb: system > place > locality (> metric), each a link but the last.

use std::rc::Rc;
use yew::prelude::*;

use crate::app::route::Route;
use crate::load::Dataset;

#[derive(Properties, Clone)]
pub struct BreadcrumbProps {
    pub data: Rc<Dataset>,
    pub area: AttrValue,
    /// The metric's short name, on a detail page.
    #[prop_or_default]
    pub metric: Option<AttrValue>,
}

impl PartialEq for BreadcrumbProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data)
            && self.area == other.area
            && self.metric == other.metric
    }
}

#[function_component(Breadcrumb)]
pub fn breadcrumb(props: &BreadcrumbProps) -> Html {
    let lineage = props.data.geography.lineage(&props.area);
    let last = lineage.len().saturating_sub(1);
    let crumb = |i: usize, code: &str, name: &str| {
        if i == last && props.metric.is_none() {
            html! { <li aria-current="page">{ name.to_string() }</li> }
        } else {
            html! { <li><a href={Route::Area { area: code.to_string() }.href()}>{ name.to_string() }</a></li> }
        }
    };
    html! {
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol>
                { for lineage.iter().enumerate().map(|(i, a)| crumb(i, &a.code, &a.name)) }
                if let Some(metric) = &props.metric {
                    <li aria-current="page">{ metric.clone() }</li>
                }
            </ol>
        </nav>
    }
}
