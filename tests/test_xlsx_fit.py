"""Row heights of the printed lists: the one-line shortcut counts as wrapping word by word."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hoctap_cli.outputs.papers import xlsx_fit
from hoctap_cli.outputs.papers.xlsx_book import Style
from hoctap_cli.outputs.papers.xlsx_fit import fitted_height, wrapped_lines


def word_by_word(text: str, width: float, size: float, bold: bool) -> int:
    """``wrapped_lines`` without its shortcut for texts that fit on one line."""
    saved = xlsx_fit.ONE_LINE
    xlsx_fit.ONE_LINE = 0.0  # nothing is below no room: every text is wrapped word by word
    try:
        return wrapped_lines(text, width, size, bold)
    finally:
        xlsx_fit.ONE_LINE = saved


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="aĐê Hộ-QUẢNG 12mw.\n", max_size=60),
    st.floats(min_value=1, max_value=80),
    st.sampled_from([11.0, 12.0, 13.0, 14.0]),
    st.booleans(),
)
def test_shortcut_counts_as_word_by_word(text: str, width: float, size: float, bold: bool) -> None:
    """It gives every text the number of lines wrapping it word by word gives."""
    assert wrapped_lines(text, width, size, bold) == word_by_word(text, width, size, bold)


def test_height_is_the_tallest_cell() -> None:
    """It fits a row to its tallest cell, and leaves a row without values alone."""
    narrow = ("Nguyễn Thị Minh Khai", Style(size=13), 10.0)
    wide = ("Nguyễn Thị Minh Khai", Style(size=13), 60.0)
    assert fitted_height([wide]) == round(13 * xlsx_fit.LINE + 3, 1)
    assert fitted_height([wide, narrow]) == fitted_height([narrow]) > fitted_height([wide])
    assert fitted_height([(None, Style(), 10.0)]) is None
    assert fitted_height([(0.125, Style(num_format="0.0%"), 8.0)]) == round(11 * 1.3 + 3, 1)
