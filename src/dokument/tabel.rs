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

#[cfg(test)]
mod tests {
    use super::*;

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
