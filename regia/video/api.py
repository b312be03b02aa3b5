"""JSON API of the video capability, mounted under /api/v1/video."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
