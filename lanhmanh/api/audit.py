"""The API's reads in the audit trail, as the pages' reads are: a record opened through
the API (``retrieve``) is one READ of that record; a list, which hands a program the rows
of a whole scope page by page, is one EXPORT per page with its filters and row count."""

from __future__ import annotations

from lanhmanh.core.audit import AuditAction, audit


class AuditedReadMixin:
    """For a ``ReadOnlyModelViewSet``: records each successful retrieve and list."""

    def get_object(self):
        obj = super().get_object()
        self._audited_object = obj  # the record the path named, fetched through the scope
        return obj

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        if 200 <= response.status_code < 300:
            audit(request, AuditAction.READ, self._audited_object, api=self.basename)
        return response

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        if 200 <= response.status_code < 300:
            data = response.data
            rows = data.get("results", ()) if isinstance(data, dict) else data
            audit(
                request,
                AuditAction.EXPORT,
                api=self.basename,
                rows=len(rows),
                # Nested: a parameter named like one of audit()'s own (ip…) is only data.
                query=dict(request.query_params.items()),
            )
        return response
