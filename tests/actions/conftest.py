"""Fixtures for the action tests: a :class:`~tests.actions.rig.Rig` on the reset demo tenant."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest_asyncio

from tests.actions.rig import Rig, new_journal


@pytest_asyncio.fixture
async def rig(demo_clean: Any, tmp_path: Path) -> AsyncIterator[Rig]:
    made = Rig(demo_clean, new_journal(tmp_path))
    yield made
    await made.aclose()
