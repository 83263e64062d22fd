//! The example project (KKR Hovedstaden, 2015: the repository's `content/`), embedded
//! so the one program file can show what fremdrift makes without anything beside it.

use std::path::Path;

use anyhow::Context;

/// `(path under content/, text)` of every file of the example, embedded at build time.
macro_rules! eksempel {
    ($($sti:literal),* $(,)?) => {
        &[$(($sti, include_str!(concat!("../../../content/", $sti)))),*]
    };
}

/// The example's files.
pub const FILER: &[(&str, &str)] = eksempel![
    "kkr.yaml",
    "2015/anbefalinger.yaml",
    "2015/tilbagemelding.yaml",
    "2015/status/albertslund.yaml",
    "2015/status/alleroed.yaml",
    "2015/status/ballerup.yaml",
    "2015/status/broendby.yaml",
    "2015/status/egedal.yaml",
    "2015/status/fredensborg.yaml",
    "2015/status/frederiksberg.yaml",
    "2015/status/frederikssund.yaml",
    "2015/status/furesoe.yaml",
    "2015/status/gentofte.yaml",
    "2015/status/gladsaxe.yaml",
    "2015/status/glostrup.yaml",
    "2015/status/halsnaes.yaml",
    "2015/status/helsingoer.yaml",
    "2015/status/herlev.yaml",
    "2015/status/hilleroed.yaml",
    "2015/status/hoeje-taastrup.yaml",
    "2015/status/hoersholm.yaml",
    "2015/status/hvidovre.yaml",
    "2015/status/koebenhavn.yaml",
    "2015/status/lyngby-taarbaek.yaml",
    "2015/status/roedovre.yaml",
    "2015/status/rudersdal.yaml",
    "2015/status/taarnby.yaml",
];

/// Writes the example as the new folder `mappe`: all files in a hidden folder beside
/// it first, then one rename, so a failure leaves no half example behind.
pub fn skriv(mappe: &Path) -> anyhow::Result<()> {
    let foraelder = mappe.parent().unwrap_or(Path::new("."));
    let midlertidig = tempfile::Builder::new()
        .prefix(".fremdrift-eksempel-")
        .tempdir_in(foraelder)
        .with_context(|| format!("kunne ikke skrive i «{}»", foraelder.display()))?;
    for (sti, tekst) in FILER {
        let fil = midlertidig.path().join("content").join(sti);
        if let Some(m) = fil.parent() {
            std::fs::create_dir_all(m)?;
        }
        std::fs::write(&fil, tekst).with_context(|| format!("kunne ikke skrive content/{sti}"))?;
    }
    std::fs::rename(midlertidig.path(), mappe)
        .with_context(|| format!("kunne ikke oprette mappen «{}»", mappe.display()))?;
    let _ = midlertidig.keep();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file below `mappe`, relative to it, with forward slashes.
    fn filer_under(mappe: &Path, rel: &str, ud: &mut Vec<String>) {
        for e in std::fs::read_dir(mappe).unwrap().flatten() {
            let navn = format!("{rel}{}", e.file_name().to_string_lossy());
            if e.path().is_dir() {
                filer_under(&e.path(), &format!("{navn}/"), ud);
            } else {
                ud.push(navn);
            }
        }
    }

    #[test]
    fn the_example_holds_every_file_of_the_repositorys_content() {
        let mut paa_disk = Vec::new();
        filer_under(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
            "",
            &mut paa_disk,
        );
        let mut indlejret: Vec<String> = FILER.iter().map(|(s, _)| s.to_string()).collect();
        paa_disk.sort();
        indlejret.sort();
        assert_eq!(indlejret, paa_disk);
    }

    #[test]
    fn the_example_is_written_whole_and_never_over_a_folder_that_exists() {
        let dir = tempfile::tempdir().unwrap();
        let mappe = dir.path().join("Eksempel");
        skriv(&mappe).unwrap();
        let kkr = std::fs::read_to_string(mappe.join("content/kkr.yaml")).unwrap();
        assert_eq!(kkr, FILER[0].1);
        assert!(mappe.join("content/2015/status/taarnby.yaml").is_file());
        assert!(skriv(&mappe).is_err(), "an existing folder is kept");
        let rester: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(rester.len(), 1, "no temporary folder is left");
    }
}
