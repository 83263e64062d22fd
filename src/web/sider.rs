//! The web pages' templates, `src/web/sider/*.html`: embedded in the binary, loaded
//! into one minijinja environment on first use and rendered with HTML auto-escaping.
//!
//! Every `{{ … }}` is escaped by [`escape_til`] (the five characters `& < > " '`, as the
//! pages always were). The one way around it is [`Html`]: HTML that another of these
//! templates rendered, or a fixed text of the code. `|safe` is refused, so user text
//! can never be printed unescaped, and an undefined variable is an error that names
//! the template and its line (a typo fails a test).

use std::sync::LazyLock;

use minijinja::value::{Serde, Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Output, State, UndefinedBehavior};
use serde::{Serialize, Serializer};

use super::escape::escape_til;

/// `(name, source)` of each template, embedded at build time.
macro_rules! sider {
    ($($navn:literal),* $(,)?) => {
        &[$(($navn, include_str!(concat!("sider/", $navn)))),*]
    };
}

/// The templates.
const SIDER: &[(&str, &str)] = sider![
    "ramme.html",
    "enkel.html",
    "dele.html",
    "kontrol.html",
    "oversigt.html",
    "dok.html",
    "dok-mangler.html",
    "dok-handlinger.html",
    "formular.html",
    "formular-dele.html",
    "formular-handlinger.html",
    "formular-intet-bilag.html",
    "formular-filfejl.html",
    "formular-ukendt-kommune.html",
    "formular-projektfejl.html",
    "formular-skrivefejl.html",
    "indsamling-enkel.html",
    "indsamling-overblik.html",
    "indsamling-tabel.html",
];

static MILJOE: LazyLock<Environment<'static>> = LazyLock::new(miljoe);

fn miljoe() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|navn| {
        if navn.ends_with(".html") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(html_formatter);
    env.add_filter("safe", afvis_safe);
    env.add_filter("linjeskift", linjeskift);
    for (navn, kilde) in SIDER {
        env.add_template(navn, kilde)
            .unwrap_or_else(|e| panic!("skabelonen {navn} kan ikke læses: {e:#}"));
    }
    env
}

/// Renders the template `navn` with the values of `kontekst`.
///
/// The templates are part of the binary, so an error here is a bug in them (or in the
/// context they are given) that the tests catch: it panics with the template's line.
pub fn gengiv(navn: &str, kontekst: impl Serialize) -> String {
    MILJOE
        .get_template(navn)
        .and_then(|t| t.render(Serde(kontekst)))
        .unwrap_or_else(|e| panic!("siden {navn} kan ikke laves: {e:#}"))
}

/// HTML printed as it is: what another template rendered, or a fixed text of the code.
/// Never user text.
pub struct Html(Value);

impl Html {
    pub fn af(html: impl Into<String>) -> Self {
        Html(Value::from_safe_string(html.into()))
    }
}

impl Serialize for Html {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Serialised into a template context, a `Value` stays itself (and safe).
        self.0.serialize(s)
    }
}

/// Escapes every printed value for HTML, except [`Html`] and the results of macros.
fn html_formatter(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    if value.is_safe() || *state.auto_escape() == AutoEscape::None {
        return write!(out, "{value}").map_err(Error::from);
    }
    match value.kind() {
        ValueKind::None | ValueKind::Bool | ValueKind::Number => {
            write!(out, "{value}").map_err(Error::from)
        }
        _ => match value.as_str() {
            Some(s) => escape_til(out, s),
            None => escape_til(out, &value.to_string()),
        }
        .map_err(Error::from),
    }
}

fn afvis_safe(_v: Value) -> Result<Value, Error> {
    Err(Error::new(
        ErrorKind::InvalidOperation,
        "filteret «safe» er slået fra i fremdrifts sider: send HTML som sider::Html",
    ))
}

/// `{{ tekst|linjeskift }}`: escaped, each line break as `<br>` (the messages of
/// `check` in a list). A filter, not a loop in the template, so it escapes itself.
fn linjeskift(tekst: &str) -> Value {
    let mut ud = String::with_capacity(tekst.len());
    for (i, linje) in tekst.split('\n').enumerate() {
        if i > 0 {
            ud.push_str("<br>");
        }
        let _ = escape_til(&mut ud, linje);
    }
    Value::from_safe_string(ud)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gengiv_kilde(kilde: &str, kontekst: impl Serialize) -> Result<String, Error> {
        let mut env = miljoe();
        env.add_template_owned("proeve.html", kilde.to_string())?;
        env.get_template("proeve.html")?.render(Serde(kontekst))
    }

    #[derive(Serialize)]
    struct Tekst<'a> {
        x: &'a str,
    }

    #[test]
    fn every_value_is_escaped_as_the_pages_always_were() {
        let html = gengiv_kilde(
            r#"<a title="{{ x }}">{{ x }}</a>"#,
            Tekst {
                x: r#"<'a' & "b"/c>"#,
            },
        );
        let ventet = "&lt;&#39;a&#39; &amp; &quot;b&quot;/c&gt;";
        assert_eq!(
            html.unwrap(),
            format!(r#"<a title="{ventet}">{ventet}</a>"#)
        );
    }

    #[test]
    fn html_from_another_template_passes_and_safe_is_refused() {
        #[derive(Serialize)]
        struct Del {
            x: Html,
        }
        let del = Del {
            x: Html::af("<b>fed</b>"),
        };
        assert_eq!(gengiv_kilde("{{ x }}", del).unwrap(), "<b>fed</b>");
        let fejl = gengiv_kilde("{{ x|safe }}", Tekst { x: "<b>" }).unwrap_err();
        assert!(fejl.to_string().contains("«safe» er slået fra"), "{fejl}");
    }

    #[test]
    fn a_typo_in_a_template_is_an_error_with_its_line() {
        let fejl = gengiv_kilde("<p>\n{{ y }}</p>", Tekst { x: "" }).unwrap_err();
        assert_eq!(fejl.kind(), ErrorKind::UndefinedError);
        assert_eq!(fejl.line(), Some(2));
    }

    #[test]
    #[should_panic(expected = "siden kontrol.html kan ikke laves")]
    fn a_page_without_its_values_fails_loudly() {
        gengiv("kontrol.html", Tekst { x: "" });
    }

    #[test]
    fn every_template_compiles() {
        for (navn, _) in SIDER {
            assert!(MILJOE.get_template(navn).is_ok(), "{navn}");
        }
    }
}
