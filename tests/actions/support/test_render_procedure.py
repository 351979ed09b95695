"""How procedure facts read in a chat bubble, on real catalogue records."""

from actions.support.render_procedure import detail_bubbles, summary
from assistant.catalogue.service import CatalogueService

BIRTH_REGISTRATION = "1.001193"  # the portal gives its time as a bare "1"


def _passport(catalogue: CatalogueService) -> object:
    return next(
        p for p in catalogue.all()
        if p.title.startswith("Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp trung")
    )


def test_a_time_without_unit_says_so_instead_of_guessing(catalogue: CatalogueService) -> None:
    procedure = catalogue.get(BIRTH_REGISTRATION)
    assert "1 (danh mục không ghi đơn vị)" in summary(procedure, "vi")
    english = "\n".join(detail_bubbles(procedure, "time", "en", max_chars=900))
    assert "1 (the catalogue does not state the unit)" in english


def test_the_same_fee_on_every_channel_is_one_line_and_its_note_is_kept(
    catalogue: CatalogueService,
) -> None:
    bubbles = "\n".join(detail_bubbles(_passport(catalogue), "fee", "vi", max_chars=900))
    lines = bubbles.splitlines()
    assert "• Trực tuyến, Qua bưu chính, Trực tiếp: 200.000 đồng" in lines
    assert len([line for line in lines if line.startswith("•")]) == 1
    assert "400.000đ" in bubbles  # the rate for a lost or damaged passport
