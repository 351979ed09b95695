from actions.support.choice_labels import choice_labels, shorten
from assistant.catalogue.service import CatalogueService
from assistant.search import TitleTerms

# Four near-duplicate titles that the first 50 characters cannot tell apart.
_INVESTMENT = ["5.002578", "5.002580", "6.003625", "6.003629"]


def test_shortened_at_a_word_boundary() -> None:
    label = shorten("Quyết định đầu tư và quyết định chủ đầu tư dự án đầu tư xây dựng", 40)
    assert len(label) <= 40 and label.endswith("…")
    assert label == "Quyết định đầu tư và quyết định chủ đầu…"
    assert shorten("Đăng ký khai sinh", 40) == "Đăng ký khai sinh"


def test_near_duplicates_get_distinct_labels_that_fit(catalogue: CatalogueService) -> None:
    procedures = [catalogue.require(code) for code in _INVESTMENT]
    for language in ("vi", "en"):
        labels = choice_labels(procedures, language, max_chars=60,
                               gloss=TitleTerms.load().gloss)
        assert len({label.casefold() for label in labels}) == len(labels), labels
        assert all(len(label) <= 60 for label in labels), labels
        words = {word for p in procedures for word in p.title.split()}
        for label in labels:  # no word cut in half
            title_part = label.split(" (")[0].replace("…", " ")
            assert set(title_part.split()) <= words, label


def test_identical_titles_are_told_apart_by_agency(catalogue: CatalogueService) -> None:
    by_title: dict[str, list[object]] = {}
    for p in catalogue.all():
        by_title.setdefault(p.title, []).append(p)
    twins = next(g for g in by_title.values()
                 if len(g) > 1 and len({getattr(p, "agency", "") for p in g}) == len(g))
    labels = choice_labels(twins, "vi", max_chars=90)
    assert len(set(labels)) == len(labels), labels


def test_english_speakers_see_a_gloss(catalogue: CatalogueService) -> None:
    birth = next(p for p in catalogue.all() if p.title == "Thủ tục đăng ký khai sinh")
    (vi,) = choice_labels([birth], "vi", max_chars=90, gloss=TitleTerms.load().gloss)
    (en,) = choice_labels([birth], "en", max_chars=90, gloss=TitleTerms.load().gloss)
    assert vi == "Đăng ký khai sinh (Cấp xã)"
    assert en == "Đăng ký khai sinh (commune) – Register a birth"
