"""JSON API of the aids capability, mounted under /api/v1/aids."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
