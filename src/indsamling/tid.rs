//! Time in the collection: stamps are kept in UTC (RFC 3339) and shown in Danish time
//! ([`crate::klokken`]). No stamp ever reaches a PDF.

use jiff::{Timestamp, Zoned};

use crate::indhold::dato::Dato;

/// Now, as kept in the files.
pub(crate) fn nu() -> Timestamp {
    Timestamp::now()
}

fn dansk_klokke(t: Timestamp) -> Zoned {
    crate::klokken::dansk_tid(std::time::SystemTime::from(t))
}

/// «2. december 2026 kl. 19.04», in Danish local time.
pub(crate) fn dansk(t: Timestamp) -> String {
    let z = dansk_klokke(t);
    let dato = Dato {
        aar: i32::from(z.year()),
        maaned: z.month() as u8,
        dag: z.day() as u8,
    };
    format!("{} kl. {:02}.{:02}", dato.dansk(), z.hour(), z.minute())
}

/// A stamp from the files; `None` for one that is not RFC 3339.
pub(crate) fn laes(s: &str) -> Option<Timestamp> {
    s.parse().ok()
}

/// Whether the frist has passed at `t`: the frist is the whole day, Danish time.
pub(crate) fn efter_frist(frist: &Dato, t: Timestamp) -> bool {
    let z = dansk_klokke(t);
    let i_dag = (i32::from(z.year()), z.month() as u8, z.day() as u8);
    i_dag > (frist.aar, frist.maaned, frist.dag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn stamps_are_shown_in_danish_time_on_both_sides_of_summer_time() {
        assert_eq!(dansk(t("2026-03-29T00:59:00Z")), "29. marts 2026 kl. 01.59");
        assert_eq!(dansk(t("2026-03-29T01:00:00Z")), "29. marts 2026 kl. 03.00");
        assert_eq!(
            dansk(t("2026-12-02T18:04:00Z")),
            "2. december 2026 kl. 19.04"
        );
    }

    #[test]
    fn the_frist_lasts_its_whole_day_in_denmark() {
        let frist = Dato::parse("2015-03-09").unwrap();
        assert!(!efter_frist(&frist, t("2015-03-09T22:59:00Z")));
        assert!(efter_frist(&frist, t("2015-03-09T23:00:00Z")));
        assert!(!efter_frist(&frist, t("2015-03-01T12:00:00Z")));
    }
}
