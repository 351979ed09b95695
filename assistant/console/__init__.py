"""The staff console: server-rendered pages under ``/staff/`` (one module and one
template per page, listed in ``nav.py``), in Vietnamese and English."""
