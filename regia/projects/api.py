"""JSON API of the projects capability, mounted under /api/v1/projects."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
