"""The query library, shipped in the package as ``kg.data.queries`` (see kg/data/__init__.py)."""
