//! A hook for tests only, so that two processes can be made to race deterministically:
//! with `FREMDRIFT_TEST_LAAS_KROG=<mappe>` set, a process that finds the period's lock
//! taken announces it by opening `<mappe>/venter` for writing, and a process holding
//! the lock just before its rename announces it through `<mappe>/holder` and then waits
//! until `<mappe>/slip` is opened for writing. The test makes these FIFOs, so each
//! open blocks until the test opens the other end; a name that does not exist in the
//! folder does nothing. Nobody sets the variable outside the tests.

use std::io::{Read, Write};
use std::path::PathBuf;

/// The variable naming the hook's folder.
pub const VARIABEL: &str = "FREMDRIFT_TEST_LAAS_KROG";

/// This process found the lock taken and is about to wait for it.
pub fn venter() {
    meld("venter");
}

/// This process holds the lock and is about to rename its file into place.
pub fn foer_omdoebning() {
    if meld("holder") {
        vent("slip");
    }
}

fn sti(navn: &str) -> Option<PathBuf> {
    std::env::var_os(VARIABEL).map(|m| PathBuf::from(m).join(navn))
}

/// Writes this process's id to the hook's `navn`, if there is one.
fn meld(navn: &str) -> bool {
    let Some(sti) = sti(navn) else { return false };
    let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(sti) else {
        return false;
    };
    let _ = writeln!(f, "{}", std::process::id());
    true
}

/// Reads the hook's `navn` to its end.
fn vent(navn: &str) {
    if let Some(Ok(mut f)) = sti(navn).map(std::fs::File::open) {
        let _ = f.read_to_end(&mut Vec::new());
    }
}
