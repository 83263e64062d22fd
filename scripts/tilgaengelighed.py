#!/usr/bin/env python3
"""Independent accessibility check of fremdrift's PDFs with outloud (PyPI; PDF/UA-1 and
WCAG 2.2 rules, no JVM), beside the archival checks of scripts/arkiv.py.

Runs the outloud command over every PDF given (folders are searched recursively) and
requires:
  - no errors and no unreadable files;
  - every warning is one of the false positives explained in
    docs/tilgaengelighed.md's table, and each is re-checked here against the PDF itself:
      TBL-014  a ruled grid «that no /Table covers»: outloud looks for the grid's table
               by the Table element's own /Pg, which typst (like ISO 32000, where /Pg is
               optional) leaves out on elements without content of their own. Re-checked
               page-aware: every rule of the grid must lie within the height of a Table
               whose cells have content on this page (tables stacked on a page, with
               headings between them, make one «grid» to outloud).
      ORD-001  content painted «out of tag-tree order»: outloud lists an element's own
               marked content before its children's, but a paragraph such as «*Forslag:*
               tekst» reads Strong first (its /K order). Re-checked by walking each /K in
               order: at least 80 % of the page must then be in order, outloud's own bar.
      PAG-001  a «running header tagged as content»: outloud compares the lines near the
               top and bottom of the pages with their digits removed, so «Anbefaling a5
               (Fokusområde 2, SKAL)» atop one page and «Anbefaling a7 (…)» atop another
               look like one running head. Re-checked with the digits: no line may stand
               near the top or bottom of as many pages with the same text (and page
               numbers tagged as content are never explained).
One error is explained and re-checked the same way:
      TBL-010  «header cells look shredded: 4 header cells against 3 data cells»: a
               fokusområde with a single anbefaling under a SKAL/KAN heading has three
               column headers and the group heading (TH, spanning the table) over one
               row of three data cells. Re-checked on every table outloud would flag: the
               first row is one TH per column, every other header row is one TH spanning
               all columns, and every data row fills the columns.
Any other warning or error fails the check, so a new finding is looked at, not waved
through.

Prints one line per file and a summary line `tilgængelighed: N passed, M failed`.
Exit code 0 when all pass, 1 otherwise, 2 on wrong usage.

Usage: python3 scripts/tilgaengelighed.py MAPPE|PDF...
"""

import json
import re
import subprocess
import sys
import tempfile
from bisect import bisect_left
from collections import Counter, defaultdict
from pathlib import Path

import pikepdf
from outloud.model import Document
from outloud.rules.tables import grids

FORKLAREDE = ("TBL-014", "ORD-001", "PAG-001")
FORKLAREDE_FEJL = ("TBL-010",)


def pdf_filer(stier):
    ud = []
    for s in map(Path, stier):
        ud.extend(sorted(s.rglob("*.pdf")) if s.is_dir() else [s])
    return ud


def outloud(filer):
    """outloud's JSON report of the files (the command line, as a user would run it)."""
    with tempfile.TemporaryDirectory() as t:
        rapport = Path(t) / "outloud.json"
        p = subprocess.run(
            [sys.executable, "-m", "outloud.cli", "--fail-on", "never", "-q", "--json", str(rapport), *map(str, filer)],
            capture_output=True, text=True,
        )
        if p.returncode != 0 or not rapport.exists():
            sys.exit(f"outloud fejlede ({p.returncode}):\n{p.stdout}\n{p.stderr}")
        return json.loads(rapport.read_text())["results"]


def tabelhoejder(doc, side, luft=8.0):
    """The vertical extent of each Table's content on `side`, grown by `luft` points
    for cell padding and rules. A table continued from an earlier page reaches up to
    the top of the page: its repeated header row there is an artifact, no content."""
    bokse = doc.content(side).mcid_bbox
    top = doc.pages[side].height
    ud = []
    for t in doc.elements_of("Table"):
        refs = [r for n in [t, *t.descendants()] for r in n.mcrefs]
        ys = [bokse[(r.stream, r.mcid)] for r in refs if r.page == side and (r.stream, r.mcid) in bokse]
        if not ys:
            continue
        fortsat = any(r.page is not None and r.page < side for r in refs)
        ud.append((min(b[1] for b in ys) - luft, top if fortsat else max(b[3] for b in ys) + luft))
    return ud


def tbl_014(doc, fund):
    """True when every rule of the grid outloud found lies within the height of a Table
    whose cells have content on that page: the grid is the tables' own rules (tables
    stacked on a page with headings between them make one «grid» to outloud). Nothing
    in fremdrift's documents stands beside a table, so the height is what tells."""
    side = fund["page"] - 1
    hoejder = tabelhoejder(doc, side)
    for boks in fund.get("boxes", []):
        x0, y0, x1, y1 = boks["x0"], boks["y0"], boks["x1"], boks["y1"]
        for p in doc.content(side).paths:
            if not (p.stroked or p.filled):
                continue
            b = p.bbox
            w, h = b[2] - b[0], b[3] - b[1]
            linje = (h <= 2.5 and w >= 40) or (w <= 2.5 and h >= 12)
            i_gitter = x0 - 1 <= b[0] and b[2] <= x1 + 1 and y0 - 1 <= b[1] and b[3] <= y1 + 1
            i_tabel = any(lo <= b[1] and b[3] <= hi for lo, hi in hoejder)
            if linje and i_gitter and not i_tabel:
                return False, f"side {fund['page']}: stregen {tuple(round(v, 1) for v in b)} hører ikke til en /Table"
    return True, ""


def logisk_orden(pdf):
    """(page index, stream, mcid) in reading order: every /K walked in its own order."""
    sider = {p.objgen: i for i, p in enumerate(pdf.pages)}
    ud, set_ = [], set()

    def side_af(d, arvet):
        pg = d.get("/Pg")
        return sider.get(pg.objgen, arvet) if isinstance(pg, pikepdf.Dictionary) else arvet

    def gaa(k, side):
        if isinstance(k, pikepdf.Array):
            for x in k:
                gaa(x, side)
        elif isinstance(k, int):
            ud.append((side, None, int(k)))
        elif isinstance(k, pikepdf.Dictionary):
            if k.objgen != (0, 0):
                if k.objgen in set_:
                    return
                set_.add(k.objgen)
            t = k.get("/Type")
            if t == "/MCR":
                stm = k.get("/Stm")
                ud.append((side_af(k, side), stm.objgen if stm is not None else None, int(k.MCID)))
            elif t == "/OBJR":
                return
            else:
                gaa(k.get("/K"), side_af(k, side))

    gaa(pdf.Root.StructTreeRoot.get("/K"), None)
    return ud


def i_orden(raekke):
    haler = []
    for v in raekke:
        i = bisect_left(haler, v)
        if i == len(haler):
            haler.append(v)
        else:
            haler[i] = v
    return len(haler)


def ord_001(doc, pdf, fund):
    """True when every page of the document reads at least 80 % in order by /K."""
    orden = logisk_orden(pdf)
    for side in range(len(pdf.pages)):
        vil = [(s, m) for p, s, m in orden if p == side]
        rang = {k: i for i, k in enumerate(vil)}
        malet = [rang[k] for k in doc.content(side).paint_order if k in rang]
        if len(malet) >= 4 and i_orden(malet) / len(malet) < 0.8:
            return False, f"side {side + 1}: kun {i_orden(malet)} af {len(malet)} i orden efter /K"
    return True, ""


def pag_001(doc, fund):
    """True when no tagged line near the top or bottom of the pages (outloud's 12 %)
    repeats with the same text, digits included, on as many pages as outloud requires."""
    if fund["message"].startswith("page numbers"):
        return False, "sidetal er tagget som indhold"
    sider = defaultdict(set)
    for side in doc.pages:
        h = side.height or 792.0
        for ln in doc.content(side.index).lines:
            b = ln.bbox
            if ln.tagged_share >= 0.8 and (b[1] >= 0.88 * h or b[3] <= 0.12 * h):
                sider[re.sub(r"\s+", " ", ln.text.strip())].add(side.index)
    kraevet = 3 if len(doc.pages) >= 6 else len(doc.pages)
    for tekst, paa in sider.items():
        if len(tekst) >= 4 and len(paa) >= kraevet:
            return False, f"«{tekst}» står øverst eller nederst på {len(paa)} sider"
    return True, ""


def tbl_010(doc):
    """True when every table with more header than data cells (outloud's trigger) is one
    row of column headers, group headings spanning the table and full data rows."""
    for g in grids(doc):
        th = [c for c in g.cells if c.kind == "TH"]
        td = [c for c in g.cells if c.kind == "TD"]
        if not (td and len(th) > len(td)):
            continue
        bredde = max(g.row_widths(), default=0)
        hoved = [r for r in g.rows if r and all(c.kind == "TH" for c in r)]
        data = [r for r in g.rows if r and not all(c.kind == "TH" for c in r)]
        kolonner = bool(hoved) and g.rows[0] is hoved[0] and len(hoved[0]) == bredde
        grupper = all(len(r) == 1 and r[0].colspan == bredde for r in hoved[1:])
        fulde = all(sum(c.colspan for c in r) == bredde for r in data)
        if not (kolonner and grupper and fulde and len(hoved) <= 3):
            tekst = " | ".join(c.text for c in th)[:80]
            return False, f"tabellen med overskrifterne «{tekst}» er ikke kolonner + gruppeoverskrifter"
    return True, ""


def kontroller(sti, resultat):
    """'' when the file passes, else why not."""
    if resultat.get("error"):
        return f"ulæselig: {resultat['error']}"
    fejl = [f for f in resultat["findings"] if f["severity"] == "error"]
    uforklarede = [f"{f['rule']} {f['message']}" for f in fejl if f["rule"] not in FORKLAREDE_FEJL]
    if uforklarede:
        return f"{len(uforklarede)} fejl: " + "; ".join(uforklarede)
    doc = Document(str(sti))
    pdf = pikepdf.open(sti)
    try:
        if fejl:
            ok, hvorfor = tbl_010(doc)
            if not ok:
                return f"TBL-010 er ikke en falsk positiv: {hvorfor}"
        for f in resultat["findings"]:
            if f["severity"] != "warning":
                continue
            if f["rule"] not in FORKLAREDE:
                return f"uforklaret advarsel {f['rule']} (side {f.get('page')}): {f['message']}"
            if f["rule"] == "TBL-014":
                ok, hvorfor = tbl_014(doc, f)
            elif f["rule"] == "PAG-001":
                ok, hvorfor = pag_001(doc, f)
            else:
                ok, hvorfor = ord_001(doc, pdf, f)
            if not ok:
                return f"{f['rule']} er ikke en falsk positiv: {hvorfor}"
    finally:
        doc.close()
        pdf.close()
    return ""


def main():
    if len(sys.argv) < 2:
        sys.exit("brug: tilgaengelighed.py MAPPE|PDF...")
    filer = pdf_filer(sys.argv[1:])
    if not filer:
        print("tilgængelighed: ingen PDF-filer fundet", file=sys.stderr)
        sys.exit(2)
    bestaaet = 0
    resultater = {r["path"]: r for r in outloud(filer)}
    for sti in filer:
        r = resultater[str(sti)]
        regler = Counter(f["rule"] for f in r["findings"] if f["severity"] in ("warning", "error"))
        antal = ", ".join(f"{k} ×{v}" for k, v in sorted(regler.items())) or "ingen"
        hvorfor = kontroller(sti, r)
        if hvorfor:
            print(f"FEJL  {sti}: {hvorfor}")
        else:
            bestaaet += 1
            n = r['counts']['warning']
            ord_ = "advarsel" if n == 1 else "advarsler"
            print(f"OK    {sti}: {r['counts']['error']} fejl, {n} {ord_} ({antal}), alle eftervist som falske positiver")
    print(f"tilgængelighed: {bestaaet} passed, {len(filer) - bestaaet} failed")
    sys.exit(0 if bestaaet == len(filer) else 1)


if __name__ == "__main__":
    main()
