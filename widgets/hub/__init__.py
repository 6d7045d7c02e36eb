"""The class hub: JupyterHub with a login per learner, for a class or a college.

`settings` (where things live), `classlist` (who may log in), `accounts` (Unix accounts, groups,
folders), `authenticator` and `spawner` (JupyterHub classes), `config` (JupyterHub's configuration).
`scripts/hub.sh` installs and starts it; README "A class hub with logins" says how to use it.
"""
