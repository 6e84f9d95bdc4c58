"""Blueprints of the application: the trainee's pages, documents, questions, the HR inbox."""
