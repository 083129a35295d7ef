//! The accessibility statement (SPEC §6, public), in the GOV.UK model for
//! public-sector websites. It says only what is true of the app today:
//! planned features are listed as planned.

use yew::prelude::*;

/// The date the statement was prepared, shown in its last section.
pub const PREPARED: &str = "24 November 2026";

#[function_component(AccessibilityStatement)]
pub fn accessibility_statement() -> Html {
    html! {
        <article class="statement" data-testid="accessibility-statement" aria-labelledby="a11y-title">
            <h1 id="a11y-title">{ "Accessibility statement for the LLR system performance dashboard" }</h1>
            <p>{ "This accessibility statement applies to the Leicester, Leicestershire and Rutland (LLR) \
                  system performance dashboard. The dashboard shows how the LLR health and care system is \
                  doing against the NHS constitutional standards and on its workforce." }</p>

            <section aria-labelledby="a11y-who">
                <h2 id="a11y-who">{ "Who this website is for" }</h2>
                <p>{ "This website is for members of the public, NHS board members, members of the Health and \
                      Wellbeing Boards and the analysts who publish the figures. It is run by the LLR dashboard \
                      project. We want as many people as possible to be able to use it." }</p>
            </section>

            <section aria-labelledby="a11y-using">
                <h2 id="a11y-using">{ "Using this website" }</h2>
                <p>{ "For example, that means you should be able to:" }</p>
                <ul>
                    <li>{ "zoom in up to 400% without having to scroll sideways to read the text" }</li>
                    <li>{ "use the whole website with a keyboard only, including reading the points of a chart" }</li>
                    <li>{ "use the website with a screen reader" }</li>
                    <li>{ "read every chart as text: each chart has a text summary, and the figures behind it are \
                           in a data table on the measure's page" }</li>
                    <li>{ "understand everything without seeing colour: status is given in words and with a \
                           shape, and chart points differ in shape as well as colour" }</li>
                </ul>
                <p>{ "We have also tried to make the text as simple as possible to understand." }</p>
            </section>

            <section aria-labelledby="a11y-how-accessible">
                <h2 id="a11y-how-accessible">{ "How accessible this website is" }</h2>
                <p>{ "We know some parts of this website are not fully accessible:" }</p>
                <ul>
                    <li>{ "The charts are drawn as pictures (on a canvas). A screen reader reads each chart's \
                           text summary, not its points. To read the values, open the measure's page, then move \
                           to the chart and use the arrow keys, or use the data table below it." }</li>
                    <li>{ "A high-contrast projector theme, a print stylesheet and using the website offline \
                           are planned but not available yet." }</li>
                    <li>{ "A chart downloaded as a PNG file is a picture with no text in it. The same figures \
                           are in the data table on the measure's page." }</li>
                </ul>
            </section>

            <section aria-labelledby="a11y-testing">
                <h2 id="a11y-testing">{ "How we test this website" }</h2>
                <p>{ "Every time the website is built it is tested automatically:" }</p>
                <ul>
                    <li>{ "axe-core accessibility checks run in automated browser tests of the pages" }</li>
                    <li>{ "keyboard checks, including reading a chart's points with the keyboard" }</li>
                    <li>{ "screenshots at phone, tablet and projector sizes" }</li>
                </ul>
                <p>{ "Automated tests find only some accessibility problems. The website has not yet been \
                      audited by an independent accessibility specialist." }</p>
            </section>

            <section aria-labelledby="a11y-feedback">
                <h2 id="a11y-feedback">{ "Reporting accessibility problems with this website" }</h2>
                <p>{ "We are always looking to improve the accessibility of this website. If you find any \
                      problems not listed on this page, or think we are not meeting accessibility \
                      requirements, open an issue on the project's repository. Please tell us:" }</p>
                <ul>
                    <li>{ "the page, or the address shown in your browser" }</li>
                    <li>{ "what you were trying to do and what went wrong" }</li>
                    <li>{ "the browser, device and any assistive technology you use, such as a screen reader" }</li>
                </ul>
                <p>{ "If you need the information on this website in a different format, say so in the same way." }</p>
            </section>

            <section aria-labelledby="a11y-enforcement">
                <h2 id="a11y-enforcement">{ "Enforcement procedure" }</h2>
                <p>{ "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public \
                      Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 \
                      (the \"accessibility regulations\"). If you are not happy with how we respond to your \
                      complaint, contact the Equality Advisory and Support Service (EASS)." }</p>
            </section>

            <section aria-labelledby="a11y-technical">
                <h2 id="a11y-technical">{ "Technical information about this website's accessibility" }</h2>
                <p>{ "The LLR dashboard project is committed to making this website accessible, in accordance \
                      with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility \
                      Regulations 2018." }</p>
                <h3 id="a11y-compliance">{ "Compliance status" }</h3>
                <p>{ "This website aims to meet the Web Content Accessibility Guidelines version 2.2 AA \
                      standard (WCAG 2.2 AA). It is partially compliant: it has not been independently audited, and the \
                      limitations listed under \"How accessible this website is\" are known." }</p>
                <h3 id="a11y-non-accessible">{ "Non-accessible content" }</h3>
                <p>{ "The charts are pictures. Their text summaries, keyboard reading and data tables are \
                      meant to give the same information (WCAG 2.2 success criterion 1.1.1, non-text \
                      content), but a chart's shape can only be seen. Charts downloaded as PNG files have no \
                      text alternative." }</p>
            </section>

            <section aria-labelledby="a11y-improving">
                <h2 id="a11y-improving">{ "What we're doing to improve accessibility" }</h2>
                <ul>
                    <li>{ "a high-contrast, large-type projector theme that can be used with a keyboard or a clicker" }</li>
                    <li>{ "a print stylesheet for board packs" }</li>
                    <li>{ "using the website offline once it has loaded" }</li>
                    <li>{ "an independent accessibility audit" }</li>
                </ul>
            </section>

            <section aria-labelledby="a11y-preparation">
                <h2 id="a11y-preparation">{ "Preparation of this accessibility statement" }</h2>
                <p>{ format!("This statement was prepared on {PREPARED}.") }</p>
            </section>
        </article>
    }
}
