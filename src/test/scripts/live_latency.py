#!/usr/bin/env python3
"""Reads rows "frame.number<TAB>frame.time_epoch" as TLS Lens prints them live and measures, for each,
how long after its capture time stamp the row arrived here (live-benchmark.sh). Prints JSON: p50/p99/max
over all rows, and p99 over the rows captured 15 s or more after the first (the JIT's warm-up is over
by then: the first seconds of a cold JVM dissecting at full rate build a backlog it works off later)."""
import json, sys, time

WARM_NS = 15_000_000_000


def main():
    lat, warm = [], []
    first = None
    for line in sys.stdin.buffer:
        now = time.time_ns()
        parts = line.split(b'\t')
        if len(parts) < 2:
            continue
        sec, _, frac = parts[1].strip().partition(b'.')
        ts = int(sec) * 1_000_000_000 + int((frac + b'000000000')[:9])
        if first is None:
            first = ts
        lat.append(now - ts)
        if ts - first >= WARM_NS:
            warm.append(now - ts)
    lat.sort()
    warm.sort()

    def pct(values, p):
        return round(values[min(len(values) - 1, int(p * len(values)))] / 1e6, 1) if values else None

    print(json.dumps({'rows': len(lat), 'latency_ms_p50': pct(lat, 0.50), 'latency_ms_p99': pct(lat, 0.99),
                      'latency_ms_max': round(lat[-1] / 1e6, 1) if lat else None,
                      'latency_ms_p99_after_15s': pct(warm, 0.99)}))


if __name__ == '__main__':
    main()
