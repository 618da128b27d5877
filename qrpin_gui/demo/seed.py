"""Seed data: the default retail company, and a deterministic generator of any size.

The same layout serves both: a head office (IT admin, Global Reader, policy admin, two
admin-role users who also work in stores), then stores as administrative units, each with a
manager holding Authentication Administrator scoped to the store and 10-20 staff whose QR
methods cover every state (none, active, expiring within 14 days, expired, temporary code
live, PIN must change, never used), relative to the moment of seeding.

A generated tenant may make its first store big (``store_size``): that store then has exactly
``store_size`` user members (its manager, the head office's helpdesk admin who works there,
and workers), the other people fill stores of about 16 as usual. Benchmarks use it to sync one
store of thousands of people as its own manager.
"""

from __future__ import annotations

import bisect
import gc
import itertools
import math
import random
from datetime import datetime, timedelta

from qrpin_gui.demo import timeutil
from qrpin_gui.demo.constants import (
    DEMO_TENANT_DOMAIN,
    ROLE_AUTHENTICATION_ADMIN,
    ROLE_AUTHENTICATION_POLICY_ADMIN,
    ROLE_GLOBAL_READER,
    ROLE_PRIVILEGED_AUTHENTICATION_ADMIN,
    ROLE_USER_ADMIN,
)
from qrpin_gui.demo.model import (
    AdminUnit,
    Directory,
    Group,
    NamedAccount,
    QrCode,
    QrMethod,
    QrPin,
    RoleAssignment,
    User,
)
from qrpin_gui.demo.pin_rules import generate_pin

QR_STATES = (
    "active",
    "none",
    "expiring",
    "expired",
    "temporary",
    "pinMustChange",
    "neverUsed",
)
"""The first seven workers of every store hold these states in this order."""

_LATER_STATES = (
    ("active", 45),
    ("none", 20),
    ("expiring", 8),
    ("expired", 7),
    ("temporary", 5),
    ("pinMustChange", 8),
    ("neverUsed", 7),
)
_LATER_CUMULATIVE = list(itertools.accumulate(w for _, w in _LATER_STATES))
_LATER_NAMES = [n for n, _ in _LATER_STATES]
_DAY = timedelta(days=1)

DEFAULT_STORE_STAFF = (14, 17, 12, 19, 15)
"""Workers per store in the default company (the manager comes on top)."""
DEFAULT_MANAGERS = ((0,), (1,), (2,), (3, 4))
"""Which stores each default manager looks after (the last is an area manager)."""
HQ_USERS = 5
MIN_USERS = HQ_USERS + 2
MIN_STORE_SIZE = 3
"""A big first store holds at least its manager, the helpdesk admin and one worker."""

_TOWNS = (
    "Harbourside", "Riverside", "Old Town", "Northgate", "Westfield", "Kingsway", "Market Cross",
    "Abbey Park", "Eastbank", "Hillcrest", "Meadowbrook", "Southport", "Castle Quay",
    "Station Road", "Millbrook", "Greenway",
)  # fmt: skip
_FIRST = (
    "Aisha", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kira",
    "Liam", "Maya", "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Victor",
    "Wen", "Ximena", "Yusuf", "Zoe", "Amir", "Bianca", "Carlos", "Dana", "Emil", "Fatima",
    "Gabriel", "Hana", "Ivan", "Julia", "Kofi", "Lena", "Mateo", "Nadia", "Oscar", "Paula",
    "Rahul", "Sofia", "Tomas", "Ulla", "Vera", "Will", "Yara", "Zainab",
)  # fmt: skip
_LAST = (
    "Adams", "Bauer", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ibrahim",
    "Jensen", "Khan", "Larsen", "Morales", "Nakamura", "Okafor", "Patel", "Quinn", "Rossi",
    "Silva", "Tanaka", "Ueda", "Varga", "Walsh", "Xu", "Yilmaz", "Zimmer", "Andersson",
    "Brennan", "Costa", "Dubois", "Eriksen", "Fernandes", "Gallagher", "Horvat", "Ivanova",
    "Jovanovic", "Kowalski", "Lopez", "Moreau", "Novak", "Oliveira", "Petrov", "Reyes",
    "Schmidt", "Torres", "Novotny", "Wagner", "Young", "Zhang", "Mensah",
)  # fmt: skip
_JOBS = ("Sales Associate", "Cashier", "Stock Associate", "Customer Service", "Visual Merchandiser")


class _Ids:
    """Deterministic, unique GUID-shaped ids: a per-seed random prefix and a counter (cheap
    enough for 100,000-user tenants)."""

    def __init__(self, rng: random.Random) -> None:
        h = f"{rng.getrandbits(64):016x}"
        self._prefix = f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[15], 16) & 3]}"
        self._n = rng.getrandbits(20) << 20

    def __call__(self) -> str:
        self._n += 1
        return f"{self._prefix}{self._n % 4096:03x}-{self._n:012x}"


def build(
    users: int | None = None,
    seed: int = 0,
    generation: int = 0,
    *,
    store_size: int | None = None,
) -> Directory:
    """The default company (``users`` None) or a tenant of exactly ``users`` people.

    ``store_size`` (only with ``users``): the first store has exactly that many user
    members; raises ValueError when it does not fit (at least :data:`MIN_STORE_SIZE`, and
    at least one other person must remain for a second store).

    The cyclic garbage collector is paused while building and the result is frozen
    (``gc.freeze``): the directory holds about ten objects per user, none of them in
    reference cycles, and scanning a million long-lived objects would otherwise stall
    requests for hundreds of milliseconds at random.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        directory = _build(users, seed, generation, store_size)
    finally:
        if was_enabled:
            gc.enable()
    gc.freeze()
    return directory


def _build(users: int | None, seed: int, generation: int, store_size: int | None) -> Directory:
    if users is None:
        if store_size is not None:
            raise ValueError("store_size needs users")
        staff = list(DEFAULT_STORE_STAFF)
        managers = [list(m) for m in DEFAULT_MANAGERS]
    else:
        if users < MIN_USERS:
            raise ValueError(f"users must be at least {MIN_USERS}")
        remaining = users - HQ_USERS
        big: list[int] = []
        if store_size is not None:
            # The big store's manager and workers are new people; the helpdesk admin (a
            # head-office account) is its other member. Someone must be left for store 102,
            # or the user admin would join store 101 too and break the exact size.
            most = remaining
            if not MIN_STORE_SIZE <= store_size <= most:
                raise ValueError(f"store_size must be between {MIN_STORE_SIZE} and {most}")
            big = [store_size - 2]  # workers: minus the manager and the helpdesk admin
            remaining -= store_size - 1
        n_stores = max(1, math.ceil(remaining / 16))
        base, extra = divmod(remaining, n_stores)
        # each store: one manager + its workers
        staff = big + [base + (1 if i < extra else 0) - 1 for i in range(n_stores)]
        managers = [[i] for i in range(len(staff))]
    return _Builder(seed, generation).run(staff, managers)


class _Builder:
    def __init__(self, seed: int, generation: int) -> None:
        self.rng = random.Random(seed)
        self.pin_rng = random.Random(seed + 1)
        self.new_id = _Ids(self.rng)
        self._random = self.rng.random
        self.now = timeutil.now().replace(microsecond=0)
        self.d = Directory(DEMO_TENANT_DOMAIN, generation)
        self._upn_counts: dict[str, int] = {}

    # --- people ---------------------------------------------------------------------

    def _person(
        self,
        *,
        first: str,
        last: str,
        upn_local: str | None = None,
        job: str | None,
        department: str | None,
        office: str | None,
        enabled: bool = True,
    ) -> User:
        if upn_local is None:
            base = f"{first}.{last}".lower().replace(" ", "")
            n = self._upn_counts.get(base, 0) + 1
            self._upn_counts[base] = n
            upn_local = base if n == 1 else f"{base}{n}"
        user_no = len(self.d.users) + 1
        user = User(
            id=self.new_id(),
            upn=f"{upn_local}@{DEMO_TENANT_DOMAIN}",
            display_name=f"{first} {last}",
            given_name=first,
            surname=last,
            job_title=job,
            department=department,
            office_location=office,
            account_enabled=enabled,
            created=self.now - timedelta(days=400 + user_no % 900),
            employee_id=f"E{user_no:07d}",
            mobile_phone=None,
            business_phones=(f"+44 20 7946 {user_no % 10000:04d}",),
            city=office,
        )
        self.d.add_user(user)
        return user

    def _random_name(self) -> tuple[str, str]:
        r = self._random()
        return _FIRST[int(r * len(_FIRST))], _LAST[int(r * 7919) % len(_LAST)]

    # --- QR methods -----------------------------------------------------------------

    def _pin(self, created: datetime, force: bool) -> QrPin:
        code = f"{self.pin_rng.getrandbits(40) % 100_000_000:08d}"
        if code == code[:2] * 4:  # the only rule an 8-digit PIN can break
            code = generate_pin(8, self.pin_rng.randrange)
        return QrPin(self.new_id(), code, created, created, force)

    def _int(self, low: int, high: int) -> int:
        """Like ``randint`` but cheaper."""
        return low + int(self._random() * (high - low + 1))

    def _method(self, state: str) -> QrMethod | None:
        if state == "none":
            return None
        now, day = self.now, _DAY
        if state == "expiring":
            expire = now + timedelta(days=self._int(1, 13), hours=self._int(0, 20))
            start = expire - 365 * day
        elif state == "expired":
            expire = now - timedelta(days=self._int(1, 60))
            start = expire - 365 * day
        elif state == "neverUsed":
            start = now - timedelta(days=self._int(1, 5), hours=self._int(0, 20))
            expire = start + 365 * day
        else:
            start = now - timedelta(days=self._int(20, 300))
            expire = start + 365 * day
        created = start
        if state == "neverUsed":
            last_used = None
        else:
            last_used = min(now, expire) - timedelta(hours=self._int(2, 120))
            last_used = max(last_used, start)
        standard = QrCode(self.new_id(), created, start, expire, last_used)
        force = state in ("pinMustChange", "neverUsed")
        pin = self._pin(created, force)
        if state == "pinMustChange":
            pin.updated = now - timedelta(hours=self._int(1, 48))
        method = QrMethod(self.new_id(), created, pin, standard)
        if state == "temporary":
            t_start = now - timedelta(minutes=self._int(10, 120))
            method.temporary = QrCode(
                self.new_id(), t_start, t_start, t_start + timedelta(hours=self._int(4, 12))
            )
        return method

    # --- the company ----------------------------------------------------------------

    def run(self, staff: list[int], managers: list[list[int]]) -> Directory:
        d = self.d
        hq = "Head Office"
        it_admin = self._person(
            first="Ingrid", last="Tan", upn_local="it.admin", job="IT Administrator",
            department="IT", office=hq,
        )  # fmt: skip
        reader = self._person(
            first="Gustavo", last="Reyes", upn_local="global.reader", job="Auditor",
            department="Finance", office=hq,
        )  # fmt: skip
        policy = self._person(
            first="Paula", last="Okafor", upn_local="policy.admin", job="Identity Architect",
            department="IT", office=hq,
        )  # fmt: skip
        helpdesk = self._person(
            first="Hamid", last="Lund", upn_local="helpdesk.admin", job="IT Support",
            department="IT", office=hq,
        )  # fmt: skip
        user_admin = self._person(
            first="Ulrike", last="Brandt", upn_local="user.admin", job="HR Systems",
            department="HR", office=hq,
        )  # fmt: skip
        for person, template in (
            (it_admin, ROLE_PRIVILEGED_AUTHENTICATION_ADMIN),
            (reader, ROLE_GLOBAL_READER),
            (policy, ROLE_AUTHENTICATION_POLICY_ADMIN),
            (helpdesk, ROLE_AUTHENTICATION_ADMIN),
            (user_admin, ROLE_USER_ADMIN),
        ):
            d.assign_role(RoleAssignment(self.new_id(), person.id, template, None))
        helpdesk.qr = self._method("active")
        user_admin.qr = self._method("active")
        d.named += [
            NamedAccount(it_admin.id, "itAdmin", []),
            NamedAccount(reader.id, "globalReader", []),
            NamedAccount(policy.id, "policyAdmin", []),
        ]

        units: list[AdminUnit] = []
        for i in range(len(staff)):
            number = 101 + i
            town = _TOWNS[i % len(_TOWNS)]
            name = f"Store {number} {town}"
            unit = AdminUnit(self.new_id(), name, f"Staff of store {number} ({town})")
            d.add_unit(unit)
            units.append(unit)
            group = Group(self.new_id(), f"Store {number} tills", f"Till devices of {name}")
            d.groups.append(group)
            d.add_member(unit, group)

        store_of_manager: dict[int, int] = {}
        for m, stores in enumerate(managers):
            for s in stores:
                store_of_manager.setdefault(s, m)
        manager_users: list[User] = []
        for m, stores in enumerate(managers):
            first, last = self._random_name()
            home = units[stores[0]]
            local = f"manager.s{101 + stores[0]}" if len(stores) == 1 else "area.manager"
            if len(stores) > 1 and len(managers) > len(DEFAULT_MANAGERS):
                local = f"area.manager{m}"
            mgr = self._person(
                first=first, last=last, upn_local=local,
                job="Store Manager" if len(stores) == 1 else "Area Manager",
                department=home.display_name, office=home.display_name,
            )  # fmt: skip
            mgr.qr = self._method("active")
            for s in stores:
                d.add_member(units[s], mgr)
                d.assign_role(
                    RoleAssignment(self.new_id(), mgr.id, ROLE_AUTHENTICATION_ADMIN, units[s].id)
                )
            manager_users.append(mgr)
            d.named.append(NamedAccount(mgr.id, "storeManager", [units[s].id for s in stores]))

        # Admin-role holders who also work in stores: visible to a store manager, not
        # manageable by one.
        d.add_member(units[0], helpdesk)
        d.add_member(units[1 % len(units)], user_admin)
        d.named += [
            NamedAccount(helpdesk.id, "adminUser", [units[0].id]),
            NamedAccount(user_admin.id, "adminUser", [units[1 % len(units)].id]),
        ]

        total = _LATER_CUMULATIVE[-1]

        def choose_later() -> str:
            return _LATER_NAMES[bisect.bisect_right(_LATER_CUMULATIVE, self._random() * total)]

        for i, unit in enumerate(units):
            for w in range(staff[i]):
                first, last = self._random_name()
                state = QR_STATES[w] if w < len(QR_STATES) else choose_later()
                worker = self._person(
                    first=first, last=last, job=_JOBS[w % len(_JOBS)],
                    department=unit.display_name, office=unit.display_name,
                    enabled=(w != 8),
                )  # fmt: skip
                worker.qr = self._method(state)
                d.add_member(unit, worker)
                if w == 0:
                    d.named.append(NamedAccount(worker.id, "worker", [unit.id]))
        return d
