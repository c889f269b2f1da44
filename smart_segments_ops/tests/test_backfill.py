"""The backfill command's slicing, arguments and dbt calls, with dbt replaced by a recorder."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from smart_segments_ops.backfill import backfill, date_slices, parse_args

day = dt.date.fromisoformat


def never_built(common, variables):
    """A warehouse with no build yet: no current as-of date to restore."""
    return None


def test_slices_cover_the_range_without_gaps_or_overlaps() -> None:
    assert date_slices(day("2026-01-30"), day("2026-02-03"), 2) == [
        (day("2026-01-30"), day("2026-01-31")),
        (day("2026-02-01"), day("2026-02-02")),
        (day("2026-02-03"), day("2026-02-03")),
    ]
    assert date_slices(day("2026-03-01"), day("2026-03-01"), 31) == [
        (day("2026-03-01"), day("2026-03-01"))
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--from", "2026-03-02", "--to", "2026-03-01"],
            "--from 2026-03-02 is after --to 2026-03-01",
        ),
        (
            ["--from", "2026-02-30", "--to", "2026-03-01"],
            "not a date in the form YYYY-MM-DD: '2026-02-30'",
        ),
        (
            ["--from", "2026-03-01", "--to", "2026-03-02", "--days-per-build", "0"],
            "must be at least 1",
        ),
        (["--from", "2026-03-01", "--to", "2026-03-02", "--vars", "{x"], "--vars is not JSON"),
    ],
)
def test_bad_arguments_exit_with_one_line(argv, message, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        parse_args(argv)
    assert exited.value.code == 2
    assert message in capsys.readouterr().err


def test_one_build_per_slice_then_tests() -> None:
    calls = []
    args = parse_args(["--from", "2026-03-01", "--to", "2026-03-03", "--days-per-build", "2",
                       "--vars", '{"raw_data_path": "x"}', "--", "--target", "dev"])  # fmt: skip
    out = io.StringIO()
    assert (
        backfill(
            args,
            invoke=lambda command, variables: calls.append((command, variables)) or True,
            out=out,
            current_date=never_built,
        )
        == 0
    )
    assert calls == [
        (["build", "--selector", "as_of_independent", "--resource-type", "model", "--resource-type", "seed",
          "--quiet", "--target", "dev"], {"raw_data_path": "x"}),
        (["run", "--selector", "backfill_slice", "--quiet", "--target", "dev"],
         {"raw_data_path": "x", "as_of_date": "2026-03-02", "segments__backfill_from_date": "2026-03-01"}),
        (["run", "--selector", "backfill_slice", "--quiet", "--target", "dev"],
         {"raw_data_path": "x", "as_of_date": "2026-03-03", "segments__backfill_from_date": "2026-03-03"}),
        (["test", "--selector", "backfill_slice", "--quiet", "--target", "dev"], {"raw_data_path": "x", "as_of_date": "2026-03-03"}),
    ]  # fmt: skip
    assert "Backfilling 3 dates, 2026-03-01 .. 2026-03-03, in 2 build(s)." in out.getvalue()
    assert "[2/2] 2026-03-03 .. 2026-03-03: done" in out.getvalue()


def test_a_failed_slice_stops_and_says_where_to_resume() -> None:
    args = parse_args(
        ["--from", "2026-03-01", "--to", "2026-03-05", "--days-per-build", "2", "--skip-staging"]
    )
    calls = []

    def invoke(command, variables):
        calls.append(variables.get("segments__backfill_from_date"))
        return len(calls) < 2

    out = io.StringIO()
    assert backfill(args, invoke=invoke, out=out, current_date=never_built) == 1
    assert calls == ["2026-03-01", "2026-03-03"]
    assert "rerun with --from 2026-03-03 to go on" in out.getvalue()


def test_warnings_are_listed_after_their_step_and_summed_up_at_the_end() -> None:
    from smart_segments_ops.backfill import DbtOutcome

    args = parse_args(["--from", "2026-03-01", "--to", "2026-03-02", "--skip-staging"])
    outcomes = iter(
        [
            DbtOutcome(
                True,
                [
                    "assert_segment_sizes_change_gradually: Got 2 results, configured to warn if != 0"
                ],
            ),
            DbtOutcome(
                True, ["segment_size_guardrail_b: Got 1 result, configured to warn if != 0"]
            ),
        ]
    )
    out = io.StringIO()
    assert (
        backfill(
            args,
            invoke=lambda command, variables: next(outcomes),
            out=out,
            current_date=never_built,
        )
        == 0
    )
    text = out.getvalue()
    assert "[1/1] 2026-03-01 .. 2026-03-02: done in" in text
    assert ", 1 warning(s)\n  WARN assert_segment_sizes_change_gradually: Got 2 results" in text
    assert text.endswith(
        "2 warning(s) during the backfill (listed above):\n"
        "  WARN assert_segment_sizes_change_gradually: Got 2 results, configured to warn if != 0\n"
        "  WARN segment_size_guardrail_b: Got 1 result, configured to warn if != 0\n"
    )


def test_the_present_is_computed_again_after_the_slices() -> None:
    """A warehouse built as of 2026-06-30: backfilling March leaves its current tables as of
    2026-06-30 (the second-day finding: they were left as of the backfill's last date)."""
    args = parse_args(["--from", "2026-03-01", "--to", "2026-03-02", "--skip-staging"])
    calls = []
    asked = []
    out = io.StringIO()
    code = backfill(
        args,
        invoke=lambda command, variables: calls.append((command, variables)) or True,
        out=out,
        current_date=lambda common, variables: asked.append(common) or day("2026-06-30"),
    )
    assert code == 0
    assert asked == [[]]
    assert calls == [
        (["run", "--selector", "backfill_slice", "--quiet"],
         {"as_of_date": "2026-03-02", "segments__backfill_from_date": "2026-03-01"}),
        (["run", "--selector", "backfill_slice", "--quiet"], {"as_of_date": "2026-06-30"}),
        (["test", "--selector", "backfill_slice", "--quiet"], {"as_of_date": "2026-06-30"}),
    ]  # fmt: skip
    assert out.getvalue().endswith(
        "Recorded 2 dates; the current tables are as of 2026-06-30 as before the backfill; "
        "nothing was published, the activation exports are as they were.\n"
    )
