"""Keeping in touch: each relationship's rhythm (per person, per tag, or the default), light
touches that are not one-on-ones, and birthdays and anniversaries."""
