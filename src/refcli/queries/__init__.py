"""SQL text of the read views, one module per view, portable between SQLite and PostgreSQL.

Parameters use `:name` style (both sqlite3 and SQLAlchemy accept it); date cut-offs
are computed in Python and passed in, so each query is written once.
"""
