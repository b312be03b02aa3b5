"""The portal: app factory, templates, static assets and the pages assembling the capabilities."""
