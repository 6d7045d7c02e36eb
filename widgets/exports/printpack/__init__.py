"""The printable pack: worksheets, answer keys, card sets, charts and the glossary as A4 PDFs."""
