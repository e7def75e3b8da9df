"""Messages of the floor feature."""
