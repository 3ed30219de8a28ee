"""Generate static/favicon.png: a 64x64 navy (#1f3b73) shield with a white globe.

Standard library only (zlib + struct), so it runs anywhere:

    python tools/make_favicon.py

The output is deterministic; re-running it rewrites the same bytes.
"""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

SIZE = 64
SS = 4  # supersampling per axis, for smooth (anti-aliased) edges
NAVY = (0x1F, 0x3B, 0x73)
WHITE = (0xFF, 0xFF, 0xFF)


def _in_shield(x: float, y: float) -> bool:
    """Shield outline in a 64x64 box: flat top, straight sides, curved point at the bottom."""
    left, right, top = 8.0, 56.0, 5.0
    cx = (left + right) / 2
    if y < top or x < left or x > right:
        return False
    if y <= 34.0:
        return True
    # lower part: the half-width shrinks along a quarter-ellipse down to the tip at y=60
    t = (y - 34.0) / (60.0 - 34.0)
    if t > 1.0:
        return False
    half = (right - left) / 2 * math.sqrt(max(0.0, 1.0 - t * t))
    return abs(x - cx) <= half


def _globe_stroke(x: float, y: float) -> bool:
    """A simple globe: circle outline, equator, two parallels and one meridian ellipse."""
    cx, cy, r, w = 32.0, 29.0, 15.0, 1.6
    dx, dy = x - cx, y - cy
    d = math.hypot(dx, dy)
    if abs(d - r) <= w:
        return True
    if d > r:
        return False
    if abs(dy) <= w * 0.75:  # equator
        return True
    for py in (-8.0, 8.0):  # parallels
        if abs(dy - py) <= w * 0.6:
            return True
    if abs(dx) <= w * 0.6:  # central meridian
        return True
    # meridian ellipse with semi-axis r/2
    e = math.hypot(dx / (r / 2), dy / r)
    return abs(e - 1.0) * (r / 2) <= w * 0.6


def render() -> bytes:
    rows = []
    for py in range(SIZE):
        row = bytearray([0])  # PNG filter type 0 for each scanline
        for px in range(SIZE):
            shield = globe = 0
            for sy in range(SS):
                for sx in range(SS):
                    x = px + (sx + 0.5) / SS
                    y = py + (sy + 0.5) / SS
                    if _in_shield(x, y):
                        shield += 1
                        if _globe_stroke(x, y):
                            globe += 1
            n = SS * SS
            alpha = round(255 * shield / n)
            if shield:
                g = globe / shield
                rgb = [round(NAVY[i] * (1 - g) + WHITE[i] * g) for i in range(3)]
            else:
                rgb = [0, 0, 0]
            row += bytes(rgb + [alpha])
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(tag: bytes, data: bytes) -> bytes:
        body = tag + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "static" / "favicon.png"
    out.write_bytes(render())
    print(f"wrote {out} ({out.stat().st_size} bytes)")
