"""Draws the app icons (a white shield with a check on police navy) as PNGs, with the standard library
only. Run once; the PNGs are committed. `python3 tools/make-icons.py public/icons`."""
import struct
import sys
import zlib

NAVY = (11, 42, 74)
WHITE = (255, 255, 255)
GOLD = (242, 181, 29)


def shield(u, v):
    """True inside a shield shape in unit coordinates (0..1 each way)."""
    if not (0.2 <= u <= 0.8 and 0.15 <= v <= 0.85):
        return False
    if v <= 0.55:
        return True
    # Lower part narrows to a point at the bottom.
    half = 0.3 * (0.85 - v) / 0.30
    return abs(u - 0.5) <= half


def check(u, v):
    """A gold check mark across the shield."""
    def near(ax, ay, bx, by, w):
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((u - ax) * dx + (v - ay) * dy) / (dx * dx + dy * dy)))
        px, py = ax + t * dx, ay + t * dy
        return (u - px) ** 2 + (v - py) ** 2 <= w * w
    return near(0.36, 0.47, 0.47, 0.60, 0.045) or near(0.47, 0.60, 0.66, 0.36, 0.045)


def draw(size, scale):
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            # Maskable icons keep the drawing inside the central safe zone.
            u = 0.5 + ((x + 0.5) / size - 0.5) / scale
            v = 0.5 + ((y + 0.5) / size - 0.5) / scale
            colour = GOLD if check(u, v) else WHITE if shield(u, v) else NAVY
            row.extend(colour)
        rows.append(bytes(row))
    return b"".join(rows)


def png(size, pixels):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = sys.argv[1]
    for name, size, scale in [("icon-180", 180, 1.0), ("icon-192", 192, 1.0), ("icon-512", 512, 1.0), ("icon-maskable-512", 512, 0.75)]:
        with open(f"{out}/{name}.png", "wb") as f:
            f.write(png(size, draw(size, scale)))
