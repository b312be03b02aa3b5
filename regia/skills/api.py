"""JSON API of the skills capability, mounted under /api/v1/skills."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
