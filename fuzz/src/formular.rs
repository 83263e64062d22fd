//! The form target: any posted body → the form's fields → the status it would save,
//! validated with the rules of `check`. Never a panic; every diagnostic a message at a
//! form field.

use fremdrift::formular::status_af_krop;

use super::mini;

pub fn krop(data: &[u8]) {
    let (kkr, runde) = mini();
    let Ok((status, d)) = status_af_krop(data, kkr, runde, "alfa") else {
        return;
    };
    for x in &d.0 {
        assert!(
            !x.besked.trim().is_empty(),
            "a diagnostic without a message: {x:?}"
        );
        assert!(x.pos().is_none(), "a form diagnostic at a line: {x}");
    }
    if let Some(s) = status {
        assert_eq!(
            s.kommune.id, "alfa",
            "the kommune comes from the address, not the body"
        );
    }
}
