"""Verbatim's Python client: GraphQL over plain HTTP, standard library only.

    from verbatim import Verbatim
    client = Verbatim("http://localhost:4000", key="vbt_...")
    for claim in client.claims(filter={"status": "ACCEPTED"}):
        print(claim["text"])
"""

from .client import Verbatim, VerbatimError
from .frames import to_dataframe
from .provenance import ProvenanceError, codepoint_slice

__all__ = ["Verbatim", "VerbatimError", "ProvenanceError", "to_dataframe", "codepoint_slice"]
__version__ = "0.1.0"
