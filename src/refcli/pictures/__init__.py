"""Pictures of the ledger: `ref map` (the network as one self-contained page), and the SVG
charts of `ref stats --chart` and `ref balance --chart`. Everything is drawn here, in Python, as
SVG text: deterministic for the same data, safe (every text escaped), with no outside file."""
