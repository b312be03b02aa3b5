"""JSON API of the heritage capability, mounted under /api/v1/heritage."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
