#!/usr/bin/env python3
"""Whole-run benchmark of fremdrift, with figures (no pass/fail).

Cases, all generated content:
  (a) KKR Hovedstaden: 29 kommuner x 16 anbefalinger
  (b) all 98 kommuner as five KKR projects made with `fremdrift init`
  (c) stress: 98 kommuner x 40 anbefalinger with long bemaerkninger
For each: wall time (median of runs), CPU time, peak memory (RSS), pages per second,
and the share of the wall time spent outside typst (the stage timings of `-v`).

Comparison (case a): the generated Typst markup (--typ) compiled by the official
typst CLI, one process per document, sequentially and two at a time. The script
installs typst-cli 0.15.1 with cargo when `typst` is missing (takes a while).

The layout-cost comparison (--tilbagemelding GRUNDLINJE.typ) measures, alternately in
one run, `fremdrift tilbagemelding` on the default content against the typst CLI
compiling GRUNDLINJE.typ (the tilbagemelding markup saved before the layout work, see
docs/ydeevne.md), and what each layout lever buys: the command again with project templates that
take one lever back out (or add one that was measured and not adopted). With --foer BIN
an older fremdrift binary is measured in the same rounds (the «before» figure).

The profile comparison (--binaerer A B) measures two fremdrift binaries (e.g. the
`release` and the `dist` profile's) alternately in one run on cases (a)-(c), and prints
the medians and the ratio B/A; it builds only the generator (a dev build).

Usage: python3 scripts/bench.py [--runs N] [--uden-typst-cli]
       python3 scripts/bench.py --tilbagemelding GRUNDLINJE.typ [--foer BIN] [--runs N]
       python3 scripts/bench.py --binaerer A B [--runs N]
"""

import argparse
import concurrent.futures
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROD = Path(__file__).resolve().parent.parent
BIN = ROD / "target" / "release" / "fremdrift"
GEN = ROD / "target" / "release" / "examples" / "generer"
KKR = ["hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland"]


def koer(args, env=None):
    """Runs a command; returns (wall s, cpu s, peak rss MiB, stderr)."""
    start = time.perf_counter()
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"fejl: {' '.join(map(str, args))}\n{err.decode(errors='replace')}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, err.decode(errors="replace")


def sider(mappe):
    """Pages in every PDF under a folder: page objects counted in the file (fremdrift's
    PDFs keep them outside object streams), so no PDF library is needed."""
    side = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
    return sum(len(side.findall(pdf.read_bytes())) for pdf in Path(mappe).rglob("*.pdf"))


def tider(stderr):
    m = re.search(r"tider\(ms\): (.*)", stderr)
    return {k: float(v) for k, v in (d.split("=") for d in m.group(1).split())} if m else {}


def generer(mappe, *args):
    subprocess.run([str(GEN), str(mappe), *args], check=True, stdout=subprocess.DEVNULL)


def tilfaelde(tmp, bin=BIN):
    a = tmp / "a"
    generer(a, "--kkr", "hovedstaden")
    b = []
    for kkr in KKR:
        d = tmp / f"b-{kkr}"
        subprocess.run([str(bin), "--periode", "2015", "init", "--kkr", kkr, str(d)], check=True, stdout=subprocess.DEVNULL)
        generer(d, "--kkr", kkr, "--behold-kkr")
        b.append(d)
    c = tmp / "c"
    generer(c, "--kommuner", "98", "--anbefalinger", "40", "--fokus", "5", "--saetninger", "6")
    return {"(a) Hovedstaden 29x16": [a], "(b) 98 kommuner, 5 KKR": b, "(c) 98x40, lange bemærkninger": [c]}


def maal_fremdrift(projekter, runs, bin=BIN):
    """Builds the projects one after the other, `runs` times; returns figures."""
    walls, cpus, rss, udenfor = [], [], [], []
    for _ in range(runs):
        w = c = 0.0
        r = 0.0
        total = typst = 0.0
        for p in projekter:
            shutil.rmtree(p / "out", ignore_errors=True)
            wall, cpu, peak, err = koer([str(bin), "-C", str(p), "-v", "build"])
            t = tider(err)
            total += wall * 1000
            typst += t.get("typst", 0.0)
            w, c, r = w + wall, c + cpu, max(r, peak)
        walls.append(w)
        cpus.append(c)
        rss.append(r)
        udenfor.append(100 * (total - typst) / total)
    n = sum(sider(p / "out") for p in projekter)
    dok = sum(len(list((p / "out").rglob("*.pdf"))) for p in projekter)
    wall = statistics.median(walls)
    return {"wall": wall, "cpu": statistics.median(cpus), "rss": max(rss), "sider": n, "dok": dok,
            "sider_pr_s": n / wall, "udenfor": statistics.median(udenfor)}


def typst_cli():
    typst = shutil.which("typst")
    if typst:
        return typst
    print("typst-cli mangler: installerer typst-cli 0.15.1 med cargo (tager nogle minutter) …", file=sys.stderr)
    subprocess.run(["cargo", "install", "typst-cli", "--version", "0.15.1", "--locked"], check=True)
    return shutil.which("typst") or str(Path.home() / ".cargo" / "bin" / "typst")


def maal_typst_cli(projekt, typst, samtidige, runs):
    shutil.rmtree(projekt / "out", ignore_errors=True)
    koer([str(BIN), "-C", str(projekt), "build", "--typ"])
    filer = sorted((projekt / "out").rglob("*.typ"))
    fonts = ROD / "fonts"

    def en(f):
        return koer([typst, "compile", "--root", str(projekt), "--ignore-system-fonts", "--font-path", str(fonts),
                     "--pdf-standard", "a-2a,ua-1", str(f), str(f.with_suffix(".cli.pdf"))])

    walls, cpus = [], []
    for _ in range(runs):
        start = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max_workers=samtidige) as ex:
            res = list(ex.map(en, filer))
        walls.append(time.perf_counter() - start)
        cpus.append(sum(r[1] for r in res))
    return statistics.median(walls), statistics.median(cpus), len(filer)


# Layout levers, each as replacements in the default templates. «ud» takes an adopted
# lever back out; «ind» adds one that was measured and not adopted.
HAEVERTER = [
    ("ud: rækker må deles over sider (ikke hele rækker)", [
        ("notat.typ.j2", "#set table.cell(breakable: false)", "#set table.cell(breakable: auto)"),
    ]),
    ("ud: anbefalingerne uden sideskift pr. fokusområde (én sidekørsel)", [
        ("tilbagemelding.typ.j2", "#pagebreak(weak: true)\n", ""),
    ]),
    ("ud: statusmærke som cirkel i en boks", [
        ("notat.typ.j2",
         "box(baseline: 0.12em, width: 0.84em, height: 0.84em, radius: 0.42em,\n  fill: status-farve.at(kode), stroke: status-kant.at(kode))",
         "box(baseline: 0.12em, circle(radius: 0.42em, fill: status-farve.at(kode), stroke: status-kant.at(kode)))"),
    ]),
    ("ind: faste kolonnebredder i stedet for fr/auto", [
        ("tilbagemelding.typ.j2", "columns: (1fr, 27mm, 2.2fr),", "columns: (44.06mm, 27mm, 96.94mm),"),
        ("tilbagemelding.typ.j2", "columns: (1.2fr, 1.5fr, auto, auto),", "columns: (40mm, 55mm, 44mm, 29mm),"),
        ("tilbagemelding.typ.j2", "columns: (1fr, 34mm, auto, auto, auto, auto, auto),", "columns: (50mm, 34mm, 12mm, 12mm, 12mm, 26mm, 22mm),"),
        ("tilbagemelding.typ.j2", "columns: (1.2fr, 1fr, 1fr),", "columns: (61.09mm, 50.91mm, 50.91mm),"),
    ]),
    ("ind: celleindhold i block(breakable: false)", [
        ("notat.typ.j2", "else { x.celler }).flatten()", "else { x.celler.map(c => block(breakable: false, c)) }).flatten()"),
    ]),
    ("ind: lige højremargen og orddeling", [
        ("notat.typ.j2", "#set par(leading: 0.6em, spacing: 1.1em)",
         "#set par(leading: 0.6em, spacing: 1.1em, justify: true)\n#set text(hyphenate: true)"),
    ]),
]


def haevert_projekt(rod, navn, erstatninger):
    """A copy of the default project whose templates/ has one lever changed."""
    p = rod / navn
    shutil.copytree(ROD / "content", p / "content")
    (p / "templates").mkdir()
    for fil in {f for f, _, _ in erstatninger}:
        tekst = (ROD / "templates" / fil).read_text()
        for f, gammel, ny in erstatninger:
            if f != fil:
                continue
            if gammel not in tekst:
                sys.exit(f"håndtaget «{navn}» passer ikke til templates/{fil} længere: «{gammel[:60]}» findes ikke")
            tekst = tekst.replace(gammel, ny)
        (p / "templates" / fil).write_text(tekst)
    return p


def belastning():
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def sammenlign_tilbagemelding(grundlinje, foer, runs):
    typst = typst_cli()
    fonts = ROD / "fonts"
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        nu = tmp / "nu"
        shutil.copytree(ROD / "content", nu / "content")
        maalinger = {
            "typst CLI på grundlinjen": [typst, "compile", "--ignore-system-fonts", "--font-path", str(fonts),
                                         "--pdf-standard", "a-2a,ua-1", str(grundlinje), str(tmp / "cli.pdf")],
            "fremdrift tilbagemelding": [str(BIN), "-C", str(nu), "tilbagemelding"],
        }
        if foer:
            maalinger["fremdrift tilbagemelding, før"] = [str(foer), "-C", str(nu), "tilbagemelding", "-o", str(tmp / "foer.pdf")]
        for i, (navn, erst) in enumerate(HAEVERTER):
            p = haevert_projekt(tmp, f"h{i}", erst)
            maalinger[navn] = [str(BIN), "-C", str(p), "tilbagemelding"]
        for cmd in maalinger.values():  # warm up: page cache, and a failing variant stops here
            koer(cmd)
        print(f"belastning (1, 5, 15 min) før: {belastning()}; {runs} skiftevise runder")
        tider = {k: [] for k in maalinger}
        for _ in range(runs):
            for navn, cmd in maalinger.items():
                wall, cpu, _, _ = koer(cmd)
                tider[navn].append((wall, cpu))
        print(f"belastning efter: {belastning()}")
    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in tider.items()}
    cli = med["typst CLI på grundlinjen"][0]
    nu_w, nu_c = med["fremdrift tilbagemelding"]
    print(f"\n{'måling (median)':62} {'wall ms':>8} {'CPU ms':>7} {'÷ CLI':>6}")
    for navn in ["typst CLI på grundlinjen", "fremdrift tilbagemelding, før", "fremdrift tilbagemelding"]:
        if navn in med:
            w, c = med[navn]
            print(f"{navn:62} {w * 1000:8.0f} {c * 1000:7.0f} {w / cli:6.2f}")
    print(f"mål: fremdrift ≤ 0,50 × CLI → {'nået' if nu_w <= cli / 2 else 'ikke nået'} ({nu_w / cli:.2f})")
    print(f"\n{'håndtag (forskel til fremdrift tilbagemelding nu)':62} {'wall ms':>8} {'%':>6} {'CPU ms':>7} {'%':>6}")
    for navn, _ in HAEVERTER:
        w, c = med[navn]
        print(f"{navn:62} {(w - nu_w) * 1000:+8.0f} {100 * (w - nu_w) / nu_w:+6.1f} {(c - nu_c) * 1000:+7.0f} {100 * (c - nu_c) / nu_c:+6.1f}")


def sammenlign_binaerer(binaerer, runs):
    """Cases (a)-(c) with two binaries, alternately (the order turned every round)."""
    with tempfile.TemporaryDirectory() as t:
        cases = tilfaelde(Path(t), binaerer[0])
        for b in binaerer:  # warm up: page cache
            maal_fremdrift(cases["(a) Hovedstaden 29x16"], 1, b)
        print(f"belastning (1, 5, 15 min) før: {belastning()}; {runs} skiftevise runder")
        tider = {(n, b): [] for n in cases for b in binaerer}
        for r in range(runs):
            for b in (binaerer if r % 2 == 0 else binaerer[::-1]):
                for navn, projekter in cases.items():
                    m = maal_fremdrift(projekter, 1, b)
                    tider[(navn, b)].append((m["wall"], m["cpu"]))
        print(f"belastning efter: {belastning()}")
    a, b = binaerer
    print(f"A: {a}\nB: {b}")
    print(f"\n{'tilfælde (median)':32} {'A wall s':>9} {'B wall s':>9} {'B/A':>6} {'A CPU s':>8} {'B CPU s':>8} {'B/A':>6}")
    for navn in cases:
        aw, ac = (statistics.median(x[i] for x in tider[(navn, a)]) for i in (0, 1))
        bw, bc = (statistics.median(x[i] for x in tider[(navn, b)]) for i in (0, 1))
        print(f"{navn:32} {aw:9.2f} {bw:9.2f} {bw / aw:6.3f} {ac:8.2f} {bc:8.2f} {bc / ac:6.3f}")


def main():
    global GEN
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--uden-typst-cli", action="store_true")
    ap.add_argument("--tilbagemelding", metavar="GRUNDLINJE.typ", type=Path)
    ap.add_argument("--foer", metavar="BIN", type=Path)
    ap.add_argument("--binaerer", nargs=2, metavar=("A", "B"), type=Path)
    a = ap.parse_args()
    if a.binaerer:
        subprocess.run(["cargo", "build", "--locked", "--quiet", "--example", "generer"], cwd=ROD, check=True)
        GEN = ROD / "target" / "debug" / "examples" / "generer"
        sammenlign_binaerer([b.resolve() for b in a.binaerer], a.runs)
        return
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "fremdrift", "--example", "generer"], cwd=ROD, check=True)
    print(f"maskine: {os.cpu_count()} kerner; fremdrift {BIN}")
    if a.tilbagemelding:
        sammenlign_tilbagemelding(a.tilbagemelding.resolve(), a.foer.resolve() if a.foer else None, a.runs)
        return
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        cases = tilfaelde(tmp)
        print(f"{'tilfælde':32} {'dok':>4} {'sider':>6} {'wall s':>7} {'CPU s':>6} {'RSS MiB':>8} {'sider/s':>8} {'uden for typst':>15}")
        for navn, projekter in cases.items():
            m = maal_fremdrift(projekter, a.runs)
            print(f"{navn:32} {m['dok']:>4} {m['sider']:>6} {m['wall']:>7.2f} {m['cpu']:>6.2f} {m['rss']:>8.0f} {m['sider_pr_s']:>8.0f} {m['udenfor']:>14.1f}%")
        if a.uden_typst_cli:
            return
        typst = typst_cli()
        a_proj = cases["(a) Hovedstaden 29x16"][0]
        fr = maal_fremdrift([a_proj], a.runs)
        print(f"\nsammenligning, tilfælde (a), {typst}:")
        print(f"  fremdrift build (én proces):        {fr['wall']:.2f} s wall, {fr['cpu']:.2f} s CPU")
        for n in (1, 2):
            wall, cpu, dok = maal_typst_cli(a_proj, typst, n, a.runs)
            print(f"  typst compile, {dok} processer, {n} ad gangen: {wall:.2f} s wall, {cpu:.2f} s CPU"
                  f"  → fremdrift er {wall / fr['wall']:.1f}× hurtigere")


if __name__ == "__main__":
    main()
