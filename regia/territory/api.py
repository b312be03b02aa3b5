"""JSON API of the territory capability, mounted under /api/v1/territory."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
