"""The HTML report built from a warehouse: every chart, its data, and a browser that draws it.

The page is rendered in headless Chromium (Debian's chromium; .ci/run
installs it and sets SEGMENTS_REQUIRE_BROWSER=1, so CI fails rather than
skips without it). The browser must draw every chart with axes, run the
page's script to the end and log no error or warning; a PNG of each chart
is saved under reports/screenshots/ for people to look at.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from smart_segments_ops import report
from smart_segments_ops.report import CHARTS, main
from tests.conftest import REPO, DbtProject

SCREENSHOTS = REPO / "reports" / "screenshots"
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
# no network: every name resolves to nothing
OFFLINE = ["--headless", "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND"]


@pytest.fixture(scope="module")
def page(generated_sample: DbtProject, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("report") / "segments.html"
    # read-write: this process (dbt) has the file open already
    assert (
        main(["--warehouse", str(generated_sample.database), "--out", str(out), "--read-write"])
        == 0
    )
    return out, out.read_text()


def specs(text: str) -> dict:
    return json.loads(
        re.search(r"id='chart-specs'>(.*?)</script>", text, re.S).group(1).replace("<\\/", "</")
    )


def encodings(spec: dict) -> list[dict]:
    """Every encoding of a spec and of its layers and concatenated views."""
    found = [spec["encoding"]] if "encoding" in spec else []
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for view in spec.get(key, []):
            found += encodings(view)
    return found


@pytest.mark.parametrize("chart", CHARTS)
def test_every_chart_is_there_with_its_data(page, chart: str) -> None:
    _, text = page
    section = re.search(
        rf"<section id='chart-{chart}' data-rows='(\d+)'>(.*?)</section>", text, re.S
    )
    assert section, f"no section for {chart}"
    rows = json.loads(
        re.search(rf"id='data-{chart}'>(.*?)</script>", section.group(2), re.S).group(1)
    )
    assert rows and len(rows) == int(section.group(1))
    assert f"<div id='vis-{chart}' class='chart'></div>" in section.group(2)
    # the table of what the chart draws
    table = re.search(
        r"<details><summary>The data \(([\d,]+) rows\)</summary><table>", section.group(2)
    )
    assert table and int(table.group(1).replace(",", "")) > 0


@pytest.mark.parametrize("chart", CHARTS)
def test_every_chart_has_titled_axes_and_tooltips(page, chart: str) -> None:
    _, text = page
    spec = specs(text)[chart]
    found = encodings(spec)
    assert found
    positional = [e[channel] for e in found for channel in ("x", "y") if channel in e]
    titled = [channel["title"] for channel in positional if channel.get("title")]
    assert len(titled) >= 2, f"{chart}: axes without titles"
    assert any("tooltip" in e for e in found), f"{chart}: no tooltips"


def test_the_page_needs_no_network(page) -> None:
    _, text = page
    assert "<script src" not in text and "<link" not in text
    assert not re.search(r"<(img|iframe)[^>]+src=['\"]?https?:", text)
    assert "vegaEmbed" in text  # the library is in the page


def test_the_chart_data_matches_the_warehouse(page, generated_sample: DbtProject) -> None:
    _, text = page
    rows = json.loads(re.search(r"id='data-conversion'>(.*?)</script>", text, re.S).group(1))
    latest = generated_sample.scalar("select max(as_of_date) from marts.segment_performance")
    expected = generated_sample.query(
        f"select segment_name, conversion_rate from marts.segment_performance where as_of_date = '{latest}' "
        "and cohort_members > 0 order by conversion_rate desc, segment_name"
    )
    assert [(row["segment_name"], row["conversion_rate"]) for row in rows] == expected
    spec_rows = specs(text)["conversion"]["data"]["values"]
    assert [row["segment_name"] for row in spec_rows] == [name for name, _ in expected]


def test_every_campaign_has_an_interval_or_says_why_not(page, generated_sample: DbtProject) -> None:
    _, text = page
    rows = json.loads(re.search(r"id='data-campaigns'>(.*?)</script>", text, re.S).group(1))
    as_of = generated_sample.scalar("select max(as_of_date) from marts.segment_performance")
    assert f"<p id='as-of'>As of {as_of}, the build's as-of date." in text
    assert specs(text)["campaigns"]["title"]["subtitle"] == f"as of {as_of}"
    assert rows
    for row in rows:
        if row["money_status"] == "tested":
            assert row["incremental_revenue_ci_low"] <= row["incremental_revenue_usd"]
            assert row["incremental_revenue_usd"] <= row["incremental_revenue_ci_high"]
            assert row["mde_high"] is None
        else:
            # marked, with the smallest effect its groups could have shown
            assert row["incremental_revenue_usd"] is None
            assert row["campaign"].endswith(" (untested)") and row["money_status"] != "tested"
            assert row["mde_low"] == -row["mde_high"] and row["mde_high"] > 0


def test_the_report_reads_only_the_marts_its_exposure_lists() -> None:
    source = inspect.getsource(report.load)
    read = set(re.findall(r"\b(marts|intermediate|staging|main)\.([a-z_0-9]+)", source))
    assert {schema for schema, _ in read} == {"marts"}
    exposures = yaml.safe_load(
        (REPO / "models/marts/segments/_segments__exposures.yml").read_text()
    )["exposures"]
    listed = next(e for e in exposures if e["name"] == "segment_report")["depends_on"]
    assert {name for _, name in read} == {re.search(r"ref\('(\w+)'\)", r).group(1) for r in listed}


def test_a_missing_warehouse_is_a_clear_error(tmp_path, capsys) -> None:
    assert (
        main(["--warehouse", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "x.html")]) == 1
    )
    assert "no warehouse at" in capsys.readouterr().err


def require_browser() -> str:
    if BROWSER is None:
        if os.environ.get("SEGMENTS_REQUIRE_BROWSER") == "1":
            pytest.fail(
                "no headless chromium, and SEGMENTS_REQUIRE_BROWSER=1 (apt-get install chromium)"
            )
        pytest.skip("no headless chromium installed (Debian package chromium)")
    return BROWSER


def test_the_browser_draws_every_chart_without_errors(page) -> None:
    browser = require_browser()
    path, _ = page
    result = subprocess.run(
        [browser, *OFFLINE, "--virtual-time-budget=20000", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert 'data-report-ready="yes"' in dom, "the page script did not run to the end"
    errors = json.loads(
        re.search(r'data-errors="([^"]*)"', dom)
        .group(1)
        .replace("&quot;", '"')
        .replace("&amp;", "&")
    )
    assert errors == []
    for chart in CHARTS:
        drawn = re.search(rf'id="vis-{chart}"[^>]*>(.*?)</svg>', dom, re.S)
        assert drawn, f"{chart} was not drawn"
        svg = drawn.group(1)
        assert svg.count('aria-roledescription="axis"') >= 2, f"{chart}: no axes"
        assert "tick" in svg, f"{chart}: no ticks"
        assert 'aria-roledescription="legend"' in svg, f"{chart}: no legend"


def test_a_screenshot_of_every_chart(page) -> None:
    """reports/screenshots/<chart>.png: each chart alone (the page's #chart-<name> view)."""
    browser = require_browser()
    path, _ = page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for chart in CHARTS:
        target = SCREENSHOTS / f"{chart}.png"
        target.unlink(missing_ok=True)
        result = subprocess.run(
            [browser, *OFFLINE, "--virtual-time-budget=20000", "--hide-scrollbars",
             "--window-size=1280,900", f"--screenshot={target}", f"{path.as_uri()}#chart-{chart}"],
            capture_output=True, text=True, timeout=180, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-2000:]
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert target.stat().st_size > 20_000, f"{chart}: a blank screenshot"


@pytest.fixture(autouse=True, scope="module")
def _screenshots_dir_is_ignored() -> None:
    assert "reports/" in Path(REPO / ".gitignore").read_text()
