"""Branching dilemmas: a chain of decisions in which each choice has a consequence.

A dilemma is one YAML file in ``data/dilemmas/`` (the format is described in ``data/README.md``).

- ``models``  the pydantic models of a valid dilemma
- ``reader``  the one place YAML is read, with a map from fields to line numbers
- ``checks``  every problem in a file at once (shape, targets, reachability, loops), as DataErrors
- ``problems`` those problems as sentences (file, line, scene, field, expected)
- ``paths``   which paths given to ``python -m widgets check`` hold dilemmas
- ``graph``   reachability, loops and the best path, on plain ``{scene: [next scenes]}`` maps
- ``journey`` one learner's way through a dilemma: choose, back, start again, score
- ``record``  what is saved for a learner, and how a save is tried
- ``widget``  the page widget (the answer map stays in the kernel)
- ``summary`` how a class chose at each decision point, from saved-answer files
- ``api``     ``wr.dilemma(name)``
"""
