"""Reading the call log into pandas fast: rows through the bare cursor, and
moments the database gave as text parsed in one pass."""

import numpy as np
import pandas as pd
from django.core.exceptions import EmptyResultSet
from django.db import connection


def frame_of(queryset, columns: list[str]) -> pd.DataFrame:
    """A queryset's rows as a frame through the bare cursor: no per-row
    conversion in Python (moments come as the database gives them)."""
    try:
        sql, params = queryset.values_list(*columns).query.sql_with_params()
    except EmptyResultSet:  # a filter no row can pass, such as pk__in=[]
        return pd.DataFrame(columns=columns)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return pd.DataFrame.from_records(rows, columns=columns)


def utc_moments(values: pd.Series) -> np.ndarray:
    """Moments given as text (any ISO 8601 form, with an offset or in UTC) as
    naive UTC ``datetime64[ns]``."""
    moments = pd.to_datetime(values, format="ISO8601", utc=True)
    return moments.dt.tz_localize(None).to_numpy("datetime64[ns]")
