//! One control of the form as the templates draw it ([`Feltvisning`]): its id, label,
//! name and value, and the messages of `check` at it, made by [`Kontrolbygger`] from
//! the form and the messages — for the page (`side.rs`) and the fieldsets (`feltgrupper.rs`).

use serde::Serialize;

use super::felter::{Felt, Formular};
use crate::diagnose::Diagnose;

/// A control as the macros of `formular-dele.html` draw it.
#[derive(Serialize)]
pub(super) struct Feltvisning<'a> {
    id: String,
    etiket: String,
    navn: String,
    vaerdi: &'a str,
    #[serde(rename = "type")]
    type_: Option<&'static str>,
    autocomplete: Option<&'static str>,
    hjaelp: Option<&'static str>,
    /// The messages of `check` at this field.
    beskeder: Vec<Feltbesked<'a>>,
    /// The ids of the help text and the messages, for `aria-describedby`.
    beskrevet: String,
}

impl Feltvisning<'_> {
    /// The control with its `type` and `autocomplete` attributes.
    pub(super) fn med_type(
        self,
        type_: Option<&'static str>,
        autocomplete: Option<&'static str>,
    ) -> Self {
        Self {
            type_,
            autocomplete,
            ..self
        }
    }
}

#[derive(Serialize)]
struct Feltbesked<'a> {
    besked: &'a str,
    hint: Option<&'a str>,
}

/// Makes the controls of one page: the form's values and the messages of `check`.
#[derive(Clone, Copy)]
pub(super) struct Kontrolbygger<'a> {
    pub formular: &'a Formular,
    pub diagnoser: &'a [Diagnose],
}

impl<'a> Kontrolbygger<'a> {
    /// A control: its id, its label, its name and value, and the messages of `check`
    /// at it (announced as an alert) with the ids that tie them, and any help text, to
    /// the control.
    pub(super) fn felt(
        &self,
        felt: Felt,
        etiket: String,
        navn: &str,
        vaerdi: &'a str,
        hjaelp: Option<&'static str>,
    ) -> Feltvisning<'a> {
        let id = felt.html_id();
        let beskeder: Vec<Feltbesked> = self
            .diagnoser
            .iter()
            .filter(|d| d.er_fejl() && Felt::for_diagnose(d, self.formular) == Some(felt))
            .map(|d| Feltbesked {
                besked: &d.besked,
                hint: d.hint.as_deref(),
            })
            .collect();
        let mut ider = Vec::new();
        if hjaelp.is_some() {
            ider.push(format!("{id}-hjaelp"));
        }
        if !beskeder.is_empty() {
            ider.push(format!("{id}-fejl"));
        }
        Feltvisning {
            beskrevet: ider.join(" "),
            id,
            etiket,
            navn: navn.to_string(),
            vaerdi,
            type_: None,
            autocomplete: None,
            hjaelp,
            beskeder,
        }
    }
}
