"""Stage 4: rule-based matchers, one module per record type."""
