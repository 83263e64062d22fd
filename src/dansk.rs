//! Danish for generated text: lists that end with «og», singular or plural, and
//! numbers with a dot between thousands.

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

/// `ental` for exactly one, `flertal` otherwise: «1 kommune», «3 kommuner».
pub fn antal(n: usize, ental: &str, flertal: &str) -> String {
    format!("{n} {}", if n == 1 { ental } else { flertal })
}

/// A whole number as Danes write it, with a dot between thousands: «20.000».
pub fn tal(n: usize) -> String {
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
    }

    #[test]
    fn thousands_are_separated_by_dots() {
        assert_eq!(tal(0), "0");
        assert_eq!(tal(999), "999");
        assert_eq!(tal(2000), "2.000");
        assert_eq!(tal(1_234_567), "1.234.567");
    }
}
