//! The status store across processes: two `fremdrift indlaes` runs racing for the same
//! kommune's file end in exactly one of the two versions; the other is refused as a
//! conflict, and nothing is lost. The race is made deterministic with the store's test
//! hook (`FREMDRIFT_TEST_LAAS_KROG`, FIFOs made here): no sleeps.

use crate::common;

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::regneark::{Mappe, status_fil, t};
use common::*;

/// How long a step may take before the test fails (a guard, never a synchronisation).
const FRIST: Duration = Duration::from_secs(60);

/// A folder of FIFOs for one process's hook.
struct Krog {
    mappe: tempfile::TempDir,
}

impl Krog {
    fn ny(navne: &[&str]) -> Self {
        let mappe = tempfile::tempdir().unwrap();
        for navn in navne {
            let sti = CString::new(mappe.path().join(navn).as_os_str().as_bytes()).unwrap();
            // SAFETY: mkfifo(3) with a NUL-terminated path this test owns.
            assert_eq!(unsafe { libc::mkfifo(sti.as_ptr(), 0o600) }, 0, "mkfifo");
        }
        Self { mappe }
    }

    /// Waits until the process announces `navn` (opens it for writing), and reads it.
    fn afvent(&self, navn: &str) -> String {
        let sti = self.mappe.path().join(navn);
        med_frist(navn, move || std::fs::read_to_string(sti).unwrap())
    }

    /// Lets the process waiting on `navn` go on.
    fn slip(&self, navn: &str) {
        let sti = self.mappe.path().join(navn);
        med_frist(navn, move || {
            drop(std::fs::OpenOptions::new().write(true).open(sti))
        });
    }
}

/// `f` in a thread, failing the test if it does not finish within [`FRIST`].
fn med_frist<T: Send + 'static>(hvad: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(FRIST)
        .unwrap_or_else(|_| panic!("«{hvad}» kom ikke inden for {FRIST:?}"))
}

/// A running `fremdrift`, killed if the test fails before it ends.
struct Proces(Option<Child>);

impl Proces {
    fn start(rod: &Path, args: &[String], krog: &Krog) -> Self {
        let barn = Command::new(env!("CARGO_BIN_EXE_fremdrift"))
            .arg("-C")
            .arg(rod)
            .args(args)
            .env("FREMDRIFT_TEST_LAAS_KROG", krog.mappe.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("fremdrift starter");
        Self(Some(barn))
    }

    fn vent(mut self) -> Output {
        let barn = self.0.take().unwrap();
        med_frist("processens afslutning", move || {
            barn.wait_with_output().unwrap()
        })
    }
}

impl Drop for Proces {
    fn drop(&mut self) {
        if let Some(mut barn) = self.0.take() {
            let _ = barn.kill();
            let _ = barn.wait();
        }
    }
}

/// Alfa's workbook with v1 set to `status` and a remark, saved as `navn` in the project.
fn arbejdsbog(rod: &Path, navn: &str, status: &str, bemaerkning: &str) -> PathBuf {
    let skabelon = rod.join("out/2015/skabeloner/101-alfa.xlsx");
    if !skabelon.exists() {
        let o = fremdrift(rod, &["skabelon", "alfa", "--xlsx"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let mut m = Mappe::fra_xlsx(&std::fs::read(skabelon).unwrap());
    m.ark("Fremdriftsskema")
        .saet("E4", t(status))
        .saet("F4", t(bemaerkning));
    let fil = rod.join(navn);
    std::fs::write(&fil, m.xlsx()).unwrap();
    fil
}

/// The status file `indlaes --overskriv` writes for `xlsx` when nothing races it.
fn alene(xlsx: &Path) -> Vec<u8> {
    let dir = projekt("mini");
    let o = fremdrift(
        dir.path(),
        &["indlaes", "--overskriv", xlsx.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::read(status_fil(dir.path())).unwrap()
}

/// Every file in `mappe`, sorted.
fn filer(mappe: &Path) -> Vec<PathBuf> {
    let mut ud: Vec<PathBuf> = std::fs::read_dir(mappe)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    ud.sort();
    ud
}

/// Two `indlaes` of Alfa's answers, `vinder` and `taber`, as two processes: `vinder`
/// is stopped holding the period's lock just before its rename, `taber` is started and
/// seen waiting for the lock, then `vinder` is let go. Both compared the same file (the
/// original, or none when `ny`); the store's check under the lock refuses the one that
/// comes second. With a file there, both run with `--overskriv`.
///
/// Without the lock the test fails: `taber` would never find the lock taken, so it
/// would never announce that it waits (that step times out) — and even without that
/// step it would see the file unchanged (`vinder` has not renamed yet), pass its
/// version check and write; `vinder`'s last check right before its rename (or its
/// never-replace rename of a new file) would then refuse `vinder`, and the file would
/// be `taber`'s, not `vinder`'s.
fn kapploeb(vinder: &Path, taber: &Path, ny: bool) {
    let dir = projekt("mini");
    let rod = dir.path();
    let status = status_fil(rod);
    if ny {
        std::fs::remove_file(&status).unwrap();
    }
    let original = std::fs::read(&status).ok();
    let (krog_v, krog_t) = (Krog::ny(&["holder", "slip"]), Krog::ny(&["venter"]));
    let args = |f: &Path| {
        let mut a = vec!["indlaes".to_string(), f.to_str().unwrap().to_string()];
        if !ny {
            a.insert(1, "--overskriv".into());
        }
        a
    };

    let v = Proces::start(rod, &args(vinder), &krog_v);
    let pid = krog_v.afvent("holder");
    assert!(!pid.trim().is_empty(), "the holder says who it is");
    let t = Proces::start(rod, &args(taber), &krog_t);
    krog_t.afvent("venter");
    assert_eq!(std::fs::read(&status).ok(), original, "nothing renamed yet");
    krog_v.slip("slip");
    let (ov, ot) = (v.vent(), t.vent());

    assert!(ov.status.success(), "{}\n{}", stdout(&ov), stderr(&ov));
    let skrevet = match ny {
        true => format!("{} → content/2015/status/alfa.yaml\n", vinder.display()),
        false => {
            "→ content/2015/status/alfa.yaml (erstattet; den forrige er gemt i historik/2015/alfa/"
                .into()
        }
    };
    assert!(stdout(&ov).contains(&skrevet), "{}", stdout(&ov));
    assert_eq!(ot.status.code(), Some(1), "{}", stderr(&ot));
    let e = stderr(&ot);
    assert!(
        e.contains(
            "content/2015/status/alfa.yaml blev ændret, mens filen blev læst ind; intet er skrevet"
        ),
        "{e}"
    );
    assert!(e.contains("kør kommandoen igen"), "{e}");
    assert!(
        e.contains("1 fil: 0 nye, 0 erstattet, 0 uændret, 1 ikke læst ind"),
        "{e}"
    );

    assert_eq!(
        std::fs::read(&status).unwrap(),
        alene(vinder),
        "the winner's file"
    );
    let historik: Vec<Vec<u8>> = filer(&rod.join("historik/2015/alfa"))
        .iter()
        .map(|f| std::fs::read(f).unwrap())
        .collect();
    assert_eq!(historik, Vec::from_iter(original), "the original is kept");
    assert_eq!(
        filer(&rod.join("content/2015/status")),
        [
            rod.join("content/2015/status/alfa.yaml"),
            rod.join("content/2015/status/beta.yaml")
        ],
        "no temporary file is left"
    );
    assert!(
        taber.is_file(),
        "the refused answers are still in their workbook"
    );
    let check = fremdrift(rod, &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

/// Two workbooks with different answers for Alfa (v1 gul or rød), in a folder of
/// their own.
fn to_arbejdsboeger() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = projekt("mini");
    let a = arbejdsbog(dir.path(), "a.xlsx", "gul", "Forsinket.");
    let b = arbejdsbog(dir.path(), "b.xlsx", "rød", "Stoppet.");
    (dir, a, b)
}

#[test]
fn indlaes_holding_the_lock_wins_and_a_second_indlaes_waiting_for_it_is_refused() {
    let (_dir, a, b) = to_arbejdsboeger();
    assert_ne!(alene(&a), alene(&b), "two different versions");
    kapploeb(&a, &b, false);
}

#[test]
fn the_same_race_the_other_way_round_ends_in_the_other_version() {
    let (_dir, a, b) = to_arbejdsboeger();
    kapploeb(&b, &a, false);
}

#[test]
fn two_indlaes_creating_the_same_new_file_write_it_once_and_refuse_the_other() {
    let (_dir, a, b) = to_arbejdsboeger();
    kapploeb(&a, &b, true);
}

/// The form's answers for Alfa as the preview's own page posts them.
fn formularkrop(pv: &common::browser::Preview) -> String {
    let (_, html) = pv.hent("/udfyld/alfa/");
    let felt = |navn: &str| {
        let m = format!(r#"name="{navn}" value=""#);
        let i = html.find(&m).unwrap_or_else(|| panic!("{navn}:\n{html}")) + m.len();
        html[i..].split('"').next().unwrap().to_string()
    };
    format!(
        "token={}&version={}&handling=gem&organ=Byr%C3%A5det&dato=2016-01-19\
         &kontakt-navn=Fra+formularen&status.v1=gr%C3%B8n&status.v2=gul\
         &status.b1=r%C3%B8d&status.b2=gr%C3%B8n",
        felt("token"),
        felt("version")
    )
}

/// Posts the form's save from the preview's own page, in a thread of its own (it
/// waits in the server at the hook); the answer when joined.
fn gem_i_baggrunden(port: u16, krop: String) -> std::thread::JoinHandle<common::browser::Svar> {
    std::thread::spawn(move || {
        let egen = format!("http://127.0.0.1:{port}");
        let hoveder = [
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", egen.as_str()),
        ];
        common::browser::anmod(port, "POST", "/udfyld/alfa/", &hoveder, &krop, "1.0")
            .expect("the save is answered")
    })
}

/// A save in the running preview (the server) holds the period's lock just before its
/// rename; `fremdrift indlaes --overskriv` of a workbook, which compared the same
/// original file, is started and seen waiting; the server is let go. The form's save is
/// on disk, `indlaes` is refused as a conflict, and the original is in the history.
/// Without the lock `indlaes` would never wait (that step times out), and would
/// otherwise write over the server's save or have its own overwritten unseen.
#[test]
fn indlaes_while_the_server_saves_the_same_file_is_refused_and_the_save_stands() {
    let dir = projekt("mini");
    let rod = dir.path();
    let status = status_fil(rod);
    let original = std::fs::read(&status).unwrap();
    let xlsx = arbejdsbog(rod, "a.xlsx", "gul", "Forsinket.");
    let (krog_s, krog_i) = (Krog::ny(&["holder", "slip"]), Krog::ny(&["venter"]));
    let krog = krog_s.mappe.path().to_str().unwrap().to_string();
    let pv = common::browser::Preview::start_miljoe(rod, &[("FREMDRIFT_TEST_LAAS_KROG", &krog)]);
    let (port, krop) = (pv.port, formularkrop(&pv));
    let gem = gem_i_baggrunden(port, krop);
    krog_s.afvent("holder");
    let args = ["indlaes", "--overskriv", xlsx.to_str().unwrap()].map(String::from);
    let i = Proces::start(rod, &args, &krog_i);
    krog_i.afvent("venter");
    assert_eq!(
        std::fs::read(&status).unwrap(),
        original,
        "nothing renamed yet"
    );
    krog_s.slip("slip");
    let svar = med_frist("formularens svar", move || gem.join().unwrap());
    let oi = i.vent();

    assert_eq!(svar.status, 200, "{}", svar.krop);
    assert!(svar.krop.contains("Gemt"), "{}", svar.krop);
    let gemt = std::fs::read_to_string(&status).unwrap();
    assert!(
        gemt.contains("Fra formularen"),
        "the form's save stands:\n{gemt}"
    );
    assert_eq!(oi.status.code(), Some(1), "{}", stderr(&oi));
    let e = stderr(&oi);
    assert!(
        e.contains(
            "content/2015/status/alfa.yaml blev ændret, mens filen blev læst ind; intet er skrevet"
        ),
        "{e}"
    );
    let historik: Vec<Vec<u8>> = filer(&rod.join("historik/2015/alfa"))
        .iter()
        .map(|f| std::fs::read(f).unwrap())
        .collect();
    assert_eq!(historik, [original], "the original is kept, once");
}

/// The other way round: `indlaes` holds the lock just before its rename, the server's
/// save is seen waiting for it, `indlaes` is let go. The workbook's answers are on disk
/// and the form gets its conflict (409), its answers still in the page.
#[test]
fn a_save_in_the_server_while_indlaes_writes_the_same_file_is_a_conflict() {
    let dir = projekt("mini");
    let rod = dir.path();
    let status = status_fil(rod);
    let original = std::fs::read(&status).unwrap();
    let xlsx = arbejdsbog(rod, "a.xlsx", "gul", "Forsinket.");
    let (krog_s, krog_i) = (Krog::ny(&["venter"]), Krog::ny(&["holder", "slip"]));
    let krog = krog_s.mappe.path().to_str().unwrap().to_string();
    let pv = common::browser::Preview::start_miljoe(rod, &[("FREMDRIFT_TEST_LAAS_KROG", &krog)]);
    let (port, krop) = (pv.port, formularkrop(&pv));
    let args = ["indlaes", "--overskriv", xlsx.to_str().unwrap()].map(String::from);
    let i = Proces::start(rod, &args, &krog_i);
    krog_i.afvent("holder");
    let gem = gem_i_baggrunden(port, krop);
    krog_s.afvent("venter");
    assert_eq!(
        std::fs::read(&status).unwrap(),
        original,
        "nothing renamed yet"
    );
    krog_i.slip("slip");
    let oi = i.vent();
    let svar = med_frist("formularens svar", move || gem.join().unwrap());

    assert!(oi.status.success(), "{}", stderr(&oi));
    assert_eq!(
        std::fs::read(&status).unwrap(),
        alene(&xlsx),
        "the workbook's file"
    );
    assert_eq!(svar.status, 409, "{}", svar.krop);
    assert!(
        svar.krop.contains("Fra formularen"),
        "the form keeps its answers"
    );
}
