"""Jobs: corpora ingested by workers — Celery workers on a broker (`whosaid worker`), or, with no broker
configured, the service's own process pool. records.py keeps their progress in the database, work.py is
the unit of work both run, celery_app.py and local.py run it, service.py sends a job to one of them."""
