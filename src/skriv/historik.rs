//! The history of status files: before a file in `content/` is replaced (by the status
//! store, for `indlaes --overskriv` or a save in the form), its previous version is copied to
//! `historik/<periode>/<kommune>/<tidspunkt>.yaml` in the project, so any change can
//! be undone by hand.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The history folder of a project.
pub const MAPPE: &str = "historik";

/// Keeps `data`, a version of the project file `rel` (e.g.
/// `content/2015/status/albertslund.yaml`), in the history; returns where the copy
/// went (relative to the project).
pub fn behold(rod: &Path, rel: &Path, data: &[u8]) -> std::io::Result<PathBuf> {
    let mappe = mappe_for(rel);
    let stempel = tidsstempel(SystemTime::now());
    let endelse = rel.extension().and_then(|e| e.to_str()).unwrap_or("yaml");
    let mut maal = mappe.join(format!("{stempel}.{endelse}"));
    let mut n = 2;
    while rod.join(&maal).exists() {
        maal = mappe.join(format!("{stempel}-{n}.{endelse}"));
        n += 1;
    }
    super::skriv_atomisk(&rod.join(&maal), data)?;
    Ok(maal)
}

/// `content/2015/status/albertslund.yaml` → `historik/2015/albertslund`.
pub fn mappe_for(rel: &Path) -> PathBuf {
    let stamme = rel.file_stem().map(PathBuf::from).unwrap_or_default();
    let mut dele = rel
        .parent()
        .unwrap_or(Path::new(""))
        .components()
        .peekable();
    if dele.peek().is_some_and(|c| c.as_os_str() == "content") {
        dele.next();
    }
    let periode: PathBuf = dele.filter(|c| c.as_os_str() != "status").collect();
    Path::new(MAPPE).join(periode).join(stamme)
}

/// "2026-11-23T20.15.03Z" (UTC, sortable, and valid in a file name on every system).
pub fn tidsstempel(t: SystemTime) -> String {
    jiff::Timestamp::try_from(t)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .strftime("%Y-%m-%dT%H.%M.%SZ")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn timestamps_are_utc_calendar_times() {
        let t = UNIX_EPOCH + Duration::from_secs(1_456_704_000 + 3661);
        assert_eq!(tidsstempel(t), "2016-02-29T01.01.01Z");
        assert_eq!(tidsstempel(UNIX_EPOCH), "1970-01-01T00.00.00Z");
        // Summer time changes nothing in a name: 00.59 and 01.00 UTC stay an hour apart.
        let sommertid = UNIX_EPOCH + Duration::from_secs(1_774_742_400);
        assert_eq!(
            tidsstempel(sommertid + Duration::from_secs(59 * 60)),
            "2026-03-29T00.59.00Z"
        );
        assert_eq!(
            tidsstempel(sommertid + Duration::from_secs(3600)),
            "2026-03-29T01.00.00Z"
        );
        assert_eq!(
            tidsstempel(UNIX_EPOCH - Duration::from_secs(1)),
            "1969-12-31T23.59.59Z"
        );
    }

    #[test]
    fn a_replaced_status_file_is_kept_under_historik() {
        let dir = tempfile::tempdir().unwrap();
        let rel = Path::new("content/2015/status/alfa.yaml");
        let a = behold(dir.path(), rel, "første".as_bytes()).unwrap();
        let b = behold(dir.path(), rel, "første".as_bytes()).unwrap();
        assert!(a.starts_with("historik/2015/alfa"), "{a:?}");
        assert_ne!(a, b, "two saves in one second keep both");
        assert_eq!(
            std::fs::read_to_string(dir.path().join(&b)).unwrap(),
            "første"
        );
    }
}
