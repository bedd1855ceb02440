"""The Verbatim client: queries, paging, retries, provenance, ingest and claims."""

import json
import random
import time
import urllib.error
import urllib.parse
import urllib.request

from .errors import VerbatimError
from .provenance import ProvenanceError, codepoint_slice

CLAIM_FIELDS = """id text kind status visibility updatedAt
  claimant { id name kind } subjects { id name }
  article { id url title publishedAt }
  evidence { start end exact prefix suffix }
  extraction { method agent confidence createdAt }"""
EVENT_FIELDS = """id type subType description date endDate datePrecision fatalities
  place { name admin1 admin2 country latitude longitude }
  participants { role actor { id name kind } }"""
ACTOR_FIELDS = "id name kind description aliases { name language }"
ARTICLE_FIELDS = "id url title publishedAt language contentHash sentenceCount source { id name domain }"

CONNECTIONS = {
    "claims": ("ClaimFilter", CLAIM_FIELDS),
    "events": ("EventFilter", EVENT_FIELDS),
    "actors": ("ActorFilter", ACTOR_FIELDS),
    "articles": ("ArticleFilter", ARTICLE_FIELDS),
}

PROVENANCE = """query Provenance($id: ID!) { node(id: $id) { ... on Claim {
  id text kind status claimant { id name }
  extraction { method agent version confidence createdAt }
  article { id url title contentHash body source { name domain } }
  evidence { start end exact prefix suffix }
} } }"""

INGEST = """mutation Ingest($input: IngestArticleInput!) {
  ingestArticle(input: $input) { created article { id url sentenceCount } } }"""

ADD_CLAIM = """mutation AddClaim($input: AddClaimInput!) {
  addClaim(input: $input) { id text kind status evidence { start end exact } } }"""


class Verbatim:
    """A client for one Verbatim server.

    url: the server ("http://localhost:4000") or its GraphQL endpoint (".../graphql").
    key: an API key; without one, only PUBLIC data can be read.
    Retryable failures (RATE_LIMITED, a database briefly unavailable, 502-504) are retried up
    to max_retries times, waiting Retry-After when the server gives it, else backing off.
    """

    def __init__(self, url="http://localhost:4000", key=None, timeout=60, max_retries=4, backoff=0.5, user_agent="verbatim-python/0.1"):
        base = url.rstrip("/")
        self.base_url = base[: -len("/graphql")] if base.endswith("/graphql") else base
        self.key = key
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.user_agent = user_agent

    # -- HTTP ---------------------------------------------------------------------------------

    def _headers(self, content_type="application/json"):
        headers = {"content-type": content_type, "accept": "application/json", "user-agent": self.user_agent}
        if self.key:
            headers["authorization"] = f"Bearer {self.key}"
        return headers

    def _send(self, path, body=None, content_type="application/json", method="POST", stream=False):
        """One request with retries; returns the open response (stream) or its parsed JSON."""
        attempt = 0
        while True:
            request = urllib.request.Request(self.base_url + path, data=body, method=method, headers=self._headers(content_type))
            try:
                response = urllib.request.urlopen(request, timeout=self.timeout)
                return response if stream else json.loads(response.read().decode("utf-8"))
            except urllib.error.HTTPError as http_error:
                error = self._error_of(http_error)
            except urllib.error.URLError as url_error:
                error = VerbatimError(f"cannot reach {self.base_url}: {url_error.reason}", "INTERNAL_SERVER_ERROR", retryable=True)
            if not error.retryable or attempt >= self.max_retries:
                raise error
            time.sleep(self._wait(attempt, error.retry_after))
            attempt += 1

    def _error_of(self, http_error):
        retry_after = http_error.headers.get("retry-after")
        retry_after = float(retry_after) if retry_after and retry_after.replace(".", "", 1).isdigit() else None
        try:
            payload = json.loads(http_error.read().decode("utf-8"))
        except ValueError:
            payload = {}
        errors = payload.get("errors") or [{"message": f"HTTP {http_error.code}", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]
        error = VerbatimError.from_errors(errors, http_error.code, retry_after)
        if http_error.code in (502, 503, 504):
            error.retryable = True
        return error

    def _wait(self, attempt, retry_after):
        if retry_after is not None:
            return float(retry_after)
        return self.backoff * (2**attempt) * (0.5 + random.random())

    # -- GraphQL ------------------------------------------------------------------------------

    def query(self, document, variables=None):
        """Runs a GraphQL document and returns its `data`; any error is raised as VerbatimError."""
        # Absent, not null: the server treats an explicit null filter as an error on some fields.
        present = {name: value for name, value in (variables or {}).items() if value is not None}
        body = json.dumps({"query": document, "variables": present}).encode("utf-8")
        payload = self._send("/graphql", body)
        if payload.get("errors"):
            error = VerbatimError.from_errors(payload["errors"])
            if error.retryable:
                # A retryable error inside a 200 answer: retry the whole query like any other.
                for attempt in range(self.max_retries):
                    time.sleep(self._wait(attempt, error.retry_after))
                    payload = self._send("/graphql", body)
                    if not payload.get("errors"):
                        return payload["data"]
                    error = VerbatimError.from_errors(payload["errors"])
            raise error
        return payload["data"]

    def paginate(self, field, fields, filter=None, page_size=100, filter_type=None, **arguments):
        """Yields every node of a connection field (`claims`, `events`, ...) page after page."""
        filter_type = filter_type or CONNECTIONS[field][0]
        extra = "".join(f", ${name}: {kind}" for name, (kind, _) in arguments.items())
        passed = "".join(f", {name}: ${name}" for name in arguments)
        document = (
            f"query Page($first: Int!, $after: String, $filter: {filter_type}{extra}) "
            f"{{ page: {field}(first: $first, after: $after, filter: $filter{passed}) "
            f"{{ pageInfo {{ hasNextPage endCursor }} nodes {{ {fields} }} }} }}"
        )
        variables = {"first": page_size, "after": None, "filter": filter, **{name: value for name, (_, value) in arguments.items()}}
        while True:
            page = self.query(document, variables)["page"]
            yield from page["nodes"]
            if not page["pageInfo"]["hasNextPage"]:
                return
            variables["after"] = page["pageInfo"]["endCursor"]

    def claims(self, filter=None, page_size=100, fields=CLAIM_FIELDS):
        """Every claim you may see that meets the ClaimFilter (e.g. {"status": "ACCEPTED"})."""
        return self.paginate("claims", fields, filter, page_size)

    def events(self, filter=None, page_size=100, fields=EVENT_FIELDS):
        return self.paginate("events", fields, filter, page_size)

    def actors(self, filter=None, page_size=100, fields=ACTOR_FIELDS):
        return self.paginate("actors", fields, filter, page_size)

    def articles(self, filter=None, page_size=100, fields=ARTICLE_FIELDS):
        return self.paginate("articles", fields, filter, page_size)

    def event_counts(self, group_by="MONTH", filter=None):
        """[{"key": "2026-01", "count": 3}, ...]: for a chart."""
        document = "query Counts($g: EventCountGroup!, $f: EventFilter) { eventCounts(groupBy: $g, filter: $f) { key count } }"
        return self.query(document, {"g": group_by, "f": filter})["eventCounts"]

    # -- provenance ---------------------------------------------------------------------------

    def provenance(self, claim_id):
        """The claim, its article and each evidence span, every span checked:
        body[start:end] == exact (code points). Raises ProvenanceError if one does not hold."""
        claim = self.query(PROVENANCE, {"id": claim_id})["node"]
        if claim is None:
            raise VerbatimError("Claim not found (or not visible to your key)", "NOT_FOUND")
        body = claim["article"]["body"]
        spans = []
        for span in claim["evidence"]:
            text = codepoint_slice(body, span["start"], span["end"])
            if text != span["exact"]:
                raise ProvenanceError(f"evidence [{span['start']}:{span['end']}] slices {text!r}, not {span['exact']!r}")
            before = codepoint_slice(body, max(0, span["start"] - len(span["prefix"])), span["start"])
            spans.append({**span, "text": text, "context": before + "[" + text + "]" + body[span["end"] : span["end"] + len(span["suffix"])]})
        return {"claim": claim, "article": claim["article"], "evidence": spans}

    # -- writing ------------------------------------------------------------------------------

    def ingest_article(self, title, body, source, url=None, published_at=None, language=None, extract=None):
        """Stores an article (idempotent by url): returns {"created": bool, "article": {...}}."""
        article = {"title": title, "body": body, "source": source}
        for name, value in (("url", url), ("publishedAt", published_at), ("language", language), ("extract", extract)):
            if value is not None:
                article[name] = value
        return self.query(INGEST, {"input": article})["ingestArticle"]

    def ingest_many(self, articles):
        """POST /ingest: many IngestArticleInput dicts as NDJSON; yields one result per article
        ({"line", "status": created|skipped|refused, "articleId", "error"})."""
        body = "".join(json.dumps(article, ensure_ascii=False) + "\n" for article in articles).encode("utf-8")
        response = self._send("/ingest", body, content_type="application/x-ndjson", stream=True)
        with response:
            for line in response:
                if line.strip():
                    yield json.loads(line)

    def add_claim(self, article_id, text, kind, evidence, claimant_id=None, subject_ids=None, event_ids=None, visibility=None, confidence=None):
        """Records a claim. evidence: [{"exact": "..."}] or [{"start": 0, "end": 10}] spans of the article."""
        claim = {"articleId": article_id, "text": text, "kind": kind, "evidence": evidence}
        for name, value in (
            ("claimantId", claimant_id),
            ("subjectIds", subject_ids),
            ("eventIds", event_ids),
            ("visibility", visibility),
            ("confidence", confidence),
        ):
            if value is not None:
                claim[name] = value
        return self.query(ADD_CLAIM, {"input": claim})["addClaim"]

    # -- exports ------------------------------------------------------------------------------

    def export(self, kind, format="ndjson", **filter):
        """GET /export/<kind>.<format>: yields parsed records (ndjson, jsonld) or CSV lines as text."""
        query = urllib.parse.urlencode({name: value for name, value in filter.items() if value is not None})
        path = f"/export/{kind}.{format}" + (f"?{query}" if query else "")
        response = self._send(path, method="GET", stream=True)
        with response:
            for line in response:
                text = line.decode("utf-8")
                if format == "csv":
                    yield text
                elif text.strip():
                    yield json.loads(text)
