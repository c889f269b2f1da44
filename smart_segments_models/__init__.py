"""The statistical models the dbt project fits in Python models.

Imported by models/intermediate/scores/*.py (dbt-duckdb adds the repository
root to sys.path through the profile's module_paths) and tested on their
own in smart_segments_models/tests/.
"""
