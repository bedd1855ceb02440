"""The client's tests, against a live server: VERBATIM_URL (default http://127.0.0.1:4000) and
VERBATIM_KEY (an EDITOR or ADMIN key). Run: python3 -m unittest discover -s clients/python/tests"""

import http.server
import json
import os
import sys
import threading
import time
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from verbatim import Verbatim, VerbatimError, to_dataframe  # noqa: E402

URL = os.environ.get("VERBATIM_URL", "http://127.0.0.1:4000")
KEY = os.environ.get("VERBATIM_KEY")
RUN = uuid.uuid4().hex[:8]
# An emoji is one code point but two UTF-16 units: offsets after it tell the two apart.
BODY = "The council met in Amarah 🙂 on Friday. Its spokesman said the road would reopen. Nobody objected."

try:
    import pandas  # noqa: F401

    HAVE_PANDAS = True
except ImportError:
    HAVE_PANDAS = False


class LiveServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = Verbatim(URL, key=KEY)
        ingested = cls.client.ingest_article(
            title=f"Client test {RUN}",
            body=BODY,
            source={"name": "Client Test Wire", "domain": "client-test.example"},
            url=f"https://client-test.example/{RUN}",
            published_at="2026-01-02T08:00:00Z",
            language="en",
        )
        cls.article_id = ingested["article"]["id"]
        cls.claims = [
            cls.client.add_claim(cls.article_id, f"Claim {i} {RUN}", "REPORT", [{"exact": exact}])
            for i, exact in enumerate(["on Friday", "the road would reopen", "Nobody objected", "Amarah 🙂", "The council met"])
        ]

    def test_query_returns_data(self):
        data = self.client.query("query($id: ID!) { node(id: $id) { id ... on Article { title } } }", {"id": self.article_id})
        self.assertEqual(data["node"]["title"], f"Client test {RUN}")

    def test_errors_carry_the_code_and_field(self):
        with self.assertRaises(VerbatimError) as caught:
            self.client.query("{ claims(first: 101) { totalCount } }")
        self.assertEqual(caught.exception.code, "BAD_USER_INPUT")
        with self.assertRaises(VerbatimError) as caught:
            Verbatim(URL, key="vbt_not-a-real-key").query("{ claims(first: 1) { totalCount } }")
        self.assertEqual(caught.exception.code, "UNAUTHENTICATED")

    def test_ingest_is_idempotent_by_url(self):
        again = self.client.ingest_article(
            title=f"Client test {RUN}", body=BODY, source={"name": "Client Test Wire", "domain": "client-test.example"}, url=f"https://client-test.example/{RUN}"
        )
        self.assertFalse(again["created"])
        self.assertEqual(again["article"]["id"], self.article_id)

    def test_claims_iterator_walks_every_page(self):
        walked = list(self.client.claims(filter={"articleId": self.article_id}, page_size=2))
        self.assertEqual([claim["id"] for claim in walked], [claim["id"] for claim in self.claims])

    def test_provenance_slices_in_code_points(self):
        chain = self.client.provenance(self.claims[3]["id"])
        span = chain["evidence"][0]
        self.assertEqual(span["text"], "Amarah 🙂")
        self.assertEqual(chain["article"]["body"][span["start"] : span["end"]], span["exact"])
        later = self.client.provenance(self.claims[1]["id"])["evidence"][0]
        self.assertEqual(BODY[later["start"] : later["end"]], "the road would reopen")

    def test_ingest_many_answers_a_line_per_article(self):
        articles = [
            {"title": "Bulk one", "body": "A first bulk text.", "source": {"name": "Bulk"}, "url": f"https://bulk.example/{RUN}/1"},
            {"title": "Bulk one", "body": "A first bulk text.", "source": {"name": "Bulk"}, "url": f"https://bulk.example/{RUN}/1"},
            {"title": "", "body": "No title.", "source": {"name": "Bulk"}},
        ]
        results = list(self.client.ingest_many(articles))
        self.assertEqual([result["status"] for result in results], ["created", "skipped", "refused"])
        self.assertEqual(results[2]["error"]["code"], "BAD_USER_INPUT")

    def test_export_csv(self):
        lines = list(self.client.export("claims", "csv", articleId=self.article_id))
        self.assertTrue(lines[0].startswith("claim_id,text,kind"))
        self.assertEqual(sum(1 for line in lines[1:] if line.strip()), len(self.claims))

    @unittest.skipUnless(HAVE_PANDAS, "pandas is not installed")
    def test_to_dataframe_flattens(self):
        frame = to_dataframe(self.client.claims(filter={"articleId": self.article_id}))
        self.assertEqual(len(frame), len(self.claims))
        self.assertIn("article.url", frame.columns)


class RetryTest(unittest.TestCase):
    """Against a stand-in server that refuses twice, then answers."""

    def serve(self, answers):
        calls = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                self.rfile.read(int(self.headers["content-length"]))
                status, headers, body = answers[min(len(calls), len(answers) - 1)]
                calls.append(time.monotonic())
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(json.dumps(body).encode())

            def log_message(self, *args):
                pass

        server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        return f"http://127.0.0.1:{server.server_port}", calls

    def test_rate_limited_is_retried_after_retry_after(self):
        limited = (429, {"Retry-After": "0"}, {"errors": [{"message": "slow down", "extensions": {"code": "RATE_LIMITED", "retryAfter": 0}}]})
        url, calls = self.serve([limited, limited, (200, {}, {"data": {"ok": True}})])
        self.assertEqual(Verbatim(url, backoff=0.01).query("{ ok }"), {"ok": True})
        self.assertEqual(len(calls), 3)

    def test_retryable_outage_backs_off_then_gives_up(self):
        outage = (503, {}, {"errors": [{"message": "unavailable", "extensions": {"code": "INTERNAL_SERVER_ERROR", "retryable": True}}]})
        url, calls = self.serve([outage])
        with self.assertRaises(VerbatimError) as caught:
            Verbatim(url, max_retries=2, backoff=0.01).query("{ ok }")
        self.assertTrue(caught.exception.retryable)
        self.assertEqual(len(calls), 3)

    def test_a_refusal_is_not_retried(self):
        refusal = (400, {}, {"errors": [{"message": "bad", "extensions": {"code": "BAD_USER_INPUT", "field": "first"}}]})
        url, calls = self.serve([refusal])
        with self.assertRaises(VerbatimError) as caught:
            Verbatim(url).query("{ ok }")
        self.assertEqual((caught.exception.code, caught.exception.field), ("BAD_USER_INPUT", "first"))
        self.assertEqual(len(calls), 1)


if __name__ == "__main__":
    unittest.main()
