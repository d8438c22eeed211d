"""Gunicorn's settings for `klynge serve`: logs to standard output, timeouts, forwarded headers.

Gunicorn reads this module (`--config python:klynge.server.gunicorn`); the command line given by
`klynge serve` (bind address, workers) takes precedence over it.
"""

import os

from klynge.kernel.environment import env_int

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("KLYNGE_LOG_LEVEL", "info").lower()
# A request that takes longer than this is a bug to find, not a wait to extend.
timeout = env_int("KLYNGE_REQUEST_TIMEOUT", 30, minimum=1)
graceful_timeout = 30
keepalive = 5
# Restart workers now and then, so a slow leak in any library never grows without bound.
max_requests = env_int("KLYNGE_MAX_REQUESTS", 10_000, minimum=0)
max_requests_jitter = max_requests // 10
# The TLS proxy in front sets X-Forwarded-For/-Proto; trust it only from the addresses named here.
forwarded_allow_ips = os.environ.get("KLYNGE_FORWARDED_ALLOW_IPS", "127.0.0.1")
