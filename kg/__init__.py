"""newskg: French war news → a knowledge graph of events, statements and their evidence."""

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    # KnowledgeGraph loads on first use, so `import kg` stays light for the CLI and the tests.
    if name == "KnowledgeGraph":
        from kg.api import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


__all__ = ["KnowledgeGraph", "__version__"]
