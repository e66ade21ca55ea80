"""Referrals, both ways: introductions (`introductions`), leads given and referrals received
and what became of them (`lifecycle`), their lists and quality (`views`), correcting them
(`corrections`), and the per-person balance (`balance`)."""
