"""The exceptions newskg raises; the CLI turns each into a one-line message.

    KgError
    ├── InputError          an input file, folder or JSONL line cannot be read as an article
    │   ├── ExtractionError an article was read but extraction failed on it (a bug to report)
    │   └── FetchError      a feed or page could not be fetched for now (network, time-out, 5xx): tried again later
    ├── ModelError          the spaCy model or a rule/lexicon data file cannot be loaded
    ├── OntologyError       the ontology is missing, unreadable or inconsistent
    ├── StoreError          the store cannot be opened, read or written
    │   └── StoreBusyError  another process holds the on-disk store
    ├── QueryError          a SPARQL query is malformed, refused or timed out
    ├── EndpointError       a remote SPARQL endpoint used for enrichment failed or timed out
    └── SettingError        an option's value cannot work (kg build --shard 4/3)
"""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error newskg raises on purpose."""


class InputError(KgError):
    """An input cannot be read as an article; the message names the input."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # raised in worker processes, pickled back
        return (type(self), (self.source, self.problem))


class ExtractionError(InputError):
    """Extraction failed on an article that was read: it is skipped, and nothing of it is stored."""

    @classmethod
    def during(cls, stage: str, source: str, error: Exception) -> ExtractionError:
        """The one-line error for an unexpected exception raised by ``stage`` on article ``source``."""
        problem = " ".join(f"{type(error).__name__}: {error}".split())[:200]
        return cls(source, f"{stage} failed ({problem}); the article is not stored; "
                           "please report it with this article")


class FetchError(InputError):
    """A feed or web page could not be fetched for now (network, time-out, server error): unlike a
    page that is not an article, it is not remembered as seen, and the next fetch tries it again."""


class ModelError(KgError):
    """The language model or a rule file cannot be loaded."""


class OntologyError(KgError):
    """The ontology cannot be loaded or is inconsistent."""


class StoreError(KgError):
    """The store cannot be opened, read or written."""


class StoreBusyError(StoreError):
    """Another process holds the on-disk store for writing."""


class QueryError(KgError):
    """A SPARQL query is malformed, refused (UPDATE without --update) or timed out."""


class EndpointError(KgError):
    """A remote SPARQL endpoint used for enrichment failed, refused or timed out."""


class SettingError(KgError):
    """An option was given a value that cannot work (a shard spec such as ``4/3``); the message
    names the value and says what to give instead."""
