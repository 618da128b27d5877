"""Flags parse as documented; Qt's own arguments pass through."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from qrpin_gui import __version__, cli


def test_flags() -> None:
    o = cli.parse(
        [
            "--demo",
            "--demo-user",
            "ann@x.example",
            "--temp-profile",
            "--screenshot",
            "shot.png",
            "--color-scheme",
            "dark",
            "--lang",
            "de",
            "-style",
            "fusion",
        ]
    )
    assert o.demo and o.temp_profile and o.demo_user == "ann@x.example"
    assert o.screenshot == Path("shot.png") and o.unattended
    assert o.color_scheme == "dark" and o.language == "de"
    assert o.qt_args == ("-style", "fusion")


def test_defaults_are_interactive() -> None:
    o = cli.parse([])
    assert not o.demo and not o.unattended and o.profile_dir is None


def test_version_needs_no_qt() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "qrpin_gui", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"qrpin-gui {__version__}"
