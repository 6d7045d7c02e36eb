"""A learner's portfolio document: written answers under their criteria, the tutor's decisions and
quiz scores by topic, as a Word file (python-docx) or a PDF (the printable pack's engine).

`collect` gathers the evidence (from a class folder or a learner's own session), `word` and `pdf`
write it. Nothing here is imported by `import widgets`: python-docx loads only when a document is
made.
"""
