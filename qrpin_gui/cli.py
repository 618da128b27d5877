"""Command-line flags. Unknown arguments are left for Qt (``-style``, ``-platform``...)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from qrpin_gui import __version__


@dataclass(frozen=True, slots=True)
class Options:
    demo: bool
    demo_user: str
    offline: bool
    profile_dir: Path | None
    temp_profile: bool
    debug: bool
    no_err_windows: bool
    self_test: bool
    screenshot: Path | None
    exit_when_shown: bool
    color_scheme: str | None
    language: str | None
    qt_args: tuple[str, ...]

    @property
    def unattended(self) -> bool:
        """Runs that must not wait for a person (scripts, CI, docs)."""
        return self.self_test or self.screenshot is not None or self.exit_when_shown


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="qrpin-gui",
        description="QR PIN Manager: look after your staff's Microsoft Entra QR code + PIN sign-in.",
    )
    p.add_argument("--version", action="version", version=f"qrpin-gui {__version__}")
    p.add_argument(
        "--demo",
        action="store_true",
        help="use the built-in demo tenant (no Microsoft account needed)",
    )
    p.add_argument(
        "--demo-user",
        default="",
        metavar="UPN",
        help="with --demo and an unattended flag: sign in as this demo account",
    )
    p.add_argument(
        "--offline",
        action="store_true",
        help="do not contact Microsoft; show the last saved roster",
    )
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--profile-dir",
        type=Path,
        metavar="DIR",
        help="keep settings, token cache, snapshot, journal and logs under DIR",
    )
    group.add_argument(
        "--temp-profile", action="store_true", help="use a fresh temporary profile, removed at exit"
    )
    p.add_argument(
        "--debug", action="store_true", help="verbose logging to the console and log file"
    )
    p.add_argument(
        "--no-err-windows",
        action="store_true",
        help="log unexpected errors instead of showing a dialog",
    )
    p.add_argument(
        "--self-test", action="store_true", help="check the installation headless and exit"
    )
    p.add_argument(
        "--screenshot",
        type=Path,
        metavar="PATH",
        help="save a picture of the main window once the roster is shown, then exit",
    )
    p.add_argument(
        "--exit-when-shown",
        action="store_true",
        help='print {"window_ms": ...} once the main window is shown, then exit',
    )
    p.add_argument(
        "--color-scheme", choices=("light", "dark", "system"), help="force a colour scheme"
    )
    p.add_argument(
        "--lang", dest="language", metavar="CODE", help="user-interface language, e.g. de or en"
    )
    return p


def parse(argv: Sequence[str]) -> Options:
    ns, rest = build_parser().parse_known_args(list(argv))
    return Options(
        demo=ns.demo,
        demo_user=ns.demo_user,
        offline=ns.offline,
        profile_dir=ns.profile_dir,
        temp_profile=ns.temp_profile,
        debug=ns.debug,
        no_err_windows=ns.no_err_windows,
        self_test=ns.self_test,
        screenshot=ns.screenshot,
        exit_when_shown=ns.exit_when_shown,
        color_scheme=ns.color_scheme,
        language=ns.language,
        qt_args=tuple(rest),
    )
