"""Entry point: ``qrpin-gui`` / ``python -m qrpin_gui``.

Parses flags, resolves the profile, starts logging, then hands over to the composition root
(:mod:`qrpin_gui.app`), which is the only place that builds the services and the window.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # as early as possible: --exit-when-shown measures from here

import logging  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
from collections.abc import Sequence  # noqa: E402

from qrpin_gui import __version__, cli  # noqa: E402
from qrpin_gui.log import init_logging  # noqa: E402
from qrpin_gui.paths import AppPaths  # noqa: E402

logger = logging.getLogger("qrpin_gui")


def resolve_paths(opts: cli.Options) -> AppPaths:
    if opts.temp_profile:
        return AppPaths.temporary_profile()
    if opts.profile_dir is not None:
        return AppPaths.for_profile(opts.profile_dir)
    return AppPaths.default()


def main(argv: Sequence[str] | None = None) -> int:
    opts = cli.parse(sys.argv[1:] if argv is None else argv)
    paths = resolve_paths(opts)
    paths.ensure()
    init_logging(paths.log_file, debug=opts.debug)
    logger.info(
        "qrpin-gui %s on Python %s, %s", __version__, platform.python_version(), platform.platform()
    )
    try:
        from qrpin_gui.app import run

        return run(opts, paths, started=STARTED)
    finally:
        logging.shutdown()
        paths.remove_if_temporary()


if __name__ == "__main__":
    sys.exit(main())
