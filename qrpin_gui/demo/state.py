"""``DemoState``: the one in-memory world every demo module works on."""

from __future__ import annotations

import logging
import time

from qrpin_gui.demo import seed
from qrpin_gui.demo.constants import DEMO_CLIENT_ID, DEMO_TENANT_ID
from qrpin_gui.demo.faults import FaultInjector
from qrpin_gui.demo.model import Directory
from qrpin_gui.demo.settings import DemoSettings
from qrpin_gui.demo.tokens import TokenService

logger = logging.getLogger(__name__)


class DemoState:
    """Directory, token service, settings and faults of one demo tenant.

    Everything runs on the server's event loop thread; the control API is the only way
    other threads change it.
    """

    def __init__(
        self,
        *,
        users: int | None = None,
        seed: int = 0,
        store_size: int | None = None,
        tenant_id: str = DEMO_TENANT_ID,
        base_url: str = "",
    ) -> None:
        self.tenant_id = tenant_id
        self.client_id = DEMO_CLIENT_ID
        self.base_url = base_url
        self.settings = DemoSettings()
        self.faults = FaultInjector()
        self.tokens = TokenService(tenant_id, self._upn_of)
        self._generation = 0
        self.users_requested = users
        self.seed = seed
        self.store_size = store_size
        self.directory: Directory = seed_directory(users, seed, 0, store_size)

    def _upn_of(self, user_id: str) -> str | None:
        user = self.directory.find_user(user_id)
        return user.upn if user else None

    def reset(
        self, users: int | None = None, seed: int = 0, store_size: int | None = None
    ) -> Directory:
        """Reseed (the default company when ``users`` is None; ``store_size``: the first
        store's user members, see :func:`seed.build`), default settings, no faults.

        Raises ValueError for an impossible size. Tokens stay valid (same signing key); a
        ``$skiptoken`` from before the reset is refused as expired.
        """
        self._generation += 1
        directory = seed_directory(users, seed, self._generation, store_size)
        self.directory = directory
        self.users_requested, self.seed, self.store_size = users, seed, store_size
        self.settings.restore_defaults()
        self.faults.clear()
        return directory


def seed_directory(
    users: int | None, seed_value: int, generation: int, store_size: int | None = None
) -> Directory:
    started = time.perf_counter()
    directory = seed.build(users, seed_value, generation, store_size=store_size)
    logger.info(
        "demo tenant seeded: %d users, %d stores in %.0f ms",
        len(directory.users),
        len(directory.units),
        (time.perf_counter() - started) * 1000,
    )
    return directory
