"""Everything about where ref's data lives and how it changes: the location, the read path,
the one write path, the schema lifecycle, the change journal, and what a contact owns.

Importing this package is cheap; each module imports SQLAlchemy only where it needs it.
"""
