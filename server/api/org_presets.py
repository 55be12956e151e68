"""The organisation's media presets: how each category is shown by default on every workstation.

Workstations apply these on top of their shipped presets; a reviewer can only make them
stricter. They come from a JSON file named by $REVIEWER_ORG_PRESETS (or create_app's
`org_presets`), shaped {"default": {...}, "category": {"name": {...}}}; none means "no changes".
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from server.api.deps import AUTH_ERRORS, AnyReviewer

router = APIRouter(prefix="/v1")


class PresetOverrides(BaseModel):
    model_config = ConfigDict(extra="forbid")
    blur_fraction: float | None = Field(default=None, ge=0.02, le=0.5)
    grayscale: bool | None = None
    reveal: bool | None = None
    colour: bool | None = None
    never_render: bool | None = None
    reduced: bool | None = None  # the reduced-detail stage (reviewer/media/stages.py)
    audio: bool | None = None  # the category's policy needs hearing it: held key, capped volume


class OrgPresets(BaseModel):
    model_config = ConfigDict(extra="forbid")
    default: PresetOverrides = Field(default_factory=PresetOverrides)
    category: dict[str, PresetOverrides] = Field(default_factory=dict)


def load_org_presets(source: dict | None = None) -> OrgPresets:
    """From `source`, else the file $REVIEWER_ORG_PRESETS names, else no overrides. A broken
    file stops the server at start rather than serving half a policy."""
    if source is None and os.environ.get("REVIEWER_ORG_PRESETS"):
        source = json.loads(Path(os.environ["REVIEWER_ORG_PRESETS"]).read_text(encoding="utf-8"))
    return OrgPresets.model_validate(source or {})


@router.get("/media-presets", response_model=OrgPresets, response_model_exclude_none=True,
            responses=AUTH_ERRORS, tags=["meta"])
def get_media_presets(request: Request, _reviewer: AnyReviewer) -> OrgPresets:
    """The organisation's presets per media category (only the settings it changes)."""
    return request.app.state.org_presets
