"""Files in and out: the one registry of formats (`formats`), each format's reader and writer
together (`vcard`, `csvfiles`, `backup`, `ics`, `dot`), text decoding (`decode`), the records
a reader yields (`records`), and importing and exporting them (`importer`, `exporter`)."""
