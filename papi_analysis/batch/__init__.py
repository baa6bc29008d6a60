"""The batch: parameter checks, warm kernels, fingerprints, HTML rendering and index pages."""
