"""System accounts, groups and folders for the class hub (run as root, by the hub).

Every person in the class list gets their own Unix account, so their server, their kernel and
their files are theirs: homes are created with mode 0700. Accounts the hub creates are put in the
learners' or the tutors' group; an existing account outside those groups is never handed to a
class list (a list naming `postgres` must not let someone set that account's password).

The class drop folder::

    answers/                 root:tutors  3771  tutors list it and share poll counts in it (sticky:
                                            a tutor removes only their own files); learners can
                                            only pass through
    answers/<login>/         login:tutors 2750  the learner writes; tutors read; nobody else enters
    answers/<login>/.marks/  root:tutors  2775  tutors write the learner's copy of their marks;
                                            the learner reads it
    answers-marks/           root:tutors  2770  the tutors' own record of marks

Files the learner's server writes there are group-readable because the server runs with umask 027
and the folder is setgid (its files belong to the tutors' group).
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import stat
import subprocess
from pathlib import Path

from widgets.errors import DataError

ANSWERS_ROOT_MODE = 0o3771
ANSWER_FOLDER_MODE = 0o2750
MARKS_COPY_MODE = 0o2775
MARKS_ROOT_MODE = 0o2770
HOME_MODE = 0o700
UMASK = 0o027


def _run(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed: {(done.stderr or done.stdout).strip()}")


def account_exists(login: str) -> bool:
    try:
        pwd.getpwnam(login)
    except KeyError:
        return False
    return True


def groups_of(login: str) -> set[str]:
    """Names of every group an account belongs to (its own group too)."""
    entry = pwd.getpwnam(login)
    return {grp.getgrgid(g).gr_name for g in os.getgrouplist(login, entry.pw_gid)}


def ensure_group(name: str) -> int:
    """The group's id, creating the group when it is missing."""
    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        _run(["groupadd", name])
        return grp.getgrnam(name).gr_gid


def foreign_accounts(logins: list[str], own_groups: tuple[str, ...], file: str) -> list[DataError]:
    """Class-list names that are existing accounts this hub did not create."""
    out = []
    for login in logins:
        if account_exists(login) and not (groups_of(login) & set(own_groups)):
            out.append(
                DataError(
                    file,
                    "is an existing account on this computer that the class hub did not create",
                    column="login",
                    value=login,
                    expected=f"a new login name, or an account in the group {own_groups[0]} "
                    f"or {own_groups[1]}",
                )
            )
    return out


def create_account(login: str, group: str, *, tutor: bool) -> None:
    """A new account with a private home (0700); learners get no login shell."""
    shell = "/bin/bash" if tutor else "/usr/sbin/nologin"
    _run(
        ["useradd", "--create-home", "-K", f"HOME_MODE=0{HOME_MODE:o}", "--shell", shell]
        + ["--groups", group, "--comment", "working-relationships class hub", login]
    )
    home = Path(pwd.getpwnam(login).pw_dir)
    home.chmod(HOME_MODE)  # whatever the system's HOME_MODE support, the home is private


def set_member(login: str, group: str, member: bool) -> None:
    """Add the account to the group, or take it out."""
    if (group in groups_of(login)) == member:
        return
    _run(["gpasswd", "--add" if member else "--delete", login, group])


def prepare_answers_root(root: Path, tutor_group: str) -> None:
    """The class drop folder, and beside it the tutors' marks folder."""
    gid = grp.getgrnam(tutor_group).gr_gid
    root.mkdir(parents=True, exist_ok=True)
    os.chown(root, 0, gid)
    root.chmod(ANSWERS_ROOT_MODE)
    marks = root.with_name(f"{root.name}-marks")  # widgets.written.marks.marks_dir
    marks.mkdir(exist_ok=True)
    os.chown(marks, 0, gid, follow_symlinks=False)
    marks.chmod(MARKS_ROOT_MODE)


def prepare_answer_folder(root: Path, login: str, tutor_group: str) -> Path:
    """The learner's own folder in the drop folder, owned by them and readable by tutors."""
    entry = pwd.getpwnam(login)
    gid = grp.getgrnam(tutor_group).gr_gid
    folder = root / login  # root's folder: a learner cannot put a link in its place
    folder.mkdir(exist_ok=True)
    os.chown(folder, entry.pw_uid, gid, follow_symlinks=False)
    folder.chmod(ANSWER_FOLDER_MODE)
    copies = folder / ".marks"  # widgets.written.marks.COPY_FOLDER
    if copies.is_symlink() or (copies.exists() and not copies.is_dir()):
        copies.unlink()
    copies.mkdir(exist_ok=True)
    os.chown(copies, 0, gid, follow_symlinks=False)
    copies.chmod(MARKS_COPY_MODE)
    # Files left by an earlier account of the same name (whose id no longer exists) are handed
    # over; nothing else is touched, and links are never followed.
    for path in folder.iterdir():
        info = path.lstat()
        if stat.S_ISREG(info.st_mode) and not _uid_exists(info.st_uid):
            os.chown(path, entry.pw_uid, gid, follow_symlinks=False)
    return folder


def _uid_exists(uid: int) -> bool:
    try:
        pwd.getpwuid(uid)
    except KeyError:
        return False
    return True


def copy_tree_to(source: Path, target: Path, login: str) -> None:
    """Copy a folder into a person's home, owned by them (nothing happens if it exists)."""
    if target.exists():
        return
    entry = pwd.getpwnam(login)
    staged = target.parent / f".{target.name}.copying"  # in the person's home: theirs to see
    if staged.is_symlink() or staged.exists():
        raise RuntimeError(f"{staged} is in the way; remove it and start the server again")
    shutil.copytree(source, staged, symlinks=False)
    for path in [staged, *staged.rglob("*")]:
        os.chown(path, entry.pw_uid, entry.pw_gid, follow_symlinks=False)
    os.rename(staged, target)


def publish(source: Path, target: Path, parts: tuple[str, ...], mode: int = 0o755) -> None:
    """Replace `target` with fresh copies of `parts` of `source`, readable as `mode` says."""
    fresh = target.with_name(target.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True)
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.pyc")
    for part in parts:
        if (source / part).is_dir():
            shutil.copytree(source / part, fresh / part, ignore=ignore)
    file_mode = mode & 0o666
    for path in [fresh, *fresh.rglob("*")]:
        path.chmod(mode if path.is_dir() else file_mode)
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
