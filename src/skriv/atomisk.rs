//! Atomic writes: a file is either the previous complete version or the new one, and a
//! batch of files is written all or nothing (rolled back when a rename fails half-way). New files get the mode any program's files
//! get (0666 less the umask: 0644 under umask 022), so colleagues can open them.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The prefix of temporary files; `ryd_op` removes leftovers of dead processes.
const PRAEFIKS: &str = ".fremdrift-";

/// Writes `data` to `sti` through a temporary file in the same folder and a rename.
pub fn skriv_atomisk(sti: &Path, data: &[u8]) -> std::io::Result<()> {
    midlertidig(sti, data)?.persist(sti).map_err(|e| e.error)?;
    Ok(())
}

/// Like [`skriv_atomisk`], but never replaces a file that exists: fails with
/// `AlreadyExists` instead, also when another process creates it meanwhile.
pub fn skriv_ny_atomisk(sti: &Path, data: &[u8]) -> std::io::Result<()> {
    midlertidig(sti, data)?
        .persist_noclobber(sti)
        .map_err(|e| e.error)?;
    Ok(())
}

/// A file written and synced under a temporary name next to its target, waiting to be
/// put in place. Dropping it removes the temporary file and leaves the target untouched.
pub struct Forberedt {
    tmp: tempfile::NamedTempFile,
    sti: PathBuf,
}

/// Writes and syncs `data` to a temporary file next to `sti`; nothing visible changes
/// until [`laeg_paa_plads`].
pub fn forbered(sti: &Path, data: &[u8]) -> std::io::Result<Forberedt> {
    Ok(Forberedt {
        tmp: midlertidig(sti, data)?,
        sti: sti.to_path_buf(),
    })
}

/// Renames every prepared file into place, all or nothing: on an error preparing any
/// of them nothing is renamed and every temporary file is removed (dropped); when a
/// rename fails half-way, the files already put in place are rolled back — a replaced
/// file gets its previous version again (kept as a hard link, or a copy, until every
/// rename succeeded), a new file is removed. Each file is at every moment either its
/// previous or its new version. What is not covered: a crash (power cut) half-way
/// leaves the batch half in place, and should the rollback itself fail, the error
/// names where the previous version still lies.
pub fn laeg_paa_plads(
    filer: impl IntoIterator<Item = std::io::Result<Forberedt>>,
) -> std::io::Result<()> {
    let klar = filer.into_iter().collect::<std::io::Result<Vec<_>>>()?;
    let mut lagt: Vec<(PathBuf, Option<PathBuf>)> = Vec::with_capacity(klar.len());
    for f in klar {
        let forrige = match behold_forrige(&f.sti) {
            Ok(k) => k,
            Err(e) => return Err(rul_tilbage(lagt, e)),
        };
        if let Err(e) = f.tmp.persist(&f.sti) {
            if let Some(k) = &forrige {
                let _ = std::fs::remove_file(k);
            }
            return Err(rul_tilbage(lagt, e.error));
        }
        lagt.push((f.sti, forrige));
    }
    for k in lagt.into_iter().filter_map(|(_, k)| k) {
        let _ = std::fs::remove_file(k);
    }
    Ok(())
}

/// The previous version of a file about to be replaced, kept under a hidden name next
/// to it (not a name [`ryd_op`] removes); `None` when there is no file yet.
fn behold_forrige(sti: &Path) -> std::io::Result<Option<PathBuf>> {
    static NR: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    if !std::fs::symlink_metadata(sti).is_ok_and(|m| m.is_file()) {
        return Ok(None);
    }
    let navn = sti.file_name().unwrap_or_default().to_string_lossy();
    let nr = NR.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let kopi = sti.with_file_name(format!(".{navn}.forrige-{}-{nr}", std::process::id()));
    let _ = std::fs::remove_file(&kopi);
    if std::fs::hard_link(sti, &kopi).is_err() {
        std::fs::copy(sti, &kopi)?;
    }
    Ok(Some(kopi))
}

/// Undoes the renames done so far, last first; the error `fejl`, with where a previous
/// version still lies if it could not be put back.
fn rul_tilbage(lagt: Vec<(PathBuf, Option<PathBuf>)>, fejl: std::io::Error) -> std::io::Error {
    let mut tilbage = Vec::new();
    for (sti, forrige) in lagt.into_iter().rev() {
        let rullet = match &forrige {
            Some(k) => std::fs::rename(k, &sti),
            None => std::fs::remove_file(&sti),
        };
        if rullet.is_err() {
            tilbage.push(match forrige {
                Some(k) => format!(
                    "den forrige udgave af {} ligger i {}",
                    sti.display(),
                    k.display()
                ),
                None => format!("{} er skrevet", sti.display()),
            });
        }
    }
    if tilbage.is_empty() {
        fejl
    } else {
        std::io::Error::new(
            fejl.kind(),
            format!("{fejl}; kunne ikke rulles tilbage: {}", tilbage.join("; ")),
        )
    }
}

/// A synced temporary file next to `sti`, holding `data`.
fn midlertidig(sti: &Path, data: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let mappe = match sti.parent() {
        Some(m) if !m.as_os_str().is_empty() => m,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(mappe)?;
    let praefiks = format!("{PRAEFIKS}{}-", std::process::id());
    let mut b = tempfile::Builder::new();
    b.prefix(&praefiks).suffix(".tmp");
    som_normal_fil(&mut b);
    let mut tmp = b.tempfile_in(mappe)?;
    tmp.write_all(data)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// 0666 for a new file: the operating system takes the umask off when it creates it.
#[cfg(unix)]
fn som_normal_fil(b: &mut tempfile::Builder) {
    use std::os::unix::fs::PermissionsExt;
    b.permissions(std::fs::Permissions::from_mode(0o666));
}

#[cfg(not(unix))]
fn som_normal_fil(_: &mut tempfile::Builder) {}

/// Removes temporary files left in `mappe` by fremdrift processes that no longer run.
pub fn ryd_op(mappe: &Path) {
    let Ok(indhold) = std::fs::read_dir(mappe) else {
        return;
    };
    for e in indhold.flatten() {
        let navn = e.file_name();
        let Some(navn) = navn.to_str() else { continue };
        let Some(rest) = navn.strip_prefix(PRAEFIKS) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_none_or(|pid| !lever(pid)) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Whether a process with this id is running (always true where we cannot tell).
fn lever(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_replaces_whole_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let sti = dir.path().join("a/b.pdf");
        skriv_atomisk(&sti, b"first").unwrap();
        skriv_atomisk(&sti, b"second").unwrap();
        assert_eq!(std::fs::read(&sti).unwrap(), b"second");
        let rester: Vec<_> = std::fs::read_dir(sti.parent().unwrap()).unwrap().collect();
        assert_eq!(rester.len(), 1);
    }

    #[test]
    fn a_new_file_never_replaces_one_that_exists() {
        let dir = tempfile::tempdir().unwrap();
        let sti = dir.path().join("a.yaml");
        skriv_ny_atomisk(&sti, b"first").unwrap();
        let e = skriv_ny_atomisk(&sti, b"second").unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&sti).unwrap(), b"first");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn prepared_files_appear_only_when_put_in_place_and_vanish_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let sti = dir.path().join("ud/a.pdf");
        std::fs::create_dir_all(sti.parent().unwrap()).unwrap();
        std::fs::write(&sti, b"old").unwrap();
        let klar = forbered(&sti, b"new").unwrap();
        assert_eq!(
            std::fs::read(&sti).unwrap(),
            b"old",
            "nothing changes before"
        );
        laeg_paa_plads([Ok(klar)]).unwrap();
        assert_eq!(std::fs::read(&sti).unwrap(), b"new");
        let droppet = forbered(&sti, b"newer").unwrap();
        drop(droppet);
        assert_eq!(std::fs::read(&sti).unwrap(), b"new");
        let filer = std::fs::read_dir(sti.parent().unwrap()).unwrap().count();
        assert_eq!(filer, 1, "no temporary file is left behind");
    }

    #[test]
    fn nothing_is_put_in_place_when_one_file_cannot_be_prepared() {
        let dir = tempfile::tempdir().unwrap();
        let blokeret = dir.path().join("fil");
        std::fs::write(&blokeret, b"").unwrap();
        let filer = [
            forbered(&dir.path().join("ny.pdf"), b"y"),
            forbered(&blokeret.join("under.pdf"), b"z"),
        ];
        assert!(filer[1].is_err());
        assert!(laeg_paa_plads(filer).is_err());
        assert!(
            !dir.path().join("ny.pdf").exists(),
            "nothing is renamed into place on error"
        );
        let rester = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(".fremdrift-"))
            .count();
        assert_eq!(rester, 0);
    }

    /// Files in the batch that stay around it: everything but temporaries of this run.
    fn synlige(mappe: &Path) -> Vec<String> {
        let mut navne: Vec<String> = std::fs::read_dir(mappe)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        navne.sort();
        navne
    }

    #[test]
    fn a_rename_failing_half_way_rolls_the_batch_back() {
        let dir = tempfile::tempdir().unwrap();
        let gammel = dir.path().join("a.pdf");
        let ny = dir.path().join("b.pdf");
        let blokeret = dir.path().join("c.pdf");
        std::fs::write(&gammel, b"old").unwrap();
        let filer = vec![
            forbered(&gammel, b"new"),
            forbered(&ny, b"new"),
            forbered(&blokeret, b"new"),
        ];
        // The last target becomes a folder with a file in it: its rename fails, after
        // the first two went through (also for root, whom permissions do not stop).
        std::fs::create_dir(&blokeret).unwrap();
        std::fs::write(blokeret.join("x"), b"").unwrap();
        assert!(laeg_paa_plads(filer).is_err());
        assert_eq!(
            std::fs::read(&gammel).unwrap(),
            b"old",
            "the replaced file is back"
        );
        assert!(!ny.exists(), "the new file is gone again");
        assert_eq!(
            synlige(dir.path()),
            ["a.pdf", "c.pdf"],
            "no backup or temporary left"
        );
    }

    #[test]
    fn a_batch_that_succeeds_leaves_no_backup() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.pdf");
        std::fs::write(&a, b"old").unwrap();
        laeg_paa_plads([
            forbered(&a, b"new"),
            forbered(&dir.path().join("b.pdf"), b"b"),
        ])
        .unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), b"new");
        assert_eq!(synlige(dir.path()), ["a.pdf", "b.pdf"]);
    }

    #[cfg(unix)]
    #[test]
    fn written_files_get_the_mode_of_a_normal_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let sti = dir.path().join("a.pdf");
        skriv_atomisk(&sti, b"x").unwrap();
        let kontrol = dir.path().join("kontrol");
        std::fs::write(&kontrol, b"x").unwrap();
        let tilstand = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            tilstand(&sti),
            tilstand(&kontrol),
            "as std::fs::write makes it"
        );
        assert_ne!(tilstand(&sti), 0o600);
    }

    #[test]
    fn leftovers_of_dead_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let doed = dir.path().join(".fremdrift-4000000000-abc.tmp");
        let egen = dir
            .path()
            .join(format!(".fremdrift-{}-abc.tmp", std::process::id()));
        std::fs::write(&doed, b"x").unwrap();
        std::fs::write(&egen, b"x").unwrap();
        ryd_op(dir.path());
        assert!(!doed.exists());
        assert!(egen.exists());
    }
}
