"""Domain errors. Each docstring is the message; the CLI and API translate them at the boundary."""

from __future__ import annotations


class RecapError(Exception):
    """Something went wrong."""

    status_code = 400

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or (self.__doc__ or "").strip())

    @property
    def message(self) -> str:
        return str(self)


class BundleInvalid(RecapError):
    """The bundle is invalid."""

    status_code = 422

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


class InputInvalid(RecapError):
    """The input is invalid."""

    status_code = 422


class UnknownAccount(RecapError):
    """No such account."""

    status_code = 404


class UnknownRun(RecapError):
    """No such run."""

    status_code = 404


class UnknownCheckpoint(RecapError):
    """No such checkpoint in this run."""

    status_code = 404


class NoAssociatedRecords(RecapError):
    """The account must have at least one associated record before a recap can run."""

    status_code = 422


class WrongRunState(RecapError):
    """The run is not awaiting review."""

    status_code = 409


class ApprovalRefused(RecapError):
    """Approval refused: some claims are unsupported."""

    status_code = 409

    def __init__(self, claim_ids: list[str], details: list[str], counts: str = "") -> None:
        self.claim_ids = claim_ids
        self.details = details
        what = f"{counts} claim(s)" if counts else "unsupported claims"
        super().__init__(
            f"approval refused: {what} must be edited or removed (an unverifiable one may be attested) first: "
            + "; ".join(details)
        )


class Forbidden(RecapError):
    """You may not do that."""

    status_code = 403


class DrafterUnavailable(RecapError):
    """The configured language model could not be reached."""

    status_code = 503


class TransientDraftError(RecapError):
    """The language model failed in a way worth retrying (timeout, rate limit, server error)."""

    status_code = 503


class UnknownKey(RecapError):
    """No such API key."""

    status_code = 404


class StorageError(RecapError):
    """The store failed: nothing was changed; retry later."""

    status_code = 503


class StorageReadOnly(StorageError):
    """The store is read-only: reads work, but this needs a write and was refused."""

    status_code = 503


class StorageFull(StorageError):
    """The store is out of space: nothing was changed; free some disk space and retry."""

    status_code = 507


class StorageUnavailable(StorageError):
    """The store could not be read or written (I/O error): nothing was changed; retry later."""

    status_code = 503


class RunStateUnreadable(RecapError):
    """The run's saved state cannot be read (a corrupt checkpoint); other runs are unaffected."""

    status_code = 500


class OutdatedApprovalRefused(ApprovalRefused):
    """Approval refused: the account was reloaded and some claims are no longer supported."""

    def __init__(
        self, claim_ids: list[str], details: list[str], counts: str, account_id: str, drafted: int | None, current: int
    ) -> None:
        super().__init__(claim_ids, details, counts)
        what = f"these {counts} claim(s)" if counts else "these claims"
        self.args = (
            f"approval refused: account '{account_id}' was reloaded since this run was drafted "
            f"(data version {drafted} -> {current}) and {what} are not supported by the current records; "
            "edit or remove them (an unverifiable one may be attested) first: " + "; ".join(details),
        )


class StaleRun(RecapError):
    """The run changed since you loaded it, so nothing was done: review the current draft and decide again."""

    status_code = 409


class ExportRefused(RecapError):
    """The export is refused."""

    status_code = 409
