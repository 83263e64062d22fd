#!/usr/bin/env python3
"""The licence texts of what a fremdrift binary bundles, for the release archives.

Walks `cargo metadata` for one target from the fremdrift package along normal
dependencies only (build scripts and dev-dependencies are not in the binary), and
writes, per crate, its name, version, licence expression and repository, then the
licence files the crate ships (LICENSE*, LICENCE*, COPYING*, NOTICE*, UNLICENSE). The
embedded fonts' licence (fonts/OFL.txt) comes first; for Windows, the linked-in C runtime's
licences come last.

Usage: python3 scripts/licenser.py TARGET UD.txt   (e.g. x86_64-pc-windows-gnu)
"""

import json
import subprocess
import sys
from pathlib import Path

ROD = Path(__file__).resolve().parent.parent
NAVNE = ("license", "licence", "copying", "notice", "unlicense")


def metadata(target):
    ud = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked", "--filter-platform", target],
        cwd=ROD, check=True, capture_output=True, text=True).stdout
    return json.loads(ud)


def bundne(m):
    """The packages reachable from the root along normal dependencies, sorted by name."""
    noder = {n["id"]: n for n in m["resolve"]["nodes"]}
    pakker = {p["id"]: p for p in m["packages"]}
    set_, kø = set(), [m["resolve"]["root"]]
    while kø:
        i = kø.pop()
        if i in set_:
            continue
        set_.add(i)
        for d in noder[i]["deps"]:
            if any(k["kind"] is None for k in d["dep_kinds"]):
                kø.append(d["pkg"])
    set_.discard(m["resolve"]["root"])
    return sorted((pakker[i] for i in set_), key=lambda p: (p["name"], p["version"]))


def licensfiler(pakke):
    mappe = Path(pakke["manifest_path"]).parent
    filer = [f for f in mappe.iterdir() if f.is_file() and f.name.lower().startswith(NAVNE)]
    if pakke.get("license_file"):
        filer.append(mappe / pakke["license_file"])
    return sorted(set(filer))


def apache_tekst(pakker):
    """The Apache-2.0 text as one of the bundled crates ships it (LICENSE-APACHE)."""
    for p in pakker:
        f = Path(p["manifest_path"]).parent / "LICENSE-APACHE"
        if f.is_file() and "Apache License" in f.read_text(encoding="utf-8", errors="replace"):
            return f.read_text(encoding="utf-8")
    sys.exit("fandt ingen LICENSE-APACHE blandt pakkerne")


# The C runtime the Windows build links in (mingw-w64's CRT and winpthreads, GCC's
# libgcc under its runtime exception), as Debian documents their licences.
C_KOERSELSMILJOE = ["mingw-w64-x86-64-dev", "gcc-mingw-w64-base"]


def c_koerselsmiljoe():
    dele = []
    for pakke in C_KOERSELSMILJOE:
        f = Path("/usr/share/doc") / pakke / "copyright"
        if not f.is_file():
            sys.exit(f"{f} mangler: installér mingw-w64 (scripts/install-windows)")
        dele.append("=" * 78)
        dele.append(f"C-køretidsbiblioteket, der er lænket ind (Debian-pakken {pakke}):\n")
        dele.append(f.read_text(encoding="utf-8", errors="replace"))
    return dele


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    target, ud = sys.argv[1], Path(sys.argv[2])
    pakker = bundne(metadata(target))
    dele = [
        "Licenser for det, fremdrift indeholder / Licences of what fremdrift bundles\n",
        f"fremdrift selv: MIT OR Apache-2.0. Indlejrede skrifttyper og {len(pakker)} Rust-pakker følger.\n",
        "=" * 78,
        "Skrifttypen Carlito (indlejret): SIL Open Font License 1.1\n",
        (ROD / "fonts" / "OFL.txt").read_text(encoding="utf-8"),
    ]
    uden = []
    for p in pakker:
        dele.append("=" * 78)
        dele.append(f"{p['name']} {p['version']}\nLicens: {p.get('license') or 'se filen'}\n"
                    f"Kilde: {p.get('repository') or 'https://crates.io/crates/' + p['name']}\n")
        filer = licensfiler(p)
        if not filer:
            uden.append(p["name"])
            dele.append("(pakken har ingen licensfil; licensen er den ovenfor nævnte standardlicens)\n")
        for f in filer:
            dele.append(f"--- {f.name} ---\n{f.read_text(encoding='utf-8', errors='replace')}")
    if uden:
        dele.append("=" * 78)
        dele.append(f"Apache License 2.0, standardteksten, for pakkerne uden egen licensfil "
                    f"({', '.join(uden)}), som alle kan bruges under Apache-2.0 eller 0BSD:\n")
        dele.append(apache_tekst(pakker))
    if "windows-gnu" in target:
        dele.extend(c_koerselsmiljoe())
    ud.write_text("\n".join(dele), encoding="utf-8")
    print(f"{ud}: {len(pakker)} pakker, {len(uden)} uden licensfil"
          + (f" ({', '.join(uden)})" if uden else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
