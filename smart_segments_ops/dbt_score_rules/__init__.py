"""The project's own dbt-score rules; dbt-score loads the modules of this package."""
