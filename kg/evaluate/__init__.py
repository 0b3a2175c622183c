"""Evaluation: extraction scored against hand-made gold files, one article or a whole corpus by split."""
