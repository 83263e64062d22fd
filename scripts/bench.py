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

Usage: python3 scripts/bench.py [--runs N] [--uden-typst-cli]
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


def tilfaelde(tmp):
    a = tmp / "a"
    generer(a, "--kkr", "hovedstaden")
    b = []
    for kkr in KKR:
        d = tmp / f"b-{kkr}"
        subprocess.run([str(BIN), "--periode", "2015", "init", "--kkr", kkr, str(d)], check=True, stdout=subprocess.DEVNULL)
        generer(d, "--kkr", kkr, "--behold-kkr")
        b.append(d)
    c = tmp / "c"
    generer(c, "--kommuner", "98", "--anbefalinger", "40", "--fokus", "5", "--saetninger", "6")
    return {"(a) Hovedstaden 29x16": [a], "(b) 98 kommuner, 5 KKR": b, "(c) 98x40, lange bemærkninger": [c]}


def maal_fremdrift(projekter, runs):
    """Builds the projects one after the other, `runs` times; returns figures."""
    walls, cpus, rss, udenfor = [], [], [], []
    for _ in range(runs):
        w = c = 0.0
        r = 0.0
        total = typst = 0.0
        for p in projekter:
            shutil.rmtree(p / "out", ignore_errors=True)
            wall, cpu, peak, err = koer([str(BIN), "-C", str(p), "-v", "build"])
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--uden-typst-cli", action="store_true")
    a = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "fremdrift", "--example", "generer"], cwd=ROD, check=True)
    print(f"maskine: {os.cpu_count()} kerner; fremdrift {BIN}")
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
