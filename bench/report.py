#!/usr/bin/env python3
"""Turns the legs of bench/run into the peer section of bench/RESULTS.md.

Reads one JSON object per line (workload/leg_result.h), the answers each leg
wrote (one byte per ask: S send, D defer, X suppress) and writes a Markdown
section between the markers below, replacing the previous one. Exits 1 when
a leg is missing or the answers disagree, after writing what it has.
"""
import argparse
import json
import pathlib
import sys

BEGIN = "<!-- bench/run: begin (generated; edit bench/report.py instead) -->"
END = "<!-- bench/run: end -->"

PEER = "Redis + Lua, pipelined (depth 64)"
BASELINE = "baseline"
# The legs on a Redis Cluster, and the peer each of tact's is held against.
CLUSTER_CLIENTS = "Redis Cluster + Lua, 64 clients"
CLUSTER_PIPELINED = "Redis Cluster + Lua, pipelined (1000 in flight)"


def on_cluster(name):
    return name.startswith("Redis Cluster") or name.startswith("tact on the cluster")


def cluster_peer_of(name):
    return CLUSTER_PIPELINED if "batches" in name or "pipelined" in name else CLUSTER_CLIENTS


def load_legs(path):
    legs = {}
    for line in pathlib.Path(path).read_text().splitlines():
        if line.strip():
            leg = json.loads(line)
            legs[leg["leg"]] = leg
    return legs


def agreement(reference_path, other_path):
    """(asks compared, asks that differ, first differing index or None)."""
    reference = pathlib.Path(reference_path).read_bytes()
    other = pathlib.Path(other_path).read_bytes()
    compared = min(len(reference), len(other))
    differ = 0
    first = None
    # Compare in blocks: equal blocks (nearly all) cost one bytes comparison.
    block = 1 << 16
    for start in range(0, compared, block):
        a = reference[start:start + block]
        b = other[start:start + block]
        if a == b:
            continue
        for offset, (x, y) in enumerate(zip(a, b)):
            if x != y:
                differ += 1
                if first is None:
                    first = start + offset
    return compared, differ, first


def number(value, digits=0):
    return f"{value:,.{digits}f}"


def ratio(value):
    if value >= 10:
        return f"{value:,.0f}×"
    if value >= 1:
        return f"{value:.1f}×"
    return f"{value:.2f}×"


def latency(ns):
    if ns <= 0:
        return "—"
    if ns < 10_000:
        return f"{ns:,} ns"
    if ns < 10_000_000:
        return f"{ns / 1000:,.0f} µs"
    return f"{ns / 1e6:,.1f} ms"


def per_person(leg):
    return leg["state_bytes"] / leg["people"] if leg["people"] and leg["state_bytes"] else None


def leg_rows(legs, columns):
    """Table rows: `columns` gives each leg's cells between its rate and its latencies."""
    rows = []
    for leg in legs:
        bytes_per_person = per_person(leg)
        rss = f"{leg['peak_rss_kib'] / 1024:,.0f} MiB" if leg["peak_rss_kib"] else "—"
        middle = " | ".join(columns(leg))
        rows.append(
            f"| {leg['leg']} | {number(leg['decisions'])} | {number(leg['per_second'])} | {middle} | "
            f"{latency(leg['p50_ns'])} | {latency(leg['p99_ns'])} | {rss} | "
            f"{number(bytes_per_person) if bytes_per_person else '—'} |")
    return rows


def cluster_section(legs):
    cluster = [leg for name, leg in legs.items() if on_cluster(name)]
    if not cluster:
        return []
    lines = ["### On a Redis Cluster", ""]
    lines.append("3 masters with a replica each (Debian's redis-server, `tests/redis/cluster.py`) on the same")
    lines.append("machine as everything else. tact serve runs `--state redis://…`; each leg starts from an empty")
    lines.append("cluster. A leg of single touches is held against the peer as 64 clients, one of batches")
    lines.append("against the pipelined peer; state B/person is what the masters' `used_memory` grew by, less")
    lines.append("tact's shared counts (per hour, day and source, not per person: their size is in the notes),")
    lines.append("over the people with a history in the cluster (replicas hold one more copy).")
    lines.append("")
    lines.append("| leg | asks | decisions/s | × its peer | p50 | p99 | peak RSS | state B/person |")
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")

    def versus(leg):
        peer = legs.get(cluster_peer_of(leg["leg"]))
        return [ratio(leg["per_second"] / peer["per_second"]) if peer else "—"]

    lines += leg_rows(cluster, versus)
    lines.append("")
    rows = cluster_targets(legs)
    if rows:
        lines.append("Targets on the cluster:")
        lines.append("")
        for name, goal, value, met in rows:
            verdict = "" if met is None else f": **{'met' if met else 'missed'}**"
            lines.append(f"- {name}: {goal}; measured {value}{verdict}")
        lines.append("")
    return lines


def cluster_targets(legs):
    rows = []
    clients, pipelined = legs.get(CLUSTER_CLIENTS), legs.get(CLUSTER_PIPELINED)
    single = legs.get("tact on the cluster, 1 node, one touch per request")
    batch = legs.get("tact on the cluster, 1 node, batches of 1,000")
    if clients and single:
        value = single["per_second"] / clients["per_second"]
        rows.append(("tact, one node, single touches against the peer as 64 clients", "≥ 1.0×",
                     ratio(value), value >= 1.0))
    if pipelined and batch:
        value = batch["per_second"] / pipelined["per_second"]
        rows.append(("tact, one node, batches against the pipelined peer", "≥ 1.0×", ratio(value),
                     value >= 1.0))
    sizes = [per_person(leg) for name, leg in legs.items()
             if name.startswith("tact on the cluster") and per_person(leg)]
    if sizes:
        rows.append(("bytes per person in Redis (the largest of tact's legs)", "≤ 200",
                     number(max(sizes)), max(sizes) <= 200))
    for kind in ("one touch per request", "batches of 1,000"):
        one = legs.get(f"tact on the cluster, 1 node, {kind}")
        two = legs.get(f"tact on the cluster, 2 nodes, {kind}")
        if one and two:
            rows.append((f"from 1 to 2 tact nodes, {kind}", "reported",
                         ratio(two["per_second"] / one["per_second"]), None))
    return rows


def section(args, legs, agreements):
    cluster_lines = cluster_section(legs)
    all_legs = legs
    legs = {name: leg for name, leg in legs.items() if not on_cluster(name)}
    peer = legs.get(PEER)
    base = legs.get(BASELINE)
    lines = [BEGIN, "", "## tact against the Redis + Lua peer", ""]
    lines.append(f"Measured {args.date} on {args.machine}, with `{args.command}`. Every leg is in this")
    lines.append("run; ratios are against the pipelined peer and the hash-map baseline of the same run.")
    lines.append("")
    lines.append(f"Workload: {number(args.people)} people, {number(args.asks)} asks over {args.days} simulated days in")
    lines.append("time order (Zipf 0.9 popularity of people and of 500 senders; 80 % email, 12 % SMS, 8 % push;")
    lines.append(f"seed {args.seed}; `tact_workload generate`). The policy is `bench/peers/policy.toml`: all channels 1 a day")
    lines.append("and 3 a week, per channel (email 2, SMS 1, push 2 a week) and per sender (1 a week), and")
    lines.append("nothing else, enforced the same way by both (`bench/peers/redis_lua/README.md`).")
    lines.append("")
    lines.append("| leg | asks | decisions/s | × peer | baseline ÷ leg | p50 | p99 | peak RSS | state B/person |")
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    def versus(leg):
        rate = leg["per_second"]
        return [ratio(rate / peer["per_second"]) if peer else "—",
                ratio(base["per_second"] / rate) if base and rate else "—"]

    lines += leg_rows(legs.values(), versus)
    lines.append("")
    lines += cluster_lines
    lines.append("Notes per leg:")
    lines.append("")
    for leg in list(legs.values()) + [leg for leg in all_legs.values() if on_cluster(leg["leg"])]:
        lines.append(f"- {leg['leg']}: {leg['note']}" + (f"; {number(leg['sends'])} sent" if leg["sends"] else ""))
    lines.append("")
    lines.append("Agreement of send/defer answers on the same stream (tact's memory store is the reference):")
    lines.append("")
    lines.append("| leg | asks compared | same answer | differ |")
    lines.append("| --- | ---: | ---: | ---: |")
    for name, (compared, differ, first) in agreements.items():
        same = 100.0 * (compared - differ) / compared if compared else 0
        where = f" (first at ask {first})" if first is not None else ""
        lines.append(f"| {name} | {number(compared)} | {same:.4f} % | {number(differ)}{where} |")
    lines.append("")
    if peer and base:
        lines.append("Targets:")
        lines.append("")
        for name, goal, value, met in targets(legs, peer, base):
            lines.append(f"- {name}: {goal}; measured {value}: **{'met' if met else 'missed'}**")
        lines.append("")
    health = legs.get("tact over HTTP, GET /healthz")
    check = legs.get("tact over HTTP, one touch per request to /v1/check")
    decide = legs.get("tact over HTTP, one touch per request")
    if health and check and decide:
        lines.append("Reported: `/v1/check` against `GET /healthz` on the same server (what a request costs")
        lines.append(f"without a decision) {ratio(check['per_second'] / health['per_second'])}, and against")
        lines.append(f"`POST /v1/decide` {ratio(check['per_second'] / decide['per_second'])}.")
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def targets(legs, peer, base):
    rows = []
    memory = legs.get("tact in-process, memory store")
    if memory:
        value = memory["per_second"] / peer["per_second"]
        rows.append(("tact in-process against the pipelined peer", "≥ 30×", ratio(value), value >= 30))
        slower = base["per_second"] / memory["per_second"]
        rows.append(("tact in-process against the hash-map baseline", "within 2.5×", ratio(slower), slower <= 2.5))
    for name in ("tact in-process, embedded store", "tact in-process, embedded store, batches of 64"):
        embedded = legs.get(name)
        if embedded:
            value = embedded["per_second"] / peer["per_second"]
            rows.append((f"{name} against the pipelined peer", "≥ 15×", ratio(value), value >= 15))
    batch = next((leg for name, leg in legs.items() if name.startswith("tact over HTTP, batches")), None)
    if batch:
        value = batch["per_second"] / peer["per_second"]
        rows.append(("tact over HTTP in batches against the pipelined peer", "≥ 3×", ratio(value), value >= 3))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--legs", required=True)
    parser.add_argument("--answers", action="append", default=[], metavar="NAME=FILE",
                        help="a leg's answers; the first is the reference")
    parser.add_argument("--expect", action="append", default=[], help="a leg that must be present")
    parser.add_argument("--machine", required=True)
    parser.add_argument("--command", required=True)
    parser.add_argument("--people", type=int, required=True)
    parser.add_argument("--asks", type=int, required=True)
    parser.add_argument("--days", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--date", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    legs = load_legs(args.legs)
    answers = [item.split("=", 1) for item in args.answers]
    agreements = {}
    if answers:
        _, reference = answers[0]
        for name, path in answers[1:]:
            agreements[name] = agreement(reference, path)

    text = section(args, legs, agreements)
    out = pathlib.Path(args.out)
    old = out.read_text() if out.exists() else "# Benchmark results\n"
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        new = head + text + tail
    else:
        # First time: after the file's title and opening paragraph.
        parts = old.split("\n## ", 1)
        new = parts[0].rstrip("\n") + "\n\n" + text + "\n" + ("\n## " + parts[1] if len(parts) > 1 else "")
    out.write_text(new)
    print(text)

    failed = False
    for name in args.expect:
        if name not in legs:
            print(f"bench/report.py: leg missing: {name}", file=sys.stderr)
            failed = True
    for name, (compared, differ, _) in agreements.items():
        if compared == 0 or differ:
            print(f"bench/report.py: {name}: {differ} of {compared} answers differ from tact's",
                  file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
