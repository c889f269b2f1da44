"""Write the segment report: one self-contained static HTML file.

    python -m smart_segments_ops.report --warehouse data/smart_segments.duckdb --out reports/segments.html

No server and no network needed to view it: every chart is inline SVG
drawn here, the data behind each chart is inline JSON (a `<script
type="application/json" id="data-<chart>">` block, shown as a table on
request), and the one small script is inline too. Charts: segment sizes
over time, conversion rate with its 95% interval against the baseline,
lift and significance, the overlap heatmap, the RFM grid, and the
propensity models' ROC and lift curves.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb

CHARTS = ["sizes", "conversion", "lift", "overlap", "rfm", "propensity"]
PALETTE = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777"]


def query(connection: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    relation = connection.sql(sql)
    names = relation.columns
    return [
        dict(zip(names, [_plain(value) for value in row], strict=True))
        for row in relation.fetchall()
    ]


def _plain(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return float(value)


def load(warehouse: Path, read_only: bool = True) -> dict[str, list[dict]]:
    with duckdb.connect(str(warehouse), read_only=read_only) as connection:
        latest = "(select max(as_of_date) from marts.segment_performance)"
        return {
            "sizes": query(
                connection,
                "select as_of_date, segment_name, members from marts.segment_performance order by 2, 1",
            ),
            "conversion": query(
                connection,
                "select segment_name, cohort_members, conversion_rate, conversion_ci_low, conversion_ci_high, "
                f"baseline_conversion_rate from marts.segment_performance where as_of_date = {latest} "
                "and cohort_members > 0 order by conversion_rate desc",
            ),
            "lift": query(
                connection,
                "select segment_name, conversion_lift, conversion_p_value, conversion_q_value "
                f"from marts.segment_performance where as_of_date = {latest} and conversion_lift is not null "
                "order by conversion_lift desc",
            ),
            "overlap": query(
                connection,
                "select segment_a, segment_b, jaccard_index from marts.fct_segment_overlap order by 1, 2",
            ),
            "rfm": query(
                connection,
                """
                select grid.r_score, grid.fm_score, grid.rfm_segment, count(customers.user_id) as customers
                from staging.rfm_segment_grid as grid
                left join marts.dim_customers as customers
                    on grid.r_score = customers.r_score and grid.fm_score = customers.fm_score
                group by 1, 2, 3 order by 1, 2
                """,
            ),
            "propensity": query(
                connection,
                """
                select model_name, scorer, decile, users, outcomes, mean_score, observed_rate
                from marts.fct_propensity_calibration order by 1, 2, 3
                """,
            ),
            "roc": query(
                connection,
                """
                select model_name, scorer, score, has_outcome
                from intermediate.int_propensity_evaluation_scores order by 1, 2, score desc, user_id desc
                """,
            ),
            "evaluation": query(
                connection,
                "select model_name, scorer, auc, base_rate, top_decile_lift from marts.fct_propensity_evaluation "
                "order by 1, 2",
            ),
        }


# --- drawing ---------------------------------------------------------------------------------


def _svg(width: int, height: int, body: list[str], label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{html.escape(label)}">' + "".join(body) + "</svg>"
    )


def _text(
    x: float, y: float, text: str, size: int = 11, anchor: str = "start", **attributes
) -> str:
    extra = "".join(f' {key.replace("_", "-")}="{value}"' for key, value in attributes.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{extra}>'
        f"{html.escape(str(text))}</text>"
    )


def line_chart(rows: list[dict]) -> str:
    dates = sorted({row["as_of_date"] for row in rows})
    segments = sorted({row["segment_name"] for row in rows})
    top = sorted(
        segments, key=lambda s: -max(r["members"] for r in rows if r["segment_name"] == s)
    )[:8]
    width, height, left, bottom = 760, 340, 60, 40
    peak = max([row["members"] for row in rows] + [1])
    body = []

    def x(index: int) -> float:
        return left + index * (width - left - 170) / max(1, len(dates) - 1)

    def y(value: float) -> float:
        return height - bottom - value / peak * (height - bottom - 20)

    for index, date in enumerate(dates):
        body.append(_text(x(index), height - 15, date, 10, "middle"))
    body.append(_text(10, 20, f"members (max {peak:,})", 10))
    for number, segment in enumerate(top):
        points = [
            (x(dates.index(r["as_of_date"])), y(r["members"]))
            for r in rows
            if r["segment_name"] == segment
        ]
        color = PALETTE[number % len(PALETTE)]
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        body.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{path}"/>')
        body.append(_text(width - 160, 30 + number * 16, segment, 11, fill=color))
    return _svg(width, height, body, "Segment sizes over time")


def interval_chart(rows: list[dict]) -> str:
    height = 24 + 18 * len(rows)
    width, left = 760, 200
    peak = max([row["conversion_ci_high"] or 0 for row in rows] + [0.01])

    def x(value: float) -> float:
        return left + value / peak * (width - left - 20)

    body = []
    for index, row in enumerate(rows):
        y = 20 + index * 18
        body.append(_text(left - 8, y + 4, row["segment_name"], 11, "end"))
        if row["conversion_ci_low"] is not None:
            body.append(
                f'<line x1="{x(row["conversion_ci_low"]):.1f}" x2="{x(row["conversion_ci_high"]):.1f}" '
                f'y1="{y}" y2="{y}" stroke="#64748b" stroke-width="2"/>'
            )
        body.append(f'<circle cx="{x(row["conversion_rate"]):.1f}" cy="{y}" r="4" fill="#2563eb"/>')
        if row["baseline_conversion_rate"] is not None:
            bx = x(row["baseline_conversion_rate"])
            body.append(
                f'<line x1="{bx:.1f}" x2="{bx:.1f}" y1="{y - 6}" y2="{y + 6}" stroke="#dc2626"/>'
            )
    return _svg(width, height, body, "Conversion rate with 95% interval against the baseline")


def lift_chart(rows: list[dict]) -> str:
    height = 24 + 18 * len(rows)
    width, left = 760, 200
    peak = max([row["conversion_lift"] for row in rows] + [1.0])

    def x(value: float) -> float:
        return left + value / peak * (width - left - 80)

    body = [
        f'<line x1="{x(1):.1f}" x2="{x(1):.1f}" y1="0" y2="{height}" stroke="#94a3b8" stroke-dasharray="4"/>'
    ]
    for index, row in enumerate(rows):
        y = 12 + index * 18
        significant = row["conversion_q_value"] is not None and row["conversion_q_value"] < 0.05
        color = (
            "#16a34a"
            if significant and row["conversion_lift"] >= 1
            else "#dc2626"
            if significant
            else "#cbd5e1"
        )
        body.append(_text(left - 8, y + 10, row["segment_name"], 11, "end"))
        body.append(
            f'<rect x="{left}" y="{y}" width="{max(0.0, x(row["conversion_lift"]) - left):.1f}" height="13" '
            f'fill="{color}"/>'
        )
        q = row["conversion_q_value"]
        body.append(
            _text(
                x(row["conversion_lift"]) + 4,
                y + 10,
                f"{row['conversion_lift']:.2f}  q={q:.2g}"
                if q is not None
                else f"{row['conversion_lift']:.2f}",
                10,
            )
        )
    return _svg(width, height, body, "Conversion lift by segment; green/red: q < 0.05")


def heatmap(rows: list[dict]) -> str:
    segments = sorted({row["segment_a"] for row in rows})
    cell, left, top = 14, 170, 170
    size = left + cell * len(segments) + 10
    values = {(row["segment_a"], row["segment_b"]): row["jaccard_index"] for row in rows}
    body = []
    for index, segment in enumerate(segments):
        body.append(_text(left - 4, top + index * cell + 10, segment, 9, "end"))
        body.append(_text(left + index * cell + 10, top - 4, segment, 9, "start",
                          transform=f"rotate(-90 {left + index * cell + 10} {top - 4})"))  # fmt: skip
        for other_index, other in enumerate(segments):
            value = values.get((segment, other), 0.0)
            shade = int(255 - 200 * value)
            body.append(
                f'<rect x="{left + other_index * cell}" y="{top + index * cell}" width="{cell - 1}" '
                f'height="{cell - 1}" fill="rgb({shade},{shade},255)"><title>{html.escape(segment)} / '
                f"{html.escape(other)}: {value:.2f}</title></rect>"
            )
    return _svg(size, top + cell * len(segments) + 10, body, "Segment overlap (Jaccard index)")


def rfm_grid(rows: list[dict]) -> str:
    cell, left, top = 110, 50, 30
    peak = max([row["customers"] for row in rows] + [1])
    body = [
        _text(left + 2.5 * cell, 16, "fm_score", 11, "middle"),
        _text(12, top + 2.5 * cell, "r", 11),
    ]
    for row in rows:
        x = left + (row["fm_score"] - 1) * cell
        y = top + (5 - row["r_score"]) * cell
        shade = int(245 - 160 * row["customers"] / peak)
        body.append(
            f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="rgb({shade},{shade + 8},250)"/>'
        )
        body.append(_text(x + cell / 2, y + cell / 2 - 6, row["rfm_segment"], 10, "middle"))
        body.append(
            _text(
                x + cell / 2,
                y + cell / 2 + 12,
                f"{row['customers']:,}",
                13,
                "middle",
                font_weight="bold",
            )
        )
        body.append(_text(x + 6, y + 14, f"r{row['r_score']} fm{row['fm_score']}", 9))
    return _svg(left + 5 * cell + 10, top + 5 * cell + 10, body, "RFM grid with customers per cell")


def roc_points(rows: list[dict]) -> dict[str, list[tuple[float, float]]]:
    curves: dict[str, list[tuple[float, float]]] = {}
    for key in sorted({(row["model_name"], row["scorer"]) for row in rows}):
        scored = [row for row in rows if (row["model_name"], row["scorer"]) == key]
        positives = sum(1 for row in scored if row["has_outcome"]) or 1
        negatives = (len(scored) - sum(1 for row in scored if row["has_outcome"])) or 1
        points, true_positive, false_positive = [(0.0, 0.0)], 0, 0
        for row in scored:  # already by score descending
            true_positive += 1 if row["has_outcome"] else 0
            false_positive += 0 if row["has_outcome"] else 1
            points.append((false_positive / negatives, true_positive / positives))
        step = max(1, len(points) // 200)
        curves[f"{key[0]} / {key[1]}"] = [*points[::step], points[-1]]
    return curves


def propensity_charts(calibration: list[dict], roc: list[dict]) -> str:
    size, pad = 320, 36
    curves = roc_points(roc)
    body = [f'<rect x="{pad}" y="10" width="{size - pad - 10}" height="{size - pad - 10}" fill="none" stroke="#94a3b8"/>',
            f'<line x1="{pad}" y1="{size - pad}" x2="{size - 10}" y2="10" stroke="#cbd5e1" stroke-dasharray="4"/>',
            _text(size / 2, size - 8, "false positive rate", 10, "middle"), _text(4, 20, "TPR", 10)]  # fmt: skip
    for number, (label, points) in enumerate(curves.items()):
        path = " ".join(
            f"{pad + fx * (size - pad - 10):.1f},{size - pad - ty * (size - pad - 10):.1f}"
            for fx, ty in points
        )
        color = PALETTE[number % len(PALETTE)]
        body.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{path}"/>')
        body.append(_text(size + 20, 20 + number * 16, label, 11, fill=color))
    roc_svg = _svg(
        size + 220, size, body, "ROC curves of the propensity models and the recency baseline"
    )

    lift_body, width = [], 560
    keys = sorted({(row["model_name"], row["scorer"]) for row in calibration})
    base = {key: (sum(r["outcomes"] for r in calibration if (r["model_name"], r["scorer"]) == key)
                  / max(1, sum(r["users"] for r in calibration if (r["model_name"], r["scorer"]) == key))) for key in keys}  # fmt: skip
    lifts = [(row, row["observed_rate"] / base[(row["model_name"], row["scorer"])]) for row in calibration
             if base[(row["model_name"], row["scorer"])] > 0]  # fmt: skip
    peak = max([lift for _, lift in lifts] + [1.0])
    for number, key in enumerate(keys):
        points = [
            (row["decile"], lift)
            for row, lift in lifts
            if (row["model_name"], row["scorer"]) == key
        ]
        path = " ".join(
            f"{40 + (d - 1) * 45:.1f},{250 - lift / peak * 220:.1f}" for d, lift in points
        )
        color = PALETTE[number % len(PALETTE)]
        lift_body.append(
            f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{path}"/>'
        )
        lift_body.append(
            _text(width - 120, 20 + number * 16, f"{key[0]} / {key[1]}", 10, fill=color)
        )
    lift_body.append(
        _text(40, 270, "decile 1 (highest scores) .. 10; y: outcome rate / base rate", 10)
    )
    return roc_svg + _svg(width, 280, lift_body, "Lift by decile")


# --- page -------------------------------------------------------------------------------------

SCRIPT = """
document.querySelectorAll('button[data-chart]').forEach(function (button) {
  button.addEventListener('click', function () {
    var chart = button.getAttribute('data-chart');
    var holder = document.getElementById('table-' + chart);
    if (holder.childElementCount === 0) {
      var rows = JSON.parse(document.getElementById('data-' + chart).textContent);
      var table = document.createElement('table');
      var columns = rows.length ? Object.keys(rows[0]) : [];
      var head = table.insertRow();
      columns.forEach(function (c) { var th = document.createElement('th'); th.textContent = c; head.appendChild(th); });
      rows.slice(0, 500).forEach(function (r) {
        var tr = table.insertRow();
        columns.forEach(function (c) { tr.insertCell().textContent = r[c] === null ? '' : r[c]; });
      });
      holder.appendChild(table);
    }
    holder.hidden = !holder.hidden;
  });
});
document.body.setAttribute('data-report-ready', 'yes');
"""


def render(data: dict[str, list[dict]]) -> str:
    sections = {
        "sizes": ("Segment sizes over time", line_chart(data["sizes"]), data["sizes"]),
        "conversion": ("Conversion rate with its 95% interval (dot, bar) against the rest of the base (red tick)",
                       interval_chart(data["conversion"]), data["conversion"]),
        "lift": ("Conversion lift and significance (Benjamini-Hochberg q < 0.05 in colour)",
                 lift_chart(data["lift"]), data["lift"]),
        "overlap": ("Segment overlap (Jaccard index; darker is more)", heatmap(data["overlap"]), data["overlap"]),
        "rfm": ("RFM grid: customers per (r_score, fm_score) cell", rfm_grid(data["rfm"]), data["rfm"]),
        "propensity": ("Propensity models: ROC curves and lift by decile, against the recency baseline",
                       propensity_charts(data["propensity"], data["roc"]), data["propensity"]),
    }  # fmt: skip

    def number(value, spec: str) -> str:
        return "" if value is None else format(value, spec)

    evaluation = "".join(
        f"<tr><td>{html.escape(r['model_name'])}</td><td>{html.escape(r['scorer'])}</td>"
        f"<td>{number(r['auc'], '.3f')}</td><td>{number(r['base_rate'], '.3%')}</td>"
        f"<td>{number(r['top_decile_lift'], '.2f')}</td></tr>"
        for r in data["evaluation"]
    )
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>smart-segments report</title>",
        "<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:1100px;color:#0f172a}"
        "section{margin-bottom:2.5rem}table{border-collapse:collapse;font-size:12px}"
        "td,th{border:1px solid #e2e8f0;padding:2px 6px}button{margin:.3rem 0}</style></head><body>",
        "<h1>smart-segments: segments and how they perform</h1>",
    ]
    for chart in CHARTS:
        title, svg, rows = sections[chart]
        payload = json.dumps(rows).replace("</", "<\\/")
        parts.append(
            f"<section id='chart-{chart}' data-rows='{len(rows)}'><h2>{html.escape(title)}</h2>{svg}"
            f"<div><button data-chart='{chart}'>show the data</button></div>"
            f"<div id='table-{chart}' hidden></div>"
            f"<script type='application/json' id='data-{chart}'>{payload}</script></section>"
        )
        if chart == "propensity":
            parts.append(
                "<table><tr><th>model</th><th>scorer</th><th>AUC</th><th>base rate</th><th>top-decile lift</th></tr>"
                f"{evaluation}</table>"
            )
    parts.append(f"<script>{SCRIPT}</script></body></html>")
    return "".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m smart_segments_ops.report", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--warehouse", type=Path, default=Path("data/smart_segments.duckdb"))
    parser.add_argument("--out", type=Path, default=Path("reports/segments.html"))
    parser.add_argument(
        "--read-write",
        action="store_true",
        help="open the warehouse read-write (DuckDB refuses read-only in a process that has it open already)",
    )
    args = parser.parse_args(argv)
    if not args.warehouse.exists():
        print(f"error: no warehouse at {args.warehouse} (run `make build` first)", file=sys.stderr)
        return 1
    try:
        data = load(args.warehouse, read_only=not args.read_write)
    except duckdb.Error as error:
        print(
            f"error: the warehouse lacks what the report reads ({error}); run `make build`",
            file=sys.stderr,
        )
        return 1
    empty = [chart for chart in CHARTS if not data[chart]]
    if empty:
        print(
            f"error: no data for {', '.join(empty)}; build the warehouse on data with several as-of dates",
            file=sys.stderr,
        )
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(data))
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes, {len(CHARTS)} charts)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
