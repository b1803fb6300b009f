"""Roll-ups that count their own title, directly or through a chain of other titles.

A title is evaluated after the titles it counts; a chain that comes back to where it
started can never be evaluated. It is refused when criteria are loaded together (before
any record is read) and by ``hoctap criteria check``, naming the whole chain.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def find_cycle(counts: Mapping[str, Iterable[str]], start: str) -> list[str] | None:
    """The shortest chain ``start → … → start`` of titles each counting the next, if any.

    ``counts`` maps a title to the titles its roll-ups count. Breadth first, so the chain
    named is the shortest one; linear in the titles and roll-ups.
    """
    parents: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for title in frontier:
            for counted in counts.get(title, ()):
                if counted == start:
                    path = [title]
                    while path[-1] != start:
                        path.append(parents[path[-1]])
                    return [*reversed(path), start]
                if counted not in parents and counted in counts:
                    parents[counted] = title
                    following.append(counted)
        frontier = following
    return None


def describe_cycle(chain: list[str], names: Mapping[str, str]) -> str:
    """'Dòng họ học tập đếm Gia đình học tập, Gia đình học tập đếm Dòng họ học tập: …'."""

    def name(title: str) -> str:
        return f"'{names.get(title, title)}'"

    if len(chain) == 2:
        return (
            f"danh hiệu {name(chain[0])} tính từ kết quả của chính nó: không xét được; "
            "hãy bỏ phần tính gộp (rollups) trỏ về chính danh hiệu này"
        )
    steps = ", ".join(
        f"{name(a)} tính từ {name(b)}" for a, b in zip(chain, chain[1:], strict=False)
    )
    return (
        f"các danh hiệu tính gộp vòng tròn ({steps}): không danh hiệu nào xét trước được; "
        "hãy bỏ một phần tính gộp (rollups) trong vòng này"
    )
