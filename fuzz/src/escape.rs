//! The escaping targets: any text, escaped for Typst, must parse as nothing but string
//! literals that hold the text (so it can never become markup or code), and must
//! compile to a PDF.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use fremdrift::indhold::dato::Dato;
use fremdrift::markup::{Kilde, escape};
use fremdrift::oversaet::{self, Grundlag};
use typst::syntax::{SyntaxKind, SyntaxNode, ast};

/// The escaped markup parses into `#"…";` (and `#link("…", "…");` for an address) per
/// part of a paragraph, and the literals hold exactly the paragraphs of the text.
pub fn parses_as_literals(tekst: &str) {
    let markup = escape::markup(tekst);
    let rod = typst::syntax::parse(&markup);
    let (fejl, _) = rod.errors_and_warnings();
    assert!(
        fejl.is_empty(),
        "escaped text does not parse: {markup:?}: {fejl:?}"
    );
    let mut afsnit = vec![String::new()];
    for barn in rod.children() {
        match barn.kind() {
            SyntaxKind::Hash | SyntaxKind::Semicolon => {}
            SyntaxKind::Parbreak => afsnit.push(String::new()),
            SyntaxKind::Str => afsnit.last_mut().unwrap().push_str(&streng(barn)),
            SyntaxKind::FuncCall => afsnit.last_mut().unwrap().push_str(&lenke(barn, &markup)),
            andet => panic!("escaped text became {andet:?}: {markup:?}"),
        }
    }
    afsnit.retain(|a| !a.is_empty());
    assert_eq!(afsnit, forventede_afsnit(tekst), "for {tekst:?}");
}

/// `link("destination", "text")` with two string literals: its text.
fn lenke(n: &SyntaxNode, markup: &str) -> String {
    let dele: Vec<&SyntaxNode> = n.children().collect();
    let [navn, args] = dele.as_slice() else {
        panic!("an unexpected call: {markup:?}");
    };
    assert_eq!(
        navn.full_text().as_str(),
        "link",
        "escaped text calls {navn:?}: {markup:?}"
    );
    let args: Vec<&SyntaxNode> = args
        .children()
        .filter(|c| {
            !matches!(
                c.kind(),
                SyntaxKind::LeftParen
                    | SyntaxKind::RightParen
                    | SyntaxKind::Comma
                    | SyntaxKind::Space
            )
        })
        .collect();
    assert!(
        args.len() == 2 && args.iter().all(|a| a.kind() == SyntaxKind::Str),
        "a link with other arguments than two strings: {markup:?}"
    );
    streng(args[1])
}

fn streng(n: &SyntaxNode) -> String {
    n.cast::<ast::Str>()
        .expect("a string literal")
        .get()
        .to_string()
}

/// The paragraphs as escaping keeps them: line ends normalised, control characters
/// other than newline and tab left out.
fn forventede_afsnit(tekst: &str) -> Vec<String> {
    let tekst = tekst.replace("\r\n", "\n").replace('\r', "\n");
    tekst
        .split("\n\n")
        .flat_map(|del| del.split("\n \n"))
        .map(|a| a.trim_matches('\n'))
        .filter(|a| !a.trim().is_empty())
        .map(|a| {
            a.chars()
                .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
                .filter(|c| !matches!(c, '\u{feff}' | '\u{fffe}'))
                .collect::<String>()
        })
        .filter(|a| !a.is_empty())
        .collect()
}

/// The escaped text in a minimal tagged document compiles to a PDF.
pub fn compiles_to_pdf(tekst: &str) {
    static GRUNDLAG: OnceLock<Arc<Grundlag>> = OnceLock::new();
    let grundlag = GRUNDLAG.get_or_init(|| Grundlag::ny(Path::new("/nonexistent")));
    let markup = format!(
        "#set document(title: \"fuzz\")\n#set text(font: \"Carlito\", lang: \"da\")\n{}\n",
        escape::markup(tekst)
    );
    let kilde = Kilde {
        navn: "fuzz".into(),
        markup,
        dato: Dato::parse("2016-01-26").expect("a date"),
    };
    let resultat = oversaet::pdf(grundlag, &std::env::temp_dir(), &kilde);
    // Typst memoises across compilations; a process that compiles forever must evict,
    // as the preview's worker does (without it, 2 GB after ~9 500 inputs).
    typst::comemo::evict(10);
    if let Err(d) = resultat {
        // A character the embedded font lacks is refused by PDF/A with a Danish message
        // naming it (tests/escaping.rs); anything else is a finding.
        let tekst_d = d.to_string();
        let kun_manglende_tegn =
            d.0.iter()
                .all(|x| x.besked.contains("kan ikke vises med skrifttypen"));
        assert!(
            kun_manglende_tegn,
            "escaped text does not compile: {tekst:?}\n{tekst_d}"
        );
    }
}
