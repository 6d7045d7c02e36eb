"""Benchmarks: the collection's speed against the floor of what Jupyter itself costs.

    python -m benchmarks            # every benchmark, 5 runs each; writes docs/benchmarks.md
    python -m benchmarks --quick    # a smoke run in under 3 minutes (small sizes)
    python -m benchmarks --only click --runs 5

Modules, by the numbered tables of docs/benchmarks.md: ``notebooks`` (1, each notebook top to
bottom), ``voila`` (2 time to first quiz, 3 click to feedback, 6 a class at once), ``imports``
(4, what importing the package costs), ``scale`` (5, a college's answers and a big dataset),
``suite`` (7, the test suite's parts), ``checking`` (8, the checker and fuzzing the loaders);
``common`` holds rows, statistics, servers and memory sampling.
"""
