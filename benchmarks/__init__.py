"""Benchmarks: the collection against the floor of what Jupyter itself costs.

    python -m benchmarks            # every benchmark, 5 runs each; writes docs/benchmarks.md
    python -m benchmarks --quick    # a smoke run in under 3 minutes (small sizes)
    python -m benchmarks --only click --runs 5
    python -m benchmarks class --learners 30   # a class at once, without browsers

Modules: ``notebooks`` (1), ``voila`` (2, 3; the browser class), ``classload`` (6, with
``simlearner``, a learner without a browser, speaking ``protocol``; ``treesampler``; ``classhub``,
a throwaway class hub; ``staticfiles``, the static files alone),
``imports`` (4), ``scale`` (5), ``suite`` (7);
``common`` holds rows, statistics, servers and memory sampling; ``proposed`` holds the code
changes this benchmark proposes for ``widgets/``, as patches for before/after figures.
"""
