"""Orientation: from a CV and a questionnaire to occupations, offers and trainings."""
