"""Domain errors: what went wrong, said so that a person can act on it.

Services raise these; the API's exception handler turns them into
`{"error": {"code", "message", "fields"}}` with their status, and HTML views show the message.
"""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    status = 400
    code = "invalid"
    message = _("The request could not be carried out.")
    retry_after: int | None = None  # seconds after which trying again may succeed (Retry-After)

    def __init__(self, message=None, *, fields: dict | None = None):
        if message is not None:
            self.message = message
        self.fields = fields or {}
        super().__init__(str(self.message))

    def add_to_form(self, form) -> None:
        """Show the problems on an HTML form: by field where it has one, else above it."""
        for name, problems in self.fields.items():
            form.add_error(name if name in form.fields else None, problems)
        if not self.fields:
            form.add_error(None, str(self.message))


class NotFound(DomainError):
    status = 404
    code = "not_found"
    message = _("Nothing was found at this address.")


class Conflict(DomainError):
    status = 409
    code = "conflict"
    message = _("This conflicts with what is already saved.")
