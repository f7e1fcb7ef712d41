"""Accuracy evals and benchmarks of recap: versioned datasets, plain typed evaluators, a threshold gate."""
