"""JSON API of the orientation capability, mounted under /api/v1/orientation."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
