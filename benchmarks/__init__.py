"""Benchmarks: the collection's speed against the floor of what Jupyter itself costs.

    python -m benchmarks            # every benchmark, 5 runs each; writes docs/benchmarks.md
    python -m benchmarks --quick    # a smoke run in under 3 minutes (small sizes)
    python -m benchmarks --only click --runs 5
    python -m benchmarks class --learners 30   # a class at once, without browsers

Modules, by the numbered tables of docs/benchmarks.md: ``notebooks`` (1, each notebook top to
bottom), ``voila`` (2 time to first quiz, 3 click to feedback, and the class in one real browser),
``classload`` (6, a class at once at the protocol level, with ``simlearner``, a learner without a
browser, speaking ``protocol``; ``treesampler``; ``classhub``, a throwaway class hub;
``staticfiles``, the static files alone), ``imports`` (4, what importing the package costs),
``scale`` (5, a college's answers and a big dataset), ``suite`` (7, the test suite's parts),
``checking`` (8, the checker and fuzzing the loaders), ``classview`` (9, the tutor's class view
for a big class); ``common`` holds rows, statistics, servers and memory sampling.
"""
