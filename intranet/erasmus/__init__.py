"""Erasmus+ funding of the stays: the unit costs per call year, distance bands, eligibility and grant,
the project sum per call year, HR's screen for the figures and the export for the Beneficiary Module."""
