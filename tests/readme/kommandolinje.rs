//! From a line the README shows to the argument lists it stands for: the `fremdrift` part
//! of a shell line (no prompt, comment, pipe or redirection), and a synopsis such as
//! `fremdrift bilag KOMMUNE… \| --alle [-o STI]` spelled out with sample values.

/// Marks `\|` (alternatives in a synopsis, escaped in a Markdown table) while expanding.
const ELLER: char = '\u{1}';

/// The arguments after `fremdrift` in a shell line that runs it – `fremdrift …`,
/// `$ fremdrift …`, `NAVN=værdi fremdrift …` or `cargo run [--release] -- …` – or None.
pub fn fremdrift_del(linje: &str) -> Option<&str> {
    let mut t = linje.trim();
    t = t.strip_prefix("$ ").unwrap_or(t);
    while let Some((ord, rest)) = t.split_once(' ')
        && ord.contains('=')
        && ord.starts_with(|c: char| c.is_ascii_uppercase())
    {
        t = rest.trim_start();
    }
    if t == "fremdrift" {
        return Some("");
    }
    if let Some(rest) = t.strip_prefix("fremdrift ") {
        return Some(rest);
    }
    let (foer, efter) = t.strip_prefix("cargo run")?.split_once(" -- ")?;
    (!foer.contains("--example") && !foer.contains("--bin")).then_some(efter)
}

/// Every argument list a synopsis stands for: each `[…]` both left out and put in, each
/// alternative (`a \| b`, `xlsx\|csv`) on its own, placeholders (`KOMMUNE…`, `P`,
/// `<periode>`) given a sample value. Shell syntax ends the command: a comment, `|`, `>`.
pub fn udfold(synopsis: &str) -> Vec<Vec<String>> {
    let mut ud = Vec::new();
    for udgave in valgfri(&synopsis.replace("\\|", &ELLER.to_string())) {
        for ord in alternativer(ord(&udgave)) {
            let args: Vec<String> = ord.iter().filter_map(|o| eksempel(o)).collect();
            if !ud.contains(&args) {
                ud.push(args);
            }
        }
    }
    ud
}

/// The text with each optional group `[…]` left out and put in (innermost first).
fn valgfri(tekst: &str) -> Vec<String> {
    let Some(slut) = tekst.find(']') else {
        return vec![tekst.to_string()];
    };
    let Some(start) = tekst[..slut].rfind('[') else {
        return vec![tekst.to_string()];
    };
    let (foer, indhold, efter) = (&tekst[..start], &tekst[start + 1..slut], &tekst[slut + 1..]);
    let mut ud = valgfri(&format!("{foer}{efter}"));
    ud.extend(valgfri(&format!("{foer}{indhold}{efter}")));
    ud
}

/// The words of a shell line up to its end, a comment, a pipe, a redirection or `;`;
/// quotes group words, and `<navn>` is one word.
fn ord(linje: &str) -> Vec<String> {
    let mut ud = Vec::new();
    let mut ord = String::new();
    let mut citat: Option<char> = None;
    let mut tegn = linje.chars().peekable();
    while let Some(c) = tegn.next() {
        match (citat, c) {
            (Some(q), c) if c == q => citat = None,
            (Some(_), c) => ord.push(c),
            (None, '\'' | '"') => citat = Some(c),
            (None, '<') if ord.is_empty() => {
                ord.push(c);
                for c in tegn.by_ref() {
                    ord.push(c);
                    if c == '>' {
                        break;
                    }
                }
            }
            (None, '#') if ord.is_empty() => break,
            (None, '|' | '>' | ';' | '&') => break,
            (None, c) if c.is_whitespace() => {
                if !ord.is_empty() {
                    ud.push(std::mem::take(&mut ord));
                }
            }
            (None, c) => ord.push(c),
        }
    }
    if !ord.is_empty() {
        ud.push(ord);
    }
    ud
}

/// The word lists an alternative stands for: `a ELLER b` as `a` and as `b`, and a word
/// with alternatives inside (`xlsx|csv`) as each of them.
fn alternativer(ord: Vec<String>) -> Vec<Vec<String>> {
    if let Some(i) = ord.iter().position(|o| o == &ELLER.to_string()) {
        let uden = |fra: usize, til: usize| {
            let mut o = ord.clone();
            o.drain(fra..=til);
            o
        };
        let mut ud = alternativer(uden(i, (i + 1).min(ord.len() - 1)));
        ud.extend(alternativer(uden(i.saturating_sub(1), i)));
        return ud;
    }
    if let Some(i) = ord.iter().position(|o| o.contains(ELLER)) {
        return ord[i]
            .split(ELLER)
            .flat_map(|valg| {
                let mut o = ord.clone();
                o[i] = valg.to_string();
                alternativer(o)
            })
            .collect();
    }
    vec![ord]
}

/// A word as an argument: a placeholder becomes a sample value, `…` after a word and a
/// lone `…` go. A placeholder without a sample value stops the test with its name.
fn eksempel(ord: &str) -> Option<String> {
    let ord = ord.trim_end_matches('…').trim_end_matches("...");
    let navn = match ord.strip_prefix('<').and_then(|o| o.strip_suffix('>')) {
        Some(navn) => navn.to_uppercase(),
        None if !ord.is_empty() && ord.chars().all(|c| c.is_uppercase()) => ord.to_string(),
        None => return (!ord.is_empty()).then(|| ord.to_string()),
    };
    let vaerdi = match navn.as_str() {
        "KOMMUNE" | "KOMMUNE-ID" => "albertslund",
        "P" | "PERIODE" => "2016",
        "MAPPE" => "mappe",
        "STI" => "ud.pdf",
        "FIL" => "svar.xlsx",
        "N" | "PORT" => "3000",
        "SKAL" => "bash",
        "KKR" => "hovedstaden",
        "KOMMANDO" => "build",
        _ => panic!("the placeholder «{ord}» has no sample value in tests/readme/kommandolinje.rs"),
    };
    Some(vaerdi.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linjer(synopsis: &str) -> Vec<String> {
        udfold(synopsis).into_iter().map(|a| a.join(" ")).collect()
    }

    #[test]
    fn a_synopsis_is_spelled_out_with_and_without_its_options_and_each_alternative() {
        assert_eq!(
            linjer(r"bilag KOMMUNE… \| --alle [-o STI]"),
            [
                "bilag albertslund",
                "bilag --alle",
                "bilag albertslund -o ud.pdf",
                "bilag --alle -o ud.pdf"
            ]
        );
        assert_eq!(
            linjer(r"eksport [--format xlsx\|csv]"),
            ["eksport", "eksport --format xlsx", "eksport --format csv"]
        );
        assert_eq!(
            linjer("--periode <periode> build"),
            ["--periode 2016 build"]
        );
    }

    #[test]
    fn shell_syntax_ends_the_command() {
        assert_eq!(
            linjer("preview   # eller: fremdrift -C MAPPE preview"),
            ["preview"]
        );
        assert_eq!(
            linjer("check --format json | jq -r '.x'"),
            ["check --format json"]
        );
        assert_eq!(linjer("completions bash > ~/.fil"), ["completions bash"]);
    }

    #[test]
    fn the_fremdrift_part_of_a_shell_line_is_found_behind_prompt_and_cargo() {
        assert_eq!(fremdrift_del("$ fremdrift preview"), Some("preview"));
        assert_eq!(fremdrift_del("cargo run --release -- build"), Some("build"));
        assert_eq!(
            fremdrift_del("FREMDRIFT_TIDSGRAENSE=5 fremdrift build"),
            Some("build")
        );
        assert_eq!(fremdrift_del("cargo run --example profil -- mappe"), None);
        assert_eq!(fremdrift_del("python3 scripts/arkiv.py out/"), None);
    }
}
