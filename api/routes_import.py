"""`POST /accounts/import`: CSV exports uploaded as multipart files, imported as `recap ingest --from csv` does."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from api.auth import ServiceDep, UserDep
from api.schemas import LoadedAccount, error_responses
from state.csv_mapping import CsvMapping, parse_mapping
from state.errors import Forbidden, InputInvalid
from tools.csv_import import import_csv
from tools.csv_read import MB, CsvSource

router = APIRouter()


class RefusedAccount(BaseModel):
    """An account of the import that was not stored, with every problem by file, line and column."""

    account_id: str
    problems: list[str]


class ImportResult(BaseModel):
    """What a CSV import stored and refused (the same report as `recap ingest --from csv --json`)."""

    loaded: list[LoadedAccount] = Field(default_factory=list)
    refused: list[RefusedAccount] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list, description="Every problem, refused accounts' first.")
    ignored_columns: list[str] = Field(default_factory=list, description="Columns the mapping says to drop.")


class ImportRefused(ImportResult):
    """422: some accounts or rows were refused; the accounts under `loaded` were stored all the same."""

    detail: list[str]


def _read(upload: UploadFile, max_bytes: int) -> bytes:
    data = upload.file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputInvalid(f"{upload.filename}: over the {max_bytes / MB:g} MB limit")
    return data


def _mapping(upload: UploadFile | None, max_bytes: int) -> CsvMapping:
    if upload is None:
        return CsvMapping()
    try:
        text = _read(upload, max_bytes).decode("utf-8")
    except UnicodeDecodeError:
        raise InputInvalid(f"{upload.filename}: the mapping is not UTF-8 text") from None
    return parse_mapping(text, upload.filename or "mapping")


@router.post(
    "/accounts/import",
    response_model=ImportResult,
    tags=["accounts"],
    responses={
        **error_responses(401, 403),
        422: {"model": ImportRefused, "description": "Some accounts or rows were refused."},
    },
)
def import_accounts(
    user: UserDep,
    service: ServiceDep,
    files: Annotated[list[UploadFile], File(description="One CSV per record type (accounts.csv, contacts.csv, ...).")],
    mapping: Annotated[
        UploadFile | None, File(description="A TOML mapping of the export's files, columns and values.")
    ] = None,
) -> ImportResult | JSONResponse:
    """Import CSV files (admins only): each account is stored whole or not at all; 422 lists what was refused."""
    if not user.admin:
        raise Forbidden("only an admin may import CSV files")
    limit = service.settings.max_bundle_mb * MB
    sources = [CsvSource(f.filename or f"file{i}.csv", _read(f, limit)) for i, f in enumerate(files)]
    report = import_csv(service.store, sources, _mapping(mapping, limit))
    result = ImportResult.model_validate(report.as_dict())
    if report.errors():
        return JSONResponse({"detail": report.errors(), **result.model_dump()}, status_code=422)
    return result
