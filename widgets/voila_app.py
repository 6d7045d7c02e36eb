"""Voilà whose `Voila.tornado_settings` take effect: `python -m widgets.voila_app` (same options).

Voilà 0.5 builds its Tornado application first and copies `tornado_settings` into it afterwards,
so settings Tornado reads while building, such as `compress_response` (gzip), are ignored. This
app passes them in while building. Everything else is Voilà's own, including the preheated
kernel pool the class server uses. Measured in docs/benchmarks.md ("a class at once").
"""

from __future__ import annotations

import tornado.web
from traitlets import Integer
from voila.app import Voila


class ClassVoila(Voila):
    gzip_level = Integer(
        6, min=1, max=9, help="gzip compression level when compress_response is on (1 is fastest)"
    ).tag(config=True)

    def init_settings(self) -> dict:
        tornado.web.GZipContentEncoding.GZIP_LEVEL = self.gzip_level
        return {**super().init_settings(), **self.tornado_settings}


def main() -> None:
    ClassVoila.launch_instance()


if __name__ == "__main__":
    main()
