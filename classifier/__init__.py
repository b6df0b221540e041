"""Flag clauses with the three ledger labels: sharing, blacklist, punishment."""
__version__ = "0.1.0"
