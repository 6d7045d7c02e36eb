"""The simulated learner's side of the protocol: reading a Voilà page, answering any question."""

from __future__ import annotations

import json

import pytest

from benchmarks.common import SAMPLE_BANK
from benchmarks.protocol import choose, cookie_header, parse_page, questions
from widgets.quizzes.bank import read_bank
from widgets.quizzes.quiz import quiz_from_bank


def test_every_question_type_gets_a_complete_answer():
    quiz = quiz_from_bank(read_bank(SAMPLE_BANK), "sample")
    kinds = set()
    for k in range(3):
        for w in quiz.questions:
            w.retry()
            # The widget grades what the page would send: the shown order, as the Check button.
            w._handle_message(w, {"event": "check", "selection": choose(w.spec, k)}, [])
            assert w.result["answered"], (w.spec["type"], choose(w.spec, k))
            assert w.feedback["verdict"]
            kinds.add(w.spec["type"])
    assert kinds == {q.type for q in read_bank(SAMPLE_BANK).questions}


def test_a_voila_page_names_its_kernel_and_widgets():
    config = {"baseUrl": "/user/amira/", "kernelId": "k-1"}
    view = '{"model_id": "%s", "version_major": 2}'
    html = (
        '<script id="jupyter-config-data" type="application/json">'
        f"{json.dumps(config)}</script>" + view % ("a" * 32) + view % ("b" * 32) + view % ("a" * 32)
    )
    page = parse_page(html)
    assert (page.base_url, page.kernel_id, page.model_ids) == (
        "/user/amira/",
        "k-1",
        ["a" * 32, "b" * 32],
    )
    with pytest.raises(ValueError, match="not a Voilà page"):
        parse_page("<html>login</html>")


def test_questions_are_found_in_page_order_through_containers():
    states = {
        "box": {"children": ["IPY_MODEL_q2", "IPY_MODEL_q1"]},
        "q1": {"kind": "question", "spec": {"number": 1}},
        "q2": {"kind": "question", "spec": {"number": 2}},
        "other": {"kind": "question", "spec": {"number": 9}},
    }
    assert [m for m, _ in questions(states, ["box"])] == ["q2", "q1"]


def test_the_cookie_a_browser_would_send_for_a_path():
    from http.cookiejar import Cookie

    def cookie(name, value, path):
        return Cookie(
            0,
            name,
            value,
            None,
            False,
            "127.0.0.1",
            False,
            False,
            path,
            True,
            False,
            None,
            False,
            None,
            None,
            {},
        )

    jar = [
        cookie("_xsrf", "hub", "/hub/"),
        cookie("_xsrf", "mine", "/user/a/"),
        cookie("jupyterhub-user-a", "s", "/user/a/"),
        cookie("other", "x", "/user/b/"),
    ]
    assert cookie_header(jar, "/user/a/") == "_xsrf=mine; jupyterhub-user-a=s"
