"""JupyterHub configuration for a class: `scripts/hub.sh` starts JupyterHub with this file.

Everything is in `widgets.hub.config`; the settings come from the WR_HUB_* variables that
`scripts/hub.sh` sets (see `widgets/hub/settings.py`).
"""

from widgets.hub.config import configure

configure(get_config())  # noqa: F821 - JupyterHub provides get_config() to its config files
