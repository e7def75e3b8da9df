"""Messages of the votes feature."""
