//! Removing `erstatter` from a copy of `anbefalinger.yaml` while keeping everything
//! else as the user wrote it: the key and its value go wherever they are written (a
//! line of their own, a block list under it, or inside `{ … }`), and the result is
//! read back to prove that nothing else changed.

use std::path::Path;

use crate::diagnose::{Diagnose, Pos};
use crate::indhold::raa::RawRunde;
use crate::indhold::yaml;

/// `tekst` without any `erstatter`: the key and its value are removed wherever they
/// are written (a line of their own, a block list under it, or inside `{ … }`), and the
/// result is read back to make sure nothing else changed.
pub fn uden_erstatter(tekst: &str, vis: &Path) -> Result<String, Diagnose> {
    let tekst = tekst.strip_prefix('\u{feff}').unwrap_or(tekst);
    let raw: RawRunde = yaml::fortolk(tekst, vis)?;
    let mut steder: Vec<Pos> = raw
        .fokusomraader
        .iter()
        .flat_map(|f| &f.anbefalinger)
        .filter_map(|a| a.erstatter.as_ref())
        .filter_map(|e| match &e.sted {
            crate::diagnose::Sted::Linje(p) => Some(*p),
            _ => None,
        })
        .collect();
    if steder.is_empty() {
        return Ok(tekst.to_string());
    }
    steder.sort_by_key(|p| std::cmp::Reverse((p.linje, p.kolonne)));
    let mut linjer: Vec<String> = tekst.split('\n').map(str::to_string).collect();
    for p in &steder {
        if fjern(&mut linjer, *p).is_none() {
            return Err(ikke_fjernet(vis, *p));
        }
    }
    let ud = linjer.join("\n");
    let igen: Result<RawRunde, _> = yaml::fortolk(&ud, vis);
    let samme = igen.is_ok_and(|igen| {
        let ids = |r: &RawRunde| -> Vec<String> {
            r.fokusomraader
                .iter()
                .flat_map(|f| &f.anbefalinger)
                .map(|a| format!("{}|{}", a.id.vaerdi.as_str(), a.tekst))
                .collect()
        };
        let ingen = igen
            .fokusomraader
            .iter()
            .flat_map(|f| &f.anbefalinger)
            .all(|a| a.erstatter.is_none());
        ingen && ids(&igen) == ids(&raw)
    });
    if samme {
        Ok(ud)
    } else {
        Err(ikke_fjernet(vis, steder[steder.len() - 1]))
    }
}

fn ikke_fjernet(vis: &Path, p: Pos) -> Diagnose {
    Diagnose::fejl(
        vis,
        Some(p),
        "«erstatter» kunne ikke fjernes fra kopien af anbefalingerne",
        // «erstatter» names the period before the source, so the copy must not keep it.
    )
    .med_hint("skriv «erstatter: …» på sin egen linje under anbefalingen, og prøv igen")
}

/// Removes the `erstatter` whose value starts at `p`; `None` when the text is not
/// written in a way this understands.
fn fjern(linjer: &mut Vec<String>, p: Pos) -> Option<()> {
    let (kl, kb) = find_noegle(linjer, p)?;
    let foran = linjer[kl][..kb].to_string();
    match foran.trim() {
        "" | "-" => {
            let slut = blokslut(linjer, kl, kb)?;
            let dash = foran.trim() == "-";
            linjer.drain(kl + usize::from(dash)..=slut);
            if dash {
                linjer[kl] = foran.trim_end().to_string();
            }
            Some(())
        }
        _ => fjern_i_flow(&mut linjer[kl], kb),
    }
}

/// The line and byte offset of the `erstatter` key whose value starts at `p`: on the
/// same line before the value, or the nearest line above ending in `erstatter:`.
fn find_noegle(linjer: &[String], p: Pos) -> Option<(usize, usize)> {
    let l = usize::try_from(p.linje).ok()?.checked_sub(1)?;
    let linje = linjer.get(l)?;
    let kol = linje
        .char_indices()
        .nth(usize::try_from(p.kolonne).ok()?.saturating_sub(1))
        .map_or(linje.len(), |(b, _)| b);
    if let Some(b) = noegle_i(&linje[..kol]) {
        return Some((l, b));
    }
    (l.saturating_sub(4)..l).rev().find_map(|i| {
        let uden = linjer[i].split(" #").next().unwrap_or("").trim_end();
        let b = noegle_i(uden)?;
        uden[b..].trim_end().ends_with(':').then_some((i, b))
    })
}

/// The byte offset of the last `erstatter` key (followed by `:`) in `s`.
fn noegle_i(s: &str) -> Option<usize> {
    s.rmatch_indices("erstatter").find_map(|(b, _)| {
        let efter = s[b + "erstatter".len()..].trim_start();
        let foer = s[..b].trim_end();
        let ok_foer = foer.is_empty() || foer.ends_with(['-', '{', ',']);
        (efter.starts_with(':') && ok_foer).then_some(b)
    })
}

/// The last line of a block-style value whose key is at (`kl`, `kb`): its own line, a
/// flow list until its `]`, or the more indented lines (a block list) below.
fn blokslut(linjer: &[String], kl: usize, kb: usize) -> Option<usize> {
    let efter_kolon = linjer[kl][kb..].split_once(':')?.1;
    let vaerdi = efter_kolon.split(" #").next().unwrap_or("").trim();
    if !vaerdi.is_empty() {
        let mut dybde = 0i32;
        for (i, l) in linjer.iter().enumerate().skip(kl) {
            let del = if i == kl { vaerdi } else { l.as_str() };
            dybde += del.matches('[').count() as i32 - del.matches(']').count() as i32;
            if dybde <= 0 {
                return Some(i);
            }
        }
        return None;
    }
    let indryk = linjer[kl][..kb].chars().count();
    let mut slut = kl;
    for (i, l) in linjer.iter().enumerate().skip(kl + 1) {
        let t = l.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let n = l.chars().count() - t.chars().count();
        if n > indryk || (n == indryk && (t.starts_with("- ") || t == "-")) {
            slut = i;
        } else {
            break;
        }
    }
    Some(slut)
}

/// Removes `erstatter: …` inside a flow mapping on one line, with its comma.
fn fjern_i_flow(linje: &mut String, kb: usize) -> Option<()> {
    let efter = kb + linje[kb..].find(':')? + 1;
    let rest = &linje[efter..];
    let start = efter + (rest.len() - rest.trim_start().len());
    let mut slut = start;
    let mut dybde = 0i32;
    let mut citat: Option<char> = None;
    for (i, c) in linje[start..].char_indices() {
        match (citat, c) {
            (Some(q), c) if c == q => citat = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => citat = Some(c),
            (None, '[') => dybde += 1,
            (None, ']') => dybde -= 1,
            (None, ',' | '}') if dybde == 0 => break,
            _ => {}
        }
        slut = start + i + c.len_utf8();
    }
    let efter_vaerdi = &linje[slut..];
    let (fra, til) = if let Some(komma) = efter_vaerdi.strip_prefix(',') {
        (kb, slut + 1 + (komma.len() - komma.trim_start().len()))
    } else {
        let foer = linje[..kb].trim_end();
        let komma = foer.strip_suffix(',')?;
        (komma.len(), slut)
    };
    linje.replace_range(fra..til, "");
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uden(t: &str) -> String {
        uden_erstatter(t, Path::new("a.yaml")).unwrap_or_else(|d| panic!("{d}\n{t}"))
    }

    const HOVED: &str =
        "titel: T\ndato: 2016-01-26\nfokusområder:\n  - titel: F\n    anbefalinger:\n";

    #[test]
    fn erstatter_on_its_own_line_goes_with_its_value() {
        let t = format!(
            "{HOVED}      - id: v4\n        erstatter: v3   # omdøbt\n        tekst: A.\n      - id: m1\n        erstatter: [v1,\n          v2]\n        tekst: B.\n"
        );
        assert_eq!(
            uden(&t),
            format!(
                "{HOVED}      - id: v4\n        tekst: A.\n      - id: m1\n        tekst: B.\n"
            )
        );
    }

    #[test]
    fn a_block_list_under_erstatter_goes_too() {
        let t = format!(
            "{HOVED}      - id: m1\n        erstatter:\n          - v1\n          # kommentar\n          - v2\n        tekst: B.\n      - erstatter:\n        - v9\n        id: x\n        tekst: C.\n"
        );
        assert_eq!(
            uden(&t),
            format!(
                "{HOVED}      - id: m1\n        tekst: B.\n      -\n        id: x\n        tekst: C.\n"
            )
        );
    }

    #[test]
    fn erstatter_inside_braces_is_cut_out_with_its_comma() {
        let t = format!(
            "{HOVED}      - {{id: v4, erstatter: v3, tekst: \"A, b.\"}}\n      - {{id: m1, tekst: B., erstatter: [v1, v2]}}\n"
        );
        assert_eq!(
            uden(&t),
            format!("{HOVED}      - {{id: v4, tekst: \"A, b.\"}}\n      - {{id: m1, tekst: B.}}\n")
        );
    }

    #[test]
    fn text_without_erstatter_is_copied_exactly() {
        let t =
            format!("{HOVED}      - id: v1 # erstatter: intet\n        tekst: \"erstatter: x\"\n");
        assert_eq!(uden(&t), t);
    }
}
