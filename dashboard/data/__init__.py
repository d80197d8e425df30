"""Data contract, loading and validation."""

from dashboard.data.contract import DEFAULT_DATA_DIR, DataPackage, Table, load_contract
from dashboard.data.validation import LoadedData, Problem, load_data

__all__ = ["DEFAULT_DATA_DIR", "DataPackage", "LoadedData", "Problem", "Table", "load_contract", "load_data"]
