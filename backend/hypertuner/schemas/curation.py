"""Curation: stars, archive flags, tags and notes; the project journal; the production choice."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    model_validator,
)

from hypertuner.schemas.common import ReadSchema, Schema
from hypertuner.schemas.experiment import ExperimentRead


def storable(text: str) -> str:
    """Refuse what no database column keeps: NUL characters and unpaired surrogates."""
    if "\x00" in text:
        raise ValueError("text must not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError("text must be valid Unicode") from error
    return text


Text = Annotated[str, AfterValidator(storable)]
DbId = Annotated[StrictInt, Field(ge=1, le=2**31 - 1)]
Tag = Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Tags = Annotated[list[Tag], Field(max_length=50)]
NOTE_CHARS = 100_000


class CurationUpdate(Schema):
    """Only the fields sent change; `tags` replaces the list."""

    starred: StrictBool | None = None
    archived: StrictBool | None = None
    tags: Tags | None = None
    note: Text | None = Field(default=None, max_length=NOTE_CHARS, description="Markdown")


class BulkCuration(Schema):
    """The same change for many experiments of one project."""

    experiment_ids: list[DbId] = Field(max_length=200_000)
    starred: StrictBool | None = None
    archived: StrictBool | None = None
    add_tags: Tags = Field(default_factory=list)
    remove_tags: Tags = Field(default_factory=list)

    @model_validator(mode="after")
    def _changes_something(self) -> Self:
        nothing = self.starred is None and self.archived is None
        if nothing and not self.add_tags and not self.remove_tags:
            raise ValueError("give starred, archived, add_tags or remove_tags")
        return self


class CurationRead(ReadSchema):
    experiment_id: int
    starred: bool = False
    archived: bool = False
    tags: list[str] = Field(default_factory=list)
    note: str = ""
    updated_at: datetime | None = None


class BulkResult(ReadSchema):
    updated: int


class RunNoteWrite(Schema):
    note: Text = Field(max_length=NOTE_CHARS, description="Markdown")


class RunNoteRead(ReadSchema):
    run_id: int
    note: str = ""
    updated_by: str = Field(default="", validation_alias="updated_by_name")
    updated_at: datetime | None = None


class JournalCreate(Schema):
    body: Text = Field(min_length=1, max_length=NOTE_CHARS, description="Markdown")
    day: date | None = Field(default=None, description="The day the entry is about; today if unset")


class JournalUpdate(Schema):
    body: Text | None = Field(default=None, min_length=1, max_length=NOTE_CHARS)
    day: date | None = None


class JournalRead(ReadSchema):
    id: int
    project_id: int
    day: date
    body: str
    author: str
    created_at: datetime
    updated_at: datetime | None


class ProductionChoice(Schema):
    """Mark an experiment as the production choice; `experiment_id` null clears the choice."""

    experiment_id: DbId | None
    note: Text = Field(default="", max_length=10_000)


class ProductionMarkRead(ReadSchema):
    id: int
    project_id: int
    experiment_id: int | None
    note: str
    marked_by: str = Field(validation_alias="marked_by_name")
    marked_at: datetime


class ProductionRead(ReadSchema):
    """The current choice (null when none) with the experiment it names."""

    mark: ProductionMarkRead | None
    experiment: ExperimentRead | None
