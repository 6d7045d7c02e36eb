"""The class hub's parts that need no running hub: the class list, settings, server settings."""

from __future__ import annotations

import importlib

import pytest

from widgets.errors import DataError
from widgets.hub import accounts
from widgets.hub.classlist import read_class_list
from widgets.hub.config import LEARNER_OFF, NODELAY, server_settings
from widgets.hub.settings import HubSettings


def write(tmp_path, text: str):
    path = tmp_path / "class.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_class_list_from_a_spreadsheet(tmp_path):
    path = write(
        tmp_path, "\ufeffLogin,Role\nsam-t,tutor\namira,learner\nben,\n\n,\nzoe_2,LEARNER\n"
    )
    cl = read_class_list(path)
    assert cl.tutors == ["sam-t"]
    assert cl.learners == ["amira", "ben", "zoe_2"]
    assert cl.role("ben") == "learner" and cl.role("sam-t") == "tutor" and cl.role("x") is None


def test_every_problem_in_a_class_list_at_once(tmp_path):
    path = write(
        tmp_path,
        "login,role\nsam,tutor\nAmira Khan,learner\nroot,learner\nsam,learner\nben,teacher\n",
    )
    with pytest.raises(DataError) as caught:
        read_class_list(path)
    text = str(caught.value)
    assert "4 problems" in text
    assert "class.csv, line 3, column 'login': the value 'Amira Khan'" in text
    assert "line 4, column 'login': the value 'root' is kept for the system" in text
    assert "line 5, column 'login': the value 'sam' is already on line 2" in text
    assert "line 6, column 'role': the value 'teacher' is not a role" in text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("amira\nben\n", "the first row is not the header"),
        ("login,role,email\nsam,tutor\n", "'email' is not a column"),
        ("login,role\namira,learner\n", "names no tutor"),
    ],
)
def test_class_lists_that_cannot_be_used(tmp_path, text, words):
    with pytest.raises(DataError, match=words):
        read_class_list(write(tmp_path, text))


def test_a_missing_class_list_is_named(tmp_path):
    with pytest.raises(DataError, match="nowhere.csv: the file is missing"):
        read_class_list(tmp_path / "nowhere.csv")


def test_the_class_list_command(tmp_path, capsys):
    from widgets.__main__ import main

    assert main(["class-list", str(write(tmp_path, "login,role\nsam,tutor\na,\n"))]) == 0
    assert "1 learners and 1 tutors" in capsys.readouterr().out
    assert main(["class-list", str(write(tmp_path, "login,role\nsam,boss\n"))]) == 2
    assert "is not a role" in capsys.readouterr().err


def test_existing_accounts_are_never_handed_to_a_class(tmp_path):
    found = accounts.foreign_accounts(["bin", "wr-nobody-has-this"], ("a", "b"), "class.csv")
    assert [e.value for e in found] == ["bin"]
    assert "did not create" in str(found[0])


def test_settings_need_a_class_list_and_whole_numbers(tmp_path):
    with pytest.raises(ValueError, match="No class list"):
        HubSettings.from_environment({})
    with pytest.raises(ValueError, match="WR_HUB_PORT is 'eighty'"):
        HubSettings.from_environment({"WR_HUB_CLASS_LIST": "c.csv", "WR_HUB_PORT": "eighty"})
    s = HubSettings.from_environment({"WR_HUB_CLASS_LIST": "c.csv", "WR_HUB_PREFIX": "/opt/x"})
    assert (s.host, s.port, s.instance, s.on_network) == ("127.0.0.1", 8000, s.prefix, False)
    assert s.answers == s.prefix / "answers" and s.tutor_course.parent == s.state


def test_learners_servers_are_voila_only_and_every_server_is_tuned(tmp_path):
    s = HubSettings.from_environment({"WR_HUB_CLASS_LIST": "c.csv", "WR_HUB_KERNEL_IDLE": "300"})
    learner = server_settings(s, tutor=False)
    tutor = server_settings(s, tutor=True)
    assert learner["ServerApp"]["terminals_enabled"] is False
    assert all(learner["ServerApp"]["jpserver_extensions"][n] is False for n in LEARNER_OFF)
    assert learner["ServerApp"]["jpserver_extensions"]["voila"] is True
    assert "jpserver_extensions" not in tutor["ServerApp"]
    for conf in (learner, tutor):
        assert conf["ServerApp"]["tornado_settings"]["compress_response"] is True
        assert conf["ServerApp"]["tornado_settings"]["mathjax_url"] is None
        assert conf["ServerApp"]["kernel_websocket_connection_class"] == NODELAY
        assert conf["VoilaConfiguration"]["template"] == "offline"
        assert conf["MappingKernelManager"]["cull_idle_timeout"] == 300
        assert conf["KernelManager"]["transport"] == "ipc"


def test_the_nodelay_connection_class_is_importable_by_its_configured_name():
    module, _, name = NODELAY.rpartition(".")
    cls = getattr(importlib.import_module(module), name)
    from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

    assert issubclass(cls, ZMQChannelsWebsocketConnection)
