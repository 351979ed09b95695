"""The printable A6 sheet posted at a counter: the agency's name, the counter, the QR
code and a one-line invitation in Vietnamese and English. One page per counter.

The QR code is embedded as a lossless PNG of whole pixels per module, so it prints
sharp and can be read back from the PDF itself.
"""

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.feedback.errors import FontMissingError
from assistant.feedback.qr import qr_png

if TYPE_CHECKING:
    from fpdf import FPDF

__all__ = ["SheetPage", "find_fonts", "sheet_pdf"]

_INVITE_VI = "Quét mã để đánh giá mức độ hài lòng và góp ý cho chúng tôi."
_INVITE_EN = "Scan to rate our service and tell us what to improve."
_ANONYMOUS = "Không cần đăng nhập · ẩn danh  /  No sign-in · anonymous"
_DEBIAN_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


@dataclass(frozen=True)
class SheetPage:
    agency_name: str
    counter: str | None
    url: str  # what the QR code opens
    extra_lines: tuple[str, ...] = ()  # e.g. the Telegram link, printed small


def find_fonts(regular: Path | None, bold: Path | None) -> tuple[Path, Path]:
    """The regular and bold TrueType fonts to draw with (DejaVu Sans by default)."""
    regular = regular or _DEBIAN_DEJAVU / "DejaVuSans.ttf"
    bold = bold or (
        regular.with_name("DejaVuSans-Bold.ttf")
        if regular.name == "DejaVuSans.ttf" else regular
    )
    for path in (regular, bold):
        if not path.is_file():
            raise FontMissingError(str(path))
    return regular, bold


def sheet_pdf(pages: list[SheetPage], *, fonts: tuple[Path, Path], title: str) -> bytes:
    from fpdf import FPDF  # lazily: only the sheet needs it

    pdf = FPDF(orientation="P", unit="mm", format=(105, 148))  # A6
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(8, 8, 8)
    pdf.add_font("Sheet", "", str(fonts[0]))
    pdf.add_font("Sheet", "B", str(fonts[1]))
    pdf.set_title(title)
    pdf.set_creator("assistant feedback")
    for page in pages:
        _draw(pdf, page)
    return bytes(pdf.output())


def _draw(pdf: "FPDF", page: SheetPage) -> None:
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_text_color(20, 40, 90)
    pdf.set_font("Sheet", "B", 12)
    _centred(pdf, width, 5.5, page.agency_name)
    if page.counter:
        pdf.ln(1)
        pdf.set_font("Sheet", "", 10.5)
        _centred(pdf, width, 5, f"Quầy {page.counter}  ·  Counter {page.counter}")
    size = 64.0
    top = max(pdf.get_y() + 3, 28.0)
    png = qr_png(page.url, scale=12, border=2)
    pdf.image(io.BytesIO(png), x=(pdf.w - size) / 2, y=top, w=size, h=size)
    pdf.set_y(top + size + 3)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Sheet", "B", 10.5)
    _centred(pdf, width, 5, _INVITE_VI)
    pdf.ln(0.5)
    pdf.set_font("Sheet", "", 9)
    _centred(pdf, width, 4.3, _INVITE_EN)
    pdf.ln(1)
    pdf.set_text_color(90, 90, 90)
    pdf.set_font("Sheet", "", 6.5)
    _centred(pdf, width, 3.2, _ANONYMOUS)
    for line in (page.url, *page.extra_lines):
        _centred(pdf, width, 3.2, line)


def _centred(pdf: "FPDF", width: float, height: float, text: str) -> None:
    pdf.multi_cell(width, height, text, align="C", new_x="LMARGIN", new_y="NEXT")
