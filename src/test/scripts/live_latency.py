#!/usr/bin/env python3
"""Reads rows "frame.number<TAB>frame.time_epoch" as TLS Lens prints them live and measures, for each,
how long after its capture time stamp the row arrived here (live-benchmark.sh). Prints JSON."""
import json, sys, time


def main():
    lat = []
    for line in sys.stdin.buffer:
        now = time.time_ns()
        parts = line.split(b'\t')
        if len(parts) < 2:
            continue
        sec, _, frac = parts[1].strip().partition(b'.')
        ts = int(sec) * 1_000_000_000 + int((frac + b'000000000')[:9])
        lat.append(now - ts)
    lat.sort()

    def pct(p):
        return round(lat[min(len(lat) - 1, int(p * len(lat)))] / 1e6, 1) if lat else None

    print(json.dumps({'rows': len(lat), 'latency_ms_p50': pct(0.50), 'latency_ms_p99': pct(0.99),
                      'latency_ms_max': round(lat[-1] / 1e6, 1) if lat else None}))


if __name__ == '__main__':
    main()
