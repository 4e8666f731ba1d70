"""Training modules: one per corpus / model."""
