//! Atomic writes: a file is either the previous complete version or the new one.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The prefix of temporary files; `ryd_op` removes leftovers of dead processes.
const PRAEFIKS: &str = ".fremdrift-";

/// Writes `data` to `sti` through a temporary file in the same folder and a rename.
pub fn skriv_atomisk(sti: &Path, data: &[u8]) -> std::io::Result<()> {
    midlertidig(sti, data)?.persist(sti).map_err(|e| e.error)?;
    Ok(())
}

/// Writes many files atomically: every file is written and synced to a temporary file
/// first (on a few threads, so the syncs overlap), and only then renamed into place.
/// On an error, no target file is touched and the temporary files are removed.
pub fn skriv_flere_atomisk(filer: &[(PathBuf, &[u8])]) -> std::io::Result<()> {
    let traade = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 8);
    let bidder = filer.len().div_ceil(traade).max(1);
    let klar: Vec<std::io::Result<Vec<tempfile::NamedTempFile>>> = std::thread::scope(|s| {
        let haandtag: Vec<_> = filer
            .chunks(bidder)
            .map(|del| {
                s.spawn(move || {
                    del.iter()
                        .map(|(sti, data)| midlertidig(sti, data))
                        .collect()
                })
            })
            .collect();
        haandtag
            .into_iter()
            .map(|h| h.join().expect("writer thread"))
            .collect()
    });
    let mut midlertidige = Vec::with_capacity(filer.len());
    for k in klar {
        midlertidige.extend(k?);
    }
    for (tmp, (sti, _)) in midlertidige.into_iter().zip(filer) {
        tmp.persist(sti).map_err(|e| e.error)?;
    }
    Ok(())
}

/// A synced temporary file next to `sti`, holding `data`.
fn midlertidig(sti: &Path, data: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let mappe = match sti.parent() {
        Some(m) if !m.as_os_str().is_empty() => m,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(mappe)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!("{PRAEFIKS}{}-", std::process::id()))
        .suffix(".tmp")
        .tempfile_in(mappe)?;
    tmp.write_all(data)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

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
    fn many_files_are_written_and_none_on_error() {
        let dir = tempfile::tempdir().unwrap();
        let filer: Vec<(PathBuf, &[u8])> = (0..5)
            .map(|i| (dir.path().join(format!("{i}.pdf")), b"x".as_slice()))
            .collect();
        skriv_flere_atomisk(&filer).unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 5);
        let blokeret = dir.path().join("fil");
        std::fs::write(&blokeret, b"").unwrap();
        let daarlige = vec![
            (dir.path().join("ny.pdf"), b"y".as_slice()),
            (blokeret.join("under.pdf"), b"z".as_slice()),
        ];
        assert!(skriv_flere_atomisk(&daarlige).is_err());
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
