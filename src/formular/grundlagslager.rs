//! The forms' loaded base — the KKR, the round, the tilbagemelding and the earlier
//! periods, without this period's status files — kept between requests until a file it
//! was read from changes. A hosted round asks for it on every page and every «Gem» of 98
//! kommuner, and a save changes only a status file, so the base is loaded once per
//! change of `kkr.yaml` or the round instead of once per request.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use crate::indhold::projekt::{self, Indlaesning};

/// What identifies a file's content without reading it: path, length, modification
/// time and (on Unix) inode — an atomic save renames a new file over, so the inode
/// changes even within one tick of the clock.
type Aftryk = Vec<(PathBuf, u64, Option<SystemTime>, u64)>;

struct Post {
    rod: PathBuf,
    periode: String,
    aftryk: Aftryk,
    indl: Arc<Indlaesning>,
}

/// One entry per project and period (a service has one; tests have many).
static LAGER: Mutex<Vec<Post>> = Mutex::new(Vec::new());
const MAKS: usize = 16;

/// The base of `periode`'s forms, from memory while no file under `content/` but the
/// period's status folder has changed since it was loaded.
pub(crate) fn indlaesning(rod: &Path, periode: &str) -> Arc<Indlaesning> {
    // Taken before loading: a file changed during the load makes the next call reload.
    let aftryk = aftryk(rod, periode);
    let lager = LAGER.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = lager
        .iter()
        .find(|p| p.rod == rod && p.periode == periode && p.aftryk == aftryk)
    {
        return p.indl.clone();
    }
    drop(lager);
    let indl = Arc::new(projekt::indlaes_uden_status(rod, periode));
    let mut lager = LAGER.lock().unwrap_or_else(|e| e.into_inner());
    lager.retain(|p| !(p.rod == rod && p.periode == periode));
    if lager.len() >= MAKS {
        lager.remove(0);
    }
    lager.push(Post {
        rod: rod.to_path_buf(),
        periode: periode.to_string(),
        aftryk,
        indl: indl.clone(),
    });
    indl
}

/// Every file below `content/` but `content/<periode>/status/`, sorted.
fn aftryk(rod: &Path, periode: &str) -> Aftryk {
    let status = rod.join("content").join(periode).join("status");
    let mut ud = Vec::new();
    let mut mapper = vec![rod.join("content")];
    while let Some(m) = mapper.pop() {
        let Ok(indhold) = std::fs::read_dir(&m) else {
            continue;
        };
        for e in indhold.flatten() {
            let sti = e.path();
            let Ok(md) = std::fs::metadata(&sti) else {
                continue;
            };
            if md.is_dir() {
                if sti != status {
                    mapper.push(sti);
                }
            } else {
                ud.push((
                    sti,
                    md.len(),
                    md.modified().ok(),
                    crate::filaftryk::inode(&md),
                ));
            }
        }
    }
    ud.sort();
    ud
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kopier(fra: &Path, til: &Path) {
        std::fs::create_dir_all(til).unwrap();
        for e in std::fs::read_dir(fra).unwrap().flatten() {
            match e.file_type().unwrap().is_dir() {
                true => kopier(&e.path(), &til.join(e.file_name())),
                false => drop(std::fs::copy(e.path(), til.join(e.file_name())).unwrap()),
            }
        }
    }

    fn mini() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        kopier(&fixture, dir.path());
        dir
    }

    #[test]
    fn a_saved_status_keeps_the_base_and_a_changed_kkr_yaml_loads_it_again() {
        let dir = mini();
        let rod = dir.path();
        let foerste = indlaesning(rod, "2015");
        assert!(foerste.projekt.as_ref().unwrap().status.is_empty());
        assert!(Arc::ptr_eq(&foerste, &indlaesning(rod, "2015")));

        let alfa = rod.join("content/2015/status/alfa.yaml");
        let tekst = std::fs::read_to_string(&alfa).unwrap();
        std::fs::write(&alfa, tekst.replace("grøn", "gul")).unwrap();
        assert!(
            Arc::ptr_eq(&foerste, &indlaesning(rod, "2015")),
            "a status file is not part of the base"
        );

        let kkr = rod.join("content/kkr.yaml");
        let tekst = std::fs::read_to_string(&kkr).unwrap();
        std::fs::write(&kkr, tekst.replace("Alfa Kommune", "Alfa Kommune (ny)")).unwrap();
        let ny = indlaesning(rod, "2015");
        assert!(!Arc::ptr_eq(&foerste, &ny));
        let navne: Vec<&str> = ny
            .projekt
            .as_ref()
            .unwrap()
            .kkr
            .kommuner
            .iter()
            .map(|k| k.navn.as_str())
            .collect();
        assert!(navne.contains(&"Alfa Kommune (ny)"), "{navne:?}");
    }
}
