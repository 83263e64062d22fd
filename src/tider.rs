//! Stage timings for benchmarks: with `FREMDRIFT_TIDER=1` each run prints how long
//! loading, templating, typst and writing took (wall time), so the share outside
//! typst can be measured.

use std::sync::Mutex;
use std::time::{Duration, Instant};

static MAALINGER: Mutex<Vec<(&'static str, Duration)>> = Mutex::new(Vec::new());

/// Runs `f` and records its wall time under `fase`.
pub fn maal<T>(fase: &'static str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let ud = f();
    if let Ok(mut m) = MAALINGER.lock() {
        m.push((fase, start.elapsed()));
    }
    ud
}

/// Prints the recorded stages to stderr when `FREMDRIFT_TIDER` is set.
pub fn udskriv() {
    if std::env::var_os("FREMDRIFT_TIDER").is_none() {
        return;
    }
    let Ok(m) = MAALINGER.lock() else { return };
    let dele: Vec<String> = m
        .iter()
        .map(|(f, d)| format!("{f}={:.1}", d.as_secs_f64() * 1000.0))
        .collect();
    eprintln!("tider(ms): {}", dele.join(" "));
}
