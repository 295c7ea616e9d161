"""Filtering a queryset to a (possibly large) set of primary keys in one query.

``pk__in=[...]`` binds one SQL parameter per key, and SQLite refuses more than
32,766. A search matching tens of thousands of documents passes the keys as one
JSON (SQLite) or array (PostgreSQL) parameter instead.
"""

import json

from django.db import connections
from django.db.models.expressions import RawSQL

SMALL_SET = 500
INTEGER_KEYS = {"AutoField", "BigAutoField", "IntegerField", "BigIntegerField"}


def filter_by_pks(queryset, pks):
    pks = list(pks)
    if not pks:
        return queryset.none()
    if len(pks) <= SMALL_SET:
        return queryset.filter(pk__in=pks)
    connection = connections[queryset.db]
    pk_field = queryset.model._meta.pk
    column = pk_field
    while column.is_relation:  # a child page's key is its parent link
        column = column.target_field
    if column.get_internal_type() in INTEGER_KEYS and all(
        type(pk) is int for pk in pks
    ):
        # Integer keys need no preparing (thousands of them, facet after facet).
        values = pks
    else:
        values = [pk_field.get_db_prep_value(pk, connection) for pk in pks]
    if connection.vendor == "sqlite":
        subquery = RawSQL("SELECT value FROM json_each(%s)", [json.dumps(values)])
    elif connection.vendor == "postgresql":
        subquery = RawSQL("SELECT unnest(%s)", [values])
    else:
        return queryset.filter(pk__in=pks)
    return queryset.filter(pk__in=subquery)
