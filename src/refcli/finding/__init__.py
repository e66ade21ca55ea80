"""Finding anything you wrote: `ref search` over the full-text index the write path keeps
(store/search_index.py)."""
