"""Messages of the notes feature."""
