"""Account routes: load a bundle, start a run, verify claims, count events, liveness."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, HTTPException, Path, Query, status

from api.auth import ActionableAccount, ReadableAccount, ServiceDep, UserDep, owns
from api.schemas import Health, LoadedAccount, Metrics, error_responses
from state.errors import BundleInvalid, Forbidden, UnknownAccount
from state.run import ClaimInput, RunView, VerifyResult
from state.validation import validate_bundle

router = APIRouter()

BundleBody = Annotated[dict[str, Any], Body(description="One account bundle (spec section 2).")]
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=200,
        pattern=r"^[\x20-\x7e]+$",
        description="Repeat a request with the same key to get the same run back instead of a new one.",
    ),
]


@router.get("/health", response_model=Health, tags=["service"])
async def health() -> Health:
    """Report that the service is up (no key needed)."""
    return Health()


@router.put(
    "/accounts/{account_id}", response_model=LoadedAccount, tags=["accounts"], responses=error_responses(401, 403, 422)
)
def load_account(
    account_id: Annotated[str, Path()], bundle: BundleBody, user: UserDep, service: ServiceDep
) -> LoadedAccount:
    """Validate and load one bundle, replacing the account's records (admin or the owner it names)."""
    parsed = validate_bundle(bundle)
    if parsed.account.id != account_id:
        raise BundleInvalid([f"account.id: '{parsed.account.id}' does not match the path's account id '{account_id}'"])
    if not user.admin:
        if parsed.account.owner != user.user_id:
            raise Forbidden("only an admin or the owner the bundle names may load it")
        try:
            current = service.store.owner(account_id)
        except UnknownAccount:
            current = user.user_id
        if current != user.user_id:
            raise Forbidden(f"account '{account_id}' belongs to another owner")
    result = service.load_bundle(bundle)
    return LoadedAccount(**result.as_dict())


@router.post(
    "/accounts/{account_id}/runs",
    response_model=RunView,
    status_code=status.HTTP_201_CREATED,
    tags=["runs"],
    responses=error_responses(401, 403, 404, 422, 503),
)
def start_run(
    account_id: ActionableAccount, user: UserDep, service: ServiceDep, idempotency_key: IdempotencyKey = None
) -> RunView:
    """Start a run and take it to the owner-review pause; 201 with the run."""
    run = service.start_run(account_id, user.user_id, idempotency_key)
    if run.account_id != account_id:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"Idempotency-Key: already used for a run of account '{run.account_id}'",
        )
    return run


@router.post(
    "/accounts/{account_id}/verify",
    response_model=list[VerifyResult],
    tags=["accounts"],
    responses=error_responses(401, 404, 422),
)
def verify(
    account_id: ReadableAccount, claims: Annotated[list[ClaimInput], Body(max_length=1000)], service: ServiceDep
) -> list[VerifyResult]:
    """Verify claims against the account's records without a run, in the order given."""
    return service.verify(account_id, claims)


@router.get("/metrics", response_model=Metrics, tags=["service"], responses=error_responses(401, 404))
def metrics(
    user: UserDep,
    service: ServiceDep,
    account_id: Annotated[str | None, Query(description="Count one account only.")] = None,
) -> Metrics:
    """Count measurement events over the caller's accounts (an admin: every account)."""
    if account_id is not None:
        if not owns(user, service.store.owner(account_id)):
            raise UnknownAccount(f"unknown account '{account_id}'")
        return Metrics(**service.metrics([account_id]))
    if user.admin:
        return Metrics(**service.metrics(None))
    mine = [a["id"] for a in service.store.accounts() if a["owner"] == user.user_id]
    return Metrics(**service.metrics(mine))
