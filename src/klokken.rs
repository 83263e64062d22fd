//! The wall clock as the user reads it: Danish time (Europe/Copenhagen, summer time
//! included) from the time-zone data bundled into the binary, so Windows and machines
//! without `/usr/share/zoneinfo` show the same. Only for what a person reads now (the
//! form's «Gemt kl. …», `init`'s first period) — never for a document: the same input
//! gives the same PDF.

use std::sync::LazyLock;
use std::time::SystemTime;

use jiff::tz::{TimeZone, TimeZoneDatabase};
use jiff::{Timestamp, Zoned};

/// Danish time; should the bundled data ever lack it, the rule Denmark keeps since
/// 1996 (CET, CEST from the last Sunday of March to the last Sunday of October).
static DANMARK: LazyLock<TimeZone> = LazyLock::new(|| {
    TimeZoneDatabase::bundled()
        .get("Europe/Copenhagen")
        .or_else(|_| TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3"))
        .unwrap_or(TimeZone::UTC)
});

/// The moment `t` on a Danish clock.
pub(crate) fn dansk_tid(t: SystemTime) -> Zoned {
    Timestamp::try_from(t)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .to_zoned(DANMARK.clone())
}

/// The year in Denmark now.
pub(crate) fn aaret_nu() -> i16 {
    dansk_tid(SystemTime::now()).year()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    /// 2026-03-29 00:00 UTC, the day summer time begins.
    const SOMMERTID_2026: u64 = 1_774_742_400;
    /// 2026-10-25 00:00 UTC, the day it ends.
    const VINTERTID_2026: u64 = 1_792_886_400;

    fn klokken(sek: u64) -> String {
        dansk_tid(UNIX_EPOCH + Duration::from_secs(sek))
            .strftime("%Y-%m-%d %H:%M:%S %:z")
            .to_string()
    }

    #[test]
    fn the_bundled_data_knows_danish_time() {
        let tz = TimeZoneDatabase::bundled()
            .get("Europe/Copenhagen")
            .unwrap();
        assert_eq!(tz.iana_name(), Some("Europe/Copenhagen"));
    }

    #[test]
    fn the_clock_jumps_from_two_to_three_when_summer_time_begins() {
        let s = SOMMERTID_2026;
        assert_eq!(klokken(s + 59 * 60), "2026-03-29 01:59:00 +01:00");
        assert_eq!(klokken(s + 3600 - 1), "2026-03-29 01:59:59 +01:00");
        assert_eq!(klokken(s + 3600), "2026-03-29 03:00:00 +02:00");
    }

    #[test]
    fn the_clock_shows_two_twice_when_summer_time_ends() {
        let v = VINTERTID_2026;
        assert_eq!(klokken(v + 59 * 60), "2026-10-25 02:59:00 +02:00");
        assert_eq!(klokken(v + 3600), "2026-10-25 02:00:00 +01:00");
        assert_eq!(klokken(v + 2 * 3600), "2026-10-25 03:00:00 +01:00");
    }

    #[test]
    fn new_year_comes_an_hour_before_it_does_in_utc() {
        // 2026-12-31 23:30 UTC is already 2027 in Denmark.
        assert_eq!(
            dansk_tid(UNIX_EPOCH + Duration::from_secs(1_798_759_800)).year(),
            2027
        );
    }
}
