"""What the collection writes for use outside the notebooks: Moodle XML and the printable pack.

Each part is imported only by the command that needs it, so `import widgets` never loads lxml,
Jinja2 or WeasyPrint.
"""
