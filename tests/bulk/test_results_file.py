"""The results file's name for roster selections, and CSV parsing progress."""

from __future__ import annotations

from qrpin_gui.bulk import BulkAction, parse_csv_bytes, selection_results_name


def test_selection_results_name_is_stable_per_action_and_people() -> None:
    ids = ["b-2", "a-1", "c-3"]
    name = selection_results_name(BulkAction.RESET_PIN, ids)
    assert name.startswith("bulk-reset-pin-") and name.endswith(".results.csv")
    # the same people in any order (and any case) -> the same file: a re-run resumes
    assert selection_results_name(BulkAction.RESET_PIN, reversed(ids)) == name
    assert selection_results_name(BulkAction.RESET_PIN, ["C-3", "A-1", "b-2", "a-1"]) == name
    # another action or other people -> another file
    assert selection_results_name(BulkAction.EXTEND, ids) != name
    assert selection_results_name(BulkAction.RESET_PIN, ids[:2]) != name
    assert "a-1" not in name  # no user id in the name


def test_parse_progress_reaches_the_end() -> None:
    body = "".join(f"user{i}@x.example;reset-pin\n" for i in range(12_000))
    seen: list[tuple[int, int]] = []
    parsed = parse_csv_bytes(
        ("user;action\n" + body).encode(), progress=lambda d, t: seen.append((d, t))
    )
    assert len(parsed.requests) == 12_000
    assert len(seen) >= 3  # every 5000 records, and the end
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert seen[-1][0] == seen[-1][1]
