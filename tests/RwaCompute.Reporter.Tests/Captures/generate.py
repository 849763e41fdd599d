#!/usr/bin/env python3
"""Writes the reporter test captures (deterministic: fixed seed, no clock, no GPU).

The captures are synthesised in the exact output formats of nvidia-smi 550 and dcgm-exporter 3.3 (column order,
spacing, bracketed N/A values, error lines, HELP/TYPE headers, label set), for an 8x H100 SXM node, with the faults
the tests need placed at known times. They are not recordings of real hardware. Run from this folder:
    python3 generate.py
"""
import random
from datetime import datetime, timedelta, timezone

rng = random.Random(20261129)
UUIDS = [
    "GPU-5f2b1c3e-8d6a-4b0f-9e27-1a3c5d7e9f01",
    "GPU-0c7d4a91-3e5f-4c2b-8a16-7f9e0b2d4c63",
    "GPU-a41e8f3b-6c2d-4e9a-b5f7-2d8c1e0a6b94",
    "GPU-7b9c2e5d-1f4a-4d8e-a3c6-9e0f5b7d2a18",
    "GPU-e2d5b8c1-9a3f-4b6e-8d0c-4f7a1e9b3c55",
    "GPU-3c8a6f0e-2b7d-4a1c-9f5e-6d3b8a0c7e29",
    "GPU-9f1e4b7a-5d0c-4e3b-a8f2-1c6e9d4b0a77",
    "GPU-6d0b3a8f-7e2c-4f5a-b1d9-8a4c2f6e1b30",
]
BUS_IDS = ["18", "2A", "3A", "5D", "9A", "AB", "BA", "DB"]
MODEL = "NVIDIA H100 80GB HBM3"
HOST = "gpu-node-07"


def fmt_smi_time(t):
    return t.strftime("%Y/%m/%d %H:%M:%S.") + "%03d" % (t.microsecond // 1000)


def smi_utilization(gpu, k):
    if gpu <= 5:  # a training job: near saturation
        return rng.randint(94, 100)
    if gpu == 6:  # idle, then a job starts at loop 30
        return 0 if k < 30 else 100
    return rng.randint(38, 71)  # inference


def power_for(util):
    return 69.5 + util * 6.21 + rng.randint(-900, 900) / 100


def write_nvidia_smi():
    """60 loops of `nvidia-smi --query-gpu=... --format=csv,noheader,nounits -l 10`, from 12:00:00.250Z.

    Faults: GPU 3 (bus 5D) fell off the bus for loops 20..31 (nvidia-smi prints an error line instead of its row);
    GPU 5 reports power.draw [N/A] in loops 40..42; GPU 2 reports utilization.gpu [Unknown Error] in loop 45.
    """
    start = datetime(2026, 11, 29, 12, 0, 0, 250000, tzinfo=timezone.utc)
    lines = []
    for k in range(60):
        t = start + timedelta(seconds=10 * k, milliseconds=rng.randint(0, 9))
        for gpu in range(8):
            util = smi_utilization(gpu, k)
            if gpu == 3 and 20 <= k <= 31:
                lines.append("Unable to determine the device handle for GPU 00000000:%s:00.0: Unknown Error" % BUS_IDS[gpu])
                continue
            power = "%.2f" % power_for(util)
            util_text = str(util)
            if gpu == 5 and 40 <= k <= 42:
                power = "[N/A]"
            if gpu == 2 and k == 45:
                util_text = "[Unknown Error]"
            lines.append("%s, %d, %s, %s, %s, %s" % (fmt_smi_time(t), gpu, UUIDS[gpu], MODEL, util_text, power))
    with open("nvidia-smi-8xh100-10min.csv", "w", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


HEADER_METRICS = [
    ("DCGM_FI_DEV_SM_CLOCK", "gauge", "SM clock frequency (in MHz)."),
    ("DCGM_FI_DEV_MEM_CLOCK", "gauge", "Memory clock frequency (in MHz)."),
    ("DCGM_FI_DEV_MEMORY_TEMP", "gauge", "Memory temperature (in C)."),
    ("DCGM_FI_DEV_GPU_TEMP", "gauge", "GPU temperature (in C)."),
    ("DCGM_FI_DEV_POWER_USAGE", "gauge", "Power draw (in W)."),
    ("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "counter", "Total energy consumption since boot (in mJ)."),
    ("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", "counter", "Total number of PCIe retries."),
    ("DCGM_FI_DEV_GPU_UTIL", "gauge", "GPU utilization (in %)."),
    ("DCGM_FI_DEV_MEM_COPY_UTIL", "gauge", "Memory utilization (in %)."),
    ("DCGM_FI_DEV_ENC_UTIL", "gauge", "Encoder utilization (in %)."),
    ("DCGM_FI_DEV_DEC_UTIL", "gauge", "Decoder utilization (in %)."),
    ("DCGM_FI_DEV_XID_ERRORS", "gauge", "Value of the last XID error encountered."),
    ("DCGM_FI_DEV_FB_FREE", "gauge", "Framebuffer memory free (in MiB)."),
    ("DCGM_FI_DEV_FB_USED", "gauge", "Framebuffer memory used (in MiB)."),
    ("DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", "counter", "Total number of NVLink bandwidth counters for all lanes."),
]


def labels(gpu):
    return ('gpu="%d",UUID="%s",pci_bus_id="00000000:%s:00.0",device="nvidia%d",modelName="%s",Hostname="%s",'
            'DCGM_FI_DRIVER_VERSION="550.54.15"' % (gpu, UUIDS[gpu], BUS_IDS[gpu], gpu, MODEL, HOST))


def write_scrape(name, readings, missing=()):
    """readings: gpu -> (util, power W as text, energy mJ)."""
    out = []
    for metric, kind, help_text in HEADER_METRICS:
        out.append("# HELP %s %s" % (metric, help_text))
        out.append("# TYPE %s %s" % (metric, kind))
        for gpu in range(8):
            if gpu in missing:
                continue
            util, power, energy = readings[gpu]
            value = {
                "DCGM_FI_DEV_SM_CLOCK": "1980" if util > 0 else "345",
                "DCGM_FI_DEV_MEM_CLOCK": "2619",
                "DCGM_FI_DEV_MEMORY_TEMP": str(40 + util // 4),
                "DCGM_FI_DEV_GPU_TEMP": str(33 + util // 3),
                "DCGM_FI_DEV_POWER_USAGE": power,
                "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION": str(energy),
                "DCGM_FI_DEV_PCIE_REPLAY_COUNTER": "0",
                "DCGM_FI_DEV_GPU_UTIL": str(util),
                "DCGM_FI_DEV_MEM_COPY_UTIL": str(util * 3 // 5),
                "DCGM_FI_DEV_ENC_UTIL": "0",
                "DCGM_FI_DEV_DEC_UTIL": "0",
                "DCGM_FI_DEV_XID_ERRORS": "0",
                "DCGM_FI_DEV_FB_FREE": str(81559 - 70000 * (util > 0)),
                "DCGM_FI_DEV_FB_USED": str(0 + 70000 * (util > 0)),
                "DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL": "0",
            }[metric]
            out.append("%s{%s} %s" % (metric, labels(gpu), value))
    with open(name, "w", newline="\n") as f:
        f.write("\n".join(out) + "\n")


def write_dcgm():
    """Three scrapes of dcgm-exporter (no explicit timestamps: the scraper stamps them).

    Scrape 1 at T, scrape 2 at T+30 s, scrape 3 at T+330 s after the host rebooted (every counter restarted from
    zero; GPU 7 did not come back). GPU i draws 600 + 10*i W steadily, so its counter grows 30 000 mJ per W per 30 s.
    Counters at scrape 1: (3 093 415 622 + i * 1 000 000 007) mJ. After the reboot at T+300 s the counters read the
    energy since the driver loaded: 30 s at the same power.
    """
    base = {i: 3_093_415_622 + i * 1_000_000_007 for i in range(8)}
    util = {i: 97 if i < 7 else 0 for i in range(8)}
    watts = {i: 600 + 10 * i for i in range(8)}
    first = {i: (util[i], "%d.%02d" % (watts[i], 0), base[i]) for i in range(8)}
    second = {i: (util[i], "%d.%02d" % (watts[i], 0), base[i] + watts[i] * 30_000) for i in range(8)}
    third = {i: (util[i], "%d.%02d" % (watts[i], 0), watts[i] * 30_000) for i in range(8)}
    write_scrape("dcgm-scrape-1.prom", first)
    write_scrape("dcgm-scrape-2.prom", second)
    write_scrape("dcgm-scrape-3-after-reboot.prom", third, missing=(7,))


write_nvidia_smi()
write_dcgm()
