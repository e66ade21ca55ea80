"""The people you network with: adding and correcting them (`contacts`), finding them by
name (`resolve`), their cards and lists (`profiles`), notes (`notes`), what you know about
them (`knowledge`: goals, traits, family, who knows whom), merging and deleting (`merge`).
SQL text of the read side sits beside each module as `<module>_sql.py`."""
