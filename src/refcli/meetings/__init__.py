"""One-on-ones: logging, scheduling and listing them (`oneonones`), correcting them
(`corrections`), and how deep each relationship is (`depth`)."""
