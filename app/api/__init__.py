"""The REST API: dependencies (deps.py), keys and roles (security.py), problem+json errors (errors.py),
request checks (inputs.py), extra reads (queries.py) and one router per resource (routes/); app.main
assembles them."""
