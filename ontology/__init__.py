"""The OWL ontology and SHACL shapes, shipped in the package as ``kg.data.ontology`` (see kg/data/__init__.py)."""
