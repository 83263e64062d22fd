//! Table rows for the templates: how much text a row holds, so a template can tell the
//! rows that might fill a page (and must be allowed to break) from the common ones
//! (kept whole on one page without measuring).

use crate::markup::escape;

/// What a line break inside a paragraph can cost, in characters: it may end a line that
/// had room for this many more.
pub const LINJESKIFT: usize = 40;
/// What a paragraph break can cost: an unfinished line and the space between paragraphs.
pub const AFSNIT: usize = 80;

/// The weight of a table row: the characters of its texts, with every line break and
/// paragraph counted as the space it can take. A template compares it with the least
/// text that can fill a page in its narrowest column.
pub fn vaegt<'a>(tekster: impl IntoIterator<Item = Option<&'a str>>) -> usize {
    tekster.into_iter().flatten().map(tekst_vaegt).sum()
}

fn tekst_vaegt(tekst: &str) -> usize {
    let tekst = tekst.replace("\r\n", "\n").replace('\r', "\n");
    escape::afsnit(&tekst)
        .map(|a| a.chars().count() + LINJESKIFT * a.matches('\n').count() + AFSNIT)
        .sum()
}

/// The most weight of remark one bilag row holds before the remark goes on in a
/// «(fortsat)» row: well under a page in the bilag's remark column (about 40
/// characters a line, 50 lines a page).
pub const FORTSAT_EFTER: usize = 1_500;

/// A remark cut into parts of at most [`FORTSAT_EFTER`] weight, between paragraphs
/// (a single paragraph longer than that stays whole, and its row may break); one part
/// when it is short.
pub fn fortsat_dele(tekst: &str) -> Vec<String> {
    let tekst = tekst.replace("\r\n", "\n").replace('\r', "\n");
    let mut dele: Vec<(String, usize)> = Vec::new();
    for a in escape::afsnit(&tekst) {
        let v = tekst_vaegt(a);
        match dele.last_mut() {
            Some((del, vaegt)) if *vaegt + v <= FORTSAT_EFTER => {
                del.push_str("\n\n");
                del.push_str(a);
                *vaegt += v;
            }
            _ => dele.push((a.to_string(), v)),
        }
    }
    dele.into_iter().map(|(d, _)| d).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_remark_is_cut_between_paragraphs() {
        assert_eq!(fortsat_dele("Kort.\n\nOgså kort."), ["Kort.\n\nOgså kort."]);
        let afsnit = "x".repeat(900);
        let lang = [afsnit.as_str(); 12].join("\n\n");
        let dele = fortsat_dele(&lang);
        assert_eq!(dele.len(), 12, "900 + 900 weighs more than a part holds");
        assert!(dele.iter().all(|d| d == &afsnit));
        let mellem = vec!["y".repeat(400); 6].join("\n\n");
        assert_eq!(fortsat_dele(&mellem).len(), 2);
        assert!(fortsat_dele("").is_empty());
    }

    #[test]
    fn weight_counts_characters_of_every_cell() {
        assert_eq!(vaegt([Some("abc"), None, Some("æøå")]), 3 + 3 + 2 * AFSNIT);
        assert_eq!(vaegt([None, Some("")]), 0);
    }

    #[test]
    fn line_and_paragraph_breaks_weigh_what_they_can_take() {
        assert_eq!(vaegt([Some("a\nb")]), 3 + LINJESKIFT + AFSNIT);
        assert_eq!(vaegt([Some("a\n\nb")]), 2 + 2 * AFSNIT);
        // Sixty one-letter lines are short text but fill much of a page.
        let liste = vec!["x"; 60].join("\n");
        assert!(vaegt([Some(liste.as_str())]) > 800 * 2);
    }
}
