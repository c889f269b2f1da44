"""The HTML report built from a warehouse: every chart present with its data.

Where a headless browser is installed (Debian's chromium), the page is
also rendered and must run its script to the end without an error.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree

import pytest

from smart_segments_ops.report import CHARTS, main
from tests.conftest import DbtProject


@pytest.fixture(scope="module")
def page(generated_sample: DbtProject, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("report") / "segments.html"
    # read-write: this process (dbt) has the file open already
    assert (
        main(["--warehouse", str(generated_sample.database), "--out", str(out), "--read-write"])
        == 0
    )
    return out, out.read_text()


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
    svgs = re.findall(r"<svg .*?</svg>", section.group(2), re.S)
    assert svgs
    for svg in svgs:
        root = ElementTree.fromstring(svg)  # well-formed
        assert len(list(root)) > 3, f"{chart}: an empty drawing"


def test_the_page_needs_no_network(page) -> None:
    _, text = page
    assert not re.search(r"(src|href)=['\"]?https?:", text)
    assert "<script src" not in text


def test_the_chart_data_matches_the_warehouse(page, generated_sample: DbtProject) -> None:
    _, text = page
    rows = json.loads(re.search(r"id='data-conversion'>(.*?)</script>", text, re.S).group(1))
    latest = generated_sample.scalar("select max(as_of_date) from marts.segment_performance")
    expected = generated_sample.query(
        f"select segment_name, conversion_rate from marts.segment_performance where as_of_date = '{latest}' "
        "and cohort_members > 0 order by conversion_rate desc"
    )
    assert [(row["segment_name"], row["conversion_rate"]) for row in rows] == expected


def test_a_missing_warehouse_is_a_clear_error(tmp_path, capsys) -> None:
    assert (
        main(["--warehouse", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "x.html")]) == 1
    )
    assert "no warehouse at" in capsys.readouterr().err


BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    BROWSER is None, reason="no headless chromium installed (Debian package chromium)"
)
def test_the_page_renders_without_script_errors(page) -> None:
    path, _ = page
    result = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert 'data-report-ready="yes"' in result.stdout, "the page script did not run to the end"
    assert "Uncaught" not in result.stderr
