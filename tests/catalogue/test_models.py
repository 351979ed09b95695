import unicodedata

import pytest
from pydantic import ValidationError

from assistant.catalogue.models import LegalDocument, Procedure


def test_strings_are_composed_on_the_way_in() -> None:
    decomposed = unicodedata.normalize("NFD", "Cấp giấy phép xây dựng")
    procedure = Procedure.model_validate(
        {"code": "HT.1", "title": decomposed, "documents": [{"name": decomposed}]}
    )
    assert procedure.title == unicodedata.normalize("NFC", decomposed)
    assert procedure.documents[0].name == procedure.title


def test_unknown_fields_and_bad_codes_are_refused() -> None:
    with pytest.raises(ValidationError):
        Procedure.model_validate({"code": "HT.1", "title": "A", "fee": 10})
    with pytest.raises(ValidationError):
        Procedure(code="mã có dấu cách", title="A")


def test_legal_document_needs_a_number_or_a_title() -> None:
    assert LegalDocument(number="85/2019/TT-BTC").title is None
    with pytest.raises(ValidationError):
        LegalDocument()


def test_fees_cannot_be_negative() -> None:
    with pytest.raises(ValidationError):
        Procedure.model_validate(
            {
                "code": "HT.1",
                "title": "A",
                "channels": [{"kind": "online", "kind_label": "Trực tuyến", "fee_vnd": -1}],
            }
        )
