"""pandas helpers; pandas is imported only when asked for."""


def to_dataframe(rows, sep="."):
    """Rows (an iterator of dicts, e.g. client.claims()) as a pandas DataFrame, nested fields
    flattened to columns such as "claimant.name"."""
    try:
        import pandas as pd
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("to_dataframe needs pandas: pip install pandas (or apt install python3-pandas)") from error
    return pd.json_normalize(list(rows), sep=sep)
