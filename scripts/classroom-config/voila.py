"""Voilà settings read by scripts/classroom.sh: the token learners need on the classroom network.

The token comes in the environment, not on the command line (which every account on the computer
can list), and is removed from the environment before any kernel starts.
"""

import os

token = os.environ.pop("WR_CLASS_TOKEN", "")
if token:
    c.Voila.token = token  # noqa: F821 - `c` is the config object Voilà passes in
