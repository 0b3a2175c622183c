"""RDF: the vocabulary, deterministic IRIs, extraction records mapped to quads, the OWL ontology and its SHACL shapes."""
