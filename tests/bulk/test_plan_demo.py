"""The dry run against the demo tenant: every row checked (person exists, in the manager's
stores, manageable, PIN and lifetime rules, current state allows the action), with a verdict
and a plain reason per row, and nothing written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from qrpin_gui.bulk import (
    BulkAction,
    Fix,
    PlanContext,
    ProblemCode,
    ResultsWriter,
    RowOutcome,
    RowResult,
    Verdict,
    build_plan,
    parse_csv_bytes,
    read_results,
)
from qrpin_gui.graph.directory import load_manage_context
from tests.bulk.conftest import ClientFactory

pytestmark = pytest.mark.asyncio


def store_workers(demo: Any, unit_id: str) -> list[Any]:
    """Non-admin members of a store in seeding order: worker w holds QR_STATES[w]
    (active, none, expiring, expired, temporary, pinMustChange, neverUsed)."""
    directory = demo.state.directory
    unit = directory.unit(unit_id)
    return [m for m in unit.members if hasattr(m, "upn") and not directory.is_admin(m.id)]


def methods_snapshot(demo: Any) -> dict[str, Any]:
    return {
        u.id: (u.qr.id, u.qr.pin.updated, u.qr.standard and u.qr.standard.expire) if u.qr else None
        for u in demo.state.directory.users
    }


async def test_plan_verdicts_for_a_store_manager(
    demo_clean: Any, make_client: ClientFactory, tmp_path: Path
) -> None:
    manager = demo_clean.accounts("storeManager")[0]
    other_manager = demo_clean.accounts("storeManager")[1]
    store = manager["stores"][0]
    mine = store_workers(demo_clean, store)
    theirs = store_workers(demo_clean, other_manager["stores"][0])
    admin = demo_clean.accounts("adminUser")[0]
    active, none, _expiring, expired, temporary = mine[:5]
    graph = make_client(manager["upn"])
    manage = await load_manage_context(graph)
    far = (datetime.now(UTC) + timedelta(days=500)).date().isoformat()
    csv = (
        "user;action;expires;hours;pin\n"
        f"{active.upn};reset-pin;;;\n"  # 2 ready
        f"{none.upn};reset-pin;;;\n"  # 3 no method
        f"{active.upn.upper()};reset-pin;;;\n"  # 4 same line again (case)
        f"{none.id};create;;;12121212\n"  # 5 same person as 3 (by id)
        f"{theirs[0].upn};reset-pin;;;\n"  # 6 outside my stores
        f"{admin['upn']};reset-pin;;;\n"  # 7 admin role
        "nobody.here@contoso-retail.example;delete;;;\n"  # 8 unknown person
        f"{expired.upn};extend;{far};;\n"  # 9 expired: extending would reissue
        f"{mine[6].upn};extend;{far};;\n"  # 10 too late -> clamp fix
        f"{temporary.upn};temporary;;4;\n"  # 11 temporary code exists
        f"{mine[2].upn};create;;;\n"  # 12 already has a method
    ).encode()
    parsed = parse_csv_bytes(csv)
    before = methods_snapshot(demo_clean)
    plan = await build_plan(
        parsed.requests, PlanContext(graph=graph, manage=manage), file_problems=parsed.problems
    )
    by_line = {item.request.line: item for item in plan.items}

    def main(line: int) -> ProblemCode | None:
        problem = by_line[line].main_problem
        return problem.code if problem else None

    assert by_line[2].verdict is Verdict.READY and by_line[2].user is not None
    assert by_line[2].user.id == active.id
    assert (by_line[3].verdict, main(3)) == (Verdict.PROBLEM, ProblemCode.NO_METHOD)
    assert (by_line[4].verdict, main(4)) == (Verdict.SKIP, ProblemCode.DUPLICATE_ROW)
    assert (by_line[5].verdict, main(5)) == (Verdict.PROBLEM, ProblemCode.SAME_PERSON_TWICE)
    assert (by_line[6].verdict, main(6)) == (Verdict.PROBLEM, ProblemCode.NOT_MANAGEABLE)
    assert "not in a store you manage" in by_line[6].problems[-1].text
    assert main(7) is ProblemCode.NOT_MANAGEABLE
    assert "admin role" in by_line[7].problems[-1].text
    assert main(8) is ProblemCode.USER_NOT_FOUND
    assert "nobody.here" in by_line[8].problems[-1].text
    assert main(9) is ProblemCode.STANDARD_EXPIRED
    assert main(10) is ProblemCode.EXPIRY_TOO_LATE and by_line[10].fixes == (Fix.CLAMP_EXPIRY,)
    assert main(11) is ProblemCode.TEMPORARY_EXISTS
    assert (by_line[12].verdict, main(12)) == (Verdict.SKIP, ProblemCode.METHOD_EXISTS)

    # one-click fix: the latest allowed expiry (395 days after the code's start)
    assert plan.apply_fix(by_line[10].index, Fix.CLAMP_EXPIRY)
    item = by_line[10]
    assert item.verdict is Verdict.READY
    start = mine[6].qr.standard.start
    assert item.expire is not None and abs(item.expire - (start + timedelta(days=395))) < timedelta(
        seconds=1
    )
    # skip by the manager
    plan.skip(by_line[2].index)
    assert by_line[2].verdict is Verdict.SKIP
    assert plan.counts()[Verdict.READY] == 1
    # a dry run writes nothing
    assert methods_snapshot(demo_clean) == before


async def test_pin_rules_and_lifetime_rules_of_create(
    demo_clean: Any, make_client: ClientFactory
) -> None:
    manager = demo_clean.accounts("storeManager")[0]
    no_method = store_workers(demo_clean, manager["stores"][0])[:3]
    for worker in no_method:  # test setup on the server: three people without QR sign-in
        worker.qr = None
    graph = make_client(manager["upn"])
    manage = await load_manage_context(graph)
    past = (datetime.now(UTC) - timedelta(days=3)).date().isoformat()
    csv = (
        "user,action,start,days,pin\n"
        f"{no_method[0].upn},create,,,12121212\n"
        f"{no_method[1].upn},create,{past},,\n"
        f"{no_method[2].upn},create,,30,59173028\n"
    ).encode()
    plan = await build_plan(parse_csv_bytes(csv).requests, PlanContext(graph=graph, manage=manage))
    bad_pin, past_start, fine = plan.items
    assert bad_pin.main_problem is not None
    assert bad_pin.main_problem.code is ProblemCode.PIN_RULES
    assert "repeated" in bad_pin.main_problem.text and "12121212" not in bad_pin.main_problem.text
    assert past_start.main_problem is not None
    assert past_start.main_problem.code is ProblemCode.START_IN_PAST
    assert fine.verdict is Verdict.READY
    assert fine.start is not None and fine.expire is not None
    assert fine.expire - fine.start == timedelta(days=30)


async def test_rows_done_in_an_earlier_run_are_skipped(
    demo_clean: Any, make_client: ClientFactory, tmp_path: Path
) -> None:
    manager = demo_clean.accounts("storeManager")[0]
    mine = store_workers(demo_clean, manager["stores"][0])
    with_method = [w for w in mine if w.qr is not None][:3]
    results = tmp_path / "run.results.csv"
    with ResultsWriter(results) as writer:
        for i, (worker, outcome) in enumerate(
            zip(with_method, (RowOutcome.DONE, RowOutcome.UNKNOWN, RowOutcome.FAILED), strict=True)
        ):
            writer.write(
                RowResult(i, i + 2, worker.upn, worker.id, worker.upn, worker.display_name,
                          BulkAction.RESET_PIN, outcome)
            )  # fmt: skip
    graph = make_client(manager["upn"])
    manage = await load_manage_context(graph)
    csv = "user;action\n" + "".join(f"{w.upn};reset-pin\n" for w in with_method)
    plan = await build_plan(
        parse_csv_bytes(csv.encode()).requests,
        PlanContext(graph=graph, manage=manage, previous=read_results(results)),
    )
    done, unknown, failed = plan.items
    assert done.verdict is Verdict.SKIP and done.main_problem is not None
    assert done.main_problem.code is ProblemCode.DONE_BEFORE
    assert unknown.verdict is Verdict.PROBLEM and unknown.fixes == (Fix.INCLUDE_ANYWAY,)
    assert plan.apply_fix(unknown.index, Fix.INCLUDE_ANYWAY)
    assert unknown.verdict is Verdict.READY
    assert failed.verdict is Verdict.READY  # a failure is tried again


async def test_offline_plan_refuses_everything() -> None:
    parsed = parse_csv_bytes(b"user;action\nana@x.example;reset-pin\n")
    plan = await build_plan(parsed.requests, PlanContext(graph=None, offline_reason="offline"))
    assert plan.items[0].verdict is Verdict.PROBLEM
    assert plan.items[0].main_problem is not None
    assert plan.items[0].main_problem.code is ProblemCode.OFFLINE
