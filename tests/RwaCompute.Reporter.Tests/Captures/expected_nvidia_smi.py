#!/usr/bin/env python3
"""The expected observation of nvidia-smi-8xh100-10min.csv, computed independently of the C# calculator from the
rules in docs/ORACLE.md ("Telemetry and observations"), with exact fractions. NvidiaSmiCaptureTests asserts these.

Epoch [2026-11-29T12:00:00Z, 12:10:00Z), staleness 15 s, all 8 GPUs in the pool, no curtailment.
"""
from datetime import datetime, timezone
from fractions import Fraction

START = int(datetime(2026, 11, 29, 12, 0, tzinfo=timezone.utc).timestamp() * 1000)
END = START + 600_000
STALE = 15_000

rows = {}
for line in open("nvidia-smi-8xh100-10min.csv"):
    parts = [p.strip() for p in line.rstrip("\n").split(",")]
    if len(parts) != 6:
        continue  # an error line: that GPU has no reading
    dt = datetime.strptime(parts[0], "%Y/%m/%d %H:%M:%S.%f").replace(tzinfo=timezone.utc)
    ms = int(dt.timestamp() * 1000)
    util = None if parts[4].startswith("[") else int(parts[4])
    power = None if parts[5].startswith("[") else Fraction(parts[5])
    rows.setdefault(parts[2], []).append((ms, util, power))


def covered(readings):
    """(start, end, value) of each reading's sample-and-hold coverage inside the epoch."""
    readings = sorted(readings)
    for i, (t, v) in enumerate(readings):
        end = t + STALE
        if i + 1 < len(readings):
            end = min(end, readings[i + 1][0])
        a, b = max(t, START), min(end, END)
        if a < b:
            yield a, b, v


up = 0
weighted = 0
energy = Fraction(0)
for uuid, samples in rows.items():
    for a, b, u in covered([(t, u) for t, u, _ in samples if u is not None]):
        up += b - a
        weighted += u * (b - a)
    for a, b, w in covered([(t, w) for t, _, w in samples if w is not None]):
        energy += w * (b - a)

scheduled = 8 * (END - START)
print("up_gpu_ms", up)
print("uptime_bps", up * 10000 // scheduled)
print("utilization_bps", weighted * 100 // up)
print("delivered_gpu_ms", weighted // 100)
print("energy_mj", energy.numerator // energy.denominator)
