"""How groups, items, rules and path entries are named for people."""

from __future__ import annotations

import pytest

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.criteria.names import Names, joined
from hoctap_cli.outputs.words.diff_words import path_words
from hoctap_cli.outputs.words.rule_words import rule_words


def names(key: str) -> Names:
    return Names(shipped_catalog().pinned(key).criteria)


@pytest.mark.parametrize(
    ("key", "item", "shown"),
    [
        ("gia-dinh-hoc-tap@448-2015", "1.1", "mục 1.1"),
        ("gia-dinh-hoc-tap@448-2015", "TC3.0", "Tiêu chí 3"),  # one item for the whole group
        ("gia-dinh-hoc-tap@448-2015", "TC4.0", "Tiêu chí 4"),
        ("cong-dan-hoc-tap@324-2023", "5", "chỉ số 5"),  # the citation says "Chỉ số 5"
        ("thi-dua-xa@kh123-2024", "2", "ý 2"),  # "Đối với cấp xã, ý 2"
        ("cong-dong-hoc-tap-xa@tt25-2023", "3", "Tiêu chí 3"),
        ("cong-dong-hoc-tap-xa@tt25-2023", "4.m2", "Tiêu chí 4 (mức độ 2)"),
        ("cong-dong-hoc-tap-thon@448-2015", "2.1", "mục 2.1"),  # dotted stays a number
        # TT 25/2023 and TT 24/2023 number indicators within each criterion: "Chỉ tiêu 2".
        ("cong-dong-hoc-tap-xa@tt25-2023", "1.2", "chỉ tiêu 2 của Tiêu chí 1"),
        ("cong-dong-hoc-tap-xa@tt25-2023", "2.3", "chỉ tiêu 3 của Tiêu chí 2"),
        ("don-vi-hoc-tap@tt24-2023", "3.1", "chỉ tiêu 1 của Tiêu chí 3"),
        ("don-vi-hoc-tap@tt22-2020", "3.1", "mục 3.1"),  # cited as "Mục 1": number kept
    ],
)
def test_items_are_named_as_their_documents_number_them(key: str, item: str, shown: str) -> None:
    """It names an item by its number, or by its group when it stands for the whole group."""
    assert names(key).item(item) == shown


@pytest.mark.parametrize(
    ("key", "group", "shown"),
    [
        ("gia-dinh-hoc-tap@448-2015", "TC1", "Tiêu chí 1"),
        ("cong-dan-hoc-tap@324-2023", "NL2", "Năng lực 2"),
        ("thi-dua-xa@kh123-2024", "TC", "Tiêu chí thi đua"),
    ],
)
def test_groups_are_named_as_their_documents_number_them(key: str, group: str, shown: str) -> None:
    """It names a group 'Tiêu chí N' (or by its label when the document gives no number)."""
    assert names(key).group(group).startswith(shown)


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        (
            "so_tre_do_tuoi == 0 or so_tre_di_hoc >= so_tre_do_tuoi",
            "số trẻ trong độ tuổi phổ cập bằng 0, hoặc số trẻ đi học không ít hơn số trẻ trong "
            "độ tuổi phổ cập",
        ),
        ("so_nguoi_lon_biet_chu > 2", "số người lớn biết chữ mức 1 lớn hơn 2"),
        ("not (so_tre_di_hoc < 1)", "không phải số trẻ đi học nhỏ hơn 1"),
        ("present(diem_1_3)", "có ghi điểm 1.3 (trẻ ngoan, tham gia hoạt động)"),
    ],
)
def test_rules_are_said_with_field_labels(rule: str, words: str) -> None:
    """It says a rule with the labels of the fields it reads."""
    criteria = shipped_catalog().pinned("gia-dinh-hoc-tap@448-2015").criteria
    assert rule_words(rule, criteria) == words


def test_choices_and_shares_are_said_as_people_read_them() -> None:
    """It names choice values by their labels and roll-up shares in percent."""
    unit = shipped_catalog().pinned("don-vi-hoc-tap@tt24-2023").criteria
    rule = next(i.rule for _, i in unit.items() if i.id == "3.4")
    assert rule is not None
    assert "không phải Trường THPT hoặc Trung tâm GDTX" in rule_words(rule, unit)
    village = shipped_catalog().pinned("cong-dong-hoc-tap-thon@448-2015").criteria
    assert rule_words("ti_le_ho_gdht >= 70", village).endswith("không ít hơn 70%")


def test_diff_paths_in_words() -> None:
    """It names a change path by the group, item, field or level it is under."""
    n = names("gia-dinh-hoc-tap@448-2015")
    assert path_words("groups.TC2.items.2.2.points", n, n) == "Mục 2.2: điểm"
    assert path_words("groups.TC3.label", n, n) == "Tiêu chí 3: nội dung"
    assert path_words("verdict.levels.dat.min_total", n, n) == "Mức Đạt: tổng điểm tối thiểu"
    assert path_words("fields.diem_tc3.max", n, n).endswith(": lớn nhất")
    assert path_words("effective_from", n, n) == "Có hiệu lực từ"


def test_lists_are_joined_as_sentences() -> None:
    """It joins names with commas and a final 'và'."""
    assert joined([]) == "" and joined(["a"]) == "a"
    assert joined(["mục 1.1", "mục 1.2", "Tiêu chí 3"]) == "mục 1.1, mục 1.2 và Tiêu chí 3"
