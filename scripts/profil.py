#!/usr/bin/env python3
"""CPU profile of one `fremdrift build` with perf: where the time goes, by part.

Records the release binary on a project with `perf record --call-graph dwarf` and sorts
every sample by the frames on its stack:
  skabeloner   minijinja / fremdrift's template rendering
  typst        typst, typst-layout/-pdf, krilla, rustybuzz, ttf-parser and the rayon
               workers typst runs on (layout and PDF export)
  indlæsning   YAML parsing and validation (serde-saphyr, fremdrift::model/project/yaml)
  skrivning    fremdrift::output (temporary files, fsync, rename)
  andet        the rest: process start, thread start, allocator and kernel work that
               no stack above could be tied to
Then it prints the hottest functions by self time. No pass/fail; figures only.

Usage: python3 scripts/profil.py [PROJEKTMAPPE] [--frekvens HZ]
Without a folder it profiles case (a) of scripts/bench.py (29 kommuner x 16).
Needs `perf` (Debian: linux-perf); the script says so when it is missing.
"""

import argparse
import collections
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROD = Path(__file__).resolve().parent.parent
BIN = ROD / "target" / "release" / "fremdrift"
GEN = ROD / "target" / "release" / "examples" / "generer"

DELE = [
    ("skabeloner", ("minijinja", "fremdrift::templates", "fremdrift::render", "fremdrift::tilbagemelding")),
    ("typst", ("typst", "krilla", "rustybuzz", "ttf_parser", "comemo", "subsetter", "hayro",
               "fremdrift::compile", "rayon_core::registry::ThreadBuilder::run")),
    ("indlæsning", ("serde_saphyr", "saphyr", "fremdrift::model", "fremdrift::project", "fremdrift::yaml")),
    ("skrivning", ("fremdrift::output", "tempfile")),
]


def del_for(stak):
    """The part a sample belongs to: the first rule whose prefix is on the stack."""
    for navn, praefikser in DELE:
        if any(f.startswith(praefikser) for f in stak):
            return navn
    return "andet"


def samples(perf_data):
    """Yields (leaf symbol, [frames]) for each sample in `perf script` output."""
    ud = subprocess.run(["perf", "script", "-i", str(perf_data), "-F", "ip,sym"],
                        capture_output=True, text=True, errors="replace").stdout
    for blok in ud.split("\n\n"):
        frames = []
        for linje in blok.strip().splitlines():
            dele = linje.strip().split(None, 1)
            if len(dele) == 2:
                frames.append(dele[1].split("+0x")[0])
        if frames:
            yield frames[0], frames


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("projekt", nargs="?")
    ap.add_argument("--frekvens", type=int, default=2000)
    a = ap.parse_args()
    if not shutil.which("perf"):
        sys.exit("perf mangler: installér det med «apt-get install linux-perf»")
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "fremdrift", "--example", "generer"],
                   cwd=ROD, check=True)
    with tempfile.TemporaryDirectory() as t:
        projekt = Path(a.projekt) if a.projekt else Path(t) / "a"
        if not a.projekt:
            subprocess.run([str(GEN), str(projekt), "--kkr", "hovedstaden"], check=True, stdout=subprocess.DEVNULL)
        ud = Path(t) / "ud"
        data = Path(t) / "perf.data"
        subprocess.run(["perf", "record", "-q", "-F", str(a.frekvens), "--call-graph", "dwarf,32768",
                        "-o", str(data), str(BIN), "-C", str(projekt), "build", "-o", str(ud)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        dele = collections.Counter()
        selv = collections.Counter()
        i_alt = 0
        for blad, stak in samples(data):
            i_alt += 1
            dele[del_for(stak)] += 1
            selv[blad] += 1
    if not i_alt:
        sys.exit("perf optog ingen samples (kører perf på denne maskine?)")
    print(f"{i_alt} samples à 1/{a.frekvens} s CPU-tid")
    print("\nfordeling efter del (hele stakken):")
    for navn, _ in DELE + [("andet", ())]:
        print(f"  {navn:12} {100 * dele[navn] / i_alt:5.1f} %")
    print("\nvarmeste funktioner (egen tid):")
    for sym, n in selv.most_common(15):
        print(f"  {100 * n / i_alt:5.1f} %  {sym[:110]}")


if __name__ == "__main__":
    main()
