#!/usr/bin/env python3
"""Draws sdk/icon.png, the NuGet icon of the RwaCompute packages: a GPU chip (navy body, teal pins and die, the die
split into four cores) on a transparent background, 128 x 128 RGBA.

Standard library only (zlib + struct write the PNG), 4 x 4 supersampling for smooth edges. The output is
deterministic: re-running it gives the same bytes (with the same zlib), so
`python3 sdk/icon.py && git diff --exit-code sdk/icon.png` shows the committed icon is this script's.
"""
import os
import struct
import zlib

SIZE = 128
SUPERSAMPLE = 4
NAVY = (27, 42, 74)
TEAL = (46, 196, 182)


def rounded_rect(x, y, left, top, right, bottom, radius):
    """True when (x, y) is inside the rectangle with rounded corners of the given radius."""
    if not (left <= x < right and top <= y < bottom):
        return False
    cx = min(max(x, left + radius), right - radius)
    cy = min(max(y, top + radius), bottom - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def color_at(x, y):
    """The colour of a point in icon coordinates (0..128), or None for transparent."""
    # The die: a teal square split into four cores by a navy cross.
    if rounded_rect(x, y, 42, 42, 86, 86, 4):
        if 62 <= x < 66 or 62 <= y < 66:
            return NAVY
        return TEAL
    # The package body.
    if rounded_rect(x, y, 26, 26, 102, 102, 10):
        return NAVY
    # Five pins on each side, 6 wide, reaching from the body to 10 px from the edge.
    for i in range(5):
        start = 35 + i * 12
        if start <= x < start + 6 and (10 <= y < 26 or 102 <= y < 118):
            return TEAL
        if start <= y < start + 6 and (10 <= x < 26 or 102 <= x < 118):
            return TEAL
    return None


def pixel(px, py):
    """Averages SUPERSAMPLE^2 samples of one pixel into straight (non-premultiplied) RGBA."""
    totals = [0, 0, 0]
    covered = 0
    for sy in range(SUPERSAMPLE):
        for sx in range(SUPERSAMPLE):
            c = color_at(px + (sx + 0.5) / SUPERSAMPLE, py + (sy + 0.5) / SUPERSAMPLE)
            if c is not None:
                covered += 1
                for k in range(3):
                    totals[k] += c[k]
    if covered == 0:
        return (0, 0, 0, 0)
    alpha = round(255 * covered / SUPERSAMPLE ** 2)
    return tuple(round(t / covered) for t in totals) + (alpha,)


def png(width, height, rows):
    """A PNG file (8-bit RGBA, no interlace) from rows of RGBA tuples."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"".join(bytes(p) for p in row) for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def main():
    rows = [[pixel(x, y) for x in range(SIZE)] for y in range(SIZE)]
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "icon.png")
    with open(out, "wb") as f:
        f.write(png(SIZE, SIZE, rows))
    print(out)


if __name__ == "__main__":
    main()
