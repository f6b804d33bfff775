"""Synthetic demo fiches for benchmarks and load tests (``generate_demo_data``), kept apart
from the real catalogue: their own programmation, flagged and titled « [Démo] »."""
