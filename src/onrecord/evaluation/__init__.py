"""Evaluation modules: one per corpus / model."""
