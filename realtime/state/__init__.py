"""The room's state as plain data: the snapshot is made of these parts, and events carry them.

Each function reads one part from the database in the shape of `realtime.events`; a service
that changes that part emits an event built from the same function, so applying events to an
old snapshot gives the new snapshot.
"""
