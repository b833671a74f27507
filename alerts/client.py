"""The reader's network address, for the sign-up rate limit only (never stored).

The lead points this at the project's one `client_ip(request)` helper (behind nginx,
`REMOTE_ADDR` is the proxy's socket) once it exists."""


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")
