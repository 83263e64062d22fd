#!/usr/bin/env python3
"""Arkivkontrol af fremdrifts PDF'er (PDF/A-2a + PDF/UA-1).

Brug:  python3 scripts/arkiv.py MAPPE_ELLER_PDF...

Finder alle PDF-filer (mapper gennemsøges rekursivt) og kører for hver fil:

  qpdf           `qpdf --check`: ingen fejl og ingen advarsler (en fil, qpdf må
                 reparere, er ikke arkivklar).
  ghostscript    streng fortolkning: `gs -dNODISPLAY -dNOPAUSE -dBATCH -dSAFER
                 -dPDFSTOPONERROR -dPDFSTOPONWARNING FILE` (Ghostscript >= 10, den
                 nye PDF-fortolker). Uden -q, for med -q skjuler gs sin liste over
                 reparerede fejl og afslutter alligevel med 0: al output ud over
                 banner og sidetal regnes for en fejl.
  skrifttyper    `pdffonts`: alle skrifttyper er indlejret (emb), har ToUnicode
                 (uni, krævet af PDF/A-2a) og er Carlito (projektets skrifttype).
  pikepdf-tjek   XMP pdfaid:part=2 + pdfaid:conformance=A og pdfuaid:part=1;
                 OutputIntent /S /GTS_PDFA1 med indlejret ICC-profil; /MarkInfo
                 /Marked true (og ikke /Suspects true); /StructTreeRoot med ikke-tom
                 /K; katalogets /Lang er da; /ViewerPreferences /DisplayDocTitle
                 true; ikke-tom dc:title i XMP lig med /Title i Info (og /Author,
                 /Creator og datoerne stemmer med XMP); ukrypteret med /ID i
                 trailer; ingen JavaScript og ingen /AA eller /OpenAction-handlinger
                 med JavaScript; /Tabs /S på alle sider med annoteringer; alle
                 annoteringer er i strukturtræet (OBJR) og /Link-annoteringer har
                 /Contents (PDF/UA-1 7.18.1 og 7.18.5); /Figure har /Alt (eller
                 /ActualText); overskrifter er ikke tomme, springer ikke niveauer
                 over og blander ikke /H med /H1-/H6.
  pdfua          PyPI-pakken `pdfua` (0.1.3; bygget på pikepdf, ingen JVM): dens 12
                 kontroller af 16 af de 106 maskinkontrollerbare PDF/UA-1-regler.
                 Fund med sværhed error eller warning er fejl. Regler, pdfua ikke
                 kunne køre, skrives ud som «ikke kørt» (ikke som bestået): i 0.1.3
                 med pikepdf 10 går UA-14-001 (tomme overskrifter) ned på /K-arrays;
                 den kontrol dækkes af pikepdf-tjekket «overskrifter» ovenfor.

veraPDF (referencevalidatoren for PDF/A og PDF/UA) er et Java-program, der ikke
findes i de pakkeregistre, maskinen når (hverken Debian eller PyPI), så den kører
ikke her; ovenstående er erstatningen, ikke en overensstemmelseserklæring.

Mangler et værktøj (kør scripts/install-test-deps), fejler den kontrol, der skal
bruge det: intet springes stille over. Uddata: én linje pr. fil og kontrol
("OK" eller "FEJL: ..."), derefter en opsummering `arkiv: N passed, M failed`
(antal PDF-filer). Afslutningskode 0 når alle består, 1 ved fejl, 2 ved forkert
brug (fx ingen PDF-filer fundet).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

TILLADTE_SKRIFTER = ("Carlito",)  # familie; varianter som Carlito-Bold er med
TIDSGRAENSE = 300  # sekunder pr. eksternt værktøj og fil

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "xml": "http://www.w3.org/XML/1998/namespace",
}

try:
    import pikepdf
except ImportError as e:  # kontrollerne, der bruger pikepdf, fejler med besked
    pikepdf = None
    PIKEPDF_FEJL = str(e)
else:
    PIKEPDF_FEJL = ""

try:
    import pdfua
except Exception as e:  # noqa: BLE001 - alt, der forhindrer import, rapporteres
    pdfua = None
    PDFUA_FEJL = f"{type(e).__name__}: {e}"
else:
    PDFUA_FEJL = ""


class Fejl(Exception):
    """En kontrol er ikke bestået; teksten er detaljen (en eller flere linjer)."""


@dataclass
class Resultat:
    kontrol: str
    ok: bool
    detalje: str = ""


@dataclass
class Fil:
    sti: Path
    resultater: list[Resultat] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.resultater)


# ---------------------------------------------------------------- værktøjer


def koer(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=TIDSGRAENSE,
        stdin=subprocess.DEVNULL,
    )


def version(args: list[str]) -> str | None:
    if shutil.which(args[0]) is None:
        return None
    try:
        p = koer(args)
    except (OSError, subprocess.SubprocessError):
        return None
    tekst = (p.stdout + p.stderr).strip().splitlines()
    return tekst[0].strip() if tekst else "?"


def kraev(program: str) -> None:
    if shutil.which(program) is None:
        raise Fejl(f"{program} er ikke installeret (kør scripts/install-test-deps)")


# ---------------------------------------------------------------- qpdf


def tjek_qpdf(sti: Path) -> str:
    kraev("qpdf")
    p = koer(["qpdf", "--check", str(sti)])
    tekst = (p.stdout + p.stderr).strip()
    linjer = [
        l
        for l in tekst.splitlines()
        if l.strip()
        and not l.startswith(("checking ", "PDF Version:", "File is not", "File is"))
        and "No syntax or stream encoding errors found" not in l
        and "errors that qpdf cannot detect" not in l
    ]
    if p.returncode == 0 and not linjer:
        return ""
    art = {2: "fejl", 3: "advarsler"}.get(p.returncode, f"afslutningskode {p.returncode}")
    raise Fejl(f"qpdf --check gav {art}:\n" + "\n".join(linjer or [tekst]))


# ---------------------------------------------------------------- Ghostscript

GS_STØJ = re.compile(
    r"^(GPL Ghostscript .*|Artifex Ghostscript .*|Copyright \(C\) .*"
    r"|This software is supplied under .*|see the file COPYING for details\.?"
    r"|Processing pages \d+ through \d+\.|Page \d+)$"
)


def gs_version() -> tuple[int, ...] | None:
    v = version(["gs", "--version"])
    if v is None:
        return None
    try:
        return tuple(int(x) for x in v.split("."))
    except ValueError:
        return None


def tjek_gs(sti: Path) -> str:
    kraev("gs")
    v = gs_version()
    if v is None or v < (10,):
        raise Fejl(
            f"Ghostscript {v} er for gammel: den strenge kontrol kræver >= 10.0 "
            "(-dPDFSTOPONERROR/-dPDFSTOPONWARNING i den nye PDF-fortolker)"
        )
    p = koer(
        [
            "gs",
            "-dNODISPLAY",
            "-dNOPAUSE",
            "-dBATCH",
            "-dSAFER",
            "-dPDFSTOPONERROR",
            "-dPDFSTOPONWARNING",
            str(sti),
        ]
    )
    rest = [
        l.rstrip()
        for l in (p.stdout + "\n" + p.stderr).splitlines()
        if l.strip() and not GS_STØJ.match(l.strip())
    ]
    if p.returncode == 0 and not rest:
        return ""
    hvad = f"afsluttede med {p.returncode}" if p.returncode else "meldte fejl eller advarsler"
    rest = [l if len(l) <= 160 else l[:157] + "..." for l in rest[:20]]
    raise Fejl(f"Ghostscript {hvad}:\n" + "\n".join(rest))


# ---------------------------------------------------------------- pdffonts


def tjek_skrifter(sti: Path) -> str:
    kraev("pdffonts")
    p = koer(["pdffonts", str(sti)])
    if p.returncode != 0:
        raise Fejl(f"pdffonts afsluttede med {p.returncode}: {p.stderr.strip()}")
    linjer = p.stdout.splitlines()
    if len(linjer) < 2 or not linjer[1].startswith("---"):
        raise Fejl(f"uventet uddata fra pdffonts:\n{p.stdout}")
    # Kolonnerne har faste bredder: dem aflæses af stregerne under overskriften.
    spaend = [(m.start(), m.end()) for m in re.finditer(r"-+", linjer[1])]
    navne = [linjer[0][a:b].strip() for a, b in spaend[:-1]] + [linjer[0][spaend[-1][0] :].strip()]
    problemer, fundne = [], []
    for l in linjer[2:]:
        if not l.strip():
            continue
        felter = [l[a:b].strip() for a, b in spaend[:-1]] + [l[spaend[-1][0] :].strip()]
        r = dict(zip(navne, felter))
        navn = r.get("name", "")
        uden_delmaengde = re.sub(r"^[A-Z]{6}\+", "", navn)
        familie = re.split(r"[-,]", uden_delmaengde)[0]
        fundne.append(uden_delmaengde or "(uden navn)")
        objnr = " ".join(r.get("object ID", "?").split())
        hvor = f"{navn or '(uden navn)'} (objekt {objnr})"
        if r.get("emb") != "yes":
            problemer.append(f"{hvor} er ikke indlejret")
        if r.get("uni") != "yes":
            problemer.append(f"{hvor} mangler ToUnicode (kræves af PDF/A-2a)")
        if familie not in TILLADTE_SKRIFTER:
            problemer.append(
                f"{hvor} er ikke {'/'.join(TILLADTE_SKRIFTER)} ({r.get('type', '?')})"
            )
    if problemer:
        raise Fejl("\n".join(problemer))
    return ", ".join(sorted(set(fundne))) if fundne else "ingen skrifttyper"


# ---------------------------------------------------------------- pikepdf


def navn(o) -> str | None:
    return str(o) if isinstance(o, pikepdf.Name) else None


def tekst(o) -> str | None:
    if isinstance(o, pikepdf.String):
        return str(o)
    return None


def objekt_id(o) -> str:
    try:
        if o.is_indirect:
            return f"objekt {o.objgen[0]} {o.objgen[1]}"
    except Exception:  # noqa: BLE001
        pass
    return "direkte objekt"


class Dokument:
    """Én åben PDF og det, flere kontroller bruger (strukturtræet gås kun igennem én gang)."""

    def __init__(self, sti: Path):
        self.sti = sti
        self.pdf = pikepdf.open(sti)
        self.rod = self.pdf.Root
        self._xmp: ET.Element | None = None
        self._xmp_fejl = ""
        self.elementer: list[tuple[str, object]] = []  # (rolle efter RoleMap, elementet)
        self.objr: set[tuple[int, int]] = set()  # objekter refereret af OBJR i træet
        self.mcid_i: dict[tuple[int, int], int] = {}  # element -> antal indholdsreferencer
        self.cyklus = False
        self._gaa_struktur()

    # -- XMP
    def xmp(self) -> ET.Element:
        if self._xmp is None and not self._xmp_fejl:
            meta = self.rod.get("/Metadata")
            if not isinstance(meta, pikepdf.Stream):
                self._xmp_fejl = "kataloget har ingen /Metadata-strøm"
            else:
                try:
                    self._xmp = ET.fromstring(meta.read_bytes())
                except ET.ParseError as e:
                    self._xmp_fejl = f"XMP kan ikke læses: {e}"
        if self._xmp is None:
            raise Fejl(self._xmp_fejl)
        return self._xmp

    def xmp_vaerdi(self, prefix: str, lokal: str) -> str | None:
        """En simpel XMP-egenskab: som element eller som attribut på rdf:Description."""
        q = f"{{{NS[prefix]}}}{lokal}"
        for d in self.xmp().iter(f"{{{NS['rdf']}}}Description"):
            if q in d.attrib:
                return d.attrib[q].strip()
            el = d.find(q)
            if el is not None:
                li = el.findall(f".//{{{NS['rdf']}}}li")
                if li:
                    # dc:title er rdf:Alt: brug x-default, ellers den første
                    for x in li:
                        if x.get(f"{{{NS['xml']}}}lang") == "x-default":
                            return (x.text or "").strip()
                    return (li[0].text or "").strip()
                return (el.text or "").strip()
        return None

    # -- strukturtræet
    def rolle(self, s: str | None) -> str | None:
        rolemap = None
        str_rod = self.rod.get("/StructTreeRoot")
        if isinstance(str_rod, pikepdf.Dictionary):
            rolemap = str_rod.get("/RoleMap")
        set_ = set()
        while s is not None and isinstance(rolemap, pikepdf.Dictionary) and s in rolemap:
            if s in set_:
                break
            set_.add(s)
            s = navn(rolemap[s]) or s
        return s

    def _gaa_struktur(self) -> None:
        rod = self.rod.get("/StructTreeRoot")
        if not isinstance(rod, pikepdf.Dictionary):
            return
        set_: set[tuple[int, int]] = set()

        def boern(k):
            if k is None:
                return []
            return list(k) if isinstance(k, pikepdf.Array) else [k]

        def gaa(node, dybde: int) -> int:
            """Går et element igennem; returnerer antal indholdsreferencer direkte under."""
            if dybde > 200:
                self.cyklus = True
                return 0
            if isinstance(node, int) or (
                isinstance(node, pikepdf.Object) and node._type_code == pikepdf.ObjectType.integer
            ):
                return 1
            if not isinstance(node, pikepdf.Dictionary):
                return 0
            if node.is_indirect:
                if node.objgen in set_:
                    self.cyklus = True
                    return 0
                set_.add(node.objgen)
            typ = navn(node.get("/Type"))
            if typ == "/MCR":
                return 1
            if typ == "/OBJR":
                obj = node.get("/Obj")
                if obj is not None and obj.is_indirect:
                    self.objr.add(obj.objgen)
                return 1
            if "/S" not in node:
                return 0
            self.elementer.append((self.rolle(navn(node.get("/S"))) or "?", node))
            antal = 0
            for b in boern(node.get("/K")):
                antal += gaa(b, dybde + 1)
            if node.is_indirect:
                self.mcid_i[node.objgen] = antal
            return antal

        for b in boern(rod.get("/K")):
            gaa(b, 0)

    def har_indhold(self, el) -> bool:
        """Om elementet eller et af dets efterkommere peger på sideindhold."""
        set_ = set()

        def h(n, d) -> bool:
            if d > 200:
                return False
            if isinstance(n, int) or (
                isinstance(n, pikepdf.Object) and n._type_code == pikepdf.ObjectType.integer
            ):
                return True
            if isinstance(n, pikepdf.Array):
                return any(h(x, d + 1) for x in n)
            if not isinstance(n, pikepdf.Dictionary):
                return False
            if n.is_indirect:
                if n.objgen in set_:
                    return False
                set_.add(n.objgen)
            if navn(n.get("/Type")) in ("/MCR", "/OBJR"):
                return True
            if "/ActualText" in n or "/Alt" in n:
                return True
            return h(n.get("/K"), d + 1)

        return h(el, 0)


def tjek_kryptering(d: Dokument) -> str:
    if d.pdf.is_encrypted or "/Encrypt" in d.pdf.trailer:
        raise Fejl("filen er krypteret (/Encrypt i trailer)")
    id_ = d.pdf.trailer.get("/ID")
    if not isinstance(id_, pikepdf.Array) or len(id_) != 2:
        raise Fejl("trailer mangler /ID med to strenge (kræves af PDF/A-2)")
    return "ukrypteret, /ID findes"


def tjek_pdfa_xmp(d: Dokument) -> str:
    meta = d.rod.get("/Metadata")
    problemer = []
    if isinstance(meta, pikepdf.Stream) and "/Filter" in meta:
        problemer.append("XMP-strømmen er komprimeret (/Filter); PDF/A-2 kræver den ukomprimeret")
    part = d.xmp_vaerdi("pdfaid", "part")
    conf = d.xmp_vaerdi("pdfaid", "conformance")
    if part != "2":
        problemer.append(f"pdfaid:part er {part!r}, ikke '2'")
    if conf != "A":
        problemer.append(f"pdfaid:conformance er {conf!r}, ikke 'A'")
    if problemer:
        raise Fejl("\n".join(problemer))
    return "pdfaid:part=2, pdfaid:conformance=A"


def tjek_pdfua_xmp(d: Dokument) -> str:
    part = d.xmp_vaerdi("pdfuaid", "part")
    if part != "1":
        raise Fejl(f"pdfuaid:part er {part!r}, ikke '1'")
    return "pdfuaid:part=1"


def tjek_outputintent(d: Dokument) -> str:
    oi = d.rod.get("/OutputIntents")
    if not isinstance(oi, pikepdf.Array) or len(oi) == 0:
        raise Fejl("kataloget har ingen /OutputIntents")
    pdfa = [o for o in oi if isinstance(o, pikepdf.Dictionary) and navn(o.get("/S")) == "/GTS_PDFA1"]
    if not pdfa:
        raise Fejl("ingen OutputIntent med /S /GTS_PDFA1")
    profiler = set()
    for o in pdfa:
        p = o.get("/DestOutputProfile")
        if not isinstance(p, pikepdf.Stream):
            raise Fejl(f"OutputIntent ({objekt_id(o)}) har ingen indlejret /DestOutputProfile")
        data = p.read_bytes()
        if len(data) < 128 or data[36:40] != b"acsp":
            raise Fejl(f"/DestOutputProfile ({objekt_id(p)}) er ikke en ICC-profil")
        profiler.add(bytes(data))
        farverum = data[16:20].decode("ascii", "replace").strip()
        n = p.get("/N")
        forventet_n = {"RGB": 3, "GRAY": 1, "CMYK": 4}.get(farverum)
        if forventet_n is not None and n is not None and int(n) != forventet_n:
            raise Fejl(f"ICC-profilens /N er {int(n)}, men farverummet er {farverum}")
    if len(profiler) > 1:
        raise Fejl("flere forskellige /DestOutputProfile (PDF/A-2 kræver én)")
    info = tekst(pdfa[0].get("/Info")) or tekst(pdfa[0].get("/OutputConditionIdentifier")) or "?"
    return f"/GTS_PDFA1 med ICC-profil ({info}, {len(next(iter(profiler)))} byte)"


def tjek_markinfo(d: Dokument) -> str:
    mi = d.rod.get("/MarkInfo")
    if not isinstance(mi, pikepdf.Dictionary) or mi.get("/Marked") is not True:
        raise Fejl("katalogets /MarkInfo har ikke /Marked true")
    if mi.get("/Suspects") is True:
        raise Fejl("/MarkInfo /Suspects er true (PDF/UA-1 7.1)")
    return "/Marked true"


def tjek_strukturtrae(d: Dokument) -> str:
    rod = d.rod.get("/StructTreeRoot")
    if not isinstance(rod, pikepdf.Dictionary):
        raise Fejl("kataloget har intet /StructTreeRoot")
    k = rod.get("/K")
    if k is None or (isinstance(k, pikepdf.Array) and len(k) == 0):
        raise Fejl("/StructTreeRoot har ingen /K (tomt strukturtræ)")
    if d.cyklus:
        raise Fejl("strukturtræet har en cyklus eller er urimeligt dybt")
    if not d.elementer:
        raise Fejl("/StructTreeRoot /K indeholder ingen strukturelementer")
    return f"{len(d.elementer)} strukturelementer"


def tjek_lang(d: Dokument) -> str:
    lang = tekst(d.rod.get("/Lang"))
    if lang is None:
        raise Fejl("kataloget har ingen /Lang")
    if lang.strip().lower().split("-")[0] != "da":
        raise Fejl(f"katalogets /Lang er {lang!r}, ikke 'da'")
    return f"/Lang ({lang})"


def tjek_displaydoctitle(d: Dokument) -> str:
    vp = d.rod.get("/ViewerPreferences")
    if not isinstance(vp, pikepdf.Dictionary) or vp.get("/DisplayDocTitle") is not True:
        raise Fejl("/ViewerPreferences /DisplayDocTitle er ikke true")
    return "/DisplayDocTitle true"


def pdf_dato(s: str | None) -> dt.datetime | None:
    m = s and re.match(
        r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?", s
    )
    if not m:
        return None
    y, mo, da, h, mi, se, tz = m.groups()
    zone = dt.timezone.utc
    if tz and tz != "Z":
        t = tz.replace("'", "")
        off = dt.timedelta(hours=int(t[1:3]), minutes=int(t[3:5] or 0))
        zone = dt.timezone(off if t[0] == "+" else -off)
    return dt.datetime(
        int(y), int(mo or 1), int(da or 1), int(h or 0), int(mi or 0), int(se or 0), tzinfo=zone
    )


def xmp_dato(s: str | None) -> dt.datetime | None:
    if not s:
        return None
    try:
        v = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        return None
    return v if v.tzinfo else v.replace(tzinfo=dt.timezone.utc)


def tjek_titel(d: Dokument) -> str:
    info = d.pdf.trailer.get("/Info")
    info = info if isinstance(info, pikepdf.Dictionary) else pikepdf.Dictionary()
    xmp_titel = d.xmp_vaerdi("dc", "title")
    info_titel = tekst(info.get("/Title"))
    problemer = []
    if not xmp_titel:
        problemer.append("dc:title i XMP mangler eller er tom")
    if not info_titel or not info_titel.strip():
        problemer.append("/Title i Info mangler eller er tom")
    if xmp_titel and info_titel and xmp_titel != info_titel.strip():
        problemer.append(f"dc:title {xmp_titel!r} og Info /Title {info_titel!r} er forskellige")
    # PDF/A-2 6.6.3: Info-poster skal svare til deres XMP-egenskaber.
    par = [
        ("/Author", ("dc", "creator")),
        ("/Creator", ("xmp", "CreatorTool")),
        ("/Producer", ("pdf", "Producer")),
        ("/Keywords", ("pdf", "Keywords")),
        ("/Subject", ("dc", "description")),
    ]
    for nøgle, (pre, lok) in par:
        iv = tekst(info.get(nøgle))
        if iv is None:
            continue
        xv = d.xmp_vaerdi(pre, lok)
        if xv != iv.strip():
            problemer.append(f"Info {nøgle} {iv!r} svarer ikke til {pre}:{lok} {xv!r}")
    for nøgle, lok in (("/CreationDate", "CreateDate"), ("/ModDate", "ModifyDate")):
        iv = tekst(info.get(nøgle))
        if iv is None:
            continue
        xv = d.xmp_vaerdi("xmp", lok)
        if pdf_dato(iv) is None or pdf_dato(iv) != xmp_dato(xv):
            problemer.append(f"Info {nøgle} {iv!r} svarer ikke til xmp:{lok} {xv!r}")
    if problemer:
        raise Fejl("\n".join(problemer))
    return repr(xmp_titel)


def tjek_javascript(d: Dokument) -> str:
    fund = []
    navne = d.rod.get("/Names")
    if isinstance(navne, pikepdf.Dictionary) and "/JavaScript" in navne:
        fund.append("kataloget har /Names /JavaScript")
    for o in d.pdf.objects:
        if not isinstance(o, pikepdf.Dictionary):
            continue
        hvor = objekt_id(o)
        if navn(o.get("/S")) == "/JavaScript" or "/JS" in o:
            fund.append(f"JavaScript-handling i {hvor}")
        if "/AA" in o:
            fund.append(f"/AA (automatiske handlinger) i {hvor}")
        oa = o.get("/OpenAction")
        if isinstance(oa, pikepdf.Dictionary) and (
            navn(oa.get("/S")) == "/JavaScript" or "/JS" in oa
        ):
            fund.append(f"/OpenAction med JavaScript i {hvor}")
    if fund:
        raise Fejl("\n".join(sorted(set(fund))))
    return "ingen JavaScript eller /AA"


def tjek_tabs(d: Dokument) -> str:
    problemer, uden_annot_uden_tabs = [], 0
    for i, side in enumerate(d.pdf.pages, 1):
        annots = side.obj.get("/Annots")
        har = isinstance(annots, pikepdf.Array) and len(annots) > 0
        tabs = navn(side.obj.get("/Tabs"))
        if tabs != "/S":
            if har:
                problemer.append(
                    f"side {i} ({objekt_id(side.obj)}) har annoteringer men /Tabs er {tabs}, ikke /S"
                )
            else:
                uden_annot_uden_tabs += 1
    if problemer:
        raise Fejl("\n".join(problemer))
    note = f"; {uden_annot_uden_tabs} sider uden annoteringer har ikke /Tabs /S" if uden_annot_uden_tabs else ""
    return f"{len(d.pdf.pages)} sider{note}"


def tjek_annoteringer(d: Dokument) -> str:
    problemer, links, andre = [], 0, 0
    for i, side in enumerate(d.pdf.pages, 1):
        annots = side.obj.get("/Annots")
        if not isinstance(annots, pikepdf.Array):
            continue
        for a in annots:
            if not isinstance(a, pikepdf.Dictionary):
                continue
            sub = navn(a.get("/Subtype"))
            if sub == "/Popup":
                continue
            flag = int(a.get("/F", 0)) if isinstance(a.get("/F", 0), int) else 0
            if flag & 2:  # skjult: undtaget i PDF/UA-1 7.18.1
                continue
            hvor = f"{sub} på side {i} ({objekt_id(a)})"
            i_trae = a.is_indirect and a.objgen in d.objr
            if sub == "/Link":
                links += 1
                indhold = tekst(a.get("/Contents"))
                if not indhold or not indhold.strip():
                    problemer.append(f"{hvor} har ingen /Contents (PDF/UA-1 7.18.5)")
                if not i_trae:
                    problemer.append(f"{hvor} er ikke i strukturtræet (intet OBJR; PDF/UA-1 7.18.5)")
            else:
                andre += 1
                if not i_trae and sub not in ("/PrinterMark", "/TrapNet"):
                    problemer.append(f"{hvor} er ikke i strukturtræet (PDF/UA-1 7.18.1)")
    if problemer:
        raise Fejl("\n".join(problemer))
    return f"{links} links, {andre} andre annoteringer"


def tjek_figurer(d: Dokument) -> str:
    problemer, antal = [], 0
    for rolle, el in d.elementer:
        if rolle != "/Figure":
            continue
        antal += 1
        alt = tekst(el.get("/Alt")) or tekst(el.get("/ActualText"))
        if not alt or not alt.strip():
            problemer.append(f"/Figure ({objekt_id(el)}) har ingen /Alt")
    if problemer:
        raise Fejl("\n".join(problemer))
    return f"{antal} figurer, alle med /Alt" if antal else "ingen figurer"


def tjek_overskrifter(d: Dokument) -> str:
    problemer, niveauer, har_h = [], [], False
    forrige = 0
    for rolle, el in d.elementer:
        if rolle == "/H":
            har_h = True
            continue
        m = re.fullmatch(r"/H([1-6])", rolle)
        if not m:
            continue
        n = int(m.group(1))
        niveauer.append(n)
        if not d.har_indhold(el):
            problemer.append(f"{rolle} ({objekt_id(el)}) er tom")
        if n > forrige + 1:
            problemer.append(
                f"{rolle} ({objekt_id(el)}) springer et niveau over (forrige overskrift: "
                f"{'H' + str(forrige) if forrige else 'ingen'})"
            )
        forrige = n
    if har_h and niveauer:
        problemer.append("dokumentet blander /H og /H1-/H6 (PDF/UA-1 7.4.4)")
    if problemer:
        raise Fejl("\n".join(problemer))
    if not niveauer:
        return "ingen overskrifter"
    return " ".join(f"H{n}" for n in niveauer[:12]) + (" …" if len(niveauer) > 12 else "")


def tjek_pdfua(sti: Path) -> str:
    if pdfua is None:
        raise Fejl(f"PyPI-pakken pdfua kan ikke importeres ({PDFUA_FEJL}); kør scripts/install-test-deps")
    rapport = pdfua.validate(str(sti))
    fejl, noter = [], []
    for f in rapport.findings:
        linje = f"{f.rule_id} {f.severity.name.lower()} ({f.confidence.value}): {f.message} [{f.location.describe()}]"
        if f.severity >= pdfua.Severity.WARNING:
            fejl.append(linje)
        else:
            noter.append(linje)
    ikke_koert = [f"{o.rule_id}: {o.skipped_reason}" for o in rapport.skipped]
    koert = len(rapport.outcomes) - len(rapport.skipped)
    tillaeg = ""
    if ikke_koert:
        tillaeg += "; ikke kørt: " + "; ".join(ikke_koert)
    if noter:
        tillaeg += "; info: " + "; ".join(noter)
    if fejl:
        raise Fejl("\n".join(fejl) + (f"\n({tillaeg.lstrip('; ')})" if tillaeg else ""))
    return f"{koert} af {len(rapport.outcomes)} regler kørt uden fund{tillaeg}"


# ---------------------------------------------------------------- kørsel

PIKEPDF_TJEK = [
    ("kryptering", tjek_kryptering),
    ("XMP PDF/A-2a", tjek_pdfa_xmp),
    ("XMP PDF/UA-1", tjek_pdfua_xmp),
    ("OutputIntent", tjek_outputintent),
    ("MarkInfo", tjek_markinfo),
    ("StructTreeRoot", tjek_strukturtrae),
    ("Lang", tjek_lang),
    ("DisplayDocTitle", tjek_displaydoctitle),
    ("titel og metadata", tjek_titel),
    ("JavaScript", tjek_javascript),
    ("Tabs", tjek_tabs),
    ("annoteringer", tjek_annoteringer),
    ("figurer", tjek_figurer),
    ("overskrifter", tjek_overskrifter),
]
FIL_TJEK = [
    ("qpdf --check", tjek_qpdf),
    ("ghostscript", tjek_gs),
    ("skrifttyper", tjek_skrifter),
]


def kontroller(sti: Path) -> Fil:
    fil = Fil(sti)

    def kør(navn_: str, f, arg) -> None:
        try:
            detalje = f(arg)
            fil.resultater.append(Resultat(navn_, True, detalje or ""))
        except Fejl as e:
            fil.resultater.append(Resultat(navn_, False, str(e)))
        except subprocess.TimeoutExpired:
            fil.resultater.append(Resultat(navn_, False, f"tog mere end {TIDSGRAENSE} s"))
        except Exception as e:  # noqa: BLE001 - en kontrol, der går ned, er en fejl
            fil.resultater.append(Resultat(navn_, False, f"kontrollen gik ned: {type(e).__name__}: {e}"))

    for navn_, f in FIL_TJEK:
        kør(navn_, f, sti)
    if pikepdf is None:
        for navn_, _ in PIKEPDF_TJEK:
            fil.resultater.append(
                Resultat(navn_, False, f"pikepdf kan ikke importeres ({PIKEPDF_FEJL}); kør scripts/install-test-deps")
            )
    else:
        try:
            d = Dokument(sti)
        except Exception as e:  # noqa: BLE001
            for navn_, _ in PIKEPDF_TJEK:
                fil.resultater.append(Resultat(navn_, False, f"pikepdf kan ikke åbne filen: {e}"))
        else:
            with d.pdf:
                for navn_, f in PIKEPDF_TJEK:
                    kør(navn_, f, d)
    kør("pdfua", tjek_pdfua, sti)
    return fil


def find_pdfer(args: list[str]) -> list[Path]:
    filer: list[Path] = []
    for a in args:
        p = Path(a)
        if p.is_dir():
            filer.extend(sorted(x for x in p.rglob("*") if x.is_file() and x.suffix.lower() == ".pdf"))
        elif p.is_file():
            filer.append(p)
        else:
            print(f"arkiv: {a} findes ikke", file=sys.stderr)
            sys.exit(2)
    return filer


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__, file=sys.stdout if argv else sys.stderr)
        return 0 if argv else 2
    filer = find_pdfer(argv)
    if not filer:
        print(f"arkiv: ingen PDF-filer fundet i {' '.join(argv)}", file=sys.stderr)
        return 2

    vaerktoejer = [
        ("qpdf", (version(["qpdf", "--version"]) or "").replace("qpdf version ", "") or None),
        ("Ghostscript", version(["gs", "--version"])),
        ("pdffonts", (version(["pdffonts", "-v"]) or "").replace("pdffonts version ", "") or None),
        ("pikepdf", getattr(pikepdf, "__version__", None)),
        ("pdfua", getattr(pdfua, "__version__", None)),
    ]
    print(
        "arkiv: kontroller: qpdf --check, Ghostscript (streng), pdffonts, "
        + ", ".join(n for n, _ in PIKEPDF_TJEK)
        + " (pikepdf), pdfua"
    )
    print(
        "arkiv: værktøjer: "
        + ", ".join(f"{n} {v}" if v else f"{n} MANGLER" for n, v in vaerktoejer)
    )
    print("arkiv: veraPDF køres ikke (findes ikke i de pakkeregistre, maskinen når)")

    bredde = max(len(n) for n, _ in FIL_TJEK + PIKEPDF_TJEK + [("pdfua", None)])
    bestaaet = fejlede = 0
    for sti in filer:
        fil = kontroller(sti)
        for r in fil.resultater:
            hoved = f"{sti}: {r.kontrol:<{bredde}} "
            if r.ok:
                print(hoved + "OK" + (f" ({r.detalje})" if r.detalje else ""))
            else:
                linjer = r.detalje.splitlines() or ["(ingen detaljer)"]
                print(hoved + "FEJL: " + linjer[0])
                for l in linjer[1:]:
                    print(" " * len(hoved) + "      " + l)
        if fil.ok:
            bestaaet += 1
        else:
            fejlede += 1
            forkerte = [r.kontrol for r in fil.resultater if not r.ok]
            print(f"{sti}: FEJL i {len(forkerte)} kontroller: {', '.join(forkerte)}")
        sys.stdout.flush()
    print(f"arkiv: {bestaaet} passed, {fejlede} failed")
    return 0 if fejlede == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
