"""Compile ``packaging/installer.nsi`` with makensis, passing the version and options.

    python packaging/build_installer.py                  # dist/qrpin-gui-<version>-setup.exe
    python packaging/build_installer.py --compile-check  # Linux CI: uncompressed, thrown away
    python packaging/build_installer.py --sign           # sign installer + uninstaller
                                                         # (Windows, packaging/sign.ps1)

``--compile-check`` packages whatever bundle ``dist/qrpin-gui/`` holds (on Linux: the Linux
bundle) without compression and deletes the result: it proves the script compiles with
``-WX`` (warnings are errors), nothing more. Prints the installer's path and size last.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle_config as cfg

ROOT = cfg.ROOT
NSI = ROOT / "packaging" / "installer.nsi"
BUNDLE = ROOT / "dist" / cfg.APP_NAME


def installer_path(version: str) -> Path:
    return ROOT / "dist" / f"{cfg.APP_NAME}-{version}-setup.exe"


def makensis_command(
    *, version: str, out_file: Path, exe_name: str, compile_check: bool, sign: bool
) -> list[str]:
    makensis = shutil.which("makensis") or "makensis"
    command = [
        makensis,
        "-V2",
        "-WX",
        f"-DVERSION={version}",
        f"-DVERSION_QUAD={'.'.join(map(str, cfg.version_tuple(version)))}",
        f"-DBUNDLE_DIR={BUNDLE}",
        f"-DOUT_FILE={out_file}",
        f"-DEXE_NAME={exe_name}",
    ]
    if compile_check:
        command.append("-DCOMPILE_CHECK")
    if sign:
        script = ROOT / "packaging" / "sign.ps1"
        command.append(
            f'-DSIGN_COMMAND=powershell -NoProfile -ExecutionPolicy Bypass -File "{script}"'
        )
    command.append(str(NSI))
    return command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compile-check", action="store_true", help="compile check only")
    parser.add_argument("--sign", action="store_true", help="sign with packaging/sign.ps1")
    args = parser.parse_args(argv)

    version = cfg.read_version()
    exe_name = cfg.APP_NAME + (".exe" if sys.platform == "win32" else "")
    if not (BUNDLE / exe_name).is_file():
        sys.stderr.write(f"installer: {BUNDLE / exe_name} missing; build the bundle first\n")
        return 1
    if args.compile_check:
        handle, name = tempfile.mkstemp(prefix="qrpin-gui-setup-check-", suffix=".exe")
        os.close(handle)
        out_file = Path(name)
    else:
        out_file = installer_path(version)
    command = makensis_command(
        version=version,
        out_file=out_file,
        exe_name=exe_name,
        compile_check=args.compile_check,
        sign=args.sign,
    )
    started = time.perf_counter()
    try:
        result = subprocess.run(command, cwd=ROOT / "packaging")
        seconds = time.perf_counter() - started
        if result.returncode != 0:
            sys.stderr.write(f"installer: makensis failed (rc {result.returncode})\n")
            return 1
        size_mb = out_file.stat().st_size / (1024 * 1024)
    finally:
        if args.compile_check:
            out_file.unlink(missing_ok=True)
    if args.compile_check:
        sys.stdout.write(
            f"installer: compile check ok in {seconds:.1f} s ({size_mb:.0f} MB uncompressed, "
            f"packaging the {sys.platform} bundle; deleted)\n"
        )
    else:
        sys.stdout.write(f"installer: {out_file} ({size_mb:.1f} MB) in {seconds:.1f} s\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
