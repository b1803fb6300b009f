"""Files that only look like workbooks: zip bombs, lying zips, OLE2 containers.

Everything is generated; the largest file written is a few hundred kilobytes.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from .xlsx_parts import Sheet, numbered, write_xlsx

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE, _END, _FAT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def zip_bomb(path: Path, megabytes: int = 200) -> Path:
    """A workbook whose sheet is ``megabytes`` MB of spaces packed a thousand times."""
    write_xlsx(path, [Sheet("S", numbered([["Mã hồ sơ", "Họ và tên"]]))])
    chunk = b" " * 1_000_000
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("xl/worksheets/padding.xml", "w", force_zip64=True) as part:
            for _ in range(megabytes):
                part.write(chunk)
    return path


def lying_sizes(path: Path, declared: int) -> Path:
    """A small valid workbook whose zip directory claims its sheet unpacks to ``declared``."""
    write_xlsx(path, [Sheet("S", numbered([["Mã hồ sơ", "Họ và tên"], ["H1", "An"]]))])
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    at = data.find(b"PK\x01\x02")  # central directory entries: the name is at offset 46
    while data[at + 46 : at + 46 + len(name)] != name:
        at = data.find(b"PK\x01\x02", at + 4)
    struct.pack_into("<I", data, at + 24, declared)  # its uncompressed size
    path.write_bytes(bytes(data))
    return path


def ole2(path: Path, streams: list[str]) -> Path:
    """A compound file (the container of .xls and of password-protected .xlsx).

    One FAT sector, one directory sector holding the root and the named empty streams,
    as the OLE2 format lays them out (version 3, 512-byte sectors).
    """
    header = bytearray(512)
    header[0:8] = OLE2_MAGIC
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, _END, 0, _END, 0)
    struct.pack_into("<I", header, 76, 0)  # the FAT is sector 0
    for slot in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * slot, _FREE)
    fat = struct.pack("<II", _FAT, _END) + struct.pack("<I", _FREE) * 126
    entries = [_entry("Root Entry", 5, child=1 if streams else _FREE)]
    for index, name in enumerate(streams, start=1):
        sibling = index + 1 if index < len(streams) else _FREE
        entries.append(_entry(name, 2, right=sibling))
    directory = b"".join(entries).ljust(512, b"\x00")
    path.write_bytes(bytes(header) + fat + directory)
    return path


def _entry(name: str, kind: int, child: int = _FREE, right: int = _FREE) -> bytes:
    encoded = (name + "\x00").encode("utf-16-le")
    entry = bytearray(128)
    entry[0 : len(encoded)] = encoded
    struct.pack_into("<HBB", entry, 64, len(encoded), kind, 1)
    struct.pack_into("<III", entry, 68, _FREE, right, child)
    struct.pack_into("<IQ", entry, 116, _END, 0)
    return bytes(entry)
