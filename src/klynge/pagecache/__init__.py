"""The response cache: whole pages and API reads, shared by readers who are not logged in, and kept apart
for each logged-in session.

Safe by construction:
- Shared: a response is stored and served only for a request with no login of any kind (no session
  cookie, no Authorization header, no `?token=`), and only when it is the same for every such reader
  (200, not streamed, no cookie set, no CSRF token used, no flash messages, not marked private).
- A session's own: the key holds the session's key, its whole content and its CSRF secret, so no other
  session can ever be served the page; responses marked no-store, or that set a cookie, show flash
  messages or change the session, are not kept.

Every key holds the data version (`version.py`), which every database write changes before anyone can
read the new data under the old key, so a cached page is never older than the database, apart from what
changes with the clock alone (bounded by the date in the key and a TTL). It imports no domain app.
"""
