"""Operational commands around the dbt project (backfills)."""
