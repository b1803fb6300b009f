"""New cell formats appended to a workbook's ``styles.xml``, the rest kept byte for byte.

Only the ``fonts``, ``fills``, ``numFmts`` and ``cellXfs`` lists grow: existing indices stay
valid, so the sheets that are copied unchanged keep their look. The file is spliced, not
parsed and written again, because rewriting it through a generic XML library drops the
namespace declarations that ``mc:Ignorable`` names and Excel then refuses the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hoctap_cli.outputs.annotated.xml_text import attribute

_ATTRIBUTE = re.compile(rb'([\w:]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_ROOT = re.compile(rb"<(?:(\w+):)?styleSheet\b")


class StylesUnsupported(Exception):
    """styles.xml lacks a list the copy must append to."""


@dataclass(frozen=True)
class Xf:
    """One cell format: its attributes and its ``alignment``/``protection`` children."""

    attributes: tuple[tuple[str, str], ...]
    alignment: str = ""
    protection: str = ""

    def get(self, name: str) -> str | None:
        return dict(self.attributes).get(name)

    def number(self, name: str) -> int:
        value = self.get(name)
        return int(value) if value and value.isdigit() else 0

    def replaced(self, **values: str) -> Xf:
        attributes = dict(self.attributes) | values
        return Xf(tuple(attributes.items()), self.alignment, self.protection)


BLANK = Xf((("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0")))


class Styles:
    """The workbook's formats, and those the copy adds (see the module's docstring)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        root = _ROOT.search(data)
        if root is None:
            raise StylesUnsupported("styleSheet")
        self.prefix = (root.group(1) or b"").decode() + (":" if root.group(1) else "")
        p = re.escape(self.prefix.encode())
        self._sections: dict[str, tuple[int, int]] = {}  # name → (start of list, end of list)
        items: dict[str, list[bytes]] = {}
        for name, item in (("fonts", "font"), ("fills", "fill"), ("cellXfs", "xf")):
            found = re.search(
                rb"<" + p + name.encode() + rb"\b[^>]*>(.*?)</" + p + name.encode() + rb">",
                data,
                re.S,
            )
            if found is None:
                raise StylesUnsupported(name)
            self._sections[name] = (found.start(), found.end())
            element = (
                rb"<"
                + p
                + item.encode()
                + rb"(?=[\s/>])(?:[^>]*?/>|.*?</"
                + p
                + item.encode()
                + rb">)"
            )
            items[name] = re.findall(element, found.group(1), re.S)
        self.fonts = [font.decode("utf-8") for font in items["fonts"]]
        self._fill_count = len(items["fills"])
        self.xfs = [_parse_xf(raw) for raw in items["cellXfs"]]
        self._original = (len(self.fonts), len(self.xfs))
        self._new_fills: list[str] = []
        self._fills: dict[str, int] = {}
        self._fonts: dict[str, int] = {}
        self._xfs: dict[Xf, int] = {}
        self._formats: dict[str, int] = {}
        self._new_formats: list[tuple[int, str]] = []
        self._format_ids = [int(n) for n in re.findall(rb'numFmtId="(\d+)"', data)]

    # Lists ---------------------------------------------------------------------------------

    def fill(self, rgb: str) -> int:
        """A solid fill of colour ``rgb`` (RRGGBB), as openpyxl writes ``PatternFill``."""
        if rgb not in self._fills:
            p = self.prefix
            self._new_fills.append(
                f'<{p}fill><{p}patternFill patternType="solid"><{p}fgColor rgb="00{rgb}"/>'
                f'<{p}bgColor rgb="00000000"/></{p}patternFill></{p}fill>'
            )
            self._fills[rgb] = self._fill_count + len(self._new_fills) - 1
        return self._fills[rgb]

    def font(self, inner: str) -> int:
        """A font made of ``inner`` (its child elements, without prefix)."""
        p = self.prefix
        xml = f"<{p}font>" + inner.replace("<", f"<{p}") + f"</{p}font>" if inner else f"<{p}font/>"
        return self._font_xml(xml)

    def bold_font(self, font_id: int) -> int:
        """Font ``font_id`` made bold."""
        if not 0 <= font_id < len(self.fonts):
            return self.font("<b/>")
        xml = self.fonts[font_id]
        p = self.prefix
        xml = re.sub(rf"<{re.escape(p)}b(?=[\s/>])[^>]*?/>", "", xml)
        if xml.endswith("/>"):  # <font/>
            xml = xml[:-2] + f"><{p}b/></{p}font>"
        else:
            head = xml.index(">") + 1
            xml = xml[:head] + f"<{p}b/>" + xml[head:]
        return self._font_xml(xml)

    def number_format(self, code: str) -> int:
        """The id of the number format ``code``, added when the workbook lacks it."""
        if code not in self._formats:
            found = re.search(
                rb'<[\w:]*numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="'
                + re.escape(attribute(code).encode())
                + rb'"',
                self.data,
            )
            if found:
                self._formats[code] = int(found.group(1))
            else:
                number = max([163, *self._format_ids, *(n for n, _ in self._new_formats)]) + 1
                self._new_formats.append((number, code))
                self._formats[code] = number
        return self._formats[code]

    def _font_xml(self, xml: str) -> int:
        if xml not in self._fonts:
            self.fonts.append(xml)
            self._fonts[xml] = len(self.fonts) - 1
        return self._fonts[xml]

    # Cell formats --------------------------------------------------------------------------

    def xf(self, index: int) -> Xf:
        return self.xfs[index] if 0 <= index < len(self.xfs) else BLANK

    def has_style(self, index: int) -> bool:
        """Whether format ``index`` differs from none at all (openpyxl's ``has_style``)."""
        xf = self.xf(index)
        numbers = ("numFmtId", "fontId", "fillId", "borderId", "xfId")
        flags = ("quotePrefix", "pivotButton")
        return (
            any(xf.number(name) for name in numbers)
            or any(xf.get(name) in ("1", "true") for name in flags)
            or bool(xf.alignment or xf.protection)
        )

    def derive(
        self,
        base: Xf,
        *,
        font: int | None = None,
        fill: int | None = None,
        border: int | None = None,
        number_format: int | None = None,
        alignment: str | None = None,
    ) -> int:
        """The index of ``base`` with the parts given replaced (added when new)."""
        values: dict[str, str] = {}
        for name, apply, value in (
            ("fontId", "applyFont", font),
            ("fillId", "applyFill", fill),
            ("borderId", "applyBorder", border),
            ("numFmtId", "applyNumberFormat", number_format),
        ):
            if value is not None:
                values[name], values[apply] = str(value), "1"
        xf = base.replaced(**values)
        if alignment is not None:  # the whole element, prefixed; "" for none
            xf = Xf(xf.replaced(applyAlignment="1").attributes, alignment, xf.protection)
        if xf not in self._xfs:
            self.xfs.append(xf)
            self._xfs[xf] = len(self.xfs) - 1
        return self._xfs[xf]

    # Writing -------------------------------------------------------------------------------

    def render(self) -> bytes:
        """styles.xml with the new entries appended to their lists."""
        fonts, xfs = self._original
        out = self.data
        edits: list[tuple[int, int, bytes]] = []  # (start, end, replacement) in ``self.data``
        for name, added, count in (
            ("cellXfs", "".join(_xf_xml(xf, self.prefix) for xf in self.xfs[xfs:]), len(self.xfs)),
            ("fills", "".join(self._new_fills), self._fill_count + len(self._new_fills)),
            ("fonts", "".join(self.fonts[fonts:]), len(self.fonts)),
        ):
            if added:
                edits.extend(self._append(name, added.encode("utf-8"), count))
        if self._new_formats:
            edits.extend(self._formats_edit())
        for start, end, replacement in sorted(edits, reverse=True):
            out = out[:start] + replacement + out[end:]
        return out

    def _append(self, name: str, added: bytes, count: int) -> list[tuple[int, int, bytes]]:
        start, end = self._sections[name]
        close = end - len(f"</{self.prefix}{name}>")
        head = self.data.index(b">", start)
        tag = self.data[start:head]
        edits = [(close, close, added)]
        counted = re.search(rb'\scount="\d*"', tag)
        if counted:
            edits.append((start + counted.start(), start + counted.end(), b' count="%d"' % count))
        return edits

    def _formats_edit(self) -> list[tuple[int, int, bytes]]:
        p = self.prefix
        added = "".join(
            f'<{p}numFmt numFmtId="{number}" formatCode="{attribute(code)}"/>'
            for number, code in self._new_formats
        ).encode("utf-8")
        found = re.search(rb"<" + re.escape(p.encode()) + rb"numFmts\b([^>]*?)(/?)>", self.data)
        if found is None:  # numFmts comes first in the stylesheet
            at = self._sections["fonts"][0]
            whole = (
                f'<{p}numFmts count="{len(self._new_formats)}">'.encode()
                + added
                + f"</{p}numFmts>".encode()
            )
            return [(at, at, whole)]
        counts = re.findall(rb"<" + re.escape(p.encode()) + rb"numFmt\b", self.data)
        total = len(counts) + len(self._new_formats)
        opening = f'<{p}numFmts count="{total}">'.encode()
        if found.group(2):  # <numFmts/>
            return [(found.start(), found.end(), opening + added + f"</{p}numFmts>".encode())]
        close = self.data.index(f"</{p}numFmts>".encode(), found.end())
        return [(close, close, added), (found.start(), found.end(), opening)]


def _parse_xf(raw: bytes) -> Xf:
    head = raw.index(b">")
    attributes = tuple(
        (name.decode(), (double if double or not single else single).decode("utf-8"))
        for name, double, single in _ATTRIBUTE.findall(raw[:head])
    )
    text = raw.decode("utf-8")
    alignment = re.search(r"<(?:\w+:)?alignment\b.*?(?:/>|</(?:\w+:)?alignment>)", text, re.S)
    protection = re.search(r"<(?:\w+:)?protection\b.*?(?:/>|</(?:\w+:)?protection>)", text, re.S)
    return Xf(
        attributes,
        alignment.group(0) if alignment else "",
        protection.group(0) if protection else "",
    )


def _xf_xml(xf: Xf, prefix: str) -> str:
    attributes = "".join(f' {name}="{attribute(value)}"' for name, value in xf.attributes)
    children = xf.alignment + xf.protection
    if not children:
        return f"<{prefix}xf{attributes}/>"
    return f"<{prefix}xf{attributes}>{children}</{prefix}xf>"
