"""ref: a relationship tracker for people whose business grows by referral."""

__version__ = "0.5.0"
