"""One big store: ``store_size`` in the seed, ``POST /_demo/reset`` and ``--store-size``."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from qrpin_gui.demo import seed
from qrpin_gui.demo.__main__ import main
from qrpin_gui.demo.model import Directory, User
from tests.demo.conftest import Graph, assert_graph_error
from tests.demo.test_demo_seed import state_of


def user_members(directory: Directory, index: int) -> list[User]:
    return [m for m in directory.units[index].members if isinstance(m, User)]


def test_first_store_has_exactly_store_size_people_and_its_manager_runs_it() -> None:
    d = seed.build(users=1200, seed=2, store_size=900)
    assert len(d.users) == 1200
    big = user_members(d, 0)
    assert len(big) == len({u.id for u in big}) == 900
    manager = d.accounts("storeManager")[0]
    assert manager["upn"] == "manager.s101@contoso-retail.example"
    assert manager["stores"] == [d.units[0].id]
    assert manager["id"] in {u.id for u in big}
    # The helpdesk admin works there (visible, not manageable); the workers are manageable.
    helpdesk = next(a for a in d.accounts("adminUser") if d.units[0].id in a["stores"])
    target = d.find_user(helpdesk["id"])
    assert target is not None and not d.can_manage(manager["id"], target)
    workers = [u for u in big if u.id not in (manager["id"], helpdesk["id"])]
    assert len(workers) == 898
    assert all(d.can_manage(manager["id"], w) for w in workers[:50])
    # Every QR state occurs in the big store; the other stores keep their usual size.
    now = datetime.now(UTC)
    states = set().union(*(state_of(u, now) for u in workers))
    assert set(seed.QR_STATES) <= states
    assert all(1 <= len(user_members(d, i)) <= 18 for i in range(1, len(d.units)))
    assert sum(len(user_members(d, i)) for i in range(len(d.units))) == 1200 - 4 + 1


def test_big_store_is_deterministic_and_sizes_are_checked() -> None:
    a = seed.build(users=500, seed=7, store_size=400)
    b = seed.build(users=500, seed=7, store_size=400)
    assert [u.id for u in user_members(a, 0)] == [u.id for u in user_members(b, 0)]
    assert [u.upn for u in a.users] == [u.upn for u in b.users]
    # The largest store leaves one person for a second store.
    whole = seed.build(users=50, store_size=45)
    assert len(user_members(whole, 0)) == 45 and len(whole.units) == 2
    for bad in (2, 46, 10_000):
        with pytest.raises(ValueError, match="store_size"):
            seed.build(users=50, store_size=bad)
    with pytest.raises(ValueError, match="store_size"):
        seed.build(store_size=10)


def test_reset_with_store_size_serves_the_big_store_to_its_manager(
    graph: Graph, root: httpx.Client
) -> None:
    r = root.post("/_demo/reset", json={"users": 1500, "store_size": 1200, "seed": 1})
    assert r.status_code == 200, r.text
    assert r.json()["users"] == 1500 and r.json()["storeSize"] == 1200
    manager = graph.account("storeManager")
    path = f"/directory/administrativeUnits/{manager['stores'][0]}/members/microsoft.graph.user"
    seen: list[str] = []
    url: str | None = path + "?$top=999&$select=id"
    while url:
        page = graph.get(url, manager["upn"])
        assert page.status_code == 200, page.text
        body = page.json()
        seen += [u["id"] for u in body["value"]]
        url = body.get("@odata.nextLink")
    assert len(seen) == len(set(seen)) == 1200
    again = root.post("/_demo/reset", json={"users": 1500, "store_size": 1200, "seed": 1})
    assert again.status_code == 200
    assert graph.demo.accounts("storeManager")[0]["id"] == manager["id"]  # deterministic

    assert_graph_error(root.post("/_demo/reset", json={"store_size": 100}), 400)
    assert_graph_error(root.post("/_demo/reset", json={"users": 100, "store_size": 96}), 400)
    assert_graph_error(root.post("/_demo/reset", json={"users": 100, "store_size": "big"}), 400)


@pytest.mark.parametrize(
    "argv",
    [
        ["--store-size", "50"],
        ["--users", "100", "--store-size", "2"],
        ["--users", "100", "--store-size", "96"],
    ],
)
def test_cli_refuses_store_sizes_that_do_not_fit(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "--store-size" in capsys.readouterr().err
