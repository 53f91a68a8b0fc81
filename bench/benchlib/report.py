"""The report: a table of each reader's runs with ratios to newsboat, what the server saw, the targets, and the
same numbers as JSON."""

from dataclasses import asdict

from .runs import Row

MIB = 1024 * 1024
# The targets, set for N=200, M=50, K=50 at 20 ms on a 2-core machine.
TARGETS = {"cold": 0.5, "warm": 0.2}
TARGET_SIZES = {"n": 200, "m": 50, "k": 50, "latency_ms": 20.0}


def medians(rows: list[Row]) -> list[Row]:
    """Per reader and phase, the repeat whose wall time is the median (the lower one for an even count)."""
    groups: dict[tuple[str, str], list[Row]] = {}
    for r in rows:
        groups.setdefault((r.reader, r.phase), []).append(r)
    return [sorted(g, key=lambda r: r.wall_s)[(len(g) - 1) // 2] for g in groups.values()]


def fastest(rows: list[Row]) -> dict[tuple[str, str], float]:
    """Per reader and phase, the shortest wall time of the repeats: the one least disturbed by other work."""
    best: dict[tuple[str, str], float] = {}
    for r in rows:
        key = (r.reader, r.phase)
        best[key] = min(best.get(key, r.wall_s), r.wall_s)
    return best


def ratios(summary: list[Row]) -> dict[tuple[str, str], float]:
    """Wall time over newsboat's: cold runs against its cold run, warm runs against its second re-sync."""
    newsboat = {r.role: r.wall_s for r in summary if r.reader == "newsboat" and r.role}
    return {(r.reader, r.phase): r.wall_s / newsboat[r.role] for r in summary if r.role in newsboat}


def targets(summary: list[Row], ratio: dict, best: dict) -> list[dict]:
    """The issue's targets against the medians, with the same ratio of the fastest repeats beside."""
    out = []
    newsboat_best = {r.role: best[(r.reader, r.phase)] for r in summary if r.reader == "newsboat" and r.role}
    for r in summary:
        if r.reader == "jianbao" and r.role in TARGETS and (r.reader, r.phase) in ratio:
            limit, got = TARGETS[r.role], ratio[(r.reader, r.phase)]
            fastest_ratio = best[(r.reader, r.phase)] / newsboat_best[r.role]
            out.append(
                {
                    "what": f"{r.role} ≤ {limit:.2f} × newsboat",
                    "ratio": round(got, 3),
                    "met": got <= limit,
                    "ratio_of_fastest": round(fastest_ratio, 3),
                }
            )
        if r.reader == "jianbao" and r.role == "cold":
            out.append({"what": "every item stored", "ratio": r.items / r.expected, "met": r.items == r.expected})
    return out


def _cell(value, fmt: str) -> str:
    """`value` formatted, or a dash as wide as the number would be."""
    return format(value, fmt) if value is not None else "—".rjust(int(fmt.split(".")[0]))


def table(summary: list[Row], ratio: dict, best: dict) -> str:
    head = (
        f"{'reader':22} {'run':10} {'wall s':>7} {'min s':>6} {'×newsboat':>9} {'CPU s':>6} {'CPU/wall':>8} "
        f"{'peak MiB':>8} {'disk MiB':>8} {'items':>6} {'expected':>8} {'B/item':>7}"
    )
    lines = [head, "-" * len(head)]
    for r in summary:
        per_item = r.disk_bytes / r.items if r.items else None
        lines.append(
            f"{r.reader:22} {r.phase:10} {r.wall_s:7.2f} {best[(r.reader, r.phase)]:6.2f} "
            f"{_cell(ratio.get((r.reader, r.phase)), '9.2f')} "
            f"{r.cpu_s:6.2f} {r.cpu_s / r.wall_s:8.2f} {r.peak_pss_bytes / MIB:8.1f} {r.disk_bytes / MIB:8.2f} "
            f"{r.items:6} {r.expected:8} {_cell(per_item, '7.0f')}"
        )
    return "\n".join(lines)


def server_table(summary: list[Row]) -> str:
    head = (
        f"{'reader':22} {'run':10} {'requests':>8} {'feed 200':>8} {'feed 304':>8} {'pictures':>8} {'gzip':>5} "
        f"{'conns':>5} {'max in flight':>13} {'per host':>8} {'mean':>5} {'MiB sent':>8} {'server CPU':>10} "
        f"{'other CPU':>9}"
    )
    lines = [head, "-" * len(head)]
    for r in summary:
        s = r.server
        lines.append(
            f"{r.reader:22} {r.phase:10} {s['requests']:8} {s['feed_200']:8} {s['feed_304']:8} "
            f"{s['picture_requests']:8} {s['gzipped']:5} {s['connections']:5} {s['max_in_flight']:13} "
            f"{s['max_in_flight_per_host']:8} {s['mean_in_flight']:5.1f} {s['bytes_sent'] / MIB:8.2f} "
            f"{r.server_cpu_s:10.2f} {r.other_cpu_s:9.2f}"
        )
    return "\n".join(lines)


def text(params: dict, summary: list[Row], best: dict, ratio: dict, goals: list, problems: list, notes: list):
    """The report as printed."""
    p = params
    out = [
        f"Jianbao sync benchmark: N={p['n']} feeds × M={p['m']} items on K={p['k']} loopback hosts, "
        f"{p['latency_ms']:g} ms latency, {p['repeat']} repeat(s) (median shown)",
        f"feeds: {p['feeds_by_format']}; {p['gbk_feeds']} in GBK/GB2312; {p['items']} items, {p['pictures']} pictures",
        f"machine: {p['machine']}; load average before {p['load_average']['before'][0]}, "
        f"after {p['load_average']['after'][0]}",
        "",
        table(summary, ratio, best),
        "",
        "wall s: the median repeat's, whose figures fill the row; min s: the fastest repeat.  ×newsboat: median "
        "wall over newsboat's, cold vs its cold, warm vs its re-sync 2.",
        "peak MiB: the whole process tree's PSS, sampled every 20 ms.  disk: bytes allocated to the store after "
        "the run; B/item: that over items stored.",
        "",
        "What the server saw (max in flight: requests being answered at once, in all and on one host; mean: over "
        "the span from first request to last answer); CPU seconds of the server and of other processes meanwhile:",
        server_table(summary),
        "",
    ]
    at_target_size = all(p[k] == v for k, v in TARGET_SIZES.items())
    caveat = "" if at_target_size else " (set for N=200, M=50, K=50, 20 ms; only indicative here)"
    out.append(f"Targets{caveat}:")
    for g in goals:
        fastest_ratio = f"   (fastest repeats: {g['ratio_of_fastest']:.2f})" if "ratio_of_fastest" in g else ""
        out.append(f"  {g['what']:32} {g['ratio']:6.2f}   {'met' if g['met'] else 'MISSED'}{fastest_ratio}")
    out += [f"note: {n}" for n in notes]
    if problems:
        out += ["", "BROKEN:"] + [f"  {x}" for x in problems]
    return "\n".join(out)


def document(params: dict, versions: dict, rows: list[Row], summary: list[Row], best: dict, ratio: dict, goals,
             problems, notes):
    """The results file's content."""

    def row(r: Row) -> dict:
        d = asdict(r)
        d["cpu_s"] = r.cpu_s
        d["ratio_to_newsboat"] = ratio.get((r.reader, r.phase))
        d["fastest_wall_s"] = best[(r.reader, r.phase)]
        d["bytes_per_item"] = r.disk_bytes / r.items if r.items else None
        return d

    return {
        "params": params,
        "versions": versions,
        "summary": [row(r) for r in summary],
        "runs": [row(r) for r in rows],
        "targets": goals,
        "problems": problems,
        "notes": notes,
    }
