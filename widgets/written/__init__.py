"""Written answers: evidence in a learner's own words, marked by a tutor.

One job per module: `text` (cleaning and counting a written answer), `widget` (the question on
the page), `marks` (the tutor's decisions, kept apart from the learner's file), `criteria` (the
unit's assessment criteria in `data/criteria.yaml`) and `checks` (what the bank checker adds).
The question's model is `widgets.quizzes.models.Written` (type `written` in a question bank).
"""
