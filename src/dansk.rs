//! Danish for generated text: lists that end with «og», singular or plural, numbers
//! in Danish form («1.234», «83 %») and the genitive of a name.

/// Joins words as a Danish list: "a, b og c".
pub fn liste(ord: &[impl AsRef<str>]) -> String {
    match ord {
        [] => String::new(),
        [a] => a.as_ref().to_string(),
        [rest @ .., sidste] => {
            let rest: Vec<&str> = rest.iter().map(|s| s.as_ref()).collect();
            format!("{} og {}", rest.join(", "), sidste.as_ref())
        }
    }
}

/// `ental` for exactly one, `flertal` otherwise: «1 kommune», «3 kommuner», «1.234 svar».
pub fn antal(n: usize, ental: &str, flertal: &str) -> String {
    format!("{} {}", tal(n as u64), boej(n as u64, ental, flertal))
}

/// `ental` for exactly one, `flertal` otherwise, without the number.
pub fn boej<'a>(n: u64, ental: &'a str, flertal: &'a str) -> &'a str {
    if n == 1 { ental } else { flertal }
}

/// A whole number with a full stop between thousands: «1.234», «98.000».
pub fn tal(n: u64) -> String {
    let cifre = n.to_string();
    let mut ud = String::with_capacity(cifre.len() + cifre.len() / 3);
    for (i, c) in cifre.chars().enumerate() {
        if i > 0 && (cifre.len() - i).is_multiple_of(3) {
            ud.push('.');
        }
        ud.push(c);
    }
    ud
}

/// A percentage as Danish writes it, with a space that never breaks: «83 %».
pub fn procent(n: u32) -> String {
    format!("{}\u{a0}%", tal(n.into()))
}

/// A text cut at a word to at most `tegn` characters, followed by «…» when cut.
pub fn forkort(tekst: &str, tegn: usize) -> String {
    if tekst.chars().count() <= tegn {
        return tekst.to_string();
    }
    let (slut, naeste) = tekst.char_indices().nth(tegn).expect("longer than tegn");
    let del = &tekst[..slut];
    let del = match del.rfind(char::is_whitespace) {
        Some(i) if !naeste.is_whitespace() => &del[..i],
        _ => del,
    };
    format!(
        "{}…",
        del.trim_end_matches([',', ';', ':', '.', ' ', '–', '-'])
    )
}

/// The genitive of a name: «KKR Hovedstadens», but «Frederiks'» after s, x and z.
pub fn genitiv(navn: &str) -> String {
    match navn.chars().last() {
        Some('s' | 'x' | 'z' | 'S' | 'X' | 'Z') => format!("{navn}'"),
        _ => format!("{navn}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_list_joins_with_og() {
        assert_eq!(liste(&["grøn", "gul", "rød"]), "grøn, gul og rød");
        assert_eq!(liste(&["grøn", "gul"]), "grøn og gul");
        assert_eq!(liste(&["grøn"]), "grøn");
        assert_eq!(liste(&[] as &[&str]), "");
    }

    #[test]
    fn count_agrees_with_its_noun() {
        assert_eq!(antal(1, "kommune", "kommuner"), "1 kommune");
        assert_eq!(antal(0, "kommune", "kommuner"), "0 kommuner");
        assert_eq!(antal(3, "kommune", "kommuner"), "3 kommuner");
        assert_eq!(antal(3920, "vurdering", "vurderinger"), "3.920 vurderinger");
    }

    #[test]
    fn numbers_have_danish_thousands_and_per_cent() {
        for (n, forventet) in [
            (0, "0"),
            (7, "7"),
            (999, "999"),
            (1_000, "1.000"),
            (1_234, "1.234"),
            (98_000, "98.000"),
            (1_234_567, "1.234.567"),
        ] {
            assert_eq!(tal(n), forventet);
        }
        assert_eq!(procent(83), "83\u{a0}%");
    }

    #[test]
    fn shortening_cuts_at_a_word() {
        assert_eq!(forkort("Kort tekst.", 20), "Kort tekst.");
        assert_eq!(
            forkort(
                "Alle kommuner skal være en del af et formaliseret beredskab",
                30
            ),
            "Alle kommuner skal være en del…"
        );
        assert_eq!(forkort("Alle kommuner, der skal", 14), "Alle kommuner…");
    }

    #[test]
    fn genitive_of_names() {
        assert_eq!(genitiv("KKR Hovedstaden"), "KKR Hovedstadens");
        assert_eq!(genitiv("Gladsaxe"), "Gladsaxes");
        assert_eq!(genitiv("Frederiks"), "Frederiks'");
        assert_eq!(genitiv("Hørsholms"), "Hørsholms'");
    }
}
