"""`ref capture`: touches read from the mail, calendars and phone logs you keep on this machine
(or on your IMAP server), so the ledger knows when you were in touch without your typing it."""
