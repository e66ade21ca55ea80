"""What a good networker would notice: follow-ups (`followups`), reminders (`reminders`),
the year in figures (`stats`), and whom to introduce to whom (`suggest`)."""
