"""Prometheus metrics of the gateway (``GET /metrics``), in an app-scoped registry."""
