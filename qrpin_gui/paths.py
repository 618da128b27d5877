"""Where the app keeps its files: the platform's user directories, or one profile folder.

``--profile-dir DIR`` puts everything (settings, token cache, snapshot, journal, logs) under DIR;
``--temp-profile`` does the same in a fresh temporary folder that is removed at exit. Tests use
these so they never touch a real user's files.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "QR PIN Manager"
APP_AUTHOR = "QRPinManager"


@dataclass(frozen=True, slots=True)
class AppPaths:
    """Every file location the app uses, resolved once at start-up."""

    config_dir: Path
    data_dir: Path
    cache_dir: Path
    log_dir: Path
    temporary: bool = False

    @classmethod
    def default(cls) -> AppPaths:
        dirs = platformdirs.PlatformDirs(APP_NAME, APP_AUTHOR, roaming=False)
        return cls(
            config_dir=Path(dirs.user_config_dir),
            data_dir=Path(dirs.user_data_dir),
            cache_dir=Path(dirs.user_cache_dir),
            log_dir=Path(dirs.user_log_dir),
        )

    @classmethod
    def for_profile(cls, root: Path | str, *, temporary: bool = False) -> AppPaths:
        root = Path(root).expanduser().resolve()
        return cls(
            config_dir=root / "config",
            data_dir=root / "data",
            cache_dir=root / "cache",
            log_dir=root / "logs",
            temporary=temporary,
        )

    @classmethod
    def temporary_profile(cls) -> AppPaths:
        return cls.for_profile(tempfile.mkdtemp(prefix="qrpin-gui-"), temporary=True)

    # Files -----------------------------------------------------------------------------------
    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def qt_state_file(self) -> Path:
        """Window geometry and header state (QSettings, ini format): harmless blobs only."""
        return self.config_dir / "window-state.ini"

    @property
    def token_cache_file(self) -> Path:
        return self.data_dir / "token-cache.bin"

    @property
    def snapshot_file(self) -> Path:
        return self.data_dir / "roster-snapshot.bin"

    @property
    def snapshot_key_file(self) -> Path:
        return self.data_dir / "roster-snapshot.key"

    @property
    def journal_file(self) -> Path:
        return self.data_dir / "journal.jsonl"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "qrpin-gui.log"

    def ensure(self) -> None:
        for d in (self.config_dir, self.data_dir, self.cache_dir, self.log_dir):
            d.mkdir(parents=True, exist_ok=True)

    def remove_if_temporary(self) -> None:
        if self.temporary:
            shutil.rmtree(self.config_dir.parent, ignore_errors=True)
