"""100 conversations at once on loopback, through the real server: no error, no crossed sessions."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

pytestmark = pytest.mark.slow


async def converse(client: httpx.AsyncClient, n: int) -> tuple[str, dict]:
    first = await client.post(
        "/api/v1/aids/ask", json={"message": "je cherche une aide pour le permis de conduire"}
    )
    first.raise_for_status()
    session = first.json()["session"]
    age = 16 + n % 40
    second = await client.post("/api/v1/aids/ask", json={"session": session, "message": f"j'ai {age} ans"})
    second.raise_for_status()
    return session, second.json() | {"sent_age": age}


async def many(base: str, count: int) -> list:
    limits = httpx.Limits(max_connections=count)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        return await asyncio.gather(*(converse(client, n) for n in range(count)))


def test_hundred_concurrent_conversations(live_server):
    # a thread of its own: the session's Playwright may hold an event loop in this one
    with ThreadPoolExecutor(1) as pool:
        results = pool.submit(asyncio.run, many(live_server, 100)).result()
    assert len({session for session, _ in results}) == 100
    for session, reply in results:
        assert reply["session"] == session and reply["profile"]["age"] == reply["sent_age"]
