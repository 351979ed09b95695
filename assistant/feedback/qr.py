"""QR code images (PNG, SVG) of a link, with segno."""

import io

import segno

__all__ = ["qr_png", "qr_svg"]

# Level M (15 % recovery) survives a scuffed or partly covered sticker at a counter
# while keeping the code sparse enough for old phone cameras.
_ERROR = "m"


def _code(data: str) -> segno.QRCode:
    return segno.make_qr(data, error=_ERROR, boost_error=True)


def qr_png(data: str, *, scale: int = 10, border: int = 4) -> bytes:
    buffer = io.BytesIO()
    _code(data).save(buffer, kind="png", scale=scale, border=border)
    return buffer.getvalue()


def qr_svg(data: str, *, scale: int = 10, border: int = 4, title: str | None = None) -> bytes:
    buffer = io.BytesIO()
    _code(data).save(
        buffer, kind="svg", scale=scale, border=border, xmldecl=False,
        title=title, unit=None,
    )
    return buffer.getvalue()
