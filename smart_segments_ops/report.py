"""Write the segment report: one self-contained static HTML file.

    python -m smart_segments_ops.report --warehouse data/smart_segments.duckdb --out reports/segments.html

The charts are Vega-Lite specs built with Altair and drawn in the page by
vega-embed, whose JavaScript (Vega, Vega-Lite, vega-embed) vl-convert
bundles into the file: no server and no network needed to view it. Every
chart has axes with ticks, a legend where colour means something, tooltips,
and its data as a table under it (and as JSON, `<script
type="application/json" id="data-<chart>">`, for machines). The report
reads marts only (the exposure segment_report lists them): segment sizes
over time, conversion rate with its 95% interval against the baseline, lift
and significance, the overlap heatmap, the RFM grid, and the propensity
models' ROC and lift curves, and each campaign's incremental revenue
with its interval against the revenue click attribution would claim.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import altair as alt
import duckdb
import vl_convert

CHARTS = ["sizes", "conversion", "lift", "overlap", "rfm", "propensity", "campaigns"]
# segments drawn in the sizes chart: the largest, so the lines stay readable
MAX_SIZE_SEGMENTS = 10
WIDTH = 640


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
    """What the report draws, read from the marts."""
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
                "and cohort_members > 0 order by conversion_rate desc, segment_name",
            ),
            "lift": query(
                connection,
                "select segment_name, conversion_lift, conversion_p_value, conversion_q_value "
                f"from marts.segment_performance where as_of_date = {latest} and conversion_lift is not null "
                "order by conversion_lift desc, segment_name",
            ),
            "overlap": query(
                connection,
                "select segment_a, segment_b, jaccard_index from marts.fct_segment_overlap order by 1, 2",
            ),
            "rfm": query(
                connection,
                """
                select grid.r_score, grid.fm_score, grid.rfm_segment, count(customers.user_id) as customers
                from marts.dim_rfm_segment_grid as grid
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
                from marts.fct_propensity_evaluation_scores order by 1, 2, score desc, user_id desc
                """,
            ),
            "campaigns": query(
                connection,
                """
                select
                    campaign_id || ' ' || campaign_name
                    || case when money_status <> 'tested' then ' (untested)' else '' end as campaign,
                    target_segment, impact_status, money_status, treated_members, control_members, reach,
                    incremental_revenue_usd, incremental_revenue_ci_low, incremental_revenue_ci_high,
                    case when money_status <> 'tested' then -incremental_revenue_mde_usd end as mde_low,
                    case when money_status <> 'tested' then incremental_revenue_mde_usd end as mde_high,
                    attributed_revenue_usd, cast(cost_usd as double) as cost_usd,
                    roi, roas, roas_ci_low, roas_ci_high, attributed_roas, significant_measures,
                    cast(as_of_date as varchar) as as_of_date
                from marts.fct_campaign_impact
                where impact_status in ('measured', 'sample_ratio_mismatch')
                order by launch_date, campaign_id
                """,
            ),
            "build": query(
                connection,
                "select cast(max(as_of_date) as varchar) as as_of_date from marts.segment_performance",
            ),
            "evaluation": query(
                connection,
                "select model_name, scorer, auc, base_rate, top_decile_lift from marts.fct_propensity_evaluation "
                "order by 1, 2",
            ),
        }


# --- the charts: each returns the chart and the rows its table shows ---------------------------


def _values(rows: list[dict]) -> alt.Data:
    return alt.Data(values=rows)


def sizes_chart(rows: list[dict]) -> tuple[alt.TopLevelMixin, list[dict]]:
    peaks: dict[str, int] = {}
    for row in rows:
        peaks[row["segment_name"]] = max(peaks.get(row["segment_name"], 0), row["members"])
    largest = sorted(peaks, key=lambda name: (-peaks[name], name))[:MAX_SIZE_SEGMENTS]
    shown = [row for row in rows if row["segment_name"] in largest]
    chart = (
        alt.Chart(
            _values(shown), title=f"Members per as-of date, the {len(largest)} largest segments"
        )
        .mark_line(point=True)
        .encode(
            x=alt.X("as_of_date:T", title="as-of date", axis=alt.Axis(format="%Y-%m-%d")),
            y=alt.Y("members:Q", title="members", axis=alt.Axis(format=",d")),
            color=alt.Color("segment_name:N", title="segment", sort=largest),
            tooltip=[
                alt.Tooltip("segment_name:N", title="segment"),
                alt.Tooltip("as_of_date:T", title="as-of date", format="%Y-%m-%d"),
                alt.Tooltip("members:Q", format=","),
            ],
        )
        .properties(width=WIDTH, height=320)
    )
    return chart, shown


def conversion_chart(rows: list[dict]) -> tuple[alt.TopLevelMixin, list[dict]]:
    order = [row["segment_name"] for row in rows]
    base = alt.Chart(_values(rows)).encode(
        y=alt.Y("segment_name:N", title="segment", sort=order),
        tooltip=[
            alt.Tooltip("segment_name:N", title="segment"),
            alt.Tooltip("cohort_members:Q", title="cohort members", format=","),
            alt.Tooltip("conversion_rate:Q", title="conversion", format=".2%"),
            alt.Tooltip("conversion_ci_low:Q", title="95% interval from", format=".2%"),
            alt.Tooltip("conversion_ci_high:Q", title="95% interval to", format=".2%"),
            alt.Tooltip("baseline_conversion_rate:Q", title="rest of the base", format=".2%"),
        ],
    )
    legend = alt.Color(
        "measure:N",
        title=None,
        scale=alt.Scale(
            domain=["segment (95% interval)", "rest of the base"], range=["#2563eb", "#dc2626"]
        ),
    )
    interval = base.mark_rule(strokeWidth=2, color="#64748b").encode(
        x=alt.X("conversion_ci_low:Q", title="conversion rate", axis=alt.Axis(format="%")),
        x2="conversion_ci_high:Q",
    )
    point = (
        base.transform_calculate(measure="'segment (95% interval)'")
        .mark_point(filled=True, size=60)
        .encode(x="conversion_rate:Q", color=legend)
    )
    baseline = (
        base.transform_calculate(measure="'rest of the base'")
        .mark_tick(thickness=2, size=14)
        .encode(x="baseline_conversion_rate:Q", color=legend)
    )
    chart = (interval + point + baseline).properties(
        width=WIDTH,
        height=alt.Step(16),
        title="Conversion rate with its 95% interval, against the rest of the base",
    )
    return chart, rows


def lift_chart(rows: list[dict]) -> tuple[alt.TopLevelMixin, list[dict]]:
    shown = [
        {
            **row,
            "significance": "q < 0.05"
            if row["conversion_q_value"] is not None and row["conversion_q_value"] < 0.05
            else "not significant",
        }
        for row in rows
    ]
    order = [row["segment_name"] for row in rows]
    bars = (
        alt.Chart(_values(shown))
        .mark_bar()
        .encode(
            y=alt.Y("segment_name:N", title="segment", sort=order),
            x=alt.X("conversion_lift:Q", title="conversion lift (segment / rest of the base)"),
            color=alt.Color(
                "significance:N",
                title="Benjamini-Hochberg",
                scale=alt.Scale(
                    domain=["q < 0.05", "not significant"], range=["#2563eb", "#cbd5e1"]
                ),
            ),
            tooltip=[
                alt.Tooltip("segment_name:N", title="segment"),
                alt.Tooltip("conversion_lift:Q", title="lift", format=".2f"),
                alt.Tooltip("conversion_p_value:Q", title="p-value", format=".3g"),
                alt.Tooltip("conversion_q_value:Q", title="q-value", format=".3g"),
            ],
        )
    )
    no_lift = alt.Chart(_values([{"lift": 1.0}])).mark_rule(strokeDash=[4, 4]).encode(x="lift:Q")
    chart = (bars + no_lift).properties(
        width=WIDTH, height=alt.Step(16), title="Conversion lift (1 = no difference)"
    )
    return chart, shown


def overlap_chart(rows: list[dict]) -> tuple[alt.TopLevelMixin, list[dict]]:
    chart = (
        alt.Chart(_values(rows), title="Segment overlap: Jaccard index of the members")
        .mark_rect()
        .encode(
            x=alt.X("segment_a:N", title="segment", axis=alt.Axis(labelAngle=-60)),
            y=alt.Y("segment_b:N", title="segment"),
            color=alt.Color(
                "jaccard_index:Q", title="Jaccard", scale=alt.Scale(scheme="blues", domain=[0, 1])
            ),
            tooltip=[
                alt.Tooltip("segment_a:N", title="segment"),
                alt.Tooltip("segment_b:N", title="and segment"),
                alt.Tooltip("jaccard_index:Q", title="Jaccard index", format=".3f"),
            ],
        )
        .properties(width=alt.Step(14), height=alt.Step(14))
    )
    return chart, rows


def rfm_chart(rows: list[dict]) -> tuple[alt.TopLevelMixin, list[dict]]:
    base = alt.Chart(_values(rows)).encode(
        x=alt.X("fm_score:O", title="frequency-monetary score (fm_score)"),
        y=alt.Y("r_score:O", title="recency score (r_score)", sort="descending"),
        tooltip=[
            alt.Tooltip("rfm_segment:N", title="RFM segment"),
            alt.Tooltip("r_score:O", title="r_score"),
            alt.Tooltip("fm_score:O", title="fm_score"),
            alt.Tooltip("customers:Q", format=","),
        ],
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color("customers:Q", title="customers", scale=alt.Scale(scheme="greens"))
    )
    segment = base.mark_text(dy=-8, fontSize=10).encode(text="rfm_segment:N")
    count = base.mark_text(dy=8, fontSize=12, fontWeight="bold").encode(
        text=alt.Text("customers:Q", format=",")
    )
    chart = (cells + segment + count).properties(
        width=5 * 110, height=5 * 56, title="RFM grid: customers per (r_score, fm_score) cell"
    )
    return chart, rows


def roc_points(rows: list[dict]) -> list[dict]:
    """ROC curve points per (model, scorer) from rows sorted by score descending."""
    points = []
    for key in sorted({(row["model_name"], row["scorer"]) for row in rows}):
        scored = [row for row in rows if (row["model_name"], row["scorer"]) == key]
        positives = sum(1 for row in scored if row["has_outcome"]) or 1
        negatives = (len(scored) - sum(1 for row in scored if row["has_outcome"])) or 1
        curve, true_positive, false_positive = [(0.0, 0.0)], 0, 0
        for row in scored:
            true_positive += 1 if row["has_outcome"] else 0
            false_positive += 0 if row["has_outcome"] else 1
            curve.append((false_positive / negatives, true_positive / positives))
        step = max(1, len(curve) // 200)
        for fpr, tpr in [*curve[::step], curve[-1]]:
            points.append(
                {
                    "model": f"{key[0]} / {key[1]}",
                    "false_positive_rate": round(fpr, 6),
                    "true_positive_rate": round(tpr, 6),
                }
            )
    return points


def propensity_chart(
    calibration: list[dict], roc_rows: list[dict]
) -> tuple[alt.TopLevelMixin, list[dict]]:
    model = alt.Color("model:N", title="model / scorer")
    roc = roc_points(roc_rows)
    curves = (
        alt.Chart(_values(roc))
        .mark_line()
        .encode(
            x=alt.X(
                "false_positive_rate:Q", title="false positive rate", axis=alt.Axis(format="%")
            ),
            y=alt.Y("true_positive_rate:Q", title="true positive rate", axis=alt.Axis(format="%")),
            color=model,
            tooltip=[
                alt.Tooltip("model:N", title="model / scorer"),
                alt.Tooltip("false_positive_rate:Q", title="false positive rate", format=".1%"),
                alt.Tooltip("true_positive_rate:Q", title="true positive rate", format=".1%"),
            ],
        )
    )
    chance = (
        alt.Chart(_values([{"rate": 0.0}, {"rate": 1.0}]))
        .mark_line(strokeDash=[4, 4], color="#94a3b8")
        .encode(x="rate:Q", y="rate:Q")
    )
    totals: dict[tuple[str, str], list[int]] = {}
    for row in calibration:
        total = totals.setdefault((row["model_name"], row["scorer"]), [0, 0])
        total[0] += row["outcomes"]
        total[1] += row["users"]
    lifts = [
        {
            "model": f"{row['model_name']} / {row['scorer']}",
            "decile": row["decile"],
            "users": row["users"],
            "observed_rate": row["observed_rate"],
            "lift": row["observed_rate"] / (outcomes / users),
        }
        for row in calibration
        for outcomes, users in [totals[(row["model_name"], row["scorer"])]]
        if outcomes and users and row["observed_rate"] is not None
    ]
    lift = (
        alt.Chart(_values(lifts))
        .mark_line(point=True)
        .encode(
            x=alt.X("decile:O", title="decile (1 = highest scores)"),
            y=alt.Y("lift:Q", title="lift (outcome rate / base rate)"),
            color=model,
            tooltip=[
                alt.Tooltip("model:N", title="model / scorer"),
                alt.Tooltip("decile:O"),
                alt.Tooltip("users:Q", format=","),
                alt.Tooltip("observed_rate:Q", title="outcome rate", format=".2%"),
                alt.Tooltip("lift:Q", format=".2f"),
            ],
        )
    )
    chart = alt.hconcat(
        (curves + chance).properties(width=300, height=300, title="ROC curves"),
        lift.properties(width=300, height=300, title="Lift by decile"),
    ).properties(title="Propensity models against the recency baseline (held-out evaluation)")
    return chart, lifts


# --- the page ---------------------------------------------------------------------------------

# first in the page: every error and console error or warning is recorded on
# the body, where the browser test reads it (data-errors)
ERROR_HOOK = """
window.reportErrors = [];
window.addEventListener('error', function (event) { window.reportErrors.push('error: ' + event.message); });
window.addEventListener('unhandledrejection', function (event) {
  window.reportErrors.push('unhandled rejection: ' + event.reason);
});
['error', 'warn'].forEach(function (level) {
  var original = console[level];
  console[level] = function () {
    window.reportErrors.push(level + ': ' + Array.prototype.join.call(arguments, ' '));
    original.apply(console, arguments);
  };
});
"""

# last: draw every chart, then say so (data-report-ready) and list the errors;
# #chart-<name> in the address shows that chart alone (for screenshots)
DRAW = """
var specs = JSON.parse(document.getElementById('chart-specs').textContent);
var single = location.hash.replace('#chart-', '');
if (specs[single]) { document.body.classList.add('single'); }
Promise.all(Object.keys(specs).map(function (name) {
  return vegaEmbed('#vis-' + name, specs[name], {actions: false, renderer: 'svg'});
})).catch(function (error) {
  window.reportErrors.push('vega-embed: ' + error);
}).then(function () {
  document.body.setAttribute('data-errors', JSON.stringify(window.reportErrors));
  document.body.setAttribute('data-report-ready', 'yes');
});
"""

STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:1200px;color:#0f172a}
section{margin-bottom:3rem}
table{border-collapse:collapse;font-size:12px}
td,th{border:1px solid #e2e8f0;padding:2px 6px;text-align:left}
details{margin-top:.5rem}
body.single > section:not(:target), body.single > h1, body.single > p{display:none}
"""


def table(rows: list[dict]) -> str:
    if not rows:
        return "<p>No rows.</p>"
    columns = list(rows[0])
    head = "".join(f"<th>{html.escape(column)}</th>" for column in columns)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{'' if row[column] is None else html.escape(str(row[column]))}</td>"
            for column in columns
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def campaigns_chart(rows: list[dict]) -> tuple[alt.TopLevelMixin, list[dict]]:
    order = [row["campaign"] for row in rows]
    base = alt.Chart(_values(rows)).encode(
        y=alt.Y("campaign:N", title="campaign", sort=order, axis=alt.Axis(labelLimit=320)),
        tooltip=[
            alt.Tooltip("campaign:N"),
            alt.Tooltip("target_segment:N", title="segment (none: broadcast)"),
            alt.Tooltip("treated_members:Q", title="treated", format=","),
            alt.Tooltip("control_members:Q", title="control", format=","),
            alt.Tooltip("incremental_revenue_usd:Q", title="incremental revenue", format=",.0f"),
            alt.Tooltip("incremental_revenue_ci_low:Q", title="95% interval from", format=",.0f"),
            alt.Tooltip("incremental_revenue_ci_high:Q", title="95% interval to", format=",.0f"),
            alt.Tooltip("attributed_revenue_usd:Q", title="attributed revenue", format=",.0f"),
            alt.Tooltip("cost_usd:Q", title="cost", format=",.0f"),
            alt.Tooltip("roas:Q", title="ROAS", format=".2f"),
            alt.Tooltip("roas_ci_low:Q", title="ROAS 95% interval from", format=".2f"),
            alt.Tooltip("roas_ci_high:Q", title="ROAS 95% interval to", format=".2f"),
            alt.Tooltip("attributed_roas:Q", title="attributed ROAS", format=".2f"),
            alt.Tooltip("money_status:N", title="money"),
            alt.Tooltip("mde_high:Q", title="smallest detectable effect", format=",.0f"),
        ],
    )
    legend = alt.Color(
        "measure:N",
        title=None,
        scale=alt.Scale(
            domain=[
                "incremental (95% interval)",
                "untested: smallest detectable effect",
                "attributed to clicks",
                "cost",
            ],
            range=["#2563eb", "#94a3b8", "#f59e0b", "#dc2626"],
        ),
    )
    # where the money has no trustworthy figure: the range of effects its
    # groups could not tell from zero (the minimum detectable effect)
    undetectable = (
        base.transform_calculate(measure="'untested: smallest detectable effect'")
        .mark_rule(strokeWidth=6, opacity=0.5)
        .encode(x="mde_low:Q", x2="mde_high:Q", color=legend)
    )
    interval = base.mark_rule(strokeWidth=2, color="#64748b").encode(
        x=alt.X(
            "incremental_revenue_ci_low:Q",
            title="revenue in the window, USD",
            axis=alt.Axis(format=",d"),
        ),
        x2="incremental_revenue_ci_high:Q",
    )
    incremental = (
        base.transform_calculate(measure="'incremental (95% interval)'")
        .mark_point(filled=True, size=60)
        .encode(
            x=alt.X(
                "incremental_revenue_usd:Q",
                title="revenue in the window, USD",
                axis=alt.Axis(format=",d"),
            ),
            color=legend,
        )
    )
    attributed = (
        base.transform_calculate(measure="'attributed to clicks'")
        .mark_point(shape="diamond", filled=True, size=50)
        .encode(
            x=alt.X(
                "attributed_revenue_usd:Q",
                title="revenue in the window, USD",
                axis=alt.Axis(format=",d"),
            ),
            color=legend,
        )
    )
    cost = (
        base.transform_calculate(measure="'cost'")
        .mark_tick(thickness=2, size=14)
        .encode(x="cost_usd:Q", color=legend)
    )
    zero = alt.Chart(_values([{"zero": 0}])).mark_rule(strokeDash=[4, 4]).encode(x="zero:Q")
    # a layer only for values that exist: Vega warns on a field with no value
    # (no interval where no Welch test could be run, no cost where none given)
    layers = [attributed, zero]
    if any(row["incremental_revenue_usd"] is not None for row in rows):
        layers.insert(0, incremental)
    if any(row["incremental_revenue_ci_low"] is not None for row in rows):
        layers.insert(0, interval)
    if any(row["mde_low"] is not None for row in rows):
        layers.insert(0, undetectable)
    if any(row["cost_usd"] is not None for row in rows):
        layers.append(cost)
    chart = alt.layer(*layers).properties(
        width=WIDTH,
        height=alt.Step(16),
        title=alt.TitleParams(
            "Incremental revenue (treated - control) against attributed revenue and cost",
            subtitle=f"as of {rows[0]['as_of_date']}" if rows else "",
        ),
    )
    return chart, rows


def charts(data: dict[str, list[dict]]) -> dict[str, tuple[str, alt.TopLevelMixin, list[dict]]]:
    """Each chart's heading, chart and table rows, in page order."""
    return {
        "sizes": ("Segment sizes over time", *sizes_chart(data["sizes"])),
        "conversion": ("Conversion rate by segment", *conversion_chart(data["conversion"])),
        "lift": ("Conversion lift and significance", *lift_chart(data["lift"])),
        "overlap": ("Segment overlap", *overlap_chart(data["overlap"])),
        "rfm": ("RFM grid", *rfm_chart(data["rfm"])),
        "propensity": (
            "Propensity models",
            *propensity_chart(data["propensity"], data["roc"]),
        ),
        "campaigns": ("Campaign impact", *campaigns_chart(data["campaigns"])),
    }


def render(data: dict[str, list[dict]]) -> str:
    drawn = charts(data)
    specs = {name: chart.to_dict() for name, (_, chart, _) in drawn.items()}
    # the Vega-Lite version Altair writes its specs for, as vl-convert names it (6.4)
    vegalite = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    bundle = vl_convert.javascript_bundle(vl_version=vegalite)

    def number(value, spec: str) -> str:
        return "" if value is None else format(value, spec)

    evaluation = "".join(
        f"<tr><td>{html.escape(r['model_name'])}</td><td>{html.escape(r['scorer'])}</td>"
        f"<td>{number(r['auc'], '.3f')}</td><td>{number(r['base_rate'], '.3%')}</td>"
        f"<td>{number(r['top_decile_lift'], '.2f')}</td></tr>"
        for r in data["evaluation"]
    )
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>smart-segments report</title>",
        f"<style>{STYLE}</style>",
        f"<script>{ERROR_HOOK}</script>",
        f"<script>{_script_safe(bundle)}</script>",
        "</head><body>",
        "<h1>smart-segments: segments and how they perform</h1>",
        f"<p id='as-of'>As of {html.escape(str(data['build'][0]['as_of_date']))}, the build's as-of date. "
        "Hover a mark for its values; each chart's data is in the table under it.</p>",
    ]
    for name, (heading, _, rows) in drawn.items():
        source = data[name]
        parts.append(
            f"<section id='chart-{name}' data-rows='{len(source)}'><h2>{html.escape(heading)}</h2>"
            f"<div id='vis-{name}' class='chart'></div>"
            f"<details><summary>The data ({len(rows):,} rows)</summary>{table(rows)}</details>"
            f"<script type='application/json' id='data-{name}'>{_script_safe(json.dumps(source))}</script>"
        )
        if name == "propensity":
            parts.append(
                "<h3>Held-out evaluation</h3><table><tr><th>model</th><th>scorer</th><th>AUC</th>"
                f"<th>base rate</th><th>top-decile lift</th></tr>{evaluation}</table>"
            )
        parts.append("</section>")
    parts += [
        f"<script type='application/json' id='chart-specs'>{_script_safe(json.dumps(specs))}</script>",
        f"<script>{DRAW}</script>",
        "</body></html>",
    ]
    return "".join(parts)


def _script_safe(text: str) -> str:
    """Text that cannot end the <script> element it is put in (JSON or JavaScript)."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


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
