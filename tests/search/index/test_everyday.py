from assistant.search.index.everyday import everyday_texts
from assistant.text import has_diacritics


def test_the_accent_model_learns_only_from_texts_written_with_diacritics() -> None:
    # Chat lines typed without diacritics ("dk ket hon can giay to gi") would teach it
    # that "ket hon" stays unaccented.
    texts = everyday_texts()
    assert len(texts) > 1000
    assert all(has_diacritics(text) for text in texts)
