"""The sampled calls spread over the analysts' queues: no analyst gets a call
they made, and the queues are as even as they can be. No Django import."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence

CallId = Hashable
PersonId = Hashable


class AssignmentError(ValueError):
    """Calls that no analyst may score; ``calls`` lists them."""

    def __init__(self, message: str, calls: Sequence[CallId]):
        super().__init__(message)
        self.calls = tuple(calls)


def assign_to_queues(
    calls: Sequence[tuple[CallId, PersonId]], analysts: Sequence[PersonId]
) -> dict[CallId, PersonId]:
    """Spread (call, collector) pairs over the analysts so that no analyst gets a
    call they made and the queues are as even as they can be.

    Analysts and collectors are identified by the same person ids. Each call
    rules out at most one analyst (its collector), so by Hall's theorem queue
    sizes L are possible exactly when every analyst's L_a <= T - F_a, T the
    number of calls and F_a the calls analyst a made themselves. The sizes are
    filled like water up to those caps (the most even sizes there are: they
    differ by at most 1 whenever any assignment does), then the calls are routed
    to them by a maximum flow from collectors to analysts.
    """
    analysts = list(dict.fromkeys(analysts))
    stranded = [
        call_id
        for call_id, collector in calls
        if not any(analyst != collector for analyst in analysts)
    ]
    if stranded:
        who = "no analyst" if not analysts else "only the collector themselves"
        raise AssignmentError(
            f"{len(stranded)} call(s) have {who} to score them: {list(stranded[:10])}.",
            stranded,
        )
    if not calls:
        return {}
    analyst_set = set(analysts)
    groups: dict[PersonId | None, list[CallId]] = defaultdict(list)
    for call_id, collector in calls:
        groups[collector if collector in analyst_set else None].append(call_id)
    total = len(calls)
    caps = {a: total - len(groups.get(a, ())) for a in analysts}
    sizes = _even_sizes(analysts, caps, total)
    counts = _route(groups, analysts, sizes, total)
    assignment: dict[CallId, PersonId] = {}
    for group, call_ids in groups.items():
        remaining = iter(call_ids)
        for analyst in analysts:
            for _ in range(counts[group].get(analyst, 0)):
                assignment[next(remaining)] = analyst
    return assignment


def _even_sizes(
    analysts: Sequence[PersonId], caps: Mapping[PersonId, int], total: int
) -> dict[PersonId, int]:
    """Queue sizes summing to ``total``, none above its cap, as even as possible:
    analysts capped below the fair share get their cap, the rest share what is
    left, the extra one call going to those with the largest caps first."""
    position = {analyst: index for index, analyst in enumerate(analysts)}
    by_cap = sorted(analysts, key=lambda a: (caps[a], position[a]))
    sizes: dict[PersonId, int] = {}
    left = total
    for index, analyst in enumerate(by_cap):
        share = left // (len(by_cap) - index)
        if caps[analyst] > share:
            rest = by_cap[index:]
            base, extra = divmod(left, len(rest))
            for rank, other in enumerate(reversed(rest)):
                sizes[other] = base + (1 if rank < extra else 0)
            return sizes
        sizes[analyst] = caps[analyst]
        left -= caps[analyst]
    return sizes


def _route(
    groups: Mapping[PersonId | None, Sequence[CallId]],
    analysts: Sequence[PersonId],
    sizes: Mapping[PersonId, int],
    total: int,
) -> dict[PersonId | None, dict[PersonId, int]]:
    """How many calls of each collector group go to each analyst: a maximum flow
    (Edmonds-Karp) from a source through the groups (capacity: their calls) and
    the analysts other than the group's collector to a sink (capacity: the
    queue sizes). Hall's condition holds for the sizes, so the flow carries
    every call."""
    source, sink = ("source",), ("sink",)
    residual: dict[tuple, dict[tuple, int]] = defaultdict(dict)

    def edge(start: tuple, end: tuple, capacity: int) -> None:
        residual[start][end] = residual[start].get(end, 0) + capacity
        residual[end].setdefault(start, 0)

    for group, call_ids in groups.items():
        edge(source, ("group", group), len(call_ids))
        for analyst in analysts:
            if analyst != group:
                edge(("group", group), ("analyst", analyst), total)
    for analyst in analysts:
        edge(("analyst", analyst), sink, sizes[analyst])

    carried = 0
    while carried < total:
        parent: dict[tuple, tuple] = {source: source}
        frontier = [source]
        while frontier and sink not in parent:
            following = []
            for node in frontier:
                for neighbour, capacity in residual[node].items():
                    if capacity > 0 and neighbour not in parent:
                        parent[neighbour] = node
                        following.append(neighbour)
            frontier = following
        if sink not in parent:
            raise AssertionError("The queue sizes break Hall's condition.")
        path = [sink]
        while path[-1] != source:
            path.append(parent[path[-1]])
        path.reverse()
        amount = min(residual[a][b] for a, b in itertools.pairwise(path))
        for a, b in itertools.pairwise(path):
            residual[a][b] -= amount
            residual[b][a] += amount
        carried += amount

    return {
        group: {
            analyst: residual[("analyst", analyst)][("group", group)]
            for analyst in analysts
            if analyst != group
        }
        for group in groups
    }
