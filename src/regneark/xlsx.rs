//! Reading an Excel workbook (.xlsx) with calamine: each sheet's cells streamed into
//! the bounded map of [`super::graenser::Fylde`], its merged areas cut at
//! [`MAKS_FLETTEDE`].

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::aabningsfejl::{Aabningsfejl, beskadiget};
use super::celle::{Vaerdi, vaerdi};
use super::graenser::{Fylde, MAKS_ARK, MAKS_FLETTEDE, MAKS_RAEKKER};
use super::projektmappe::{Ark, Projektmappe};

pub(super) fn laes_xlsx(bytes: Vec<u8>) -> Result<Projektmappe, Aabningsfejl> {
    let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(beskadiget)?;
    let (mut mappe, mut fylde) = (Projektmappe::default(), Fylde::default());
    for navn in wb.sheet_names().into_iter().take(MAKS_ARK) {
        let mut ark = Ark {
            navn: navn.clone(),
            ..Ark::default()
        };
        laes_celler(&mut wb, &mut ark, &mut fylde)?;
        ark.flettede = wb.merge_cells_by_sheet_name(&navn).map_err(beskadiget)?;
        ark.flettede.truncate(MAKS_FLETTEDE);
        mappe.ark.push(ark);
    }
    Ok(mappe)
}

/// Streams a sheet's cells; rows below [`MAKS_RAEKKER`] end the reading (Excel and
/// LibreOffice write rows in order).
fn laes_celler(
    wb: &mut Xlsx<Cursor<Vec<u8>>>,
    ark: &mut Ark,
    fylde: &mut Fylde,
) -> Result<(), Aabningsfejl> {
    let mut laeser = wb.worksheet_cells_reader(&ark.navn).map_err(beskadiget)?;
    while let Some(c) = laeser.next_cell_with_formula().map_err(beskadiget)? {
        let (r, k) = c.pos;
        if r >= MAKS_RAEKKER {
            break;
        }
        let vaerdi = match c.formula {
            Some(f) if !f.is_empty() => Some(Vaerdi::Formel(f)),
            _ => vaerdi(Data::from(c.value)),
        };
        if let Some(v) = vaerdi {
            fylde.indsaet(ark, r, k, v)?;
        }
    }
    Ok(())
}
