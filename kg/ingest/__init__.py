"""Ingest: input files, folders and JSONL streams read into ``Document`` records (decoding, language check)."""
