//! Danish for generated text: lists that end with «og», and singular or plural.

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
}
