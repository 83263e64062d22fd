"""Fills a fremdrift Word document with python-docx the way people and scripts do it.

usage: udfyld_python_docx.py IND.docx UD.docx

- the oplysninger: typed inside their controls (the control's text replaced);
- v1: «Gul» chosen in its drop-down; its bemærkning replaced by two pasted paragraphs
  with bold and coloured runs and Danish letters, the control deleted with them;
- v2: the whole status cell replaced by the typed word «gul» (the control deleted);
- b1: «Grøn» chosen; b2: «Ikke besvaret» chosen, its bemærkning emptied;
- a new proposal typed into the first empty row of the proposals table.
"""

import sys

import docx
from docx.shared import RGBColor

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def tekst(celle):
    """The text a person sees in a cell, in its controls too."""
    return "".join(t.text or "" for t in celle._tc.iter(W + "t"))


def skriv_i_kontrol(celle, vaerdi):
    """Replaces the text of the cell's control, as typing into it does."""
    t = list(celle._tc.iter(W + "t"))
    assert t, f"ingen tekst i cellen «{tekst(celle)}»"
    t[0].text = vaerdi
    for rest in t[1:]:
        rest.text = ""


def erstat_celle(celle, afsnit):
    """Deletes everything in the cell (its control too) and writes new paragraphs."""
    for barn in list(celle._tc):
        if barn.tag != W + "tcPr":
            celle._tc.remove(barn)
    for i, a in enumerate(afsnit):
        p = celle.add_paragraph()
        for j, del_ in enumerate(a):
            run = p.add_run(del_)
            run.bold = j == 0 and i == 0
            if j == 1:
                run.font.color.rgb = RGBColor(0xC0, 0, 0)


def main(ind, ud):
    d = docx.Document(ind)
    oplysninger = {
        "Behandlet af": "Arbejdsmarkedsudvalget",
        "Dato for behandling": "2. februar 2016",
        "Kontaktperson": "Åse Ærø",
        "E-mail": "aase@alfa.example.dk",
        "Telefon": "22 33 44 55",
        "Udkast": "Nej",
    }
    for r in d.tables[0].rows:
        v = oplysninger.get(tekst(r.cells[0]).strip())
        if v:
            skriv_i_kontrol(r.cells[1], v)
    for tabel in d.tables[1:]:
        hoved = [tekst(c) for c in tabel.rows[0].cells]
        if "Grøn/gul/rød" not in hoved:
            continue
        s, b = hoved.index("Grøn/gul/rød"), hoved.index("Bemærkninger")
        for r in tabel.rows[1:]:
            id_ = tekst(r.cells[0]).strip()
            if id_ == "v1":
                skriv_i_kontrol(r.cells[s], "Gul")
                erstat_celle(
                    r.cells[b],
                    [
                        ["Første afsnit: ", "æøå og ÆØÅ", " i ét."],
                        ["Andet afsnit – «citat» og 100 %."],
                    ],
                )
            elif id_ == "v2":
                erstat_celle(r.cells[s], [["gul"]])
            elif id_ == "b1":
                skriv_i_kontrol(r.cells[s], "Grøn")
            elif id_ == "b2":
                skriv_i_kontrol(r.cells[s], "Ikke besvaret")
                skriv_i_kontrol(r.cells[b], "")
    forslag = d.tables[-1]
    for r in forslag.rows[1:]:
        if not tekst(r.cells[0]).strip():
            skriv_i_kontrol(r.cells[0], "Fælles jobmesse")
            skriv_i_kontrol(r.cells[1], "En årlig jobmesse på tværs af kommunerne.")
            break
    d.save(ud)


if __name__ == "__main__":
    main(*sys.argv[1:])
