"""The application: workflow, form, documents and their file checks, HR questions, the HR inbox
and its decisions, and what trainees read about a city before they apply."""
