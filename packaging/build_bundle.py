"""Build the PyInstaller bundle ``dist/qrpin-gui/`` and report its size by component.

    python packaging/build_bundle.py            # build if anything changed, then report
    python packaging/build_bundle.py --clean    # from scratch (PyInstaller --clean)
    python packaging/build_bundle.py --report   # only the size report of the existing bundle

The build is skipped when a fingerprint of its inputs (our sources, resources, the packaging
files, the installed distributions) matches the one stored in ``build/bundle.stamp`` and the
bundle is there, so a re-run of the packaging check costs nothing. Exit status: 0 when the
bundle exists and is no larger than ``--max-mb``; 1 otherwise. The last line is JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle_config as cfg

ROOT = cfg.ROOT
SPEC = ROOT / "packaging" / "qrpin-gui.spec"
DIST = ROOT / "dist"
BUILD = ROOT / "build"
BUNDLE = DIST / cfg.APP_NAME
STAMP = BUILD / "bundle.stamp"
EXE_NAME = cfg.APP_NAME + (".exe" if sys.platform == "win32" else "")
MB = 1024 * 1024


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def fingerprint() -> str:
    """Hash of everything that changes the bundle."""
    digest = hashlib.sha256()
    inputs = [
        *sorted((ROOT / "qrpin_gui").rglob("*.py")),
        *sorted(p for p in (ROOT / "resources").rglob("*") if p.is_file()),
        *sorted((ROOT / "packaging").glob("*.py")),
        SPEC,
    ]
    for path in inputs:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    dists = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join(dists).encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def build(*, clean: bool) -> float | None:
    """Run PyInstaller unless the bundle is up to date. Returns seconds spent, None if skipped."""
    stamp = fingerprint()
    exe = BUNDLE / EXE_NAME
    if not clean and exe.is_file() and STAMP.is_file() and STAMP.read_text() == stamp:
        say(f"bundle: up to date ({exe.relative_to(ROOT)})")
        return None
    icon = ROOT / "resources" / "icons" / "qrpin-gui.ico"
    if not icon.is_file():
        subprocess.run([sys.executable, str(ROOT / "packaging" / "make_icons.py")], check=True)
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(BUILD),
        str(SPEC),
    ]
    if clean:
        command.insert(3, "--clean")
    say("bundle: building with PyInstaller ...")
    started = time.perf_counter()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    log = BUILD / "pyinstaller.log"
    BUILD.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as out:
        result = subprocess.run(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-25:]
        say("\n".join(tail))
        raise SystemExit(f"bundle: PyInstaller failed (rc {result.returncode}); log: {log}")
    STAMP.write_text(stamp)
    say(f"bundle: built in {seconds:.1f} s (log: {log.relative_to(ROOT)})")
    return seconds


def executable_breakdown(exe: Path) -> Counter[str]:
    """Split the executable: bootloader + bootstrap (Python) and its PYZ by module owner."""
    sizes: Counter[str] = Counter()
    total = exe.stat().st_size
    try:
        from PyInstaller.archive.readers import CArchiveReader
    except ImportError:  # reporting without PyInstaller installed: count it as Python
        sizes["Python"] += total
        return sizes
    package = CArchiveReader(str(exe))
    counted = 0
    for name, (_offset, length, _raw, _flag, typecode) in package.toc.items():
        counted += length
        if typecode == "z":
            modules = package.open_embedded_archive(name).toc
            for module, (_kind, _off, module_length) in modules.items():
                sizes[cfg.classify_module(module)] += module_length
            sizes["Python"] += length - sum(entry[2] for entry in modules.values())  # its TOC
        else:
            sizes[cfg.classify_module(name)] += length
    sizes["Python"] += total - counted  # the bootloader (and Windows resources) itself
    return sizes


def size_report(bundle: Path) -> dict[str, object]:
    sizes: Counter[str] = Counter()
    biggest: Counter[str] = Counter()
    files = 0
    internal = bundle / "_internal"
    for path in bundle.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        files += 1
        size = path.stat().st_size
        if path.parent == bundle and path.name == EXE_NAME:
            sizes.update(executable_breakdown(path))
            continue
        relative = path.relative_to(internal if internal in path.parents else bundle).as_posix()
        component = cfg.classify_path(relative)
        sizes[component] += size
        if component == "other":
            biggest[relative.split("/", 1)[0]] += size
    total = sum(sizes.values())
    return {
        "total_mb": round(total / MB, 1),
        "files": files,
        "components_mb": {c: round(sizes[c] / MB, 1) for c in cfg.COMPONENTS},
        "largest_other_mb": {k: round(v / MB, 1) for k, v in biggest.most_common(6)},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clean", action="store_true", help="rebuild from scratch")
    parser.add_argument("--report", action="store_true", help="only report the existing bundle")
    parser.add_argument("--max-mb", type=float, default=200.0, help="fail above this size")
    args = parser.parse_args(argv)

    seconds = None if args.report else build(clean=args.clean)
    if not (BUNDLE / EXE_NAME).is_file():
        say(f"bundle: FAIL {BUNDLE / EXE_NAME} does not exist")
        return 1
    report = size_report(BUNDLE)
    components = report["components_mb"]
    assert isinstance(components, dict)
    say(
        f"bundle size: {report['total_mb']} MB in {report['files']} files — "
        + ", ".join(f"{name} {mb} MB" for name, mb in components.items())
    )
    say(
        "  largest 'other': "
        + ", ".join(f"{k} {v} MB" for k, v in dict(report["largest_other_mb"]).items())  # type: ignore[call-overload]
    )
    report["build_s"] = None if seconds is None else round(seconds, 1)
    report["max_mb"] = args.max_mb
    too_big = float(report["total_mb"]) > args.max_mb  # type: ignore[arg-type]
    say(json.dumps({"bundle": report}, ensure_ascii=False))
    if too_big:
        say(f"bundle: FAIL {report['total_mb']} MB is over the {args.max_mb} MB budget")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
