"""Small real pictures for the feeds' <img> tags: PNG and baseline JPEG bytes made here, from a seed.

Real files, not random bytes, so a reader that later decodes or sniffs pictures sees what a portal sends.
"""

import struct
import zlib

SIZE = 16  # pixels a side; both formats


def png(seed: int) -> bytes:
    """A 16×16 RGB PNG: a two-colour gradient chosen by `seed`."""
    r0, g0, b0 = (seed * 53) % 256, (seed * 97) % 256, (seed * 193) % 256
    rows = bytearray()
    for y in range(SIZE):
        rows.append(0)  # filter: none
        for x in range(SIZE):
            rows += bytes(((r0 + 8 * x) % 256, (g0 + 8 * y) % 256, (b0 + 4 * (x + y)) % 256))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(
        b"IEND", b""
    )


# The standard luminance DC table (ITU T.81, K.3): code counts by length 1..16, then the symbols.
_DC_COUNTS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
_DC_SYMBOLS = list(range(12))
# An AC table holding only end-of-block (symbol 0x00) as the one-bit code "0": every block here is flat.
_AC_COUNTS = [1] + [0] * 15
_AC_SYMBOLS = [0x00]


def _canonical_codes(counts: list[int], symbols: list[int]) -> dict[int, tuple[int, int]]:
    """symbol → (code, length) for a JPEG Huffman table given as counts per length."""
    codes, code, k = {}, 0, 0
    for length, count in enumerate(counts, start=1):
        for _ in range(count):
            codes[symbols[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


class _Bits:
    def __init__(self) -> None:
        self.out = bytearray()
        self.acc = 0
        self.n = 0

    def put(self, value: int, length: int) -> None:
        for i in range(length - 1, -1, -1):
            self.acc = (self.acc << 1) | ((value >> i) & 1)
            self.n += 1
            if self.n == 8:
                self.out.append(self.acc)
                if self.acc == 0xFF:
                    self.out.append(0x00)  # byte stuffing
                self.acc = self.n = 0

    def finish(self) -> bytes:
        if self.n:
            self.put((1 << (8 - self.n)) - 1, 8 - self.n)  # pad with ones
        return bytes(self.out)


def jpeg(seed: int) -> bytes:
    """A 16×16 greyscale baseline JPEG of four flat 8×8 squares whose shades `seed` chooses."""
    shades = [(seed * 37 + 61 * i) % 256 for i in range(4)]
    dc, ac = _canonical_codes(_DC_COUNTS, _DC_SYMBOLS), _canonical_codes(_AC_COUNTS, _AC_SYMBOLS)
    bits, previous = _Bits(), 0
    for shade in shades:  # blocks in raster order: top left, top right, bottom left, bottom right
        coefficient = 8 * (shade - 128)  # the DC term of a flat block, quantised by 1
        diff, previous = coefficient - previous, coefficient
        size = abs(diff).bit_length()
        bits.put(*dc[size])
        if size:
            bits.put(diff if diff >= 0 else diff + (1 << size) - 1, size)
        bits.put(*ac[0x00])
    scan = bits.finish()

    def segment(marker: int, data: bytes) -> bytes:
        return struct.pack(">HH", marker, len(data) + 2) + data

    return b"".join(
        [
            b"\xff\xd8",
            segment(0xFFE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
            segment(0xFFDB, b"\x00" + b"\x01" * 64),
            segment(0xFFC0, struct.pack(">BHHB", 8, SIZE, SIZE, 1) + b"\x01\x11\x00"),
            segment(0xFFC4, b"\x00" + bytes(_DC_COUNTS) + bytes(_DC_SYMBOLS)),
            segment(0xFFC4, b"\x10" + bytes(_AC_COUNTS) + bytes(_AC_SYMBOLS)),
            segment(0xFFDA, b"\x01\x01\x00\x00\x3f\x00"),
            scan,
            b"\xff\xd9",
        ]
    )


def picture(name: str) -> tuple[bytes, str] | None:
    """The bytes and media type for a picture path's last part, like `17-3.png`; None for another name."""
    stem, _, ext = name.rpartition(".")
    seed = zlib.crc32(stem.encode())
    if ext == "png":
        return png(seed), "image/png"
    if ext in ("jpg", "jpeg"):
        return jpeg(seed), "image/jpeg"
    return None
