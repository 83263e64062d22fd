#!/usr/bin/env python3
"""Spreadsheet benchmark of fremdrift, with figures (no pass/fail).

Cases, all generated content (release build):
  (a) `indlaes` of all 29 workbooks of KKR Hovedstaden (29 kommuner x 16 anbefalinger,
      every kommune with answers), into a project whose status files were removed;
      target < 1 s
  (b) `eksport` of 98 kommuner x 25 anbefalinger, as .xlsx and as .csv; target < 1 s
  (c) `skabelon --alle --xlsx` for the 98 kommuner (for reference)
The cases run alternately, `--runs` times each; the script prints the median, the
spread and the peak memory (RSS) of each.

Usage: python3 scripts/bench-regneark.py [--runs N]
"""

import argparse
import os
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


def koer(args):
    """Runs a command; returns (wall s, peak rss MiB)."""
    start = time.perf_counter()
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"fejl: {' '.join(map(str, args))}\n{err.decode(errors='replace')}")
    return wall, ru.ru_maxrss / 1024


def generer(mappe, *args):
    subprocess.run([str(GEN), str(mappe), *args], check=True, stdout=subprocess.DEVNULL)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    a = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--locked", "--bin", "fremdrift", "--example", "generer"],
                   cwd=ROD, check=True)
    tmp = Path(tempfile.mkdtemp(prefix="fremdrift-bench-regneark-"))
    try:
        hoved = tmp / "hovedstaden"
        generer(hoved, "--kkr", "hovedstaden")
        koer([BIN, "-C", hoved, "skabelon", "--alle", "--xlsx"])
        skemaer = sorted((hoved / "out" / "2015" / "skabeloner").glob("*.xlsx"))
        status = hoved / "content" / "2015" / "status"
        store = tmp / "98x25"
        generer(store, "--kommuner", "98", "--anbefalinger", "25", "--fokus", "5")
        def indlaes():
            shutil.rmtree(status, ignore_errors=True)  # each run writes 29 new status files
            return koer([BIN, "-C", hoved, "indlaes", *skemaer])

        tilfaelde = {
            f"(a) indlaes {len(skemaer)} skemaer (29x16)": indlaes,
            "(b) eksport 98x25 xlsx": lambda: koer([BIN, "-C", store, "eksport"]),
            "(b) eksport 98x25 csv": lambda: koer([BIN, "-C", store, "eksport", "--format", "csv"]),
            "(c) skabelon --alle --xlsx 98x25": lambda: koer([BIN, "-C", store, "skabelon", "--alle", "--xlsx"]),
        }
        maalt = {navn: [] for navn in tilfaelde}
        for _ in range(a.runs):
            for navn, f in tilfaelde.items():
                maalt[navn].append(f())
        print(f"\n{os.cpu_count()} kerner, {a.runs} kørsler skiftevis pr. tilfælde:")
        print(f"{'tilfælde':38} {'median':>8} {'min':>8} {'maks':>8} {'RSS':>9}")
        for navn, m in maalt.items():
            w = [x[0] for x in m]
            rss = max(x[1] for x in m)
            print(f"{navn:38} {statistics.median(w):7.3f}s {min(w):7.3f}s {max(w):7.3f}s {rss:6.0f} MiB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
