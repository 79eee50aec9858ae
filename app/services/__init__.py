"""Units of work across the layers: ingest -> engine -> store in one transaction (ingest.py)."""
