"""Write the benchmark results: JSON, a Markdown table for the README and a PNG chart of the scaling."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

Rec = dict[str, Any]


def _ms(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds * 1000:,.0f} ms"


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "**missed**")


def targets(results: Rec) -> list[tuple[str, str, str]]:
    """Return (target, measured, verdict) for every target the brief sets."""
    t = results["targets"]
    return [(row["target"], row["measured"], _verdict(row["met"])) for row in t]


def markdown(results: Rec) -> str:
    """Return the benchmark tables as Markdown."""
    meta = results["metadata"]
    lines = [
        f"Benchmarks at commit `{meta['git_commit'][:10]}` on {meta['cpus']} CPU(s) (load average "
        f"{meta.get('load_average_at_start', 0):.1f} at the start), Python {meta['python']}, {meta['timestamp']}. "
        "Offline drafter unless noted; medians of repeated runs.",
        "",
        "| target | measured | |",
        "|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in targets(results)]
    lines += ["", "| run | latency | peak memory | checkpoints per run |", "|---|---|---|---|"]
    floor, example, cli = results["floor"], results["example"], results.get("recap_run_process")
    lines.append(
        f"| bare 7-node graph, same SQLite checkpointer (floor) | {_ms(floor['median_s'])} | | "
        f"{floor['checkpoint_bytes'] / 1024:.1f} KB |"
    )
    lines.append(
        f"| recap run of the example, in-process | {_ms(example['run_s'])} (data load "
        f"{_ms(example['data_load_s'])}) | {example['max_rss_mb']:.0f} MB RSS | "
        f"{example['checkpoint_bytes'] / 1024:.1f} KB |"
    )
    if example.get("verify_s") is not None:
        lines.append(
            f"| of which the verifier (`verify_recap` on the run's draft) | {_ms(example['verify_s'])} "
            f"(run CPU {_ms(example.get('run_cpu_s'))}) | | |"
        )
    if cli:
        lines.append(
            f"| `recap run` of the example, whole process | {_ms(cli['wall_s'])} | {cli['max_rss_mb']:.0f} MB RSS | |"
        )
    lines += [
        "",
        "| activities | records | ingest | run | peak RSS | traced heap | checkpoints | max prompt tokens / section |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in results["scaling"]:
        lines.append(
            f"| {s['activities']:,} | {s['records']:,} | {s['ingest_records_per_s']:,.0f} rec/s | "
            f"{_ms(s['run_s'])} | {s['max_rss_mb']:.0f} MB | {s['tracemalloc_peak_bytes'] / 2**20:.1f} MB | "
            f"{s['checkpoint_bytes'] / 1024:.1f} KB | {s['prompt_tokens']['max_section']:,} |"
        )
    api, llm, csv_import = results.get("api"), results.get("llm"), results.get("csv_import")
    reads = results.get("read_commands") or {}
    if reads:
        lines += ["", "| read-only command (whole process) | wall | CPU |", "|---|---|---|"]
        lines += [
            f"| `recap {name}` | {_ms(c.get('wall_s'))} | {_ms(c.get('cpu_s'))} |"
            if "wall_s" in c
            else f"| `recap {name}` | not available: {c['error']} | |"
            for name, c in reads.items()
        ]
    if csv_import:
        lines += [
            "",
            f"CSV import: {csv_import['activities']:,} activities ({csv_import['records']:,} records) from "
            f"one CSV per record type in {_ms(csv_import['csv_import_s'])}, against "
            f"{_ms(csv_import['json_ingest_s'])} for the same account as JSON: "
            f"**{csv_import['ratio']:.2f}×**.",
        ]
    if api:
        lines += [
            "",
            f"API: {api['clients']} concurrent clients started {api['created']} runs through "
            f"`recap serve --workers {api.get('workers', 1)}` in {api['wall_s']:.1f} s: "
            f"**{api['runs_per_s']:.1f} runs/s**, p50 {_ms(api['p50_s'])}, p95 {_ms(api['p95_s'])}.",
        ]
        if api.get("reads"):
            r = api["reads"]
            lines += [
                "",
                f"API reads: {api['clients']} concurrent clients read a paused run {r['ok']} times "
                f"(`GET /runs/{{id}}`) in {r['wall_s']:.1f} s: **{r['per_s']:.0f} reads/s**, "
                f"p50 {_ms(r['p50_s'])}, p95 {_ms(r['p95_s'])}.",
            ]
    if llm:
        lines += [
            "",
            f"LLM parallelism: with a loopback model server that sleeps {llm['delay_s']:g} s per call, one "
            f"call takes {_ms(llm['one_call_s'])} and a whole run ({llm['model_calls']} calls) "
            f"{_ms(llm['run_wall_s'])}: **{llm['ratio']:.2f}×** one call.",
        ]
    return "\n".join(lines) + "\n"


def chart(results: Rec, path: Path) -> None:
    """Draw run latency and peak memory against account size (log scale) into a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = results["scaling"]
    sizes = [r["activities"] for r in rows]
    fig, left = plt.subplots(figsize=(7, 4), dpi=120)
    left.plot(sizes, [r["run_s"] * 1000 for r in rows], "o-", color="tab:blue", label="run latency (ms)")
    left.set_xscale("log")
    left.set_xlabel("activities in the account")
    left.set_ylabel("run latency to the review pause (ms)", color="tab:blue")
    right = left.twinx()
    right.plot(sizes, [r["max_rss_mb"] for r in rows], "s--", color="tab:red", label="peak RSS (MB)")
    right.set_ylabel("peak resident memory (MB)", color="tab:red")
    right.set_ylim(bottom=0)
    left.set_ylim(bottom=0)
    left.set_title("recap: latency and memory against account size (offline drafter)")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def write(results: Rec, out_dir: Path, with_chart: bool = True) -> list[Path]:
    """Write bench.json, bench.md and (when matplotlib is installed) bench.png."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / "bench.json", out_dir / "bench.md"]
    paths[0].write_text(json.dumps(results, indent=2) + "\n")
    paths[1].write_text(markdown(results))
    if with_chart:
        chart(results, out_dir / "bench.png")
        paths.append(out_dir / "bench.png")
    return paths
