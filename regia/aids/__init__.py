"""Aid schemes: catalogue, hybrid search, conversational agent."""
