"""Django's PostgreSQL backend, checking a kept connection only when it has been quiet (base.py)."""
