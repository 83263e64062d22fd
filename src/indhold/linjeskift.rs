//! The rule for line breaks in the secretariat's own texts (`anbefalinger.yaml`,
//! `tilbagemelding.yaml`): lines wrapped in an editor are one paragraph, as YAML's
//! folded style and Markdown read them. A blank line starts a new paragraph, and a
//! line that begins a list item («- », «• », «* », «– », «1. » or «1) », one or two
//! digits) starts a new line.
//!
//! A kommune's texts (bemærkninger and forslag, from a status file, a workbook cell,
//! the form or Word) keep every line break: there a person presses Enter for a new
//! line, and a status file written by fremdrift must read back as it was.

/// `tekst` with the single line breaks inside each paragraph joined by a space, except
/// before a list item; paragraphs stay separated by one blank line.
pub fn saml_linjer(tekst: &str) -> String {
    let tekst = tekst.replace("\r\n", "\n").replace('\r', "\n");
    let mut ud = String::with_capacity(tekst.len());
    let mut tomme = 0;
    for linje in tekst.lines() {
        let l = linje.trim();
        if l.is_empty() {
            tomme += 1;
            continue;
        }
        if !ud.is_empty() {
            if tomme > 0 {
                ud.push_str("\n\n");
            } else if er_punkt(l) {
                ud.push('\n');
            } else {
                ud.push(' ');
            }
        }
        tomme = 0;
        ud.push_str(l);
    }
    ud
}

/// True for a line that begins a list item.
fn er_punkt(l: &str) -> bool {
    if ["- ", "• ", "* ", "– "].iter().any(|p| l.starts_with(p)) {
        return true;
    }
    let cifre = l.chars().take_while(char::is_ascii_digit).count();
    (1..=2).contains(&cifre) && (l[cifre..].starts_with(". ") || l[cifre..].starts_with(") "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_are_one_paragraph_and_blank_lines_start_the_next() {
        assert_eq!(
            saml_linjer("Kommunerne skal\nsamarbejde om\nvirksomhederne.\n\nNyt afsnit.\n"),
            "Kommunerne skal samarbejde om virksomhederne.\n\nNyt afsnit."
        );
        assert_eq!(saml_linjer("En linje"), "En linje");
        assert_eq!(saml_linjer("a\n\n\n\nb"), "a\n\nb");
    }

    #[test]
    fn a_list_keeps_a_line_per_item() {
        assert_eq!(
            saml_linjer("Tre ting:\n- den første\n- den anden,\n  der fortsætter\n1. og en tal"),
            "Tre ting:\n- den første\n- den anden, der fortsætter\n1. og en tal"
        );
        assert_eq!(
            saml_linjer("fra 2016 til\n2017. Og"),
            "fra 2016 til 2017. Og"
        );
    }
}
