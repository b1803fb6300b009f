"""``hoctap diff OLD NEW``: what changed between two criteria files, and with
``--records``, whose verdict changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hoctap_cli.cli.errors import reports_errors
from hoctap_cli.cli.options import ForceOption, OutputOption, choices
from hoctap_cli.outputs.registry import CHANGES

if TYPE_CHECKING:
    from hoctap_cli.criteria.catalog import Catalog
    from hoctap_cli.outputs.writers import VerdictImpact
    from hoctap_cli.workflow.run import Evaluation

    ChangesName = str
else:
    ChangesName = choices(CHANGES)  # the impact's formats have the same names

_NAME_HELP = "mã bộ tiêu chí, mã@phiên-bản hoặc đường dẫn tệp .yaml."
OldArgument = Annotated[
    str, typer.Argument(help="Bộ tiêu chí cũ: " + _NAME_HELP, metavar="CŨ", show_default=False)
]
NewArgument = Annotated[
    str, typer.Argument(help="Bộ tiêu chí mới: " + _NAME_HELP, metavar="MỚI", show_default=False)
]
DiffFormatOption = Annotated[
    ChangesName,
    typer.Option(
        "--format", "-f", help="Dạng kết quả: table (bảng), json hoặc markdown (cho báo cáo)."
    ),
]


RecordsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--records",
        help="Tệp hồ sơ hoặc thư mục chứa các tệp đó, để xem ai đổi kết quả giữa hai bộ tiêu "
        "chí (có thể lặp lại).",
        metavar="TỆP",
        show_default=False,
    ),
]


@reports_errors
def diff(
    old: OldArgument,
    new: NewArgument,
    *,
    records: RecordsOption = None,
    output_format: DiffFormatOption = "table",
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """So sánh hai bộ tiêu chí: tiêu chí, điểm, cột, mức đạt đã thêm, bỏ, sửa hay chuyển nhóm;
    với --records: những hồ sơ đổi kết quả và vì tiêu chí nào."""
    from hoctap_cli.cli.inputs import gather_inputs
    from hoctap_cli.cli.paper import say_problems
    from hoctap_cli.cli.steps import emit, finish, say_unread
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.criteria.diff import diff_criteria
    from hoctap_cli.outputs.registry import IMPACT
    from hoctap_cli.outputs.writers import CriteriaChanges
    from hoctap_cli.problems import split_problems
    from hoctap_cli.workflow.writing import check_target

    catalog, today = shipped_catalog(), dt.date.today()
    before, after = catalog.resolve(old, today), catalog.resolve(new, today)
    compared = [Path(before.source), Path(after.source)]
    if records:
        inputs = gather_inputs(records, [output], force, protected=compared)
        impact, runs = verdict_impact(catalog, old, new, inputs)
        emit(IMPACT[output_format], impact, output)
        say_unread(runs[0])  # both runs read the same files
        say_problems(split_problems(runs[0].problems)[0])
        finish(runs)
    if output is not None:
        check_target(output, compared, force)
    changes = CriteriaChanges(diff_criteria(before.criteria, after.criteria), before, after)
    emit(CHANGES[output_format], changes, output)


def verdict_impact(
    catalog: Catalog, old: str, new: str, inputs: list[Path]
) -> tuple[VerdictImpact, list[Evaluation]]:
    """Evaluate the records under both versions: whose verdict changes, the names (titles,
    levels, items) to say it by, and the two runs (for what could not be read)."""
    from hoctap_cli.cli.steps import run
    from hoctap_cli.criteria.names import Names as ItemNames
    from hoctap_cli.criteria.names import capitalize
    from hoctap_cli.outputs.screens.impact_view import Names
    from hoctap_cli.outputs.writers import VerdictImpact
    from hoctap_cli.workflow.impact import verdict_impact as compare

    before, after = run(inputs, old, None), run(inputs, new, None)
    sets = [
        title_result.criteria.criteria for run_ in (before, after) for title_result in run_.titles
    ]
    levels = {lv.id: lv.label for criteria in sets for lv in criteria.verdict.levels}
    items = {
        item.id: capitalize(ItemNames(criteria).item(item.id))
        for criteria in sets
        for _, item in criteria.items()
    }
    impact = VerdictImpact(compare(before, after), Names(catalog.title_names(), levels, items))
    return impact, [before, after]
