from pathlib import Path

import pytest

from assistant.search.query.aliases import AliasTable, default_aliases_path


@pytest.fixture(scope="module")
def table() -> AliasTable:
    return AliasTable(
        [
            ("sổ đỏ", "giấy chứng nhận quyền sử dụng đất"),
            ("mất sổ đỏ", "cấp lại giấy chứng nhận do bị mất"),
            ("căn cước", "thẻ căn cước"),
            ("căn cước công dân", "thẻ căn cước"),
            ("cccd", "thẻ căn cước"),
            ("driving licence", "giấy phép lái xe"),
        ]
    )


def test_matches_whole_syllables_with_or_without_diacritics(table: AliasTable) -> None:
    assert table.expansions("làm lại sổ đỏ") == ["giấy chứng nhận quyền sử dụng đất"]
    assert table.expansions("lam lai so do") == ["giấy chứng nhận quyền sử dụng đất"]
    assert table.expansions("CCCD hết hạn") == ["thẻ căn cước"]
    assert table.expansions("renew my Driving Licence") == ["giấy phép lái xe"]


def test_accented_query_syllables_must_match_exactly(table: AliasTable) -> None:
    assert table.expansions("vẽ sơ đồ nhà") == []
    assert table.expansions("sổ đồ") == []


def test_no_partial_syllable_match(table: AliasTable) -> None:
    assert table.expansions("cccdx") == []


def test_nested_terms_keep_distinct_expansions_once(table: AliasTable) -> None:
    matches = table.match("mất sổ đỏ")
    assert [m.term for m in matches] == ["mất sổ đỏ", "sổ đỏ"]
    assert table.expansions("căn cước công dân") == ["thẻ căn cước"]


def test_load_reads_the_tsv_with_header(tmp_path: Path) -> None:
    path = tmp_path / "aliases.tsv"
    path.write_text("term\texpansion\tnote\nbằng lái\tgiấy phép lái xe\t\n", encoding="utf-8")
    assert AliasTable.load(path).expansions("thi bang lai") == ["giấy phép lái xe"]


def test_the_bundled_file_loads() -> None:
    table = AliasTable.load(default_aliases_path())
    assert table.size > 100
    assert "giấy chứng nhận quyền sử dụng đất" in table.expansions("so do")
