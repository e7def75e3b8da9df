"""Pages of the paperless agenda; each part in its own module."""
