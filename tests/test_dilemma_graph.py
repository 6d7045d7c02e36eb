"""Graph answers the checker and the widget share: reachability, loops, cut-off parts, best route."""

from __future__ import annotations

from widgets.dilemmas import graph


def test_reachable_and_reaching() -> None:
    edges = {"a": ["b", "c"], "b": ["d"], "c": ["missing"], "d": [], "e": ["d"]}
    assert graph.reachable(edges, "a") == {"a", "b", "c", "d"}
    assert graph.reaching(edges, ["d"]) == {"d", "b", "a", "e"}


def test_trapped_loops_are_only_the_loops_with_no_way_out() -> None:
    edges = {
        "start": ["x", "p"],
        "x": ["y"],
        "y": ["x", "stuck"],  # a loop whose way out leads into another loop
        "stuck": ["stuck2"],
        "stuck2": ["stuck"],
        "p": ["p", "end"],  # a self-loop with a way out
        "end": [],
        "q": ["q"],  # a loop nobody reaches: reported as cut off, not as trapped
    }
    assert graph.trapped_loops(edges, "start", ["end"]) == [["stuck", "stuck2"]]


def test_cut_off_names_one_scene_per_cut_off_part() -> None:
    edges = {"a": ["b"], "b": [], "c": ["d"], "d": [], "e": ["f"], "f": ["e"]}
    live = graph.reachable(edges, "a")
    assert sorted(graph.cut_off(edges, live)) == ["c", "e"]


def test_best_route_prefers_points_then_fewer_steps_then_file_order() -> None:
    choices = {
        "a": [("b", 1), ("c", 2), ("end", 0)],
        "b": [("end", 2), ("a", 5)],  # going back to 'a' never adds points twice
        "c": [("end", 1), ("end2", 1)],
        "end": [],
        "end2": [],
    }
    best = graph.best_route(choices, "a", ["end", "end2"])
    assert best is not None
    assert best.points == 3
    assert best.steps == (("a", 0), ("b", 0))  # 1+2 and 2+1 tie: the earlier choice wins
    assert best.end == "end"


def test_best_route_in_a_graph_without_loops_matches_trying_every_path() -> None:
    choices = {
        "s": [("a", 1), ("b", 0)],
        "a": [("c", 0), ("d", 2)],
        "b": [("d", 3), ("c", 1)],
        "c": [("e1", 1), ("e2", 0)],
        "d": [("e1", 0), ("e2", 1)],
        "e1": [],
        "e2": [],
    }
    fast = graph.best_route(choices, "s", ["e1", "e2"])
    slow = graph._best_simple(choices, "s", {"e1", "e2"})
    assert fast == slow and fast is not None and fast.points == 4


def test_no_route_when_no_end_can_be_reached() -> None:
    assert graph.best_route({"a": [("b", 1)], "b": [("a", 1)]}, "a", []) is None
