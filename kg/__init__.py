"""newskg: French war news → a knowledge graph of events, statements and their evidence."""

__version__ = "0.1.0"
