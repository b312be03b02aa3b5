"""Optional text generation through an OpenAI-compatible endpoint; off unless REGIA_LLM_URL is set."""

from regia.llm.client import adds_facts, enabled, rephrase

__all__ = ["adds_facts", "enabled", "rephrase"]
