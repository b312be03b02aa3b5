"""Portal pages; each module has a `router`."""
