"""The server's error vocabulary (extensions.code) as one exception type."""


class VerbatimError(Exception):
    """A refusal or failure, with the contract's code: BAD_USER_INPUT, NOT_FOUND, UNAUTHENTICATED,
    FORBIDDEN, CONFLICT, QUERY_TOO_COMPLEX, RATE_LIMITED or INTERNAL_SERVER_ERROR."""

    def __init__(self, message, code="INTERNAL_SERVER_ERROR", field=None, status=None, retryable=False, retry_after=None, errors=None):
        super().__init__(f"{code}: {message}" + (f" ({field})" if field else ""))
        self.message = message
        self.code = code
        self.field = field
        self.status = status
        self.retryable = retryable
        self.retry_after = retry_after
        self.errors = errors or []

    @classmethod
    def from_errors(cls, errors, status=None, retry_after=None):
        first = errors[0] if errors else {"message": "unknown error"}
        extensions = first.get("extensions") or {}
        code = extensions.get("code", "INTERNAL_SERVER_ERROR")
        retryable = bool(extensions.get("retryable")) or code == "RATE_LIMITED"
        wait = retry_after if retry_after is not None else extensions.get("retryAfter")
        return cls(first.get("message", ""), code, extensions.get("field"), status, retryable, wait, errors)
