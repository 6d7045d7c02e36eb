"""Graph questions about a dilemma, on plain maps: ``{scene: [(next scene, points), ...]}``.

Nothing here knows about YAML or widgets, so the checker (on a raw, possibly broken file) and the
journey (on a valid dilemma) share the same answers.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

Edges = Mapping[str, Sequence[str]]
Scored = Mapping[str, Sequence[tuple[str, int]]]

# A best path through a tangled graph is found by trying simple paths; this bounds the work.
_MAX_STEPS = 200_000


def reachable(edges: Edges, start: str) -> set[str]:
    """Every scene a learner can get to from ``start`` (``start`` included)."""
    seen = {start}
    todo = deque([start])
    while todo:
        for nxt in edges.get(todo.popleft(), ()):
            if nxt in edges and nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def reaching(edges: Edges, targets: Iterable[str]) -> set[str]:
    """Every scene from which some path leads to one of ``targets`` (the targets included)."""
    back: dict[str, list[str]] = {}
    for src, nexts in edges.items():
        for nxt in nexts:
            back.setdefault(nxt, []).append(src)
    seen = set(targets)
    todo = deque(seen)
    while todo:
        for src in back.get(todo.popleft(), ()):
            if src not in seen:
                seen.add(src)
                todo.append(src)
    return seen


def components(edges: Edges) -> list[list[str]]:
    """Strongly connected components (Tarjan, without recursion), each in the map's order."""
    order = {node: n for n, node in enumerate(edges)}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in edges:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges[child])))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                found.append(sorted(group, key=order.__getitem__))
    return found


def cut_off(edges: Edges, live: set[str]) -> list[str]:
    """The scenes no path reaches, one per cut-off part: those that only cut-off scenes lead to
    are left out, as the cause is the scene that leads to them."""
    lost = {
        node: [n for n in nexts if n in edges and n not in live]
        for node, nexts in edges.items()
        if node not in live
    }
    groups = components(lost)
    where = {node: k for k, group in enumerate(groups) for node in group}
    fed = {where[n] for node, nexts in lost.items() for n in nexts if where[n] != where[node]}
    return [group[0] for k, group in enumerate(groups) if k not in fed]


def trapped_loops(edges: Edges, start: str, ends: Iterable[str]) -> list[list[str]]:
    """Loops a learner can walk into but never leave for an end, each in the map's order.

    Only loops with no choice leading out of them are returned: a loop whose way out goes to a
    scene that is itself stuck is not the cause, the scene it leads to is.
    """
    live = reachable(edges, start)
    can_end = reaching(edges, ends)
    out = []
    for group in components(edges):
        members = set(group)
        if not members <= live or members & can_end:
            continue
        cyclic = len(group) > 1 or group[0] in edges.get(group[0], ())
        leaves = any(nxt not in members for node in group for nxt in edges.get(node, ()))
        if cyclic and not leaves:
            out.append(group)
    return out


@dataclass(frozen=True)
class Route:
    """A way from the start to an end: the choice taken in each scene, and the points it earns."""

    steps: tuple[tuple[str, int], ...]  # (scene, choice index)
    end: str
    points: int


def best_route(choices: Scored, start: str, ends: Iterable[str]) -> Route | None:
    """The route with the most points (ties: fewer steps, then the earlier choices in the file).

    A scene is never visited twice on a best route, so loops back to an earlier scene never add
    points. None when no end can be reached.
    """
    end_set = set(ends)
    edges = {k: [n for n, _ in v] for k, v in choices.items()}
    if all(len(g) == 1 and g[0] not in edges.get(g[0], ()) for g in components(edges)):
        return _best_acyclic(choices, start, end_set)
    return _best_simple(choices, start, end_set)


def _better(a: Route | None, b: Route | None) -> Route | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if (a.points, -len(a.steps)) >= (b.points, -len(b.steps)) else b


def _best_acyclic(choices: Scored, start: str, ends: set[str]) -> Route | None:
    memo: dict[str, Route | None] = {}
    # Depth-first order without recursion: a scene is solved after every scene it leads to.
    order: list[str] = []
    seen = {start}
    stack = [(start, iter(choices.get(start, ())))]
    while stack:
        node, it = stack[-1]
        for nxt, _ in it:
            if nxt in choices and nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, iter(choices.get(nxt, ()))))
                break
        else:
            stack.pop()
            order.append(node)
    for node in order:
        if node in ends:
            memo[node] = Route((), node, 0)
            continue
        best = None
        for k, (nxt, points) in enumerate(choices.get(node, ())):
            tail = memo.get(nxt)
            if tail is not None:
                best = _better(
                    best, Route(((node, k), *tail.steps), tail.end, points + tail.points)
                )
        memo[node] = best
    return memo.get(start)


def _best_simple(choices: Scored, start: str, ends: set[str]) -> Route | None:
    best: Route | None = None
    budget = _MAX_STEPS
    stack: list[tuple[str, tuple[tuple[str, int], ...], int, frozenset[str]]] = [
        (start, (), 0, frozenset({start}))
    ]
    while stack and budget:
        budget -= 1
        node, steps, points, visited = stack.pop()
        if node in ends:
            best = _better(best, Route(steps, node, points))
            continue
        options = list(enumerate(choices.get(node, ())))
        for k, (nxt, gain) in reversed(options):
            if nxt in choices and nxt not in visited:
                stack.append((nxt, (*steps, (node, k)), points + gain, visited | {nxt}))
    return best
