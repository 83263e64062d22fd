//! Minijinja templates that produce Typst markup, with Typst auto-escaping.
//!
//! Default templates are embedded in the binary; a project's own `templates/` folder
//! overrides them file by file, as mdBook themes do. Every value printed with
//! `{{ … }}` is escaped for Typst, and `|safe` is refused.

use std::path::{Path, PathBuf};

use minijinja::syntax::SyntaxConfig;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Output, State, UndefinedBehavior};

use super::{Kilde, escape};
use crate::diagnose::{Diagnose, Pos};
use crate::dokument::Forlaeg;
use crate::indhold::dato::Dato;

/// The default templates, embedded at build time.
pub const INDBYGGEDE: &[(&str, &str)] = &[
    ("notat.typ.j2", include_str!("../../templates/notat.typ.j2")),
    ("bilag.typ.j2", include_str!("../../templates/bilag.typ.j2")),
    (
        "tilbagemelding.typ.j2",
        include_str!("../../templates/tilbagemelding.typ.j2"),
    ),
];

/// A project's templates, loaded once and used for every document of a run.
pub struct Skabeloner {
    rod: PathBuf,
    env: Environment<'static>,
}

impl Skabeloner {
    pub fn ny(rod: &Path) -> Self {
        Self {
            rod: rod.to_path_buf(),
            env: miljoe(rod),
        }
    }

    /// Renders a document's template into Typst markup ready to compile.
    pub fn kilde(&self, f: Forlaeg) -> Result<Kilde, Diagnose> {
        let markup = render(&self.env, &self.rod, f.skabelon, f.kontekst)?;
        Ok(Kilde {
            navn: f.navn,
            markup,
            dato: f.dato,
        })
    }
}

/// Builds the template environment for a project.
fn miljoe(rod: &Path) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let mut syntaks = SyntaxConfig::builder();
    syntaks.keep_trailing_newline(true);
    env.set_syntax(syntaks.build().expect("the default delimiters are valid"));
    env.set_auto_escape_callback(|_| AutoEscape::Custom("typst".into()));
    env.set_formatter(typst_formatter);
    env.set_fuel(Some(50_000_000));
    env.set_recursion_limit(64);
    env.add_filter("safe", afvis_safe);
    env.add_filter("streng", streng_filter);
    env.add_filter("dansk_dato", dansk_dato);
    env.add_filter("typst", typst_filter);
    env.add_filter("liste", liste_filter);
    env.add_filter("tal", tal_filter);
    let rod = rod.to_path_buf();
    env.set_loader(move |navn| hent(&rod, navn));
    env
}

/// Escapes every value for Typst; only values marked safe by our own filters pass as is.
fn typst_formatter(out: &mut Output, _state: &mut State, value: &Value) -> Result<(), Error> {
    if value.is_safe() {
        return write!(out, "{value}").map_err(Error::from);
    }
    if value.is_none() {
        return Ok(());
    }
    if value.is_number() || value.kind() == minijinja::value::ValueKind::Bool {
        return write!(out, "{value}").map_err(Error::from);
    }
    let tekst = match value.as_str() {
        Some(s) => s.to_string(),
        None => {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!(
                    "en {} kan ikke indsættes direkte i Typst-markup",
                    value.kind()
                ),
            ));
        }
    };
    out.write_str(&escape::markup(&tekst)).map_err(Error::from)
}

fn afvis_safe(_v: Value) -> Result<Value, Error> {
    Err(Error::new(
        ErrorKind::InvalidOperation,
        "filteret «safe» er slået fra i fremdrift: tekst skal altid escapes for Typst",
    ))
}

/// `{{ x|streng }}`: a Typst string literal, for use inside code such as `#set document(title: …)`.
fn streng_filter(v: Value) -> Value {
    let tekst = v
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| v.to_string());
    Value::from_safe_string(escape::streng(&tekst))
}

/// `{{ x|typst }}`: any value as a Typst code literal (dictionaries, arrays, strings, numbers).
fn typst_filter(v: Value) -> Result<Value, Error> {
    Ok(Value::from_safe_string(typst_vaerdi(&v)?))
}

fn typst_vaerdi(v: &Value) -> Result<String, Error> {
    use minijinja::value::ValueKind as K;
    Ok(match v.kind() {
        K::None | K::Undefined => "none".into(),
        K::Bool | K::Number => v.to_string(),
        K::String => escape::streng(v.as_str().unwrap_or_default()),
        K::Seq | K::Iterable => {
            let dele: Result<Vec<String>, Error> =
                v.try_iter()?.map(|x| typst_vaerdi(&x)).collect();
            format!("({},)", dele?.join(", "))
        }
        K::Map => {
            let mut dele = Vec::new();
            for k in v.try_iter()? {
                let noegle = escape::streng(&k.to_string());
                dele.push(format!("{noegle}: {}", typst_vaerdi(&v.get_item(&k)?)?));
            }
            if dele.is_empty() {
                "(:)".into()
            } else {
                format!("({})", dele.join(", "))
            }
        }
        andet => {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("en {andet} kan ikke blive til Typst"),
            ));
        }
    })
}

/// `{{ ord|liste }}`: a Danish list, «a, b og c» (escaped like any value).
fn liste_filter(v: Value) -> Result<Value, Error> {
    let ord: Vec<String> = v.try_iter()?.map(|x| x.to_string()).collect();
    Ok(Value::from(crate::dansk::liste(&ord)))
}

/// `{{ n|tal }}`: a whole number in Danish form, «1.234».
fn tal_filter(v: Value) -> Result<Value, Error> {
    let n = u64::try_from(v.clone()).map_err(|_| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("«{v}» er ikke et helt tal"),
        )
    })?;
    Ok(Value::from(crate::dansk::tal(n)))
}

/// `{{ dato|dansk_dato }}`: "2015-03-09" → "9. marts 2015".
fn dansk_dato(v: Value) -> Result<Value, Error> {
    let s = v.as_str().unwrap_or_default();
    Dato::parse(s).map(|d| Value::from(d.dansk())).map_err(|_| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("«{s}» er ikke en dato"),
        )
    })
}

/// Loads a template: the project's `templates/` first, then the embedded default.
fn hent(rod: &Path, navn: &str) -> Result<Option<String>, Error> {
    if !gyldigt_navn(navn) {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("skabelonnavnet «{navn}» er ugyldigt: det skal ligge i templates/"),
        ));
    }
    let mappe = rod.join("templates");
    let sti = mappe.join(navn);
    if sti.exists() {
        let aegte = sti.canonicalize().map_err(|e| io(navn, e))?;
        if !aegte.starts_with(rod) {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("skabelonen «{navn}» peger uden for projektmappen og læses ikke"),
            ));
        }
        return std::fs::read_to_string(&aegte)
            .map(Some)
            .map_err(|e| io(navn, e));
    }
    Ok(INDBYGGEDE
        .iter()
        .find(|(n, _)| *n == navn)
        .map(|(_, t)| t.to_string()))
}

fn io(navn: &str, e: std::io::Error) -> Error {
    Error::new(
        ErrorKind::InvalidOperation,
        format!("skabelonen «{navn}» kan ikke læses: {e}"),
    )
}

/// Relative, no `..`, no absolute paths, plain characters only.
fn gyldigt_navn(navn: &str) -> bool {
    !navn.is_empty()
        && !navn.starts_with('/')
        && navn.split('/').all(|del| {
            !del.is_empty()
                && del != ".."
                && del != "."
                && del
                    .chars()
                    .all(|c| c.is_alphanumeric() || "._-".contains(c))
        })
}

/// Renders a template with a context, mapping errors to a Danish diagnostic.
fn render(env: &Environment, rod: &Path, navn: &str, ctx: Value) -> Result<String, Diagnose> {
    env.get_template(navn)
        .and_then(|t| t.render(ctx))
        .map_err(|e| diagnose(env, rod, navn, &e))
}

/// A template error as a diagnostic naming the template file and line.
fn diagnose(env: &Environment, rod: &Path, navn: &str, e: &Error) -> Diagnose {
    let fil_navn = e.name().unwrap_or(navn);
    let projekt = PathBuf::from("templates").join(fil_navn);
    let fil = if rod.join(&projekt).exists() {
        projekt
    } else {
        PathBuf::from(format!("<indbygget>/{fil_navn}"))
    };
    let pos = e.line().map(|l| Pos::new(l as u64, 1));
    let besked = match e.kind() {
        ErrorKind::UndefinedError => format!(
            "skabelonen bruger en variabel, der ikke findes: {}",
            udtryk(env, e).unwrap_or_else(|| detalje(e))
        ),
        ErrorKind::SyntaxError => format!("syntaksfejl i skabelonen: {}", detalje(e)),
        ErrorKind::TemplateNotFound => format!("skabelonen findes ikke: {}", detalje(e)),
        _ => format!("skabelonfejl: {}", detalje(e)),
    };
    Diagnose::fejl(fil, pos, besked)
        .med_hint("se README («Egne skabeloner») for de variabler, skabelonerne får")
}

/// The template text an error points at, e.g. «kommune.adresse».
fn udtryk(env: &Environment, e: &Error) -> Option<String> {
    let kilde = env.get_template(e.name()?).ok()?.source().to_string();
    let tekst = kilde.get(e.range()?)?.trim();
    (!tekst.is_empty()).then(|| format!("«{tekst}»"))
}

fn detalje(e: &Error) -> String {
    let mut s = e
        .detail()
        .map(str::to_string)
        .unwrap_or_else(|| e.kind().to_string());
    let mut kilde = std::error::Error::source(e);
    while let Some(k) = kilde {
        s.push_str(&format!(" ({k})"));
        kilde = k.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_names_cannot_leave_the_folder() {
        assert!(gyldigt_navn("bilag.typ.j2"));
        assert!(gyldigt_navn("dele/tabel.typ.j2"));
        for navn in ["../x", "/etc/passwd", "a/../../b", "", "a//b", "a\\b"] {
            assert!(!gyldigt_navn(navn), "{navn}");
        }
    }

    #[test]
    fn values_are_escaped_and_safe_is_refused() {
        let mut env = miljoe(Path::new("/nonexistent"));
        env.add_template("t", "{{ x }}|{{ x|streng }}|{{ n }}")
            .unwrap();
        let ud = env
            .get_template("t")
            .unwrap()
            .render(minijinja::context! { x => "#read(\"/etc/passwd\")", n => 3 })
            .unwrap();
        assert_eq!(
            ud,
            r##"#"#read(\"/etc/passwd\")";|"#read(\"/etc/passwd\")"|3"##
        );
        env.add_template("s", "{{ x|safe }}").unwrap();
        let fejl = env
            .get_template("s")
            .unwrap()
            .render(minijinja::context! { x => "*" });
        assert!(fejl.unwrap_err().to_string().contains("safe"));
    }

    #[test]
    fn danish_list_and_number_filters_are_escaped_text() {
        let mut env = miljoe(Path::new("/nonexistent"));
        env.add_template("t", "{{ ids|liste }}|{{ n|tal }}")
            .unwrap();
        let ud = env
            .get_template("t")
            .unwrap()
            .render(minijinja::context! { ids => ["v1", "#b2", "o3"], n => 3920 })
            .unwrap();
        assert_eq!(ud, r##"#"v1, #b2 og o3";|#"3.920";"##);
    }

    #[test]
    fn autoescape_false_still_escapes() {
        let mut env = miljoe(Path::new("/nonexistent"));
        env.add_template("t", "{% autoescape false %}{{ x }}{% endautoescape %}")
            .unwrap();
        let ud = env
            .get_template("t")
            .unwrap()
            .render(minijinja::context! { x => "$x$" })
            .unwrap();
        assert_eq!(ud, "#\"$x$\";");
    }

    #[test]
    fn undefined_variables_are_errors() {
        let mut env = miljoe(Path::new("/nonexistent"));
        env.add_template("t", "{{ mangler }}").unwrap();
        assert!(
            env.get_template("t")
                .unwrap()
                .render(minijinja::context! {})
                .is_err()
        );
    }
}
