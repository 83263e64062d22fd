//! Real office software: filled workbooks saved again by LibreOffice Calc (headless,
//! a private profile per run) as .xlsx and as .ods read in to the same answers.
//! `bash scripts/test` installs LibreOffice (scripts/install-libreoffice).

use crate::common;

use std::path::{Path, PathBuf};

use common::*;
use fremdrift::indhold::projekt;

/// Converts `filer` with `soffice --headless --convert-to <til>` into `ud`.
fn konverter(filer: &[PathBuf], til: &str, ud: &Path) {
    soffice_konverter(filer, til, ud);
}

#[test]
fn workbooks_saved_by_libreoffice_as_xlsx_and_ods_read_in_to_the_same_answers() {
    let original = standardprojekt();
    let o = fremdrift(original.path(), &["skabelon", "--alle", "--xlsx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (p, _) = projekt::indlaes(original.path(), "2015")
        .uden_fejl()
        .unwrap();
    let skemaer: Vec<PathBuf> = p
        .status
        .iter()
        .map(|s| {
            let k = &s.kommune;
            original
                .path()
                .join(format!("out/2015/skabeloner/{}-{}.xlsx", k.kode, k.id))
        })
        .collect();
    for (til, endelse) in [("xlsx", "xlsx"), ("ods", "ods")] {
        let ud = tempfile::tempdir().unwrap();
        konverter(&skemaer, til, ud.path());
        let ny = standardprojekt();
        for f in projekt::statusfiler(ny.path(), "2015") {
            std::fs::remove_file(ny.path().join(f)).unwrap();
        }
        let mut args = vec!["indlaes".to_string()];
        for s in &skemaer {
            let navn = s.file_stem().unwrap().to_str().unwrap();
            args.push(
                ud.path()
                    .join(format!("{navn}.{endelse}"))
                    .display()
                    .to_string(),
            );
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = fremdrift(ny.path(), &args);
        assert!(o.status.success(), "{til}: {}", stderr(&o));
        let (q, _) = projekt::indlaes(ny.path(), "2015").uden_fejl().unwrap();
        assert_eq!(q.status, p.status, "{til}: svarene er ikke de samme");
    }
}
