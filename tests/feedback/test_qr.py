"""QR codes and sheets decode back to the right links (zxing-cpp reads them)."""

import io
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import Engine

from assistant.channels.assembly import channel_links
from assistant.channels.telegram.render import parse_start_parameter
from assistant.feedback.errors import InvalidQrTargetError
from assistant.feedback.links import context_from_start_code, start_code
from assistant.feedback.models import QrTarget
from assistant.feedback.service import FeedbackService
from assistant.feedback.settings import FeedbackSettings
from assistant.settings import Settings

TARGET = QrTarget(agency="stp", counter="Q3", agency_name="Sở Tư pháp tỉnh Hà Tĩnh")


def _decode(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_links_carry_the_counter_and_agency(service: FeedbackService) -> None:
    links = service.links(TARGET)
    url = urlsplit(links.web)
    assert (url.scheme, url.netloc, url.path) == ("https", "dichvucong.example.gov.vn", "/")
    assert parse_qs(url.query) == {
        "open": ["1"], "mode": ["feedback"], "counter": ["Q3"], "agency": ["stp"]}
    assert links.start_code == "mode_feedback__counter_Q3__agency_stp"
    assert links.telegram == "https://t.me/hatinh_dvc_bot?start=" + links.start_code
    assert links.zalo == "https://zalo.me/s/123/?start=" + links.start_code


def test_start_codes_give_the_web_context_back() -> None:
    longest = QrTarget(agency="a" * 16, counter="b" * 16)
    code = start_code(longest)
    assert len(code) <= 64  # Telegram's limit for a start parameter
    expected = {"mode": "feedback", "agency": "a" * 16, "counter": "b" * 16}
    assert context_from_start_code(code) == expected
    assert context_from_start_code("counter_Q3") is None  # no feedback mode
    assert context_from_start_code("garbage") is None
    # The Telegram adapter reads the same format into the same context as the web URL.
    assert parse_start_parameter(start_code(TARGET)) == {
        "mode": "feedback", "counter": "Q3", "agency": "stp"}


def test_png_decodes_to_the_web_link(service: FeedbackService) -> None:
    png = service.qr_image(TARGET, kind="png")
    assert _decode(Image.open(io.BytesIO(png))) == [service.links(TARGET).web]


def test_png_of_the_telegram_variant(service: FeedbackService) -> None:
    png = service.qr_image(TARGET, kind="png", variant="telegram")
    assert _decode(Image.open(io.BytesIO(png))) == [service.links(TARGET).telegram]


def test_svg_is_a_titled_vector_image(service: FeedbackService) -> None:
    svg = ET.fromstring(service.qr_image(TARGET, kind="svg"))
    namespace = "{http://www.w3.org/2000/svg}"
    assert svg.tag == f"{namespace}svg"
    title = svg.find(f"{namespace}title")
    assert title is not None and title.text == "Sở Tư pháp tỉnh Hà Tĩnh · Q3"
    assert svg.find(f"{namespace}path") is not None


def test_a6_sheet_has_one_page_per_counter_with_its_code_and_vietnamese_text(
    service: FeedbackService,
) -> None:
    targets = [TARGET, TARGET.model_copy(update={"counter": "Q4"})]
    reader = PdfReader(io.BytesIO(service.sheet(targets)))
    assert len(reader.pages) == 2
    for page, counter in zip(reader.pages, ("Q3", "Q4"), strict=True):
        width_mm = float(page.mediabox.width) / 72 * 25.4
        height_mm = float(page.mediabox.height) / 72 * 25.4
        assert (round(width_mm), round(height_mm)) == (105, 148)  # A6
        text = page.extract_text()
        assert "Sở Tư pháp tỉnh Hà Tĩnh" in text
        assert f"Quầy {counter}" in text
        assert "Quét mã để đánh giá mức độ hài lòng" in text
        assert "Scan to rate our service" in text
        (image,) = page.images
        decoded = _decode(Image.open(io.BytesIO(image.data)))
        assert decoded == [service.links(TARGET.model_copy(update={"counter": counter})).web]


def test_a_place_is_required(service: FeedbackService) -> None:
    with pytest.raises(InvalidQrTargetError):
        service.links(QrTarget())


def test_an_unconfigured_variant_is_refused(engine: Engine) -> None:
    bare = FeedbackService.create(engine, settings=FeedbackSettings(),
                                  public_url="http://x", organisation_vi="X",
                                  channel_links=channel_links(Settings()))
    assert bare.links(TARGET).channels == {"telegram": None, "zalo": None}
    with pytest.raises(InvalidQrTargetError, match="TELEGRAM_BOT_USERNAME"):
        bare.qr_image(TARGET, kind="png", variant="telegram")
    with pytest.raises(InvalidQrTargetError):
        bare.qr_image(TARGET, kind="png", variant="viber")
