"""Quizzes: question models, YAML banks, the accessible question widget, saved answers."""
