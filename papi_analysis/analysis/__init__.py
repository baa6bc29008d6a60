"""Period comparisons, the measures a table row shows, and PAPI computations."""
